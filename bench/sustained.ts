/** Sustained durable command rate: stepped up until command→ack p99 passes 100 ms, per store. */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  compare,
  dist,
  fig,
  headSeq,
  login,
  sender,
  serverMetrics,
  sleep,
  spawnListenerWorker,
  startBare,
  startLagesbild,
  startRedis,
  tempDir,
  waitUntil,
  type Figure,
  type ListenerWorker,
  type Proc,
  type SelfMonitor,
} from './lib';
import { SERVER_CORE, workerCore, type BenchOptions } from './options';
import { comparisons, flags, loadgenFlag, log, ms } from './report';
interface Step {
  targetPerS: number;
  achievedPerS: Figure;
  ack: ReturnType<typeof dist>;
  refused: number;
  unacked: number;
  serverLoopP99: Figure | null;
  loadgen: ReturnType<SelfMonitor['read']>;
  held: boolean;
}

async function sustainedFor(store: string, opts: BenchOptions, self: SelfMonitor) {
  const dataDir = tempDir('lb-bench-rate-');
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
  const env: Record<string, string> = {};
  // 'journal-nocoalesce' is the journal with the fan-out window off (one write per batch per
  // console, as before the fix); 'bare' is the bare Socket.IO server (no durability at all).
  if (store === 'journal-nocoalesce') env.FANOUT_WINDOW_MS = '0';
  if (store.startsWith('redis-')) {
    redis = await startRedis(store.replace('redis-', ''));
    if (typeof redis === 'string') return { store, available: false, reason: redis };
    env.REDIS_URL = redis.url;
    env.REDIS_PREFIX = `bench${process.pid}`;
  }
  let srv: Proc;
  try {
    srv =
      store === 'bare'
        ? await startBare(opts.pin ? SERVER_CORE : undefined)
        : await startLagesbild({
            dataDir,
            dist: opts.dist,
            core: opts.pin ? SERVER_CORE : undefined,
            env,
          });
  } catch (err) {
    if (redis && typeof redis !== 'string') await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
    const line =
      (err as Error).message.split('\n').find((l) => /redis/i.test(l)) ??
      'the server did not start';
    return { store, available: false, reason: `not available on this branch: ${line.trim()}` };
  }
  let worker: ListenerWorker | undefined;
  try {
    const bare = store === 'bare';
    const listenerCookie = bare ? undefined : await login(srv.url, 'presidium');
    const senderCookie = bare ? undefined : await login(srv.url, 'stabschef');
    const head = await headSeq(srv.url);
    // The listening consoles in their own process: in one process with the senders, receiving
    // 100 copies of 2,000 events a second made the load generator the limit, not the server.
    worker = spawnListenerWorker(opts.pin ? workerCore(0, opts) : undefined);
    await worker.open({
      url: srv.url,
      cookie: listenerCookie,
      lastSeq: head,
      count: opts.sustainedListeners,
    });
    const senders = await Promise.all(
      Array.from({ length: 8 }, () => sender(srv.url, senderCookie)),
    );
    const steps: Step[] = [];
    let counter = 0;
    /** Sends `rate` commands/s for `seconds`, spread over the senders; resolves when all are answered. */
    const drive = async (rate: number, seconds: number) => {
      const lat: number[] = [];
      let refused = 0;
      let sent = 0;
      const inflight = new Set<Promise<unknown>>();
      const start = performance.now();
      const end = start + seconds * 1000;
      while (performance.now() < end) {
        const due = Math.floor(((performance.now() - start) / 1000) * rate);
        while (sent < due) {
          const s = senders[sent % senders.length];
          const p = s
            .send(
              'log.write',
              { text: `Belastning ${rate}/s nr ${sent}` },
              `rate-${process.pid}-${++counter}`,
            )
            .then((a) => {
              if (a.ok) lat.push(a.ms);
              else refused++;
              inflight.delete(p);
            });
          inflight.add(p);
          sent++;
        }
        await sleep(2);
      }
      const elapsed = (performance.now() - start) / 1000;
      await waitUntil(() => inflight.size === 0, 10_000, 5);
      return { lat, refused, unacked: inflight.size, elapsed };
    };
    // Warm-up, not counted: the first seconds of a fresh process are JIT compilation and
    // connection set-up, which made the lowest step look worse than the ones after it.
    if (opts.warmupSeconds > 0)
      await drive(Math.min(opts.sustainedSteps[0] ?? 100, 500), opts.warmupSeconds);
    for (const rate of opts.sustainedSteps) {
      await serverMetrics(srv.url);
      self.reset();
      const { lat, refused, unacked, elapsed } = await drive(rate, opts.stepSeconds);
      const srvFig = await serverMetrics(srv.url);
      const loadgen = self.read();
      const ack = dist(lat);
      const achieved = lat.length / elapsed;
      const held =
        ack.p99.value <= 100 && unacked === 0 && refused === 0 && achieved >= rate * 0.95;
      steps.push({
        targetPerS: rate,
        achievedPerS: fig(achieved, 'commands/s'),
        ack,
        refused,
        unacked,
        serverLoopP99: srvFig ? fig(srvFig.loopDelayMs.p99, 'ms') : null,
        loadgen,
        held,
      });
      log(
        `  ${store} ${String(rate).padStart(5)}/s: achieved ${Math.round(achieved)}/s, ack p50 ${ms(ack.p50)}, p99 ${ms(ack.p99)}, max ${ms(ack.max)}; server loop p99 ${srvFig?.loopDelayMs.p99 ?? '–'} ms; loadgen loop p99 ${loadgen.loopDelayP99Ms} ms, CPU ${Math.round(loadgen.cpuShare * 100)} %${held ? '' : '  ← not held'}`,
      );
      if (!held) {
        loadgenFlag(`sustained ${store} ${rate}/s`, loadgen, ack.p99.value);
        break;
      }
      await sleep(300);
    }
    const finalHead = await headSeq(srv.url);
    const end = await worker.collect({}, 15_000, finalHead);
    await worker.close();
    const gaps = end.gaps;
    const duplicates = end.duplicates;
    const behind = end.minLastSeq < finalHead ? 1 : 0;
    const missed = opts.sustainedListeners * (finalHead - head) - end.received;
    if (gaps || duplicates || behind || missed)
      flags.push({
        where: `sustained ${store}`,
        message: `${gaps} gaps, ${duplicates} duplicates, ${missed} missed, ${behind} consoles behind`,
      });
    for (const s of senders) s.close();
    const best = steps.filter((s) => s.held).at(-1);
    return {
      store,
      available: true,
      listeners: opts.sustainedListeners,
      highestHeld: fig(best?.targetPerS ?? 0, 'commands/s'),
      listenersGaps: gaps,
      listenersDuplicates: duplicates,
      listenersMissed: missed,
      steps,
    };
  } finally {
    await worker?.close();
    await srv.kill();
    if (redis && typeof redis !== 'string') await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchSustained(opts: BenchOptions, self: SelfMonitor) {
  log(
    `\n== Sustained durable commands (${opts.sustainedListeners} consoles listening; p99 command→ack ≤ 100 ms)`,
  );
  const out: Awaited<ReturnType<typeof sustainedFor>>[] = [];
  for (const store of opts.stores) {
    const r = await sustainedFor(store, opts, self);
    if (!r.available) log(`  ${store}: skipped – ${'reason' in r ? r.reason : ''}`);
    else log(`  ${store}: highest rate held ${ms(r.highestHeld as Figure)}`);
    out.push(r);
  }
  const held = (name: string) => {
    const r = out.find((x) => x.store === name);
    return r && r.available && 'highestHeld' in r ? (r.highestHeld as Figure) : null;
  };
  const journal = held('journal');
  for (const other of ['bare', 'journal-nocoalesce']) {
    const b = held(other);
    if (journal && b)
      comparisons[`sustained.highestHeld.journal-vs-${other}`] = compare(
        journal,
        b,
        other === 'bare' ? '≥ 2,000 commands/s (higher is better)' : undefined,
      );
  }
  return out;
}
