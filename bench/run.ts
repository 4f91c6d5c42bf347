/**
 * `npm run bench` — how fast, how many, against a bare Socket.IO baseline in the same run.
 * docs/benchmarks.md explains every measure, the options and the latest figures.
 *
 *   npm run bench                  full mode (≈ 10–15 min)
 *   npm run bench -- --quick       under two minutes
 *   npm run bench -- --tiny        a few seconds (CI: bench/bench.int.test.ts)
 *   options: --n=100,1000 --rates=1,10 --duration=10 --only=fanout,sustained,latejoin,storm,
 *            alarm,client,firstload,abuse --stores=journal,redis-everysec,redis-always --late-join-events=50000
 *            (reads: the late-join history read back, exported; --only=reads)
 *            --storm=1000 --markers=500 --step-seconds=3 --spread=4 --dist --no-pin --out=FILE
 *            --silent
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { StoredEvent } from '../shared/events';
import { ALARM_SCENARIOS, type AlarmScenario } from './alarm';
import { benchFirstLoad } from './firstLoad';
import { benchAbuse } from './abuse';
import { benchReads } from './reads';
import { writeHistory } from './history';
import {
  ROOT,
  SelfMonitor,
  closeAll,
  compare,
  dist,
  fig,
  freePort,
  hasTaskset,
  headSeq,
  listen,
  listenMany,
  login,
  percentile,
  pinSelf,
  sender,
  serverMetrics,
  sleep,
  sourceAddress,
  spawnListenerWorker,
  spawnNode,
  startLagesbild,
  startRedis,
  tempDir,
  waitUntil,
  wallMs,
  type Comparison,
  type Figure,
  type ListenerWorker,
  type Proc,
  type Sender,
  type ServerFigures,
} from './lib';

// ------------------------------------------------------------------------------------------
// Options
// ------------------------------------------------------------------------------------------

const SECTIONS = [
  'fanout',
  'sustained',
  'latejoin',
  'storm',
  'alarm',
  'client',
  'firstload',
  'abuse',
  'reads',
] as const;
type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  mode: 'full' | 'quick' | 'tiny';
  ns: number[];
  rates: number[];
  duration: number;
  /** Fan-out rounds per console count, Lägesbild and bare alternating who goes first. */
  rounds: number;
  sustainedListeners: number;
  sustainedSteps: number[];
  stepSeconds: number;
  /** Seconds of load before the first sustained step, not counted. */
  warmupSeconds: number;
  lateJoinEvents: number;
  markers: number;
  stormConsoles: number;
  alarmPeople: number;
  alarmScenarios: AlarmScenario[];
  stores: string[];
  only: Section[];
  dist: boolean;
  pin: boolean;
  spread: number;
  /** Listener processes for the fan-out (default: one per 1,250 consoles, at most 4). */
  workers?: number;
  out: string;
}

export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (m) flags.set(m[1], m[2] ?? 'true');
  }
  const mode = flags.has('tiny') ? 'tiny' : flags.has('quick') ? 'quick' : 'full';
  const preset = {
    full: {
      ns: [100, 1000, 5000],
      rates: [1, 10],
      duration: 12,
      sustainedListeners: 100,
      stepSeconds: 3,
      lateJoinEvents: 50_000,
      markers: 500,
      stormConsoles: 1000,
      alarmPeople: 1000,
    },
    quick: {
      ns: [50, 300],
      rates: [1, 10],
      duration: 4,
      sustainedListeners: 100,
      stepSeconds: 2,
      lateJoinEvents: 10_000,
      markers: 500,
      stormConsoles: 200,
      alarmPeople: 200,
    },
    tiny: {
      ns: [4],
      rates: [10],
      duration: 1,
      sustainedListeners: 4,
      stepSeconds: 1,
      lateJoinEvents: 300,
      markers: 20,
      stormConsoles: 6,
      alarmPeople: 20,
    },
  }[mode];
  const list = (k: string, d: number[]) =>
    flags.has(k) ? (flags.get(k) as string).split(',').map(Number).filter(Number.isFinite) : d;
  const num = (k: string, d: number) => (flags.has(k) ? Number(flags.get(k)) : d);
  const only = flags.has('only')
    ? ((flags.get('only') as string)
        .split(',')
        .filter((s) => (SECTIONS as readonly string[]).includes(s)) as Section[])
    : mode === 'tiny'
      ? (['fanout', 'sustained', 'latejoin', 'storm', 'alarm', 'abuse'] as Section[])
      : [...SECTIONS];
  return {
    mode,
    ns: list('n', preset.ns),
    rates: list('rates', preset.rates),
    duration: num('duration', preset.duration),
    rounds: Math.max(1, num('rounds', mode === 'full' ? 3 : 1)),
    sustainedListeners: num('listeners', preset.sustainedListeners),
    sustainedSteps:
      mode === 'tiny'
        ? list('steps', [50, 100])
        : mode === 'quick'
          ? list('steps', [250, 1000, 2000, 3000])
          : list('steps', [500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000]),
    stepSeconds: num('step-seconds', preset.stepSeconds),
    warmupSeconds: num('warmup-seconds', mode === 'tiny' ? 0 : mode === 'quick' ? 1 : 2),
    lateJoinEvents: num('late-join-events', preset.lateJoinEvents),
    markers: num('markers', preset.markers),
    stormConsoles: num('storm', preset.stormConsoles),
    alarmPeople: num('alarm-people', preset.alarmPeople),
    alarmScenarios: (flags.get('alarm-scenarios') ?? ALARM_SCENARIOS.join(','))
      .split(',')
      .filter((x): x is AlarmScenario => (ALARM_SCENARIOS as readonly string[]).includes(x)),
    stores: (
      flags.get('stores') ??
      (mode === 'full'
        ? 'journal,journal-nocoalesce,bare,redis-everysec,redis-always'
        : 'journal,bare,redis-always')
    ).split(','),
    only,
    dist: flags.has('dist'),
    pin: !flags.has('no-pin'),
    spread: num('spread', 4),
    workers: flags.has('workers') ? num('workers', 1) : undefined,
    out: path.resolve(flags.get('out') ?? path.join(ROOT, 'bench', 'results', 'latest.json')),
  };
}

