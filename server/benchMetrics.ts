import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Opt-in event-loop figures for the benchmark (BENCH_METRICS=1): off by default, because even
 * a cheap histogram is work nobody needs in production. Read (and reset) through
 * GET /healthz?metrics=1.
 */
let histogram: IntervalHistogram | null = null;

export function benchMetricsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BENCH_METRICS === '1';
}

export interface LoopFigures {
  /** Event-loop delay in milliseconds since the last read. */
  loopDelayMs: { p50: number; p99: number; max: number; mean: number };
  rssMb: number;
  cpuUserMs: number;
  cpuSystemMs: number;
}

/** Figures since the previous call; starts the monitor on first use. */
export function readLoopFigures(): LoopFigures {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
  }
  const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
  const cpu = process.cpuUsage();
  const out: LoopFigures = {
    loopDelayMs: {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      mean: ms(histogram.mean || 0),
    },
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
    cpuUserMs: Math.round(cpu.user / 1000),
    cpuSystemMs: Math.round(cpu.system / 1000),
  };
  histogram.reset();
  return out;
}
