/**
 * R86: an alarm sent over the local channel (the outbox, no provider configured) leaves no
 * answer link anywhere staff can read: not in the log, not in the live stream or a snapshot of
 * any demo account, not in `/api/log`. The link is in the server's local mailbox only, and works.
 */
import { embeddedBackends } from '../server/app';
import { loadChannelConfig } from '../server/channels';
import { PEOPLE, answerByLink, linkIn, waitFor } from './support/alarmScenario';
import { connectConsole, login, startTestServer, type TestServer } from './support/server';

jest.setTimeout(60_000);

let srv: TestServer;
afterAll(() => srv?.close());

const STAFF = [
  'admin',
  'ordf',
  'stadsdir',
  'stabschef',
  'samverkan',
  'analys',
  'info',
  'tib.farsta',
  'sakord.trafik',
];

test('R86 an alarm over the local channel logs that each message went out, never its answer link', async () => {
  srv = await startTestServer({}, (c) => ({
    ...embeddedBackends(c),
    channels: loadChannelConfig({}), // no SMS, e-mail or webhook provider: the outbox stands in
  }));
  const admin = await connectConsole(srv.url, await login(srv.url, 'admin'));
  for (const p of PEOPLE) expect((await admin.command('alarm.saveContact', p)).ok).toBe(true);
  const saved = await admin.command('alarm.saveList', {
    listId: 'r86',
    name: 'Lista R86',
    target: { kind: 'ckl', fn: 'analysis' },
    members: PEOPLE.map((p) => p.contactId),
    quota: 4,
    timeoutSeconds: 60,
    channels: ['sms', 'email'],
  });
  expect(saved.ok).toBe(true);
  admin.close();
  const lead = await connectConsole(srv.url, await login(srv.url, 'stabschef'));
  expect(
    (await lead.command('alarm.start', { title: 'R86', listIds: ['r86'], message: 'Kom.' })).ok,
  ).toBe(true);
  lead.close();

  const mailbox = srv.app.alarm.mailbox;
  await waitFor('four messages in the local mailbox', () =>
    PEOPLE.every((p) => mailbox.some((m) => m.key === `r86~${p.contactId}` && m.link)),
  );
  const tokens = mailbox.filter((m) => m.link).map((m) => m.link!.split('/k/')[1]);
  expect(tokens.length).toBeGreaterThanOrEqual(4);
  const leaks = (text: string) => tokens.filter((t) => text.includes(t));

  // The log itself: each message is recorded as delivered to the outbox, with no link.
  const log = srv.app.spaces.get('real')!.eventsAfter(0) ?? [];
  const outboxed = log.filter((e) => e.type === 'alarm.outboxed');
  expect(outboxed.length).toBeGreaterThanOrEqual(4);
  for (const e of outboxed) expect(e.data).toMatchObject({ withLink: true });
  expect(leaks(JSON.stringify(log))).toEqual([]);
  expect(JSON.stringify(log)).not.toContain('/k/');

  // Everything each staff account can read: a fresh console's snapshot or replay, and /api/log.
  for (const user of STAFF) {
    const cookie = await login(srv.url, user);
    const c = await connectConsole(srv.url, cookie);
    await waitFor(`${user}'s console caught up`, () => c.snapshots.length + c.batches.length > 0);
    expect(leaks(JSON.stringify({ s: c.snapshots, e: c.events }))).toEqual([]);
    c.close();
    const replay = await connectConsole(srv.url, cookie, 1);
    await waitFor(`${user}'s replay`, () => replay.snapshots.length + replay.batches.length > 0);
    expect(leaks(JSON.stringify({ s: replay.snapshots, e: replay.events }))).toEqual([]);
    replay.close();
    for (let after = 0; ;) {
      const res = await fetch(`${srv.url}/api/log?space=real&after=${after}&limit=5000`, {
        headers: { cookie },
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(leaks(text)).toEqual([]);
      const page = (JSON.parse(text) as { events: { seq: number }[] }).events;
      if (page.length === 0) break;
      after = page.at(-1)!.seq;
    }
  }

  // The link the mailbox holds is the person's own, and it works.
  const anna = mailbox.find((m) => m.key === `r86~${PEOPLE[0].contactId}` && m.link)!;
  const answered = await answerByLink(linkIn(anna.text), { svar: 'kommer', eta: '10' });
  expect(answered.status).toBe(200);
});