// Cores: servers on 0, the load generator on 1 (where there are two).
const SERVER_CORE = 0;
const LOADGEN_CORE = 1;

let silent = false;
const log = (s: string) => {
  if (!silent) console.log(s);
};
const ms = (f: Figure) => `${f.value} ${f.unit}`;

interface Flag {
  where: string;
  message: string;
}
const flags: Flag[] = [];
const comparisons: Record<string, Comparison> = {};

function loadgenFlag(where: string, self: ReturnType<SelfMonitor['read']>, p99: number): void {
  if (self.cpuShare > 0.9 || (self.loopDelayP99Ms > 20 && self.loopDelayP99Ms > p99 * 0.5))
    flags.push({
      where,
      message: `the load generator may have been the bottleneck (its event-loop delay p99 ${self.loopDelayP99Ms} ms, CPU ${Math.round(self.cpuShare * 100)} %)`,
    });
}

// ------------------------------------------------------------------------------------------
// Fan-out latency
// ------------------------------------------------------------------------------------------

interface FanoutRun {
  target: 'lagesbild' | 'bare';
  round: number;
  consoles: number;
  ratePerS: number;
  commands: number;
  latency: ReturnType<typeof dist>;
  slowestConsoleP99: Figure;
  missingDeliveries: number;
  gaps: number;
  duplicates: number;
  serverLoopDelay: { p50: Figure; p99: Figure; max: Figure } | null;
  serverCpu: Figure | null;
  /** The server's resident memory with these consoles connected. */
  serverRss: Figure | null;
  loadgen: ReturnType<SelfMonitor['read']> & { processes: number };
}

/** How many listener processes carry `n` consoles: one per 1,250, at most 4 (`--workers`). */
function workersFor(n: number, opts: BenchOptions): number {
  return Math.max(1, Math.min(n, opts.workers ?? Math.min(4, Math.ceil(n / 1250))));
}

/** The cores the listener processes run on: every core but the servers', else the load generator's. */
function workerCore(w: number, opts: BenchOptions): number | undefined {
  if (!opts.pin) return undefined;
  const n = cpus().length;
  return n > 2 ? 1 + (w % (n - 1)) : LOADGEN_CORE;
}

