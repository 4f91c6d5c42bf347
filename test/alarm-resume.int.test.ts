/**
 * The alarm worker killed mid-send (SIGKILL while every provider is still answering): after a
 * restart on the same data, every hand-over that was under way is resumed from its durable
 * start record with the same idempotency key. The SMS gateway (which honours the key, as real
 * providers do) sends nobody a second message; the SMTP server (no such thing in SMTP) may,
 * and the log says which e-mails were possibly sent twice. A node back before the gateway has
 * answered the dead one gets 409 for the key still in progress and tries again as the next
 * attempt (its own start, the same key), so the number of SMS attempts is the restart's timing;
 * the test holds what does not depend on it: one start per attempt, one SMS per person.
 */
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { StoredEvent } from '../shared/events';
import { describeEvent } from '../shared/report/afterAction/describe';
import { spawnServer, type ServerProcess } from './support/process';
import { everyoneCalledList, startSmsGateway, waitFor } from './support/alarmScenario';
import { connectConsole, login, tempDataDir } from './support/server';

jest.setTimeout(90_000);

const PEOPLE = Array.from({ length: 6 }, (_, i) => ({
  contactId: `r-${i}`,
  name: `Person ${i}`,
  phone: `+4670300${String(i).padStart(4, '0')}`,
  email: `person${i}@example.se`,
}));
/** Long enough that every send is in flight when the node dies, short enough for the test. */
const PROVIDER_DELAY_MS = 2500;

const procs: ServerProcess[] = [];
const dataDir = tempDataDir('lb-resume-');
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
let smtp: SMTPServer;
const mails: { to: string; at: number }[] = [];

