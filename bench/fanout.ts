/**
 * Fan-out latency: N consoles receive every command, against the bare Socket.IO server, and
 * below 1,000 consoles also against the durable bare server (each command fdatasynced before
 * it is broadcast), where the disk's sync is most of what separates the two.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { StoredEvent } from '../shared/events';
import {
  compare,
  dist,
  fig,
  headSeq,
  login,
  percentile,
  sender,
  serverMetrics,
  sleep,
  spawnListenerWorker,
  startBare,
  startLagesbild,
  tempDir,
  wallMs,
  type Figure,
  type SelfMonitor,
  type Sender,
  type ServerFigures,
} from './lib';
import { SERVER_CORE, workerCore, type BenchOptions } from './options';
import { comparisons, flags, loadgenFlag, log, ms } from './report';
type Target = 'lagesbild' | 'bare' | 'bare-durable';

/** Below this many consoles the durable bare baseline runs too. */
const DURABLE_BASELINE_BELOW = 1000;

interface FanoutRun {
  target: Target;
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

async function fanoutAgainst(
  target: Target,
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
    if (target !== 'lagesbild' && sample.event)
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

export async function benchFanout(opts: BenchOptions, self: SelfMonitor) {
  log(
    `\n== Fan-out latency (consoles ${opts.ns.join(', ')}; ${opts.rates.join(', ')} commands/s; ${opts.duration} s each)`,
  );
  const dataDir = tempDir('lb-bench-fan-');
  const real = await startLagesbild({
    dataDir,
    dist: opts.dist,
    core: opts.pin ? SERVER_CORE : undefined,
  });
  const bare = await startBare(opts.pin ? SERVER_CORE : undefined);
  const durable =
    opts.ns.some((n) => n < DURABLE_BASELINE_BELOW) &&
    (await startBare(
      opts.pin ? SERVER_CORE : undefined,
      path.join(dataDir, 'bare-journal.ndjson'),
    ));
  const urls: Record<Exclude<Target, 'lagesbild'>, string> = {
    bare: bare.url,
    'bare-durable': durable ? durable.url : bare.url,
  };
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
        const targets: Target[] =
          durable && n < DURABLE_BASELINE_BELOW
            ? ['lagesbild', 'bare', 'bare-durable']
            : ['lagesbild', 'bare'];
        const order = round % 2 === 0 ? targets : [...targets].reverse();
        for (const t of order)
          runs.push(
            ...(t === 'lagesbild'
              ? await fanoutAgainst('lagesbild', real.url, n, opts, self, cookies, sample, round)
              : await fanoutAgainst(t, urls[t], n, opts, self, {}, sample, round)),
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
        const d = of('bare-durable');
        if (d.length > 0) {
          comparisons[`fanout.p99.durable.${key}`] = compare(
            med(a, (r) => r.latency.p99),
            med(d, (r) => r.latency.p99),
            '≤ 1.25× durable bare',
          );
          comparisons[`fanout.p50.durable.${key}`] = compare(
            med(a, (r) => r.latency.p50),
            med(d, (r) => r.latency.p50),
          );
          log(
            `  ratio n=${n} ${rate}/s against the durable bare server: p99 ${comparisons[`fanout.p99.durable.${key}`].ratio}×, p50 ${comparisons[`fanout.p50.durable.${key}`].ratio}×`,
          );
        }
      }
    }
    const eventBytes = sample.event ? Buffer.byteLength(JSON.stringify(sample.event)) : NaN;
    return { eventBytes: fig(eventBytes, 'bytes'), runs };
  } finally {
    await real.kill();
    await bare.kill();
    if (durable) await durable.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
