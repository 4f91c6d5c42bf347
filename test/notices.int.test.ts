/**
 * R271–R273 against a real server, a real SMS gateway on loopback and real consoles: a notice
 * reaches who is signed in through the console and who is not through the alarm channels, each
 * hand-over recorded as it happened; the read link records the receipt; an unread notice is
 * reminded by a real job.
 */
import { InProcessScheduler } from '../server/jobs/scheduler';
import { SYSTEM_ACTOR } from '../shared/domain/actor';
import { draft } from '../shared/events';
import type { Notice } from '../shared/domain/lifecycle';
import { alarmHarness, waitFor, type Harness } from './support/alarmScenario';
import { connectConsole, login, type TestConsole } from './support/server';

const VICE_PHONE = '+46701740702';
let h: Harness;
let chair: TestConsole;
beforeAll(async () => {
  h = await alarmHarness(() => new InProcessScheduler());
  // The chair has the console open; the 1st vice chair and the presidium do not.
  chair = await connectConsole(h.srv.url, await login(h.srv.url, 'ordf'));
});
afterAll(async () => {
  chair?.close();
  await h.close();
});

const real = () => h.srv.app.spaces.get('real')!;
const notice = (id: string) => real().state.lifecycle.notices[id] as Notice;
const recipient = (id: string, userId: string) =>
  notice(id).recipients.find((r) => r.userId === userId)!;
const linkOf = (text: string) => {
  const m = /(http:\/\/\S+\/u\/[A-Za-z0-9_-]{43})/.exec(text);
  if (!m) throw new Error(`no read link in: ${text}`);
  return m[1];
};

let noticeId = '';

test('R271 the signed-in chair is reached in the console; the vice chair, not signed in, by SMS with a read link; the outbox stands in for e-mail and says so', async () => {
  const opened = await h.command('stadsdir', 'event.open', {
    title: 'Vattenläcka i Hammarby sjöstad',
    area: { kind: 'central' },
  });
  expect(opened.ok).toBe(true);
  const eventId = (h.events('event.opened').at(-1)!.data as { eventId: string }).eventId;
  const raised = await h.command('stadsdir', 'event.raiseToSerious', {
    eventId,
    decision: { basis: 'Flera förvaltningar berörs.', informed: [] },
  });
  expect(raised.ok).toBe(true);
  noticeId = real().state.lifecycle.noticeOrder.at(-1)!;
  expect(notice(noticeId).text).toContain('Vattenläcka i Hammarby sjöstad');
  await waitFor('every recipient handled', () =>
    notice(noticeId).recipients.every((r) => (r.sends ?? []).length > 0),
  );
  await waitFor('both of the vice chair’s channels', () =>
    (recipient(noticeId, 'vice.ordf').sends ?? []).length === 2 ? true : undefined,
  );
  expect(recipient(noticeId, 'ordf').sends).toEqual([
    expect.objectContaining({ n: 1, channel: 'console', ok: true }),
  ]);
  const vice = recipient(noticeId, 'vice.ordf');
  expect(vice.sends?.map((x) => [x.channel, x.via, x.ok])).toEqual([
    ['sms', undefined, true],
    ['email', 'outbox', true],
  ]);
  expect(vice.deliveredAt).toBeDefined();
  const sms = h.smsTo(VICE_PHONE);
  expect(sms).toHaveLength(1);
  expect(sms[0].text).toContain('Vattenläcka i Hammarby sjöstad');
  expect(sms[0].text).toContain('Bekräfta att du läst');
  // The presidium's observer account has no contact entry: not reached, and said so.
  const pres = recipient(noticeId, 'presidium');
  expect(pres.sends).toEqual([expect.objectContaining({ channel: 'console', ok: false })]);
  expect(pres.sends?.[0].error).toMatch(/inget telefonnummer eller e-post/);
  expect(pres.deliveredAt).toBeUndefined();
  // The outbox record holds the text, never the link (R86).
  const outboxed = h
    .events('alarm.outboxed')
    .filter((e) => (e.data as { alarmId: string }).alarmId === noticeId);
  expect(outboxed.length).toBeGreaterThan(0);
  for (const e of outboxed) expect(JSON.stringify(e.data)).not.toMatch(/\/u\//);
});

test('R273 the read link shows the notice; only its POST records the receipt, as read via the link', async () => {
  const link = linkOf(h.smsTo(VICE_PHONE)[0].text);
  const page = await fetch(link);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Vattenläcka i Hammarby sjöstad');
  expect(html).toContain('Jag har läst');
  // Opening (or a link previewer fetching) the page is no receipt.
  expect(recipient(noticeId, 'vice.ordf').readAt).toBeUndefined();
  const post = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  expect(post.status).toBe(200);
  expect(await post.text()).toMatch(/Du har läst underrättelsen \(kvitterat \d\d:\d\d\)/);
  expect(recipient(noticeId, 'vice.ordf')).toMatchObject({ via: 'link' });
  expect(recipient(noticeId, 'vice.ordf').readAt).toBeDefined();
  const again = await fetch(link, { method: 'POST' });
  expect(again.status).toBe(200);
  expect(
    h.events('notice.read').filter((e) => (e.data as { noticeId: string }).noticeId === noticeId),
  ).toHaveLength(1);
  const unknown = await fetch(link.replace(/.{4}$/, 'AAAA'));
  expect(unknown.status).toBe(404);
});

test('R272 an unread notice is reminded by the job when its time has come, through the channels again', async () => {
  const before = h.smsTo(VICE_PHONE).length;
  // A notice sent 20 minutes ago that nobody read: its reminder is due.
  await real().appendSystem(
    SYSTEM_ACTOR,
    'test:old-notice',
    [
      draft('notice.sent', {
        noticeId: 'ntc_old',
        decisionId: 'dec_old',
        text: 'Stormen är en allvarlig händelse (beslut av Maria Lindqvist).',
        recipients: [{ userId: 'vice.ordf', name: 'Jonas Berg', as: 'Kommunstyrelsens presidium' }],
      }),
    ],
    new Date(Date.now() - 20 * 60_000),
  );
  await waitFor('the reminder sent', () =>
    recipient('ntc_old', 'vice.ordf').sends?.some((x) => x.n === 2 && x.channel === 'sms'),
  );
  const r = recipient('ntc_old', 'vice.ordf');
  expect(r.remindedAt).toBeDefined();
  expect(r.sends?.filter((x) => x.channel === 'sms').map((x) => x.n)).toEqual([1, 2]);
  const sms = h.smsTo(VICE_PHONE).slice(before);
  expect(sms).toHaveLength(2);
  expect(sms[1].text).toMatch(/^PÅMINNELSE – oläst underrättelse/);
  expect(
    h
      .events('notice.reminded')
      .filter((e) => (e.data as { noticeId: string }).noticeId === 'ntc_old'),
  ).toHaveLength(1);
});
