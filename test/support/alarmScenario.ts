/**
 * The alarm scenario, run against any scheduler: a real server on loopback, a real
 * SMS gateway over HTTP (a local server that records what it receives), answers through the
 * one-time links. Used by test/alarm.int.test.ts (in process) and test/alarm.redis.test.ts (BullMQ).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { embeddedBackends } from '../../server/app';
import { loadChannelConfig } from '../../server/channels';
import type { Scheduler } from '../../server/jobs/scheduler';
import type { StoredEvent } from '../../shared/events';
import { connectConsole, login, startTestServer, tempDataDir, type TestServer } from './server';

export interface SmsMessage {
  to: string;
  text: string;
  reference: string;
  at: number;
}

/**
 * A local SMS provider: answers 200 {status:"accepted"} and records every message it sends.
 * It honours `Idempotency-Key` as real providers do: a key it accepted before gets the same
 * answer again and nothing is sent (`replayed`); a key whose request is still being processed
 * gets 409; a key whose request failed is processed anew. `ignoreKeys` plays a provider that
 * takes no key.
 */
export async function startSmsGateway(
  opts: { delayMs?: number; failOnceTo?: string; ignoreKeys?: boolean } = {},
): Promise<{
  url: string;
  messages: SmsMessage[];
  /** Requests answered from the key's earlier answer, nothing sent. */
  replayed: SmsMessage[];
  /** Requests, sent or not, as they arrived. */
  requests(): number;
  close(): Promise<void>;
}> {
  const messages: SmsMessage[] = [];
  const replayed: SmsMessage[] = [];
  const answers = new Map<string, string | null>(); // key → answer body, null while in progress
  let n = 0;
  let failedOnce = false;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      n += 1;
      const m = JSON.parse(body) as SmsMessage;
      const header = req.headers['idempotency-key'];
      const key = opts.ignoreKeys || typeof header !== 'string' ? undefined : header;
      if (key !== undefined && answers.has(key)) {
        const earlier = answers.get(key);
        if (earlier === null) {
          res.writeHead(409, { 'content-type': 'application/json' }).end('{"error":"in progress"}');
          return;
        }
        replayed.push({ ...m, at: Date.now() });
        res
          .writeHead(200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' })
          .end(earlier);
        return;
      }
      if (key !== undefined) answers.set(key, null);
      const fail = opts.failOnceTo !== undefined && m.to === opts.failOnceTo && !failedOnce;
      if (fail) failedOnce = true;
      setTimeout(() => {
        if (fail) {
          if (key !== undefined) answers.delete(key);
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"busy"}');
          return;
        }
        messages.push({ ...m, at: Date.now() });
        const answer = JSON.stringify({ status: 'accepted', id: `sms-${n}` });
        if (key !== undefined) answers.set(key, answer);
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      }, opts.delayMs ?? 0);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`,
    messages,
    replayed,
    requests: () => n,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const linkIn = (text: string): string => {
  const m = /(http:\/\/\S+\/k\/[A-Za-z0-9_-]{43})/.exec(text);
  if (!m) throw new Error(`no link in: ${text}`);
  return m[1];
};

export async function waitFor<T>(
  what: string,
  f: () => T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function answerByLink(
  link: string,
  form: Record<string, string>,
): Promise<{ status: number; html: string }> {
  const res = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, html: await res.text() };
}

export const PEOPLE = [
  { contactId: 'p-anna', name: 'Anna Alm', phone: '+46701000001' },
  { contactId: 'p-bertil', name: 'Bertil Ek', phone: '+46701000002' },
  { contactId: 'p-cecilia', name: 'Cecilia Ros', phone: '+46701000003' },
  { contactId: 'p-david', name: 'David Lund', phone: '+46701000004' },
];

export interface Harness {
  srv: TestServer;
  sms: Awaited<ReturnType<typeof startSmsGateway>>;
  dataDir: string;
  /** Starts (or restarts) the server on the same data directory. */
  start(): Promise<TestServer>;
  command(
    user: string,
    type: string,
    payload: unknown,
  ): Promise<{ ok: boolean; seq?: number; error?: { message: string } }>;
  events(type: string): StoredEvent[];
  smsTo(phone: string): SmsMessage[];
  close(): Promise<void>;
}

export async function alarmHarness(
  makeScheduler: () => Scheduler,
  gateway: Parameters<typeof startSmsGateway>[0] = {},
  /** `sms: false`: the gateway runs but the server is given no SMS provider. */
  opts: { sms?: boolean } = {},
): Promise<Harness> {
  const sms = await startSmsGateway(gateway);
  const dataDir = tempDataDir('lb-alarm-');
  const h: Harness = {
    srv: undefined as unknown as TestServer,
    sms,
    dataDir,
    async start() {
      h.srv = await startTestServer({ DATA_DIR: dataDir }, (c) => ({
        ...embeddedBackends(c),
        scheduler: makeScheduler(),
        channels: {
          ...loadChannelConfig({}),
          smsUrl: opts.sms === false ? undefined : sms.url,
        },
      }));
      return h.srv;
    },
    async command(user, type, payload) {
      const c = await connectConsole(h.srv.url, await login(h.srv.url, user));
      try {
        return (await c.command(type, payload)) as never;
      } finally {
        c.close();
      }
    },
    events: (type) => {
      const real = h.srv.app.spaces.get('real')!;
      return (real.eventsAfter(0) ?? []).filter((e) => e.type === type);
    },
    smsTo: (phone) => sms.messages.filter((m) => m.to === phone),
    async close() {
      await h.srv?.close();
      await sms.close();
    },
  };
  await h.start();
  return h;
}

/**
 * The saveList payload of a CKL analysis list that calls every one of `people` at once (all of
 * them needed), each with ten minutes to answer.
 */
export const everyoneCalledList = (
  listId: string,
  name: string,
  people: readonly { contactId: string }[],
  channels: string[],
) => ({
  listId,
  name,
  target: { kind: 'ckl', fn: 'analysis' },
  members: people.map((p) => p.contactId),
  quota: people.length,
  timeoutSeconds: 600,
  channels,
});

/** Contacts and one list: two called first, two reserves, quota 2. */
export async function setUpList(
  h: Harness,
  timeoutSeconds: number,
  people = PEOPLE,
): Promise<void> {
  for (const p of people) {
    const r = await h.command('admin', 'alarm.saveContact', p);
    if (!r.ok) throw new Error(r.error?.message);
  }
  const r = await h.command('admin', 'alarm.saveList', {
    listId: 'analys',
    name: 'CKL Analys',
    target: { kind: 'ckl', fn: 'analysis' },
    members: people.map((p) => p.contactId),
    quota: 2,
    timeoutSeconds,
    channels: ['sms'],
  });
  if (!r.ok) throw new Error(r.error?.message);
}