beforeAll(async () => {
  sms = await startSmsGateway({ delayMs: PROVIDER_DELAY_MS });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      const to = session.envelope.rcptTo.map((r) => r.address).join(',');
      stream.on('data', () => undefined);
      // Accepted (and so delivered) whether or not the client is still there for the answer.
      stream.on('end', () => {
        mails.push({ to, at: Date.now() });
        setTimeout(() => cb(), PROVIDER_DELAY_MS);
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
});

afterAll(async () => {
  for (const p of procs) await p.kill('SIGKILL');
  await sms?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<ServerProcess> {
  const p = await spawnServer({
    DATA_DIR: dataDir,
    PORT: '0',
    DEMO: 'on',
    PUBLIC_URL: 'http://127.0.0.1',
    SMS_GATEWAY_URL: sms.url,
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    ALARM_SEND_TIMEOUT_MS: '20000',
  });
  procs.push(p);
  return p;
}

async function command(url: string, user: string, type: string, payload: unknown) {
  const c = await connectConsole(url, await login(url, user));
  try {
    const ack = await c.command(type, payload);
    if (!ack.ok) throw new Error(`${type}: ${ack.error.code} ${ack.error.message}`);
  } finally {
    c.close();
  }
}

async function log(url: string): Promise<StoredEvent[]> {
  const cookie = await login(url, 'admin');
  const res = await fetch(`${url}/api/log?after=0&limit=5000`, { headers: { cookie } });
  return ((await res.json()) as { events: StoredEvent[] }).events;
}

test('R128 R129 SIGKILL mid-send: every started hand-over is resumed with its key; SMS none twice, e-mail marked possibly twice', async () => {
  const first = await start();
  for (const p of PEOPLE) await command(first.url, 'admin', 'alarm.saveContact', p);
  await command(
    first.url,
    'admin',
    'alarm.saveList',
    everyoneCalledList('res', 'CKL Analys', PEOPLE, ['sms', 'email']),
  );
  await command(first.url, 'stabschef', 'alarm.start', {
    title: 'Återupptag',
    listIds: ['res'],
    message: 'Kom till CKL.',
  });
  // Every SMS request and every e-mail is with its provider, none answered yet: kill.
  await waitFor(
    'every send in flight',
    () => sms.requests() >= PEOPLE.length && mails.length >= PEOPLE.length,
    30_000,
  );
  await first.kill('SIGKILL');
  expect(sms.messages).toHaveLength(0);

  const second = await start();
  let events: StoredEvent[] = [];
  const recorded = () =>
    events.filter(
      (e): e is Extract<StoredEvent, { type: 'alarm.sendRecorded' }> =>
        e.type === 'alarm.sendRecorded' && e.data.ok && e.data.key.startsWith('res~'),
    );
  const t0 = Date.now();
  while (recorded().length < PEOPLE.length * 2) {
    if (Date.now() - t0 > 40_000)
      throw new Error(`not every send recorded:\n${second.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
    events = await log(second.url);
  }

  // R128: every outcome follows the durable start of its own attempt, one start per attempt.
  // How many attempts an SMS takes depends on the restart's speed, not on the product: a node
  // back before the gateway has answered the dead one's request gets 409 (that key still in
  // progress), which is retried as the next attempt, with its own start and the same key.
  type Started = Extract<StoredEvent, { type: 'alarm.sendStarted' }>;
  type Recorded = Extract<StoredEvent, { type: 'alarm.sendRecorded' }>;
  const starts = events.filter(
    (e): e is Started => e.type === 'alarm.sendStarted' && e.data.key.startsWith('res~'),
  );
  const outcomes = events.filter(
    (e): e is Recorded => e.type === 'alarm.sendRecorded' && e.data.key.startsWith('res~'),
  );
  const attemptOf = (e: Started | Recorded) => `${e.data.key}|${e.data.channel}|${e.data.attempt}`;
  expect(new Set(starts.map(attemptOf)).size).toBe(starts.length);
  expect(outcomes.map(attemptOf).sort()).toEqual(starts.map(attemptOf).sort());
  for (const r of outcomes) {
    const s = starts.find((e) => attemptOf(e) === attemptOf(r));
    expect(s && s.seq < r.seq).toBe(true);
    expect(s?.data.idempotencyKey).toBe(`real|${r.data.alarmId}|${r.data.key}|1|${r.data.channel}`);
    // The dead node's attempt is resumed as itself; any later one follows a 409 only.
    if (r.data.attempt === 1) expect(r.data.resumed).toBe(true);
    if (!r.data.ok) expect(r.data.error).toMatch(/409/);
  }
  // Every attempt but a message's last was that 409; nothing else was tried again.
  for (const p of PEOPLE)
    for (const channel of ['sms', 'email'] as const) {
      const mine = outcomes.filter(
        (r) => r.data.key === `res~${p.contactId}` && r.data.channel === channel,
      );
      expect(mine.map((r) => r.data.attempt)).toEqual(mine.map((_, i) => i + 1));
      expect(mine.map((r) => r.data.ok)).toEqual(mine.map((_, i) => i === mine.length - 1));
    }
  // R129: the SMS gateway sent each person one message; the resumed requests were replays
  // (answered 409 while the dead node's request was in progress, its answer again after).
  for (const p of PEOPLE) expect(sms.messages.filter((m) => m.to === p.phone)).toHaveLength(1);
  expect(sms.replayed).toHaveLength(PEOPLE.length);
  expect(recorded().every((r) => !(r.data.channel === 'sms' && r.data.possiblyTwice))).toBe(true);
  // E-mail: the server had each one when the node died, so the resumed send is a second copy:
  // recorded as possibly twice, said so in the log's words, and never a third.
  const mailRecords = recorded().filter((r) => r.data.channel === 'email');
  expect(mailRecords.every((r) => r.data.resumed && r.data.possiblyTwice)).toBe(true);
  expect(starts.filter((s) => s.data.channel === 'email')).toHaveLength(PEOPLE.length);
  expect(describeEvent(mailRecords[0])).toBe(
    'Utskick registrerat: E-post, skickat, kan ha skickats två gånger',
  );
  for (const p of PEOPLE) expect(mails.filter((m) => m.to === p.email)).toHaveLength(2);
  console.log(
    `resume: ${sms.requests()} SMS requests, ${sms.messages.length} sent, ${sms.replayed.length} replayed by key, ${starts.length} starts; ${mails.length} e-mails for ${PEOPLE.length} people`,
  );
});
