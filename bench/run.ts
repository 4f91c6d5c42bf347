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
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchAbuse } from './abuse';
import { benchAlarm } from './alarmDispatch';
import { benchClient, ensureClientBuilt } from './client';
import { benchFanout } from './fanout';
import { benchFirstLoad } from './firstLoad';
import { writeHistory } from './history';
import { benchLateJoin } from './lateJoin';
import { SelfMonitor, fig, hasTaskset, pinSelf, startLagesbild } from './lib';
import { LOADGEN_CORE, SERVER_CORE, parseOptions, type Section } from './options';
import { benchReads } from './reads';
import { comparisons, flags, log, ms, setSilent } from './report';
import { benchStorm } from './storm';
import { benchSustained } from './sustained';
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
  setSilent(argv.includes('--silent'));
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
