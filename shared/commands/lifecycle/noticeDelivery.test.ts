/** R271–R273: notices outside the console, their reminder and the read link, as commands. */
import { ACTORS, NOW } from '../../../test/support/pureLog';
import { boardLog } from '../../../test/support/boardLog';
import { SYSTEM_ACTOR } from '../../domain/actor';
import { isRefusal, type Refusal } from '../../errors';
import { noticeOfDecision } from '../../views/lifecycle';
import { noticeReminderDue } from './noticeDelivery';

const D = ACTORS;
const refusal = (r: unknown): Refusal => {
  if (!isRefusal(r)) throw new Error('expected a refusal');
  return r;
};
const later = (min: number) => new Date(Date.parse(NOW) + min * 60_000).toISOString();

function raised() {
  const log = boardLog();
  const [opened] = log.ok(D.director, 'event.open', { title: 'Storm', area: { kind: 'central' } });
  const eventId = (opened.data as { eventId: string }).eventId;
  log.ok(D.director, 'event.raiseToSerious', {
    eventId,
    decision: { basis: 'Underlag', informed: [] },
  });
  const notice = () => noticeOfDecision(log.state, log.state.decisionOrder.at(-1) as string)!;
  return { log, notice };
}
const recipient = (n: ReturnType<ReturnType<typeof raised>['notice']>, userId: string) =>
  n.recipients.find((r) => r.userId === userId)!;

test('R271 each hand-over is recorded as it happened: the console, a real channel, the outbox standing in, a failure', () => {
  const { log, notice } = raised();
  const noticeId = notice().id;
  const send = (userId: string, extra: object) =>
    log.ok(SYSTEM_ACTOR, 'notice.recordSend', { noticeId, userId, n: 1, ...extra }, later(1));
  send('ordf', { channel: 'console', ok: true });
  send('vice.ordf', { channel: 'sms', ok: true });
  send('presidium', { channel: 'sms', via: 'outbox', ok: true });
  send('presidium', { channel: 'email', ok: false, error: 'leverantören svarade 550' });
  expect(recipient(notice(), 'ordf')).toMatchObject({ deliveredAt: later(1) });
  expect(recipient(notice(), 'vice.ordf').sends).toEqual([
    { n: 1, channel: 'sms', ok: true, at: later(1) },
  ]);
  // The outbox is not a delivery: the presidium is not reached, and it says so.
  const p = recipient(notice(), 'presidium');
  expect(p.deliveredAt).toBeUndefined();
  expect(p.sends?.map((x) => [x.channel, x.via, x.ok])).toEqual([
    ['sms', 'outbox', true],
    ['email', undefined, false],
  ]);
});

test('R271 only the system records a hand-over, once per message and channel; refusals change nothing', () => {
  const { log, notice } = raised();
  const noticeId = notice().id;
  const payload = { noticeId, userId: 'vice.ordf', n: 1, channel: 'sms', ok: true };
  for (const who of [D.director, D.chair, D.admin]) {
    const before = { state: log.state, len: log.log.length };
    expect(refusal(log.run(who, 'notice.recordSend', payload)).code).toBe('FORBIDDEN');
    expect(log.state).toBe(before.state);
    expect(log.log.length).toBe(before.len);
  }
  log.ok(SYSTEM_ACTOR, 'notice.recordSend', payload);
  expect(refusal(log.run(SYSTEM_ACTOR, 'notice.recordSend', payload)).code).toBe('CONFLICT');
  expect(
    refusal(log.run(SYSTEM_ACTOR, 'notice.recordSend', { ...payload, userId: 'stadsdir' })).code,
  ).toBe('NOT_FOUND');
});

test('R272 the reminder falls due after NOTICE_REMIND_MINUTES and names only the recipients still unread', () => {
  const { log, notice } = raised();
  const n = notice();
  const due = noticeReminderDue(n);
  expect(due).toBe(later(15));
  log.ok(D.chair, 'notice.markRead', { noticeId: n.id }, later(5));
  // Not before its time, and only at the time it was set for.
  expect(
    refusal(log.run(SYSTEM_ACTOR, 'notice.remind', { noticeId: n.id, due }, later(10))).code,
  ).toBe('CONFLICT');
  expect(
    refusal(log.run(SYSTEM_ACTOR, 'notice.remind', { noticeId: n.id, due: later(20) }, later(20)))
      .code,
  ).toBe('CONFLICT');
  const [ev] = log.ok(SYSTEM_ACTOR, 'notice.remind', { noticeId: n.id, due }, later(15));
  expect(ev.type).toBe('notice.reminded');
  expect((ev.data as { userIds: string[] }).userIds.sort()).toEqual(['presidium', 'vice.ordf']);
  expect(recipient(notice(), 'vice.ordf').remindedAt).toBe(later(15));
  expect(recipient(notice(), 'ordf').remindedAt).toBeUndefined();
  // Once: a second run of the job reminds nobody again.
  expect(
    refusal(log.run(SYSTEM_ACTOR, 'notice.remind', { noticeId: n.id, due }, later(16))).code,
  ).toBe('CONFLICT');
  expect(refusal(log.run(D.director, 'notice.remind', { noticeId: n.id, due })).code).toBe(
    'FORBIDDEN',
  );
});

test('R273 a read through the link is the recipient’s receipt, recorded as read via the link, once', () => {
  const { log, notice } = raised();
  const noticeId = notice().id;
  log.ok(SYSTEM_ACTOR, 'notice.recordLinkRead', { noticeId, userId: 'presidium' }, later(7));
  expect(recipient(notice(), 'presidium')).toMatchObject({ readAt: later(7), via: 'link' });
  expect(recipient(notice(), 'vice.ordf').readAt).toBeUndefined();
  expect(
    refusal(log.run(SYSTEM_ACTOR, 'notice.recordLinkRead', { noticeId, userId: 'presidium' })).code,
  ).toBe('CONFLICT');
  expect(
    refusal(log.run(D.chair, 'notice.recordLinkRead', { noticeId, userId: 'presidium' })).code,
  ).toBe('FORBIDDEN');
});
