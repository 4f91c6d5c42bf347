/**
 * Losing one machine, for real on loopback: a primary and a replica (AOF, appendfsync always)
 * under three sentinels, two app nodes in Sentinel mode (REDIS_WAIT_REPLICAS=1), consoles
 * writing and an alarm sending, when the machine that runs the Redis primary and app node B is
 * lost: both SIGKILLed at once. That host comes back once the sentinels have promoted the
 * replica (a supervisor restarting its services): Redis as a replica of the new primary, node B
 * on its port. The console on node B is the real one (the client's store and socket), which
 * must show "återansluter" and carry on without a reload.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoredEvent } from '../shared/events';
import { connectRedis, ready } from '../server/redis/connection';
import { RedisEventStore } from '../server/store/redisEventStore';
import { spawnServer, type ServerProcess } from './support/process';
import { everyoneCalledList, startSmsGateway } from './support/alarmScenario';
import {
  connectConsole,
  login,
  newCommandId,
  tempDataDir,
  type TestConsole,
} from './support/server';
import { waitFor } from './support/redis';
import { createConsoleStore, type Console } from '../client/src/store/console';
import { connect, type Connection } from '../client/src/store/connection';
import { lookup } from '../shared/domain/keyed';
import { haveSentinel, SENTINEL_NAME, startTopology, type Topology } from './support/sentinel';

jest.setTimeout(150_000);

const PREFIX = 'lbfo';
const PEOPLE = Array.from({ length: 12 }, (_, i) => ({
  contactId: `p-${i}`,
  name: `Person ${i}`,
  phone: `+4670200${String(i).padStart(4, '0')}`,
}));

interface Acked {
  id: string;
  seq: number;
  sentAt: number;
  ackedAt: number;
}

const run = haveSentinel() ? describe : describe.skip;
if (!haveSentinel()) console.warn('failover test skipped: redis-sentinel is not installed');

run('failover', () => {
  let topo: Topology;
  let dataDir: string;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  const nodes: ServerProcess[] = [];
  const consoles: TestConsole[] = [];
  const realConsoles: Connection[] = [];
  let env: (id: string, port?: number) => Record<string, string>;

  beforeAll(async () => {
    topo = await startTopology();
    sms = await startSmsGateway({ delayMs: 150 });
    dataDir = tempDataDir('lb-failover-');
    env = (id: string, port?: number) => ({
      REDIS_SENTINELS: topo.sentinelList,
      REDIS_SENTINEL_NAME: SENTINEL_NAME,
      REDIS_WAIT_TIMEOUT_MS: '500',
      REDIS_PREFIX: PREFIX,
      PORT: String(port ?? 0),
      DEMO: 'on',
      NODE_ID: id,
      DATA_DIR: path.join(dataDir, id),
      SESSION_SECRET: '',
      SMS_GATEWAY_URL: sms.url,
      ALARM_SEND_CONCURRENCY: '2',
    });
    nodes.push(
      ...(await Promise.all([spawnServer(env('a'), 45_000), spawnServer(env('b'), 45_000)])),
    );
  });

  afterAll(async () => {
    for (const c of consoles.splice(0)) c.close();
    for (const c of realConsoles.splice(0)) c.close();
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await sms?.close();
    await topo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async (node: ServerProcess, user: string) => {
    const c = await connectConsole(node.url, await login(node.url, user));
    consoles.push(c);
    return c;
  };

  /** The console as the browser runs it: signed in from /api/me, then the socket, retrying. */
  async function openRealConsole(node: ServerProcess, user: string) {
    const cookie = await login(node.url, user);
    const store = createConsoleStore({ storage: null });
    const me = (await (await fetch(`${node.url}/api/me`, { headers: { cookie } })).json()) as {
      user: Parameters<Console['signedIn']>[0];
    };
    store.getState().signedIn(me.user);
    const statuses: { status: string; at: number }[] = [];
    store.subscribe((s, prev) => {
      if (s.connection.status !== prev.connection.status)
        statuses.push({ status: s.connection.status, at: Date.now() });
    });
    const conn = connect(store, node.url, {
      socket: { extraHeaders: { cookie }, transports: ['websocket'] },
    });
    realConsoles.push(conn);
    await waitFor(() => store.getState().connection.status === 'live', 15_000, 'console live');
    return { store, conn, statuses };
  }

  /** What the console's outbox does: the same id again until ok (or a real refusal). */
  async function untilOk(
    c: TestConsole,
    type: string,
    payload: unknown,
    answers: Map<string, number>,
    id = newCommandId(),
  ): Promise<Acked> {
    for (;;) {
      const sentAt = Date.now();
      const ack = await Promise.race([
        c.command(type, payload, { id }),
        sleep(5000).then(() => null),
      ]);
      const code = ack === null ? 'no answer' : ack.ok ? 'ok' : ack.error.code;
      answers.set(code, (answers.get(code) ?? 0) + 1);
      if (ack?.ok) return { id, seq: ack.seq, sentAt, ackedAt: Date.now() };
      if (ack && !ack.ok && !['NOT_CONFIRMED', 'STORAGE_UNAVAILABLE'].includes(ack.error.code))
        throw new Error(`${type} refused: ${ack.error.code} ${ack.error.message}`);
      await sleep(200);
    }
  }

  async function storedLog(): Promise<{ events: StoredEvent[]; chainOk: boolean }> {
    const target = { sentinels: topo.sentinels, name: SENTINEL_NAME };
    const conn = connectRedis(target, 'store');
    const sub = connectRedis(target, 'subscriber');
    await Promise.all([ready(conn), ready(sub)]);
    const store = new RedisEventStore(conn, sub, { prefix: PREFIX });
    try {
      // The whole log: load() gives only what follows the latest snapshot.
      const l = await store.load('real');
      return { events: await store.read('real', 0), chainOk: l.report.chainBreak === undefined };
    } finally {
      await store.close();
    }
  }

  test('R124 R125 kill -9 of the primary: every acknowledged event survives in order, chain intact, no seq twice; consoles and the alarm carry on', async () => {
    const t0 = Date.now();
    const answers = new Map<string, number>();
    const admin = await open(nodes[0], 'admin');
    for (const p of PEOPLE) await untilOk(admin, 'alarm.saveContact', p, answers);
    await untilOk(
      admin,
      'alarm.saveList',
      everyoneCalledList('fo', 'CKL Failover', PEOPLE, ['sms']),
      answers,
    );
    const writers = [await open(nodes[0], 'stabschef'), await open(nodes[0], 'tib.farsta')];
    const watchers = [await open(nodes[0], 'ordf')];
    // On node B, on the machine that will be lost: the console a person has open.
    const real = await openRealConsole(nodes[1], 'sakord.trafik');
    const acked: Acked[][] = [[], []];
    let stop = false;
    const loops = writers.map(async (w, i) => {
      for (let n = 0; !stop; n++)
        acked[i].push(await untilOk(w, 'log.write', { text: `nod ${i} rad ${n}` }, answers));
    });
    await sleep(1500);
    const chief = await open(nodes[1], 'stabschef');
    await untilOk(
      chief,
      'alarm.start',
      { title: 'Failover', listIds: ['fo'], message: 'Hej {namn}, kom till CKL.' },
      answers,
    );
    await sleep(400);

    const killedAt = Date.now();
    const portB = Number(new URL(nodes[1].url).port);
    await Promise.all([topo.primary.kill(), nodes[1].kill('SIGKILL')]);
    await waitFor(
      async () => (await topo.currentPrimaryPort()) === topo.replica.port,
      30_000,
      'the sentinels to promote the replica',
    );
    const promotedAt = Date.now();
    // The host comes back (its supervisor restarts it) as a replica of the new primary.
    await topo.primary.start(topo.replica.port);
    const rejoinedAt = Date.now();
    // Its supervisor restarts node B on the same port; the console there comes back by itself.
    nodes[1] = await spawnServer(env('b', portB), 45_000);
    const nodeBackAt = Date.now();
    await waitFor(
      () => real.store.getState().connection.status === 'live' && real.conn.socket.connected,
      20_000,
      'the real console live again',
    );
    const consoleLiveAt = Date.now();
    // A command from that console, without a reload: its outbox sends it, and again with the
    // same id on NOT_CONFIRMED (R123), until it is acknowledged.
    const realId = real.store.getState().send('failover', 'log.write', { text: 'efter bytet' });
    await waitFor(
      () => lookup(real.store.getState().acks, 'failover')?.status === 'ok',
      30_000,
      'the real console acknowledged',
    );
    const consoleAckAt = Date.now();
    await waitFor(
      () => acked.every((a) => a.some((x) => x.sentAt >= rejoinedAt)),
      30_000,
      'both writers acknowledged again',
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}; answers ${JSON.stringify(Object.fromEntries(answers))}\n${nodes.map((n) => n.output().slice(-3000)).join('\n---\n')}`,
      );
    });
    await sleep(1500);
    stop = true;
    await Promise.all(loops);

    // The alarm finishes: everyone's first message recorded as sent.
    const sentKeys = (events: StoredEvent[]) =>
      new Set(
        events
          .filter((e) => e.type === 'alarm.sendRecorded' && (e.data as { ok: boolean }).ok)
          .map((e) => (e.data as { key: string }).key)
          .filter((k) => k.startsWith('fo~')),
      );
    let final = await storedLog();
    await waitFor(
      async () => {
        final = await storedLog();
        return sentKeys(final.events).size === PEOPLE.length;
      },
      30_000,
      'every alarm recipient recorded as sent',
    ).catch((err: Error) => {
      const sent = sentKeys(final.events);
      throw new Error(
        `${err.message}: ${[...sent].join(',')} of ${PEOPLE.length}; sms ${sms.messages.map((m) => m.to.slice(-2)).join(',')}; records ${JSON.stringify(final.events.filter((e) => e.type.startsWith('alarm.')).map((e) => [e.seq, e.type, (e.data as { key?: string }).key, (e.data as { ok?: boolean }).ok]))}\n${nodes.map((n) => n.output().slice(-4000)).join('\n---\n')}`,
      );
    });

    const { events, chainOk } = final;
    expect(chainOk).toBe(true);
    // No seq twice, none missing.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // Every acknowledged command is in the log at the seq it was told, in the order acknowledged.
    const users = ['stabschef', 'tib.farsta'];
    acked.forEach((list, i) => {
      for (const a of list) expect(events[a.seq - 1]?.commandId).toBe(`${users[i]}:${a.id}`);
      const seqs = list.map((a) => a.seq);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    });
    // Each command applied once: one contiguous run of events per command id.
    const runs: string[] = [];
    for (const e of events) if (runs.at(-1) !== e.commandId) runs.push(e.commandId);
    expect(new Set(runs).size).toBe(runs.length);
    // The real console: återansluter, then live, no reload, and its command in the log once.
    const seen = real.statuses.filter((s) => s.at >= killedAt).map((s) => s.status);
    expect(seen[0]).toBe('reconnecting');
    expect(seen.at(-1)).toBe('live');
    expect(seen).not.toContain('offline');
    expect(real.store.getState().mustReload).toBeFalsy();
    const realSeq = (lookup(real.store.getState().acks, 'failover') as { seq: number }).seq;
    expect(events[realSeq - 1]?.commandId).toBe(`sakord.trafik:${realId}`);
    await waitFor(
      () => (real.store.getState().spaces.real?.seq ?? 0) >= events.length,
      15_000,
      'the real console caught up',
    );
    // Consoles carried on (same socket, no reload) and saw the log gap-free, in order.
    for (const c of [...writers, ...watchers]) expect(c.socket.connected).toBe(true);
    for (const c of watchers) {
      await c.waitForSeq(events.length, 15_000);
      let prev = c.batches[0]?.from - 1;
      for (const b of c.batches) {
        expect(b.from).toBe(prev + 1);
        prev = b.to;
      }
      const from = c.events[0].seq;
      expect(c.events.map((e) => e.hash)).toEqual(events.slice(from - 1).map((e) => e.hash));
    }
    // Nobody lost and nobody messaged twice: the gateway (which honours the idempotency key)
    // sent each person exactly one message; what was resumed reached it as a repeat it dropped.
    for (const p of PEOPLE) expect(sms.messages.filter((m) => m.to === p.phone)).toHaveLength(1);
    const firstAfter = Math.min(
      ...acked
        .flat()
        .filter((a) => a.sentAt >= killedAt)
        .map((a) => a.ackedAt),
    );
    const figures = {
      killToPromotionMs: promotedAt - killedAt,
      killToFirstAckMs: firstAfter - killedAt,
      rejoinToFirstAckMs: firstAfter - rejoinedAt,
      killToNodeBackMs: nodeBackAt - killedAt,
      killToConsoleLiveMs: consoleLiveAt - killedAt,
      killToConsoleAckMs: consoleAckAt - killedAt,
      consoleStatuses: seen.join('→'),
      acknowledged: acked.flat().length,
      answers: Object.fromEntries(answers),
      smsSent: sms.messages.length,
      smsRepeatsDroppedByKey: sms.replayed.length,
      resumedSends: events.filter((e) => e.type === 'alarm.sendRecorded' && e.data.resumed).length,
      logLength: events.length,
      smsAt: sms.messages.map((m) => `${m.to.slice(-2)}@${m.at - killedAt}`).join(' '),
      testMs: Date.now() - t0,
    };
    console.log(`failover figures: ${JSON.stringify(figures)}`);
    expect(Date.now() - t0).toBeLessThan(90_000);
  });
});
