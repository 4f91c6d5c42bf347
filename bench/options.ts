/** The bench's options: each mode's presets, the flags that override them, and the cores. */
import { cpus } from 'node:os';
import path from 'node:path';
import { ALARM_SCENARIOS, type AlarmScenario } from './alarm';
import { ROOT } from './lib';

export const SECTIONS = [
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
export type Section = (typeof SECTIONS)[number];

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
export const SERVER_CORE = 0;
export const LOADGEN_CORE = 1;

/** The cores the listener processes run on: every core but the servers', else the load generator's. */
export function workerCore(w: number, opts: BenchOptions): number | undefined {
  if (!opts.pin) return undefined;
  const n = cpus().length;
  return n > 2 ? 1 + (w % (n - 1)) : LOADGEN_CORE;
}
