/**
 * Reads of a long history: the last k events, a range by seq, the whole log, and the raw-log
 * exports, each timed over HTTP on a server started on a journal of `events` events, with the
 * server's event-loop delay while they run and its RSS. The baseline is the same bytes read
 * bare in this process: the journal file read and every line parsed (JSON only).
 *
 *   npx tsx bench/reads.ts [--events=50000] [--markers=500] [--no-pin] [--out=FILE]
 *   (also the `reads` section of `npm run bench`)
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  compare,
  fig,
  login,
  serverMetrics,
  startLagesbild,
  type Comparison,
  type Figure,
} from './lib';

export interface ReadsOptions {
  events: number;
  markers: number;
  pin: boolean;
  dist: boolean;
}

type Log = (s: string) => void;

/** Times `n` runs of `f`; the median, so one scheduling hiccup on a shared machine does not count. */
async function median(n: number, f: () => Promise<unknown>): Promise<Figure> {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return fig(t[Math.floor(t.length / 2)], 'ms');
}

export async function benchReads(
  opts: ReadsOptions,
  log: Log,
  history?: { dataDir: string; seq: number },
): Promise<Record<string, unknown> & { comparisons: Record<string, Comparison> }> {
  const { writeHistory } = await import('./history');
  const own = !history;
  const h = history ?? (await writeHistory(opts.events, opts.markers));
  log(`\n== Reads of a long history (${h.seq} events)`);
  const journal = path.join(h.dataDir, 'journal', 'real.jsonl');
  const t0 = performance.now();
  const srv = await startLagesbild({
    dataDir: h.dataDir,
    dist: opts.dist,
    core: opts.pin ? 0 : undefined,
  });
  const startMs = performance.now() - t0;
  const comparisons: Record<string, Comparison> = {};
  try {
    const idle = await serverMetrics(srv.url);
    const cookie = await login(srv.url, 'stadsdir');
    const get = async (p: string) => {
      const r = await fetch(`${srv.url}${p}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`${p}: ${r.status}`);
      return Buffer.from(await r.arrayBuffer());
    };
    const head = h.seq;
    // The bare floor: the journal's bytes from disk, every line parsed.
    const bareTail = await median(5, async () => {
      const buf = readFileSync(journal);
      const lines = buf.toString('utf8').trimEnd().split('\n');
      return lines.slice(-100).map((l) => JSON.parse(l) as unknown);
    });
    const bareAll = await median(3, async () =>
      readFileSync(journal, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    );
    await serverMetrics(srv.url);
    const last100 = await median(7, () => get(`/api/log?after=${head - 100}&limit=100`));
    const range = await median(5, () => get(`/api/log?after=${Math.floor(head / 2)}&limit=1000`));
    const whole = await median(3, async () => {
      let after = 0;
      for (;;) {
        const page = JSON.parse((await get(`/api/log?after=${after}&limit=5000`)).toString()) as {
          events: { seq: number }[];
        };
        if (page.events.length === 0) return;
        after = page.events[page.events.length - 1].seq;
      }
    });
    const readLoop = await serverMetrics(srv.url);
    let csvBytes = 0;
    const csv = await median(3, async () => {
      csvBytes = (await get('/api/export/report?format=csv')).length;
    });
    let logBytes = 0;
    const logJson = await median(3, async () => {
      logBytes = (await get('/api/export/report?format=log')).length;
    });
    const exportLoop = await serverMetrics(srv.url);
    comparisons['reads.last100'] = compare(last100, bareTail);
    comparisons['reads.all'] = compare(whole, bareAll);
    comparisons['reads.exportCsv'] = compare(csv, bareAll);
    comparisons['reads.exportLog'] = compare(logJson, bareAll);
    const result = {
      events: h.seq,
      journalBytes: fig(statSync(journal).size, 'bytes'),
      serverStart: fig(startMs, 'ms'),
      serverRssIdle: fig(idle?.rssMb ?? NaN, 'MB'),
      last100,
      range1000: range,
      all: whole,
      readServerLoopP99: fig(readLoop?.loopDelayMs.p99 ?? NaN, 'ms'),
      readServerLoopMax: fig(readLoop?.loopDelayMs.max ?? NaN, 'ms'),
      exportCsv: csv,
      exportCsvBytes: fig(csvBytes, 'bytes'),
      exportLog: logJson,
      exportLogBytes: fig(logBytes, 'bytes'),
      exportServerLoopP99: fig(exportLoop?.loopDelayMs.p99 ?? NaN, 'ms'),
      serverRssAfterExports: fig(exportLoop?.rssMb ?? NaN, 'MB'),
      bare: { last100: bareTail, all: bareAll },
      comparisons,
    };
    log(
      `  server start ${Math.round(startMs)} ms, RSS ${result.serverRssIdle.value} MB; last 100 ${last100.value} ms (bare ${bareTail.value} ms), 1,000 from the middle ${range.value} ms, all ${whole.value} ms (bare ${bareAll.value} ms); server loop p99 ${result.readServerLoopP99.value} ms, max ${result.readServerLoopMax.value} ms`,
    );
    log(
      `  exports: CSV ${csv.value} ms (${Math.round(csvBytes / 1024)} KiB), log JSON ${logJson.value} ms (${Math.round(logBytes / 1024)} KiB); server loop p99 ${result.exportServerLoopP99.value} ms; RSS after ${result.serverRssAfterExports.value} MB`,
    );
    return result;
  } finally {
    await srv.kill();
    if (own) rmSync(h.dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const flags = new Map(
    process.argv
      .slice(2)
      .map((a) => /^--([a-z-]+)(?:=(.*))?$/.exec(a))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2] ?? 'true']),
  );
  const num = (k: string, d: number) => (flags.has(k) ? Number(flags.get(k)) : d);
  benchReads(
    {
      events: num('events', 50_000),
      markers: num('markers', 500),
      pin: !flags.has('no-pin'),
      dist: flags.has('dist'),
    },
    (s) => console.log(s),
  ).then(
    (r) => {
      const out = flags.get('out');
      if (out) writeFileSync(out, JSON.stringify(r, null, 2));
      console.log(JSON.stringify(r.comparisons, null, 2));
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