async function fanoutAgainst(
  target: 'lagesbild' | 'bare',
  url: string,
  n: number,
  opts: BenchOptions,
  self: SelfMonitor,
  cookies: { listener?: string; sender?: string },
  sample: { event?: StoredEvent },
  round = 0,
): Promise<FanoutRun[]> {
  const head = await headSeq(url);
  const t0c = performance.now();
  // The listening consoles live in their own processes (split load generator), each with its
  // own source address once there is more than one, so receiving n copies of every event is
  // not the sender's event loop's work.
  const w = workersFor(n, opts);
  const workers = Array.from({ length: w }, (_, i) => spawnListenerWorker(workerCore(i, opts)));
  const runs: FanoutRun[] = [];
  try {
    await Promise.all(
      workers.map((wk, i) =>
        wk.open({
          url,
          cookie: cookies.listener,
          lastSeq: head,
          count: Math.floor(n / w) + (i < n % w ? 1 : 0),
          localAddress:
            w > 1 || n > 2000 ? `127.0.0.${1 + (i % Math.max(1, opts.spread))}` : undefined,
        }),
      ),
    );
    log(
      `  ${target}: ${n} consoles connected in ${Math.round(performance.now() - t0c)} ms (${w} listener process${w > 1 ? 'es' : ''})`,
    );
    const snd: Sender = await sender(url, cookies.sender);
    // The sender is a console too: its own copy of an event is the sample for the bare server.
    if (target === 'lagesbild')
      snd.socket.on('events', (evs: StoredEvent[]) => {
        sample.event ??= evs.find((e) => e.type === 'log.written');
      });
    const senderUser = target === 'lagesbild' ? 'stabschef' : 'bare';
    const text = 'Lägesrapport: strömavbrottet i Söderort består, reservkraft i drift. '.repeat(4);
    let counter = 0;
    let sent: Record<string, number> = {};
    const sendOne = () => {
      const id = `fan-${process.pid}-${n}-${++counter}-${Date.now()}`;
      sent[`${senderUser}:${id}`] = wallMs();
      return snd.send('log.write', { text }, id);
    };
    if (target === 'bare' && sample.event)
      await new Promise<void>((r) => snd.socket.emit('setup', sample.event, () => r()));
    // Warm-up (not counted): JIT, buffers; also yields the sample event for the bare server.
    for (let i = 0; i < 3; i++) await sendOne();
    await Promise.all(workers.map((wk) => wk.collect(sent, 15_000)));
    for (const rate of opts.rates) {
      const total = Math.max(2, Math.round(rate * opts.duration));
      sent = {};
      await serverMetrics(url);
      self.reset();
      const start = performance.now();
      const acks: Promise<unknown>[] = [];
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        acks.push(sendOne());
      }
      await Promise.all(acks);
      const parts = await Promise.all(workers.map((wk) => wk.collect(sent, 15_000)));
      const srv = await serverMetrics(url);
      const me = self.read();
      const loadgen = {
        // The worst event loop among the load generator's processes, and their CPU together.
        loopDelayP99Ms: Math.max(me.loopDelayP99Ms, ...parts.map((p) => p.loadgen.loopDelayP99Ms)),
        loopDelayMaxMs: Math.max(me.loopDelayMaxMs, ...parts.map((p) => p.loadgen.loopDelayMaxMs)),
        cpuShare:
          Math.round((me.cpuShare + parts.reduce((a, p) => a + p.loadgen.cpuShare, 0)) * 100) / 100,
        processes: w + 1,
      };
      const collect = parts.flatMap((p) => p.latencies);
      const missing = parts.reduce((a, p) => a + p.missing, 0);
      const latency = dist(collect);
      const run: FanoutRun = {
        target,
        round,
        consoles: n,
        ratePerS: rate,
        commands: total,
        latency,
        slowestConsoleP99: fig(
          Math.max(...parts.flatMap((p) => p.perConsoleP99).filter(Number.isFinite)),
          'ms',
        ),
        missingDeliveries: missing,
        gaps: parts.reduce((a, p) => a + p.gaps, 0),
        duplicates: parts.reduce((a, p) => a + p.duplicates, 0),
        serverLoopDelay: srv ? loopFigs(srv) : null,
        serverCpu: srv
          ? fig(((srv.cpuUserMs + srv.cpuSystemMs) / (performance.now() - start)) * 100, '%')
          : null,
        serverRss: srv ? fig(srv.rssMb, 'MB') : null,
        loadgen,
      };
      // Several processes share the load generator's core: flag when together they fill it.
      loadgenFlag(
        `fanout ${target} n=${n} rate=${rate}/s`,
        { ...loadgen, cpuShare: opts.pin && cpus().length <= 2 ? loadgen.cpuShare : me.cpuShare },
        latency.p99.value,
      );
      if (run.gaps || run.duplicates || run.missingDeliveries)
        flags.push({
          where: `fanout ${target} n=${n} rate=${rate}/s`,
          message: `${run.gaps} gaps, ${run.duplicates} duplicates, ${run.missingDeliveries} missing deliveries`,
        });
      log(
        `  ${target.padEnd(9)} n=${String(n).padStart(5)} ${String(rate).padStart(3)}/s: p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}, slowest console p99 ${ms(run.slowestConsoleP99)}; server loop p99 ${run.serverLoopDelay ? ms(run.serverLoopDelay.p99) : '–'}, RSS ${run.serverRss ? ms(run.serverRss) : '–'}; loadgen loop p99 ${loadgen.loopDelayP99Ms} ms, CPU ${Math.round(loadgen.cpuShare * 100)} %; gaps ${run.gaps}, dups ${run.duplicates}, missing ${missing}`,
      );
      runs.push(run);
    }
    snd.close();
  } finally {
    await Promise.all(workers.map((wk) => wk.close()));
  }
  await sleep(Math.min(3000, 200 + n / 2));
  return runs;
}

