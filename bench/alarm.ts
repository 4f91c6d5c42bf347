/**
 * Alarm benchmark: a call list of N people (1,000 in full mode) alarmed through a
 * simulated SMS provider with a realistic delay and 1 % failures, each server a process of its
 * own on the servers' core, the provider on the load generator's. Three scenarios, each on a
 * fresh server:
 *  - `embedded`: one node, the embedded journal and in-process jobs — the undisturbed figure;
 *  - `embedded-restart`: the same, SIGKILLed when a third of the first messages are out and
 *    restarted on its data directory (the embedded node is its own worker; its jobs come back
 *    from the log, R52);
 *  - `redis-kill`: two nodes sharing a Redis (own redis-server, AOF everysec) with BullMQ
 *    workers on both; one is SIGKILLed when a third of the first messages are out and the
 *    other takes over its jobs.
 * For each: time from `alarm.start` until every first message is accepted by the provider (and
 * half, 99 %), first messages lost (must be 0), messages the provider got twice, retried sends,
 * and the lateness of the N silence timers (reminder commit time − deadline, from the log).
 * The bare baseline, in the same run: the N first messages sent straight to the provider by a
 * process on the servers' core (bench/alarm-bare.ts), failures retried at once.
 * Standalone: npx tsx bench/alarm.ts [--people 1000] [--timeout 8] [--scenarios a,b] [--dist]
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { StoredEvent } from '../shared/events';
import {
  ROOT,
  hasTaskset,
  login,
  sender,
  sleep,
  spawnNode,
  startLagesbild,
  startRedis,
  tempDir,
  type Proc,
  type Sender,
} from './lib';

export const ALARM_SCENARIOS = ['embedded', 'embedded-restart', 'redis-kill'] as const;
export type AlarmScenario = (typeof ALARM_SCENARIOS)[number];

export interface AlarmBenchOptions {
  people?: number;
  /** Simulated provider latency range (ms). */
  minDelayMs?: number;
  maxDelayMs?: number;
  failureRate?: number;
  timeoutSeconds?: number;
  seed?: number;
  scenarios?: AlarmScenario[];
  dist?: boolean;
  /** Core for the servers and the baseline; the provider goes on `loadgenCore`. */
  serverCore?: number;
  loadgenCore?: number;
}

export interface AlarmScenarioResult {
  scenario: AlarmScenario;
  available: boolean;
  reason?: string;
  /** When the node was killed (ms after alarm.start), and how many first messages were out. */
  killedAtMs?: number;
  firstOutAtKill?: number;
  allFirstMessagesMs: number;
  /** Half and 99 % of the first messages handed over (ms after alarm.start). */
  halfFirstMessagesMs: number;
  p99FirstMessagesMs: number;
  /** People who got neither a first message nor a reminder (must be 0). */
  lost: number;
  /** People whose reminder went before their first message could (deadline passed first). */
  firstReplacedByReminder: number;
  /** Messages the provider sent a second time for the same reference (must be 0: keys). */
  duplicates: number;
  /** Repeats the provider answered from an idempotency key, sending nothing (resumed sends). */
  replayedByKey: number;
  /** Repeats that arrived while the first request of their key was still in progress (409). */
  keyConflicts: number;
  /** Sends recorded as resumed (started by the killed node, outcome unknown). */
  resumed: number;
  retries: number;
  timers: { count: number; p50Ms: number; p99Ms: number; maxMs: number };
}

export interface AlarmBenchResult {
  people: number;
  provider: {
    minDelayMs: number;
    maxDelayMs: number;
    failureRate: number;
    failuresInjected: number;
  };
  baseline: { allFirstMessagesMs: number; lost: number };
  scenarios: AlarmScenarioResult[];
  /**
   * Every first message out, as a ratio: each scenario against the bare baseline, and the Redis
   * path with a node killed against the embedded one with its node killed (target ≤ 1.5).
   */
  ratios: Record<string, number>;
  totalMs: number;
}

const r0 = (x: number): boolean => Number.isFinite(x) && x > 0;
const pct = (xs: number[], q: number): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function until(f: () => Promise<boolean> | boolean, limitMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (!(await f())) {
    if (Date.now() - t0 > limitMs) return false;
    await sleep(10);
  }
  return true;
}

interface ProviderClient {
  proc: Proc;
  smsUrl: string;
  count(match: string, suffix: string): Promise<number>;
  stats(match: string): Promise<{
    failures: number;
    replayed: number;
    conflicts: number;
    received: { reference: string; count: number; firstAt: number }[];
  }>;
}

