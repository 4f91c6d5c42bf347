/**
 * `npm run bench:redis` (second part): what "acknowledged means replicated" costs. Durable
 * commands per second of the Redis store on a local primary (appendfsync always) with a
 * replica, appending without and with `WAIT 1`, one event per append (a lone command) and 64
 * per append (group commit under load). The bare baseline in the same run is the primary
 * without a replica. Prints a table and JSON; writes bench/results/replicated-latest.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { connectRedis, ready } from '../server/redis/connection';
import { RedisEventStore } from '../server/store/redisEventStore';
import { GENESIS_HASH } from '../server/store/hashChain';
import { makeEvents } from '../test/store.contract';
import { waitFor } from '../test/support/redis';
import { dataNode } from '../test/support/sentinel';

const SINGLES = 400;
const BATCHES = 40;
const BATCH = 64;

async function measure(port: number, prefix: string, waitReplicas: number) {
  const url = `redis://127.0.0.1:${port}/0`;
  const conn = connectRedis(url, 'store');
  const sub = connectRedis(url, 'subscriber');
  await Promise.all([ready(conn), ready(sub)]);
  const store = new RedisEventStore(conn, sub, { prefix, waitReplicas, waitTimeoutMs: 1000 });
  try {
    const evs = makeEvents('real', 1, SINGLES + BATCHES * BATCH, GENESIS_HASH);
    let t0 = performance.now();
    for (let i = 0; i < SINGLES; i++) await store.append('real', i, [evs[i]]);
    const single = SINGLES / ((performance.now() - t0) / 1000);
    t0 = performance.now();
    for (let b = 0; b < BATCHES; b++)
      await store.append(
        'real',
        SINGLES + b * BATCH,
        evs.slice(SINGLES + b * BATCH, SINGLES + (b + 1) * BATCH),
      );
    const batched = (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
    return {
      singleCommandsPerSecond: Math.round(single),
      batchedEventsPerSecond: Math.round(batched),
    };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'lb-bench-repl-'));
  const primary = await dataNode(root, 'primary');
  const replica = await dataNode(root, 'replica');
  try {
    await primary.start();
    const bare = await measure(primary.port, 'bare', 0);
    await replica.start(primary.port);
    const probe = new Redis({ port: primary.port, host: '127.0.0.1' });
    await waitFor(
      async () => /slave0:.*state=online/.test(await probe.info('replication')),
      10_000,
      'replica online',
    );
    probe.disconnect();
    const noWait = await measure(primary.port, 'nowait', 0);
    const withWait = await measure(primary.port, 'wait', 1);
    const result = {
      at: new Date().toISOString(),
      appendfsync: 'always',
      singles: SINGLES,
      batches: `${BATCHES} × ${BATCH}`,
      bare,
      replicaNoWait: noWait,
      replicaWait1: withWait,
      waitCostSingle: +(
        1 -
        withWait.singleCommandsPerSecond / noWait.singleCommandsPerSecond
      ).toFixed(3),
      waitCostBatched: +(
        1 -
        withWait.batchedEventsPerSecond / noWait.batchedEventsPerSecond
      ).toFixed(3),
    };
    console.table({
      'primary alone (bare)': bare,
      'primary + replica, no WAIT': noWait,
      'primary + replica, WAIT 1': withWait,
    });
    console.log(
      `WAIT 1 costs ${(result.waitCostSingle * 100).toFixed(0)} % of lone commands/s and ${(result.waitCostBatched * 100).toFixed(0)} % of batched events/s`,
    );
    console.log(JSON.stringify(result));
    const out = path.join(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'replicated-latest.json'), JSON.stringify(result, null, 2));
  } finally {
    await replica.kill();
    await primary.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
