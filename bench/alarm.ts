/**
 * Alarm benchmark (issue 5): alarm a list of 1,000 people through a simulated SMS provider
 * (local HTTP server, realistic delay, ~1 % failures) and measure
 *  - time until every first message is handed to the provider (vs. a bare baseline: the same
 *    1,000 sends straight to the provider with no pipeline, in the same run),
 *  - messages lost (must be 0) and duplicates,
 *  - lateness of the escalation timers (p50/p99/max), from the log: reminder commit time minus
 *    its deadline.
 * Run: npx tsx bench/alarm.ts [--people 1000] [--timeout 8]. bench/run.ts runs this file as its
 * own process (pinned to the servers' core) and reads the JSON line it prints.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLagesbild, embeddedBackends } from '../server/app';
import { loadConfig } from '../server/config';
import { loadChannelConfig } from '../server/channels';
import { SYSTEM_ACTOR } from '../shared/domain/actor';

export interface AlarmBenchOptions {
  people?: number;
  /** Simulated provider latency range (ms). */
  minDelayMs?: number;
  maxDelayMs?: number;
  failureRate?: number;
  timeoutSeconds?: number;
  seed?: number;
}

export interface AlarmBenchResult {
  people: number;
  provider: {
    minDelayMs: number;
    maxDelayMs: number;
    failureRate: number;
    failuresInjected: number;
  };
  pipeline: {
    allFirstMessagesMs: number;
    /** Half and 99 % of the first messages handed over (ms after alarm.start). */
    halfFirstMessagesMs: number;
    p99FirstMessagesMs: number;
    lost: number;
    duplicates: number;
    retries: number;
  };
  baseline: { allFirstMessagesMs: number; lost: number };
  timers: { count: number; p50Ms: number; p99Ms: number; maxMs: number };
  totalMs: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Provider {
  url: string;
  received: Map<string, number>;
  /** When each reference was first accepted (ms since epoch). */
  firstAt: Map<string, number>;
  failures: number;
  close(): Promise<void>;
}

async function startProvider(o: Required<AlarmBenchOptions>): Promise<Provider> {
  const rand = rng(o.seed);
  const received = new Map<string, number>();
  const p: Provider = {
    url: '',
    received,
    firstAt: new Map(),
    failures: 0,
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const delay = o.minDelayMs + rand() * (o.maxDelayMs - o.minDelayMs);
      const fail = rand() < o.failureRate;
      setTimeout(() => {
        if (fail) {
          p.failures += 1;
          res.writeHead(503).end('{"error":"temporarily unavailable"}');
          return;
        }
        const { reference } = JSON.parse(body) as { reference: string };
        received.set(reference, (received.get(reference) ?? 0) + 1);
        if (!p.firstAt.has(reference)) p.firstAt.set(reference, Date.now());
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
      }, delay);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  p.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  p.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return p;
}

const pct = (xs: number[], q: number): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function until(f: () => boolean, limitMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (!f()) {
    if (Date.now() - t0 > limitMs) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

export async function runAlarmBench(opts: AlarmBenchOptions = {}): Promise<AlarmBenchResult> {
  const o: Required<AlarmBenchOptions> = {
    people: 1000,
    minDelayMs: 30,
    maxDelayMs: 250,
    failureRate: 0.01,
    timeoutSeconds: 8,
    seed: 42,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
  };
  const tStart = Date.now();

  // Baseline: the same sends straight to the provider, no pipeline, retrying failures at once.
  const base = await startProvider(o);
  const b0 = Date.now();
  await Promise.all(
    Array.from({ length: o.people }, async (_, i) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const res = await fetch(base.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            to: `+4670${String(i).padStart(7, '0')}`,
            text: 'Larm',
            reference: `b${i}`,
          }),
        });
        await res.text();
        if (res.ok) return;
      }
    }),
  );
  const baselineMs = Date.now() - b0;
  const baselineLost = o.people - base.received.size;
  await base.close();

  // Pipeline: the real server (embedded store, in-process jobs) with the SMS channel.
  const provider = await startProvider(o);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lb-bench-alarm-'));
  const config = loadConfig({ DEMO: 'on', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
  const app = await createLagesbild(config, {
    ...embeddedBackends(config),
    channels: { ...loadChannelConfig({}), smsUrl: provider.url },
  });
  const logSilence = console.error;
  try {
    await app.listen();
    const real = app.spaces.get('real')!;
    const rows = Array.from({ length: o.people }, (_, i) => ({
      contactId: `b-${i}`,
      name: `Person ${i}`,
      phone: `+4670${String(i).padStart(7, '0')}`,
      available: true,
    }));
    const submit = async (type: string, payload: unknown, id: string) => {
      const r = await real.submit(SYSTEM_ACTOR, id, { type, payload });
      if (!r.ok)
        throw new Error(
          `${type}: ${JSON.stringify(r.error)} ${JSON.stringify(payload).slice(0, 200)}`,
        );
    };
    await submit('alarm.importContacts', { rows }, 'bench-import');
    await submit(
      'alarm.saveList',
      {
        listId: 'bench',
        name: 'Benchmark',
        target: { kind: 'ckl', fn: 'analysis' },
        members: rows.map((r) => r.contactId),
        quota: o.people,
        timeoutSeconds: o.timeoutSeconds,
        channels: ['sms'],
      },
      'bench-list',
    );
    const firstRefs = () => {
      let n = 0;
      for (const k of provider.received.keys()) if (k.endsWith('|1|sms')) n += 1;
      return n;
    };
    const p0 = Date.now();
    await real.submit({ userId: 'stabschef', name: 'Bench', role: 'ckl_lead' }, 'bench-start', {
      type: 'alarm.start',
      payload: { title: 'Benchmark', listIds: ['bench'], message: 'Kom in.' },
    });
    await until(() => firstRefs() >= o.people, 120_000);
    const pipelineMs = Date.now() - p0;
    const alarmId = real.state.alarm.alarmOrder.at(-1)!;
    // Escalation timers: every person is silent, so each gets a reminder at its deadline.
    await until(
      () =>
        Object.values(real.state.alarm.alarms[alarmId].recipients).every(
          (r) => r.state === 'reminded',
        ),
      o.timeoutSeconds * 1000 + 60_000,
    );
    await submit('alarm.cancel', { alarmId, reason: 'Benchmark klart' }, 'bench-cancel');
    const events = real.eventsAfter(0) ?? [];
    const deadline = new Map<string, number>();
    const late: number[] = [];
    let retries = 0;
    for (const e of events) {
      if (e.type === 'alarm.recipientQueued') deadline.set(e.data.key, Date.parse(e.data.deadline));
      if (e.type === 'alarm.reminded')
        late.push(Date.parse(e.at) - (deadline.get(e.data.key) ?? Date.parse(e.at)));
      if (e.type === 'alarm.sendRecorded' && !e.data.ok) retries += 1;
    }
    let duplicates = 0;
    for (const n of provider.received.values()) duplicates += n - 1;
    const firstTimes = [...provider.firstAt]
      .filter(([k]) => k.endsWith('|1|sms'))
      .map(([, t]) => t - p0);
    return {
      people: o.people,
      provider: {
        minDelayMs: o.minDelayMs,
        maxDelayMs: o.maxDelayMs,
        failureRate: o.failureRate,
        failuresInjected: provider.failures,
      },
      pipeline: {
        allFirstMessagesMs: pipelineMs,
        halfFirstMessagesMs: pct(firstTimes, 0.5),
        p99FirstMessagesMs: pct(firstTimes, 0.99),
        lost: o.people - firstRefs(),
        duplicates,
        retries,
      },
      baseline: { allFirstMessagesMs: baselineMs, lost: baselineLost },
      timers: {
        count: late.length,
        p50Ms: pct(late, 0.5),
        p99Ms: pct(late, 0.99),
        maxMs: Math.max(0, ...late),
      },
      totalMs: Date.now() - tStart,
    };
  } finally {
    console.error = logSilence;
    await app.close();
    await new Promise<void>((r) => app.http.close(() => r()));
    await provider.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function summarise(r: AlarmBenchResult): string {
  return [
    `Alarm of ${r.people} people via simulated SMS provider (${r.provider.minDelayMs}–${r.provider.maxDelayMs} ms, ${r.provider.failureRate * 100} % failures, ${r.provider.failuresInjected} injected):`,
    `  every first message handed to the provider: ${r.pipeline.allFirstMessagesMs} ms (half by ${r.pipeline.halfFirstMessagesMs} ms, 99 % by ${r.pipeline.p99FirstMessagesMs} ms; bare baseline ${r.baseline.allFirstMessagesMs} ms)`,
    `  lost ${r.pipeline.lost}, duplicates ${r.pipeline.duplicates}, retried sends ${r.pipeline.retries}`,
    `  escalation timers (${r.timers.count}): lateness p50 ${r.timers.p50Ms} ms, p99 ${r.timers.p99Ms} ms, max ${r.timers.maxMs} ms`,
  ].join('\n');
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  runAlarmBench({
    people: arg('people') ? Number(arg('people')) : undefined,
    timeoutSeconds: arg('timeout') ? Number(arg('timeout')) : undefined,
  })
    .then((r) => {
      console.log(JSON.stringify(r));
      console.log(summarise(r));
      process.exit(r.pipeline.lost === 0 ? 0 : 1);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
