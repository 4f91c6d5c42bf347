/** R210–R212: informing is a duty with receipts. */
import { ACTORS, NOW } from '../../../test/support/pureLog';
import { boardLog, BOARD_ACTORS } from '../../../test/support/boardLog';
import { isRefusal, type Refusal } from '../../errors';
import { noticeOfDecision, unreadNoticesFor } from '../../views/lifecycle';

const D = ACTORS;
const dec = { basis: 'Underlag', informed: [] };
const refusal = (r: unknown): Refusal => {
  if (!isRefusal(r)) throw new Error('expected a refusal');
  return r;
};
const later = (min: number) => new Date(Date.parse(NOW) + min * 60_000).toISOString();

function raised() {
  const log = boardLog();
  const [opened] = log.ok(D.director, 'event.open', { title: 'Storm', area: { kind: 'central' } });
  const eventId = (opened.data as { eventId: string }).eventId;
  log.ok(D.director, 'event.raiseToSerious', { eventId, decision: dec });
  const decisionId = log.state.decisionOrder.at(-1) as string;
  return { log, eventId, decisionId };
}

test('R210 at serious level the chair and the presidium are notified, by name', () => {
  const { log, decisionId } = raised();
  const n = noticeOfDecision(log.state, decisionId);
  expect(n?.recipients.map((r) => [r.userId, r.as])).toEqual([
    ['ordf', 'Krisledningsnämndens ordförande'],
    ['vice.ordf', 'Kommunstyrelsens presidium'],
    ['presidium', 'Kommunstyrelsens presidium'],
  ]);
  expect(n?.recipients.every((r) => !r.readAt)).toBe(true);
});

test('R210 at extraordinary level the whole board is notified', () => {
  const { log, eventId } = raised();
  log.ok(D.chair, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec });
  const n = noticeOfDecision(log.state, log.state.decisionOrder.at(-1) as string);
  // The chair decided and is not told of their own decision.
  expect(n?.recipients.map((r) => r.userId).sort()).toEqual(
    ['ledamot.lind', 'vice.ordf', 'vice2.ordf'].sort(),
  );
});

test('R211 each recipient marks it read; the receipt names who and when; refusals change nothing', () => {
  const { log, decisionId } = raised();
  const n = noticeOfDecision(log.state, decisionId);
  const noticeId = n?.id as string;
  const before = { state: log.state, len: log.log.length };
  expect(refusal(log.run(BOARD_ACTORS.lind, 'notice.markRead', { noticeId })).code).toBe(
    'FORBIDDEN',
  );
  expect(log.state).toBe(before.state);
  expect(log.log.length).toBe(before.len);
  log.ok(D.chair, 'notice.markRead', { noticeId }, later(3));
  const read = noticeOfDecision(log.state, decisionId)?.recipients.find((r) => r.userId === 'ordf');
  expect(read).toMatchObject({ readAt: later(3), via: 'console' });
  expect(refusal(log.run(D.chair, 'notice.markRead', { noticeId })).code).toBe('CONFLICT');
});

test('R212 an unread notice is due a reminder after the set time; a read one is not', () => {
  const { log, decisionId } = raised();
  const noticeId = noticeOfDecision(log.state, decisionId)?.id as string;
  expect(unreadNoticesFor(log.state, 'presidium', later(5))[0].reminder).toBe(false);
  expect(unreadNoticesFor(log.state, 'presidium', later(15))[0].reminder).toBe(true);
  log.ok(D.observer, 'notice.markRead', { noticeId }, later(16));
  expect(unreadNoticesFor(log.state, 'presidium', later(30))).toEqual([]);
});
