/**
 * `npm run bench:redis`: the scaled-out mode's costs, each on a private redis-server.
 *  1. Append latency of the Redis store with `appendfsync always` vs `everysec`.
 *  2. Fan-out: a command on node A reaching consoles on node A (single-node path) vs on node B
 *     (cross-node path: Redis append → notification → B catches up → B fans out), same run.
 * Prints a table and writes bench/results/redis-latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectRedis, ready } from '../server/redis/connection';
import { RedisEventStore } from '../server/store/redisEventStore';
import { GENESIS_HASH } from '../server/store/hashChain';
import { makeEvents } from '../test/store.contract';
import { spawnServer } from '../test/support/process';
import { connectConsole, login, tempDataDir, type TestConsole } from '../test/support/server';
import { startOwnRedis } from '../test/support/redis';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const summary = (xs: number[]) => ({
  n: xs.length,
  p50: +pct(xs, 50).toFixed(2),
  p95: +pct(xs, 95).toFixed(2),
  p99: +pct(xs, 99).toFixed(2),
});

async function appendLatency(fsync: 'always' | 'everysec', n: number) {
  const redis = await startOwnRedis(fsync);
  const conn = connectRedis(redis.url, 'store');
  const sub = connectRedis(redis.url, 'subscriber');
  await Promise.all([ready(conn), ready(sub)]);
  const store = new RedisEventStore(conn, sub, { prefix: 'bench' });
  try {
    await store.load('real');
    const evs = makeEvents('real', 1, n + 64 * 50, GENESIS_HASH);
    const single: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await store.append('real', i, [evs[i]]);
      single.push(performance.now() - t0);
    }
    // Batches of 64, as the group commit makes under load.
    const t0 = performance.now();
    for (let b = 0; b < 50; b++)
      await store.append('real', n + b * 64, evs.slice(n + b * 64, n + (b + 1) * 64));
    const batchRate = Math.round((64 * 50) / ((performance.now() - t0) / 1000));
    return { fsync, single: summary(single), batchedEventsPerSecond: batchRate };
  } finally {
    await store.close();
    await redis.stop();
  }
}

async function fanOut(rounds: number, consolesPerNode: number) {
  const redis = await startOwnRedis('always');
  const dir = tempDataDir('lb-bench-');
  const env = (id: string) => ({
    REDIS_URL: redis.url,
    PORT: '0',
    DEMO: 'on',
    NODE_ID: id,
    DATA_DIR: path.join(dir, id),
    SESSION_SECRET: '',
  });
  const [a, b] = await Promise.all([spawnServer(env('a'), 60_000), spawnServer(env('b'), 60_000)]);
  const all: TestConsole[] = [];
  try {
    const cookie = await login(a.url, 'ordf');
    const cookieB = await login(b.url, 'ordf');
    const onA: TestConsole[] = [];
    const onB: TestConsole[] = [];
    for (let i = 0; i < consolesPerNode; i++) {
      onA.push(await connectConsole(a.url, cookie));
      onB.push(await connectConsole(b.url, cookieB));
    }
    all.push(...onA, ...onB);
    const writer = await connectConsole(a.url, await login(a.url, 'stabschef'));
    all.push(writer);
    const local: number[] = [];
    const cross: number[] = [];
    const arrival = (cs: TestConsole[], seq: number, t0: number, into: number[]) =>
      Promise.all(
        cs.map(
          (c) =>
            new Promise<void>((resolve) => {
              const on = (evs: { seq: number }[]) => {
                if (!evs.some((e) => e.seq === seq)) return;
                into.push(performance.now() - t0);
                c.socket.off('events', on);
                resolve();
              };
              c.socket.on('events', on);
            }),
        ),
      );
    const start = (
      (await (await fetch(`${a.url}/healthz`)).json()) as { spaces: { real: { seq: number } } }
    ).spaces.real.seq;
    for (const c of all) await c.waitForSeq(start, 10_000);
    for (let r = 0; r < rounds; r++) {
      const seq = start + r + 1;
      const t0 = performance.now();
      const done = Promise.all([arrival(onA, seq, t0, local), arrival(onB, seq, t0, cross)]);
      const ack = await writer.command('log.write', { text: `mätning ${r}` });
      if (!ack.ok || ack.seq !== seq) throw new Error(`unexpected ack ${JSON.stringify(ack)}`);
      await done;
    }
    return { rounds, consolesPerNode, sameNode: summary(local), crossNode: summary(cross) };
  } finally {
    for (const c of all) c.close();
    await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    await redis.stop();
  }
}

async function main(): Promise<void> {
  const appends = [await appendLatency('always', 500), await appendLatency('everysec', 500)];
  const fan = await fanOut(200, 10);
  const result = { at: new Date().toISOString(), appends, fanOut: fan };
  console.table(
    appends.map((a) => ({
      appendfsync: a.fsync,
      'append p50 ms': a.single.p50,
      'append p99 ms': a.single.p99,
      'batched events/s': a.batchedEventsPerSecond,
    })),
  );
  console.table({ 'same node': fan.sameNode, 'cross node': fan.crossNode });
  const out = path.join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'redis-latest.json'), JSON.stringify(result, null, 2));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