async function startProvider(o: Required<AlarmBenchOptions>): Promise<ProviderClient> {
  const proc = await spawnNode(
    path.join(__dirname, 'sms-provider.ts'),
    {},
    {
      core: o.loadgenCore,
      args: [
        '--min',
        String(o.minDelayMs),
        '--max',
        String(o.maxDelayMs),
        '--failure',
        String(o.failureRate),
        '--seed',
        String(o.seed),
      ],
    },
  );
  const get = async (p: string) => (await fetch(`${proc.url}${p}`)).json();
  return {
    proc,
    smsUrl: `${proc.url}/sms`,
    count: async (match, suffix) =>
      (
        (await get(
          `/count?match=${encodeURIComponent(match)}&suffix=${encodeURIComponent(suffix)}`,
        )) as { count: number }
      ).count,
    stats: async (match) =>
      (await get(`/stats?match=${encodeURIComponent(match)}`)) as Awaited<
        ReturnType<ProviderClient['stats']>
      >,
  };
}

/** The bare baseline as its own process on the servers' core. */
async function runBaseline(
  o: Required<AlarmBenchOptions>,
  provider: ProviderClient,
): Promise<{ allFirstMessagesMs: number; lost: number }> {
  const tag = `bare${process.pid}`;
  const args = [
    '--import',
    'tsx',
    path.join(__dirname, 'alarm-bare.ts'),
    '--url',
    provider.smsUrl,
    '--people',
    String(o.people),
    '--tag',
    tag,
  ];
  const [cmd, argv] =
    o.serverCore !== undefined && hasTaskset
      ? ['taskset', ['-c', String(o.serverCore), process.execPath, ...args]]
      : [process.execPath, args];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, argv as string[], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`alarm-bare exited ${code}: ${text}`)),
    );
    child.once('error', reject);
  });
  const r = JSON.parse(out.trim().split('\n').at(-1) as string) as { startedAt: number };
  const s = await provider.stats(`${tag}~`);
  const last = Math.max(0, ...s.received.map((x) => x.firstAt));
  return { allFirstMessagesMs: last - r.startedAt, lost: o.people - s.received.length };
}

async function readLog(url: string, cookie: string): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (let after = 0; ;) {
    const res = await fetch(`${url}/api/log?after=${after}&limit=5000`, { headers: { cookie } });
    if (!res.ok) throw new Error(`/api/log: ${res.status} ${await res.text()}`);
    const { events } = (await res.json()) as { events: StoredEvent[] };
    if (events.length === 0) return all;
    all.push(...events);
    after = events[events.length - 1].seq;
  }
}

async function must(s: Sender, type: string, payload: unknown, id: string): Promise<void> {
  const res = await new Promise<{ ok: boolean; message?: string }>((resolve) =>
    s.socket.emit('command', { id, type, payload }, resolve),
  );
  if (!res?.ok) throw new Error(`${type}: ${res?.message ?? JSON.stringify(res)}`);
}

