/**
 * Keeps the benchmark from rotting: the tiny mode runs end to end against real servers on
 * loopback and must produce well-formed JSON with zero gaps. No timing thresholds here —
 * the figures belong in docs/benchmarks.md, not in a test that a busy machine could fail.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBench } from './run';

interface Fig {
  value: number;
  unit: string;
}
const isFigure = (f: unknown): f is Fig =>
  typeof f === 'object' &&
  f !== null &&
  typeof (f as Fig).value === 'number' &&
  typeof (f as Fig).unit === 'string' &&
  (f as Fig).unit.length > 0;

const out = path.join(tmpdir(), `lb-bench-${process.pid}.json`);
afterAll(() => rmSync(out, { force: true }));

test('the quick benchmark runs with tiny N and writes well-formed JSON with zero gaps', async () => {
  await runBench([
    '--tiny',
    '--no-pin',
    '--silent',
    '--only=fanout,sustained,latejoin,storm,alarm,firstload',
    '--stores=journal',
    `--out=${out}`,
  ]);
  const r = JSON.parse(readFileSync(out, 'utf8'));
  expect(r.machine.nproc).toBeGreaterThan(0);

  const runs = r.fanout.runs as Record<string, unknown>[];
  // Tiny N is below 1,000 consoles, so the durable bare baseline runs beside the bare one.
  expect([...new Set(runs.map((x) => x.target))].sort()).toEqual([
    'bare',
    'bare-durable',
    'lagesbild',
  ]);
  expect(Object.keys(r.comparisons).some((k) => k.startsWith('fanout.p99.durable.'))).toBe(true);
  for (const run of runs) {
    expect(run.gaps).toBe(0);
    expect(run.duplicates).toBe(0);
    expect(run.missingDeliveries).toBe(0);
    const lat = run.latency as Record<string, unknown>;
    expect(isFigure(lat.p50) && isFigure(lat.p99) && isFigure(lat.max)).toBe(true);
    expect(isFigure(run.slowestConsoleP99)).toBe(true);
  }
  for (const c of Object.values(r.comparisons) as Record<string, unknown>[]) {
    expect(isFigure(c.measured) && isFigure(c.baseline)).toBe(true);
    expect(typeof c.ratio).toBe('number');
  }

  const journal = r.sustained.find((s: { store: string }) => s.store === 'journal');
  expect(journal.available).toBe(true);
  expect(isFigure(journal.highestHeld)).toBe(true);
  expect(journal.listenersGaps).toBe(0);
  expect(journal.listenersDuplicates).toBe(0);
  expect(journal.listenersMissed).toBe(0);

  expect(isFigure(r.lateJoin.timeToFullState.p50)).toBe(true);
  expect(r.lateJoin.bytesReceived.value).toBeGreaterThan(0);

  expect(r.storm.allCaughtUp).toBe(true);
  expect(r.storm.gaps).toBe(0);
  expect(r.storm.duplicates).toBe(0);
  expect(r.storm.missed).toBe(0);
  expect(isFigure(r.storm.listeningToAllCaughtUp)).toBe(true);

  expect(r.alarm.available).toBe(true);
  expect(isFigure(r.alarm.baselineAllFirstMessages)).toBe(true);
  const scenarios = r.alarm.scenarios as Record<string, unknown>[];
  expect(scenarios.map((s) => s.scenario)).toEqual(['embedded', 'embedded-restart', 'redis-kill']);
  for (const s of scenarios) {
    expect(s.available).toBe(true);
    // Killed or not, every first message reaches the provider.
    expect(s.lost).toBe(0);
    expect(isFigure(s.allFirstMessages)).toBe(true);
    expect((s.timerLateness as { count: number }).count).toBe(r.alarm.people);
  }
  expect(scenarios[0].duplicates).toBe(0);

  // The first load with brotli, with gzip and uncompressed (the bare baseline), as ratios.
  for (const e of ['br', 'gzip', 'identity']) {
    expect(isFigure(r.firstLoad[e].body) && isFigure(r.firstLoad[e].withHeaders)).toBe(true);
    expect(r.firstLoad[e].decoded).toEqual(r.firstLoad.identity.decoded);
  }
  const served = (e: string) =>
    (r.firstLoad[e].resources as { path: string; encoding: string }[]).find((x) =>
      x.path.startsWith('/assets/'),
    )?.encoding;
  expect([served('br'), served('gzip'), served('identity')]).toEqual(['br', 'gzip', 'identity']);
  expect(r.comparisons['client.firstLoad.br'].baseline).toEqual(r.firstLoad.identity.body);
  expect(isFigure(scenarios[2].killedAt)).toBe(true);
}, 180_000);