function loopFigs(s: ServerFigures) {
  return {
    p50: fig(s.loopDelayMs.p50, 'ms'),
    p99: fig(s.loopDelayMs.p99, 'ms'),
    max: fig(s.loopDelayMs.max, 'ms'),
  };
}

async function benchFanout(opts: BenchOptions, self: SelfMonitor) {
  log(
    `\n== Fan-out latency (consoles ${opts.ns.join(', ')}; ${opts.rates.join(', ')} commands/s; ${opts.duration} s each)`,
  );
  const dataDir = tempDir('lb-bench-fan-');
  const real = await startLagesbild({
    dataDir,
    dist: opts.dist,
    core: opts.pin ? SERVER_CORE : undefined,
  });
  const bare = await spawnNode(
    path.join(ROOT, 'bench', 'bare-server.ts'),
    { BENCH_METRICS: '1' },
    {
      core: opts.pin ? SERVER_CORE : undefined,
    },
  );
  const runs: FanoutRun[] = [];
  try {
    const cookies = {
      listener: await login(real.url, 'presidium'),
      sender: await login(real.url, 'stabschef'),
    };
    const sample: { event?: StoredEvent } = {};
    for (const n of opts.ns) {
      // Rounds with the order alternating: on a shared machine the load drifts over minutes,
      // and one pair of runs can land on either side of a change. The comparison is of the
      // medians over the rounds; every round is in the JSON.
      for (let round = 0; round < opts.rounds; round++) {
        const order: ('lagesbild' | 'bare')[] =
          round % 2 === 0 ? ['lagesbild', 'bare'] : ['bare', 'lagesbild'];
        for (const t of order)
          runs.push(
            ...(t === 'lagesbild'
              ? await fanoutAgainst('lagesbild', real.url, n, opts, self, cookies, sample, round)
              : await fanoutAgainst('bare', bare.url, n, opts, self, {}, sample, round)),
          );
      }
      for (const rate of opts.rates) {
        const of = (target: FanoutRun['target']) =>
          runs.filter((r) => r.target === target && r.consoles === n && r.ratePerS === rate);
        const a = of('lagesbild');
        const b = of('bare');
        if (a.length === 0 || b.length === 0) continue;
        const med = (rs: FanoutRun[], f: (r: FanoutRun) => Figure) =>
          fig(percentile(Float64Array.from(rs.map((r) => f(r).value)).sort(), 50), 'ms');
        const target = n >= 1000 ? '≤ 1.25× bare' : undefined;
        const key = `n${n}.r${rate}`;
        comparisons[`fanout.p99.${key}`] = compare(
          med(a, (r) => r.latency.p99),
          med(b, (r) => r.latency.p99),
          target,
        );
        comparisons[`fanout.slowestConsoleP99.${key}`] = compare(
          med(a, (r) => r.slowestConsoleP99),
          med(b, (r) => r.slowestConsoleP99),
        );
        comparisons[`fanout.p50.${key}`] = compare(
          med(a, (r) => r.latency.p50),
          med(b, (r) => r.latency.p50),
        );
        const perRound = a
          .map((r) => {
            const x = b.find((y) => y.round === r.round);
            return x ? (r.latency.p99.value / x.latency.p99.value).toFixed(2) : '–';
          })
          .join(', ');
        log(
          `  ratio n=${n} ${rate}/s (median of ${a.length} round${a.length > 1 ? 's' : ''}): p99 ${comparisons[`fanout.p99.${key}`].ratio}×, p50 ${comparisons[`fanout.p50.${key}`].ratio}× bare; p99 per round ${perRound}`,
        );
      }
    }
    const eventBytes = sample.event ? Buffer.byteLength(JSON.stringify(sample.event)) : NaN;
    return { eventBytes: fig(eventBytes, 'bytes'), runs };
  } finally {
    await real.kill();
    await bare.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------
// Sustained durable command rate
// ------------------------------------------------------------------------------------------

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
        ? await spawnNode(
            path.join(ROOT, 'bench', 'bare-server.ts'),
            { BENCH_METRICS: '1' },
            {
              core: opts.pin ? SERVER_CORE : undefined,
            },
          )
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

async function benchSustained(opts: BenchOptions, self: SelfMonitor) {
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

// ------------------------------------------------------------------------------------------
// A crisis with a long history (late join, client)
// ------------------------------------------------------------------------------------------

async function benchLateJoin(
  opts: BenchOptions,
  history: { dataDir: string; seq: number },
  srv: Proc,
) {
  log(`\n== Late join (a crisis with ${history.seq} events in its history)`);
  const cookie = await login(srv.url, 'ordf');
  const snd = await sender(srv.url, await login(srv.url, 'stabschef'));
  const joins: { stateMs: number; liveMs: number; bytes: number }[] = [];
  for (let k = 0; k < (opts.mode === 'tiny' ? 2 : 5); k++) {
    const head = await headSeq(srv.url);
    const t0 = performance.now();
    const l = await listen({ url: srv.url, cookie, lastSeq: 0 });
    await waitUntil(() => l.lastSeq >= head, 20_000, 1);
    const stateMs = performance.now() - t0;
    const id = `late-${process.pid}-${k}-${Date.now()}`;
    const t1 = performance.now();
    await snd.send('log.write', { text: 'Ny händelse efter anslutning.' }, id);
    await waitUntil(() => l.lastSeq >= head + 1, 10_000, 1);
    const liveMs = performance.now() - t1;
    const engine = (
      l.socket.io as unknown as {
        engine: { transport: { ws?: { _socket?: { bytesRead: number } } } };
      }
    ).engine;
    const bytes = engine.transport.ws?._socket?.bytesRead ?? NaN;
    joins.push({ stateMs, liveMs, bytes });
    l.close();
    await sleep(100);
  }
  const state = dist(joins.map((j) => j.stateMs));
  const result = {
    historyEvents: history.seq,
    joins: joins.length,
    timeToFullState: state,
    timeFirstLiveEvent: dist(joins.map((j) => j.liveMs)),
    bytesReceived: fig(
      percentile(
        joins.map((j) => j.bytes).sort((a, b) => a - b),
        50,
      ),
      'bytes',
    ),
    target: 'full state in < 1 s at 50,000 events',
  };
  log(
    `  full state: median ${ms(state.p50)}, max ${ms(state.max)}; ${Math.round(result.bytesReceived.value / 1024)} KiB over the wire; first live event after ${ms(result.timeFirstLiveEvent.p50)}`,
  );
  snd.close();
  return result;
}

// ------------------------------------------------------------------------------------------
// Reconnect storm
// ------------------------------------------------------------------------------------------

async function benchStorm(opts: BenchOptions) {
  const n = opts.stormConsoles;
  log(`\n== Reconnect storm (${n} consoles; server SIGKILLed and restarted)`);
  const dataDir = tempDir('lb-bench-storm-');
  const port = await freePort();
  const core = opts.pin ? SERVER_CORE : undefined;
  let srv = await startLagesbild({ dataDir, dist: opts.dist, core, port });
  try {
    const cookie = await login(srv.url, 'presidium');
    const sndCookie = await login(srv.url, 'stabschef');
    const head0 = await headSeq(srv.url);
    const listeners = await listenMany(n, (i) => ({
      url: srv.url,
      cookie,
      lastSeq: head0,
      reconnect: true,
      localAddress: sourceAddress(i, n, opts.spread),
    }));
    let snd = await sender(srv.url, sndCookie);
    let c = 0;
    for (let i = 0; i < 20; i++)
      await snd.send('log.write', { text: `Före avbrottet ${i}` }, `storm-a-${process.pid}-${++c}`);
    // A burst still in flight when the server dies: acknowledged ones must reach everyone.
    for (let i = 0; i < 50; i++)
      void snd.send('log.write', { text: `Under avbrottet ${i}` }, `storm-b-${process.pid}-${++c}`);
    await sleep(15);
    const tKill = performance.now();
    await srv.kill('SIGKILL');
    snd.close();
    const tSpawn = performance.now();
    srv = await startLagesbild({ dataDir, dist: opts.dist, core, port });
    const tUp = performance.now();
    const head1 = await headSeq(srv.url);
    const ok = await waitUntil(
      () => listeners.every((l) => l.socket.connected && l.lastSeq >= head1),
      60_000,
      5,
    );
    const tCaught = performance.now();
    // Live again: a few more events reach everyone, exactly once.
    snd = await sender(srv.url, await login(srv.url, 'stabschef'));
    for (let i = 0; i < 5; i++)
      await snd.send(
        'log.write',
        { text: `Efter avbrottet ${i}` },
        `storm-c-${process.pid}-${++c}`,
      );
    const head2 = await headSeq(srv.url);
    await waitUntil(() => listeners.every((l) => l.lastSeq >= head2), 20_000, 5);
    const gaps = listeners.reduce((a, l) => a + l.gaps, 0);
    const duplicates = listeners.reduce((a, l) => a + l.duplicates, 0);
    const snapshots = listeners.reduce((a, l) => a + l.snapshots, 0);
    const missed = listeners.reduce(
      (a, l) => a + (l.snapshots ? 0 : head2 - head0 - l.received),
      0,
    );
    const behind = listeners.filter((l) => l.lastSeq < head2).length;
    closeAll(listeners);
    snd.close();
    const result = {
      consoles: n,
      eventsDuringRun: head2 - head0,
      acknowledgedBeforeKill: head1 - head0,
      restartToListening: fig(tUp - tSpawn, 'ms'),
      listeningToAllCaughtUp: fig(tCaught - tUp, 'ms'),
      killToAllCaughtUp: fig(tCaught - tKill, 'ms'),
      allCaughtUp: ok,
      gaps,
      duplicates,
      missed,
      snapshotsSent: snapshots,
      consolesBehind: behind,
      target: '1,000 consoles caught up in < 5 s',
    };
    if (!ok || gaps || duplicates || missed || behind)
      flags.push({
        where: 'storm',
        message: `caught up ${ok}; ${gaps} gaps, ${duplicates} duplicates, ${missed} missed, ${behind} behind`,
      });
    log(
      `  restart ${ms(result.restartToListening)}; listening → all ${n} caught up ${ms(result.listeningToAllCaughtUp)} (kill → caught up ${ms(result.killToAllCaughtUp)}); gaps ${gaps}, duplicates ${duplicates}, missed ${missed}, snapshots ${snapshots}`,
    );
    return result;
  } finally {
    await srv.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------
// Alarm dispatch (bench/alarm.ts, written with the alarm module)
// ------------------------------------------------------------------------------------------

async function benchAlarm(opts: BenchOptions) {
  const people = opts.alarmPeople;
  log(`\n== Alarm dispatch (${people} people, simulated SMS provider, a node killed mid-run)`);
  const { runAlarmBench, summarise } = await import('./alarm');
  // Short silence timeouts in the small modes, so the escalation timers fire within seconds.
  const timeout = opts.mode === 'full' ? 8 : opts.mode === 'quick' ? 3 : 2;
  const r = await runAlarmBench({
    people,
    timeoutSeconds: timeout,
    dist: opts.dist,
    scenarios: opts.alarmScenarios,
    serverCore: opts.pin ? SERVER_CORE : undefined,
    loadgenCore: opts.pin ? LOADGEN_CORE : undefined,
  });
  log(
    summarise(r)
      .split('\n')
      .map((l) => `  ${l.trim()}`)
      .join('\n'),
  );
  const scenarios = r.scenarios.map((s) => {
    if (!s.available) return { scenario: s.scenario, available: false, reason: s.reason };
    comparisons[`alarm.allFirstMessages.${s.scenario}`] = compare(
      fig(s.allFirstMessagesMs, 'ms'),
      fig(r.baseline.allFirstMessagesMs, 'ms'),
      '< 2 s for 1,000 people, 0 lost',
    );
    if (s.lost || s.duplicates)
      flags.push({
        where: `alarm ${s.scenario}`,
        message: `${s.lost} first messages lost, ${s.duplicates} sent twice`,
      });
    return {
      scenario: s.scenario,
      available: true,
      ...(s.killedAtMs !== undefined
        ? { killedAt: fig(s.killedAtMs, 'ms'), firstMessagesOutAtKill: s.firstOutAtKill }
        : {}),
      allFirstMessages: fig(s.allFirstMessagesMs, 'ms'),
      halfFirstMessages: fig(s.halfFirstMessagesMs, 'ms'),
      p99FirstMessages: fig(s.p99FirstMessagesMs, 'ms'),
      lost: s.lost,
      firstReplacedByReminder: s.firstReplacedByReminder,
      duplicates: s.duplicates,
      resumedSends: s.resumed,
      repeatsDroppedByKey: s.replayedByKey,
      keyConflicts: s.keyConflicts,
      retriedSends: s.retries,
      timerLateness: {
        count: s.timers.count,
        p50: fig(s.timers.p50Ms, 'ms'),
        p99: fig(s.timers.p99Ms, 'ms'),
        max: fig(s.timers.maxMs, 'ms'),
      },
    };
  });
  return {
    available: true,
    people: r.people,
    provider: r.provider,
    baselineAllFirstMessages: fig(r.baseline.allFirstMessagesMs, 'ms'),
    baselineLost: r.baseline.lost,
    scenarios,
    ratios: r.ratios,
    targets:
      'every first message of 1,000 handed over in < 2 s, 0 lost, 0 sent twice, with a node killed too; Redis within 1.5× of embedded; timers late < 1 s at p99',
  };
}

// ------------------------------------------------------------------------------------------
// Client: bundle size and time to show the crisis
// ------------------------------------------------------------------------------------------

/**
 * The selector the console sets once the crisis is on screen. Contract with the console:
 * `document.documentElement` (or any element) gets `data-ready="true"` when the state is
 * loaded and the map has drawn its districts and markers. Until then the bench falls back to
 * the map's district paths (`.leaflet-overlay-pane path`).
 */
export const READY_SELECTOR = '[data-ready="true"]';

/** Builds the client unless a current build (with its precompressed copies) is there. */
function ensureClientBuilt(): string | null {
  if (existsSync(path.join(ROOT, 'dist', 'client', 'index.html.br'))) return null;
  log('  building the client (npm run build:client)…');
  const b = spawnSync('npm', ['run', 'build:client'], { cwd: ROOT, encoding: 'utf8' });
  return b.status === 0 ? null : `build failed: ${b.stderr.slice(-400)}`;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

async function benchClient(
  opts: BenchOptions,
  srv: Proc | null,
  districts: number,
  markers: number,
) {
  log('\n== Client');
  const distDir = path.join(ROOT, 'dist', 'client');
  const unbuilt = ensureClientBuilt();
  if (unbuilt) return { available: false, reason: unbuilt };
  const files = walk(distDir).filter((f) => /\.(js|css|html|json|svg)$/.test(f));
  const perType: Record<string, number> = {};
  let gz = 0;
  let raw = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    const g = gzipSync(buf, { level: 9 }).length;
    const ext = path.extname(f).slice(1);
    perType[ext] = (perType[ext] ?? 0) + g;
    gz += g;
    raw += buf.length;
  }
  const size = {
    gzipTotal: fig(gz / 1024, 'KiB'),
    rawTotal: fig(raw / 1024, 'KiB'),
    gzipByType: Object.fromEntries(
      Object.entries(perType).map(([k, v]) => [k, fig(v / 1024, 'KiB')]),
    ),
    target: '< 300 KB gzip before map tiles',
  };
  log(`  built client: ${ms(size.gzipTotal)} gzip (${ms(size.rawTotal)} raw)`);
  if (!srv) return { size, render: { available: false, reason: 'no server' } };
  let render: Record<string, unknown>;
  try {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const cookie = await login(srv.url, 'ordf');
      const [name, value] = cookie.split('=');
      const times: number[] = [];
      let how = '';
      let markerEls = 0;
      let districtEls = 0;
      for (let k = 0; k < 3; k++) {
        const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
        await ctx.addCookies([{ name, value, url: srv.url }]);
        const page = await ctx.newPage();
        const t0 = performance.now();
        await page.goto(srv.url, { waitUntil: 'commit' });
        const found = await page
          .waitForFunction(
            ({ sel, d }) =>
              document.querySelector(sel)
                ? 'data-ready'
                : document.querySelectorAll('.leaflet-overlay-pane path').length >= d
                  ? 'district-paths'
                  : null,
            { sel: READY_SELECTOR, d: districts },
            { timeout: opts.mode === 'tiny' ? 3000 : 15_000, polling: 'raf' },
          )
          .then((h) => h.jsonValue() as Promise<string>)
          .catch(() => null);
        if (found) {
          times.push(performance.now() - t0);
          how = found;
        } else {
          await page.waitForLoadState('load');
          // The page's own load time, not the time spent waiting for a marker that never came.
          times.push(
            await page.evaluate(
              () =>
                (
                  window.performance.getEntriesByType(
                    'navigation',
                  )[0] as PerformanceNavigationTiming
                ).loadEventEnd,
            ),
          );
          how = 'load event only (the console shows no map or ready marker yet)';
        }
        markerEls = await page.evaluate(
          () =>
            document.querySelectorAll(
              '.leaflet-marker-icon, .leaflet-marker-pane > *, [data-marker-id]',
            ).length,
        );
        districtEls = await page.evaluate(
          () => document.querySelectorAll('.leaflet-overlay-pane path').length,
        );
        await ctx.close();
      }
      const d = dist(times);
      render = {
        available: true,
        waitedFor: how,
        timeToShow: d,
        districtsInState: districts,
        markersInState: markers,
        districtPathsSeen: districtEls,
        markerElementsSeen: markerEls,
      };
      log(
        `  time to show the crisis (${districts} districts, ${markers} markers): median ${ms(d.p50)}, max ${ms(d.max)} — waited for: ${how}`,
      );
    } finally {
      await browser.close();
    }
  } catch (err) {
    render = { available: false, reason: (err as Error).message.split('\n')[0] };
    log(`  render: skipped – ${render.reason as string}`);
  }
  return { size, render };
}

// ------------------------------------------------------------------------------------------

function machine() {
  const cpu =
    readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? cpus()[0]?.model;
  return {
    nproc: cpus().length,
    cpuModel: cpu,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadavgAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    taskset: hasTaskset,
  };
}

export async function runBench(argv: string[]): Promise<Record<string, unknown>> {
  const opts = parseOptions(argv);
  silent = argv.includes('--silent');
  const t0 = performance.now();
  flags.length = 0;
  for (const k of Object.keys(comparisons)) delete comparisons[k];
  const pinned = opts.pin && cpus().length > 1 && pinSelf(LOADGEN_CORE);
  if (!pinned) opts.pin = false;
  const m = machine();
  log(
    `Lägesbild benchmark (${opts.mode}) on ${m.nproc} × ${m.cpuModel}, ${m.memoryGiB} GiB, node ${m.node}; load average ${m.loadavgAtStart.join(' ')}; ${pinned ? `servers on core ${SERVER_CORE}, load generator on core ${LOADGEN_CORE}` : 'not pinned'}`,
  );
  const self = new SelfMonitor();
  const result: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    machine: m,
    options: opts,
  };
  const has = (s: Section) => opts.only.includes(s);
  // Servers index the built client when they start: build it before any of them.
  if (has('client') || has('firstload')) ensureClientBuilt();
  try {
    if (has('fanout')) result.fanout = await benchFanout(opts, self);
    if (has('sustained')) result.sustained = await benchSustained(opts, self);
    if (has('latejoin') || has('client') || has('reads')) {
      const tw = performance.now();
      const history = await writeHistory(opts.lateJoinEvents, opts.markers);
      log(
        `\n(wrote a history of ${history.seq} events through the pipeline in ${Math.round(performance.now() - tw)} ms)`,
      );
      const ts = performance.now();
      const srv = await startLagesbild({
        dataDir: history.dataDir,
        dist: opts.dist,
        core: opts.pin ? SERVER_CORE : undefined,
      });
      const startup = fig(performance.now() - ts, 'ms');
      try {
        if (has('latejoin'))
          result.lateJoin = {
            serverStartWithHistory: startup,
            ...(await benchLateJoin(opts, history, srv)),
          };
        if (has('client'))
          result.client = await benchClient(opts, srv, history.districts, opts.markers);
      } finally {
        await srv.kill();
      }
      try {
        if (has('reads')) {
          const r = await benchReads(
            { events: history.seq, markers: opts.markers, pin: opts.pin, dist: opts.dist },
            log,
            history,
          );
          result.reads = r;
          Object.assign(comparisons, r.comparisons);
        }
      } finally {
        rmSync(history.dataDir, { recursive: true, force: true });
      }
    }
    if (has('storm')) result.storm = await benchStorm(opts);
    if (has('alarm')) result.alarm = await benchAlarm(opts);
    if (has('firstload')) {
      const f = await benchFirstLoad(log, { dist: opts.dist });
      result.firstLoad = f.result;
      Object.assign(comparisons, f.comparisons);
    }
    if (has('abuse')) {
      const a = await benchAbuse(log, {
        mode: opts.mode,
        dist: opts.dist,
        core: opts.pin ? SERVER_CORE : undefined,
      });
      result.abuse = a.result;
      Object.assign(comparisons, a.comparisons);
    }
  } finally {
    self.stop();
  }
  result.comparisons = comparisons;
  result.flags = [...flags];
  result.durationS = Math.round((performance.now() - t0) / 100) / 10;
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(result, null, 2));
  log(`\n== Summary (${result.durationS} s)`);
  for (const [k, c] of Object.entries(comparisons))
    if (/^(fanout\.p99|sustained|alarm|client\.firstLoad|abuse)/.test(k))
      log(
        `  ${k}: ${ms(c.measured)} vs bare ${ms(c.baseline)} → ${c.ratio}×${c.target ? ` (target ${c.target})` : ''}`,
      );
  for (const f of flags) log(`  FLAG ${f.where}: ${f.message}`);
  log(`  written to ${path.relative(process.cwd(), opts.out)}`);
  return result;
}

if (require.main === module) {
  runBench(process.argv.slice(2)).then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