async function runScenario(
  scenario: AlarmScenario,
  o: Required<AlarmBenchOptions>,
  provider: ProviderClient,
): Promise<AlarmScenarioResult> {
  const listId = `bench-${scenario}-${process.pid}`;
  const env: Record<string, string> = {
    SMS_GATEWAY_URL: provider.smsUrl,
    PUBLIC_URL: 'http://127.0.0.1',
  };
  const dirs = [tempDir('lb-bench-alarm-'), tempDir('lb-bench-alarm-')];
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
  const nodes: Proc[] = [];
  const sockets: Sender[] = [];
  const base = {
    scenario,
    allFirstMessagesMs: NaN,
    halfFirstMessagesMs: NaN,
    p99FirstMessagesMs: NaN,
    lost: NaN,
    firstReplacedByReminder: NaN,
    duplicates: NaN,
    replayedByKey: NaN,
    keyConflicts: NaN,
    resumed: NaN,
    retries: NaN,
    timers: { count: 0, p50Ms: NaN, p99Ms: NaN, maxMs: NaN },
  };
  try {
    if (scenario === 'redis-kill') {
      redis = await startRedis('everysec', o.serverCore);
      if (typeof redis === 'string') return { ...base, available: false, reason: redis };
      env.REDIS_URL = redis.url;
      env.REDIS_PREFIX = `alarmbench${process.pid}`;
    }
    // Two nodes stand for two machines: the second shares the load generator's core (the
    // provider's work is small), not the first node's, where Redis runs too.
    const start = (i: number, port?: number) =>
      startLagesbild({
        dataDir: dirs[i],
        dist: o.dist,
        core: i === 0 ? o.serverCore : o.loadgenCore,
        env,
        port,
      });
    nodes.push(await start(0));
    if (scenario === 'redis-kill') nodes.push(await start(1));
    const a = nodes[0];
    const adminCookie = await login(a.url, 'admin');
    const admin = await sender(a.url, adminCookie);
    const lead = await sender(a.url, await login(a.url, 'stabschef'));
    sockets.push(admin, lead);
    const rows = Array.from({ length: o.people }, (_, i) => ({
      contactId: `b-${i}`,
      name: `Person ${i}`,
      phone: `+4670${String(i).padStart(7, '0')}`,
      available: true,
    }));
    await must(admin, 'alarm.importContacts', { rows }, `${listId}-import`);
    await must(
      admin,
      'alarm.saveList',
      {
        listId,
        name: 'Benchmark',
        target: { kind: 'ckl', fn: 'analysis' },
        members: rows.map((r) => r.contactId),
        quota: o.people,
        timeoutSeconds: o.timeoutSeconds,
        channels: ['sms'],
      },
      `${listId}-list`,
    );
    const match = `|${listId}~`;
    const firstOut = () => provider.count(match, '|1|sms');
    const keysBefore = await provider.stats('\u0000');
    const p0 = Date.now();
    await must(
      lead,
      'alarm.start',
      { title: 'Benchmark', listIds: [listId], message: 'Kom in.' },
      `${listId}-start`,
    );
    let killedAtMs: number | undefined;
    let firstOutAtKill: number | undefined;
    if (scenario !== 'embedded') {
      await until(async () => (await firstOut()) >= o.people / 3, 60_000);
      const victim = scenario === 'redis-kill' ? nodes[1] : nodes[0];
      await victim.kill('SIGKILL');
      killedAtMs = Date.now() - p0;
      firstOutAtKill = await firstOut();
      if (scenario === 'embedded-restart') {
        for (const s of sockets) s.close();
        // The same port: what a restarted service looks like to everyone else.
        nodes[0] = await start(0, a.port);
      }
    }
    const node = nodes[0];
    const cookie = scenario === 'embedded-restart' ? await login(node.url, 'admin') : adminCookie;
    await until(async () => (await firstOut()) >= o.people, 120_000);
    // Every person stays silent, so each gets a reminder at the deadline: the timers.
    await until(
      async () => (await provider.count(match, '|2|sms')) >= o.people,
      o.timeoutSeconds * 1000 + 60_000,
    );
    const events = await readLog(node.url, cookie);
    const started = events.find(
      (e) => e.type === 'alarm.started' && e.data.lists[0]?.listId === listId,
    );
    if (started && started.type === 'alarm.started') {
      const canceller = await sender(node.url, await login(node.url, 'stabschef'));
      sockets.push(canceller);
      await must(
        canceller,
        'alarm.cancel',
        { alarmId: started.data.alarmId, reason: 'Benchmark klart' },
        `${listId}-cancel`,
      );
    }
    const deadline = new Map<string, number>();
    const late: number[] = [];
    let retries = 0;
    let resumed = 0;
    for (const e of events) {
      if (e.type === 'alarm.sendRecorded' && e.data.resumed && e.data.key.startsWith(`${listId}~`))
        resumed += 1;
      if (e.type === 'alarm.recipientQueued' && e.data.listId === listId)
        deadline.set(e.data.key, Date.parse(e.data.deadline));
      if (e.type === 'alarm.reminded' && deadline.has(e.data.key))
        late.push(Date.parse(e.at) - (deadline.get(e.data.key) as number));
      if (e.type === 'alarm.sendRecorded' && !e.data.ok && e.data.key.startsWith(`${listId}~`))
        retries += 1;
    }
    const stats = await provider.stats(match);
    const first = stats.received.filter((r) => r.reference.endsWith('|1|sms'));
    const firstTimes = first.map((r) => r.firstAt - p0);
    return {
      scenario,
      available: true,
      killedAtMs,
      firstOutAtKill,
      allFirstMessagesMs: Math.max(0, ...firstTimes),
      halfFirstMessagesMs: pct(firstTimes, 0.5),
      p99FirstMessagesMs: pct(firstTimes, 0.99),
      // A person whose deadline passed before the first message went (a starved machine) is
      // sent the reminder instead: reached, not lost. Lost is reached by neither.
      lost:
        o.people -
        new Set(
          stats.received
            .filter((r) => /\|[12]\|sms$/.test(r.reference))
            .map((r) => r.reference.replace(/\|[12]\|sms$/, '')),
        ).size,
      firstReplacedByReminder: o.people - first.length,
      duplicates: stats.received.reduce((n, r) => n + r.count - 1, 0),
      replayedByKey: stats.replayed - keysBefore.replayed,
      keyConflicts: stats.conflicts - keysBefore.conflicts,
      resumed,
      retries,
      timers: {
        count: late.length,
        p50Ms: pct(late, 0.5),
        p99Ms: pct(late, 0.99),
        maxMs: Math.max(0, ...late),
      },
    };
  } finally {
    for (const s of sockets) s.close();
    for (const n of nodes) await n.kill();
    if (redis && typeof redis !== 'string') await redis.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

export async function runAlarmBench(opts: AlarmBenchOptions = {}): Promise<AlarmBenchResult> {
  const o: Required<AlarmBenchOptions> = {
    people: 1000,
    minDelayMs: 30,
    maxDelayMs: 250,
    failureRate: 0.01,
    timeoutSeconds: 8,
    seed: 42,
    scenarios: [...ALARM_SCENARIOS],
    dist: false,
    serverCore: undefined as unknown as number,
    loadgenCore: undefined as unknown as number,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
  };
  const t0 = Date.now();
  const provider = await startProvider(o);
  try {
    const baseline = await runBaseline(o, provider);
    const scenarios: AlarmScenarioResult[] = [];
    for (const s of o.scenarios) scenarios.push(await runScenario(s, o, provider));
    const ratios: Record<string, number> = {};
    const round = (x: number) => Math.round(x * 100) / 100;
    for (const s of scenarios)
      if (s.available && r0(baseline.allFirstMessagesMs))
        ratios[`${s.scenario}/bare`] = round(s.allFirstMessagesMs / baseline.allFirstMessagesMs);
    const byName = new Map(scenarios.filter((s) => s.available).map((s) => [s.scenario, s]));
    const redisKill = byName.get('redis-kill');
    const embeddedKill = byName.get('embedded-restart');
    if (redisKill && embeddedKill)
      ratios['redis-kill/embedded-restart'] = round(
        redisKill.allFirstMessagesMs / embeddedKill.allFirstMessagesMs,
      );
    const embedded = byName.get('embedded');
    if (redisKill && embedded)
      ratios['redis-kill/embedded'] = round(
        redisKill.allFirstMessagesMs / embedded.allFirstMessagesMs,
      );
    return {
      people: o.people,
      provider: {
        minDelayMs: o.minDelayMs,
        maxDelayMs: o.maxDelayMs,
        failureRate: o.failureRate,
        failuresInjected: (await provider.stats('\u0000')).failures,
      },
      baseline,
      scenarios,
      ratios,
      totalMs: Date.now() - t0,
    };
  } finally {
    await provider.proc.kill('SIGKILL');
  }
}

export function summarise(r: AlarmBenchResult): string {
  const lines = [
    `Alarm of ${r.people} people via simulated SMS provider (${r.provider.minDelayMs}–${r.provider.maxDelayMs} ms, ${r.provider.failureRate * 100} % failures, ${r.provider.failuresInjected} injected in all); bare baseline: every first message in ${r.baseline.allFirstMessagesMs} ms, ${r.baseline.lost} lost`,
  ];
  for (const s of r.scenarios) {
    if (!s.available) {
      lines.push(`  ${s.scenario}: not available (${s.reason})`);
      continue;
    }
    const kill =
      s.killedAtMs !== undefined
        ? ` [killed at ${s.killedAtMs} ms with ${s.firstOutAtKill} first messages out]`
        : '';
    lines.push(
      `  ${s.scenario}${kill}: every first message ${s.allFirstMessagesMs} ms (half by ${s.halfFirstMessagesMs}, 99 % by ${s.p99FirstMessagesMs}); lost ${s.lost} (${s.firstReplacedByReminder} reached by the reminder first), sent twice ${s.duplicates}; ${s.resumed} resumed, ${s.replayedByKey} repeats dropped by key (${s.keyConflicts} while in progress), ${s.retries} sends retried; timers (${s.timers.count}) late p50 ${s.timers.p50Ms} ms, p99 ${s.timers.p99Ms} ms, max ${s.timers.maxMs} ms`,
    );
  }
  const ratios = Object.entries(r.ratios).map(([k, v]) => `${k} ${v}×`);
  if (ratios.length) lines.push(`  every first message, ratios: ${ratios.join(', ')}`);
  return lines.join('\n');
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  runAlarmBench({
    people: arg('people') ? Number(arg('people')) : undefined,
    timeoutSeconds: arg('timeout') ? Number(arg('timeout')) : undefined,
    scenarios: arg('scenarios')?.split(',') as AlarmScenario[] | undefined,
    dist: process.argv.includes('--dist'),
  })
    .then((r) => {
      console.log(JSON.stringify(r));
      console.log(summarise(r));
      process.exit(r.scenarios.every((s) => !s.available || s.lost === 0) ? 0 : 1);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
