/** Shared parts of the benchmark: processes, consoles, statistics. */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { StoredEvent } from '../shared/events';
import type { BatchMeta, SnapshotMessage } from '../shared/protocol';
import { RECONNECT_POLICY } from '../shared/reconnectPolicy';
import type { WorkerCollected, WorkerOpen, WorkerReply, WorkerRequest } from './workerMessages';

export const ROOT = path.resolve(__dirname, '..');

// ------------------------------------------------------------------------------------------
// Figures
// ------------------------------------------------------------------------------------------

/** A figure always carries its unit, so the JSON cannot be misread. */
export interface Figure {
  value: number;
  unit: string;
}
export const fig = (value: number, unit: string): Figure => ({
  value: Math.round(value * 100) / 100,
  unit,
});

/** A comparison with the bare baseline from the same run. */
export interface Comparison {
  measured: Figure;
  baseline: Figure;
  /** measured / baseline: below 1 is faster than bare. */
  ratio: number;
  target?: string;
}
export const compare = (measured: Figure, baseline: Figure, target?: string): Comparison => ({
  measured,
  baseline,
  ratio: baseline.value > 0 ? Math.round((measured.value / baseline.value) * 100) / 100 : NaN,
  ...(target ? { target } : {}),
});

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Dist {
  count: number;
  p50: Figure;
  p99: Figure;
  max: Figure;
}
export function dist(values: number[], unit = 'ms'): Dist {
  const s = Float64Array.from(values).sort();
  return {
    count: s.length,
    p50: fig(percentile(s, 50), unit),
    p99: fig(percentile(s, 99), unit),
    max: fig(s.length ? s[s.length - 1] : NaN, unit),
  };
}

// ------------------------------------------------------------------------------------------
// Processes
// ------------------------------------------------------------------------------------------

export const hasTaskset = (() => {
  const r = spawnSync('taskset', ['-p', String(process.pid)], { encoding: 'utf8' });
  return r.status === 0;
})();

/** Pins this process (the load generator) to one core, away from the servers. */
export function pinSelf(core: number): boolean {
  if (!hasTaskset) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)]).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export interface Proc {
  child: ChildProcess;
  url: string;
  port: number;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a node program as its own process, pinned to `core` where taskset exists, and waits
 * for a line naming its URL.
 */
export async function spawnNode(
  script: string,
  env: Record<string, string>,
  opts: { core?: number; timeoutMs?: number; args?: string[] } = {},
): Promise<Proc> {
  const useTsx = script.endsWith('.ts');
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the servers under load.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const nodeArgs = [...extra, ...(useTsx ? ['--import', 'tsx'] : []), script, ...(opts.args ?? [])];
  const [cmd, args] =
    opts.core !== undefined && hasTaskset
      ? ['taskset', ['-c', String(opts.core), process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
  const child = spawn(cmd, args as string[], {
    cwd: ROOT,
    // Throughput benches measure the server, not its per-console limit (bench/abuse.ts does).
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      LOGIN_RATE_LIMIT: '100000',
      COMMAND_RATE_PER_SECOND: '1000000',
      COMMAND_RATE_BURST: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`${script} did not start:\n${out}`)),
      opts.timeoutMs ?? 30_000,
    );
    const onData = () => {
      const m = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        child.stdout?.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`${script} exited with ${code}:\n${out}`));
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    // A profiled server must exit by itself to write its profile: SIGTERM, then SIGKILL.
    kill: (signal = extra.some((a) => a.startsWith('--cpu-prof')) ? 'SIGTERM' : 'SIGKILL') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill(signal);
      }),
  };
}

/** The Lägesbild server: built (dist) when asked and present, else from source via tsx. */
export function serverScript(dist: boolean): string {
  const built = path.join(ROOT, 'dist', 'server', 'main.js');
  return dist && existsSync(built) ? built : path.join(ROOT, 'server', 'main.ts');
}

export async function startLagesbild(opts: {
  dataDir: string;
  dist: boolean;
  core?: number;
  port?: number;
  env?: Record<string, string>;
}): Promise<Proc> {
  return spawnNode(
    serverScript(opts.dist),
    {
      DATA_DIR: opts.dataDir,
      PORT: String(opts.port ?? 0),
      DEMO: 'on',
      BENCH_METRICS: '1',
      CLIENT_DIR: path.join(ROOT, 'dist', 'client'),
      ...opts.env,
    },
    { core: opts.core, timeoutMs: 60_000 },
  );
}

/** The bare Socket.IO server (bench/bare-server.ts), the baseline: no durability at all. */
/** The bare Socket.IO baseline; with `durableFile`, each command fdatasynced there first. */
export function startBare(core?: number, durableFile?: string): Promise<Proc> {
  return spawnNode(
    path.join(ROOT, 'bench', 'bare-server.ts'),
    { BENCH_METRICS: '1', ...(durableFile ? { BARE_DURABLE_FILE: durableFile } : {}) },
    { core },
  );
}

/** A private redis-server with AOF (`appendfsync` as given), pinned to `core` where asked. */
export async function startRedis(
  appendfsync: string,
  core?: number,
): Promise<{ url: string; stop(): Promise<void> } | string> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return 'redis-server is not installed';
  const port = await freePort();
  const dir = tempDir('lb-bench-redis-');
  const argv = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    appendfsync,
    '--dir',
    dir,
  ];
  const child =
    core !== undefined && hasTaskset
      ? spawn('taskset', ['-c', String(core), 'redis-server', ...argv], { stdio: 'ignore' })
      : spawn('redis-server', argv, { stdio: 'ignore' });
  const up = await waitUntil(
    () =>
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .includes('PONG'),
    5000,
    50,
  );
  if (!up) {
    child.kill('SIGKILL');
    return 'redis-server did not start';
  }
  return {
    url: `redis://127.0.0.1:${port}/5`,
    stop: async () => {
      child.kill('SIGKILL');
      await sleep(50);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ServerFigures {
  loopDelayMs: { p50: number; p99: number; max: number; mean: number };
  rssMb: number;
  cpuUserMs: number;
  cpuSystemMs: number;
}

/** Reads (and resets) the server's opt-in event-loop figures. */
export async function serverMetrics(url: string): Promise<ServerFigures | null> {
  try {
    const r = await fetch(`${url}/healthz?metrics=1`);
    const j = (await r.json()) as { metrics?: ServerFigures };
    return j.metrics ?? null;
  } catch {
    return null;
  }
}

export async function headSeq(url: string): Promise<number> {
  const r = await fetch(`${url}/healthz`);
  const j = (await r.json()) as { spaces: Record<string, { seq: number }> };
  return j.spaces.real.seq;
}

export async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'krisledning' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

// ------------------------------------------------------------------------------------------
// Load generator
// ------------------------------------------------------------------------------------------

/** The load generator's own event-loop delay and CPU, to flag runs where it was the bottleneck. */
export class SelfMonitor {
  private h = monitorEventLoopDelay({ resolution: 10 });
  private cpu0 = process.cpuUsage();
  private t0 = performance.now();
  constructor() {
    this.h.enable();
  }
  reset(): void {
    this.h.reset();
    this.cpu0 = process.cpuUsage();
    this.t0 = performance.now();
  }
  read(): { loopDelayP99Ms: number; loopDelayMaxMs: number; cpuShare: number } {
    const c = process.cpuUsage(this.cpu0);
    const wallMs = performance.now() - this.t0;
    return {
      loopDelayP99Ms: Math.round(this.h.percentile(99) / 1e4) / 100,
      loopDelayMaxMs: Math.round(this.h.max / 1e4) / 100,
      cpuShare: Math.round(((c.user + c.system) / 1000 / wallMs) * 100) / 100,
    };
  }
  stop(): void {
    this.h.disable();
  }
}

/**
 * Source addresses for the consoles: past a few thousand connections the load generator spreads
 * them over several 127.0.0.x, so no single address runs short of ephemeral ports.
 */
export function sourceAddress(i: number, total: number, spread: number): string | undefined {
  if (total <= 2000 || spread <= 1) return undefined;
  return `127.0.0.${1 + (i % spread)}`;
}

export type AnySocket = Socket;

/** One listening console: what it received and whether the stream was continuous. */
export interface Listener {
  socket: AnySocket;
  /** Last seq covered by a batch or snapshot. */
  lastSeq: number;
  gaps: number;
  duplicates: number;
  received: number;
  snapshots: number;
  latencies: number[];
  close(): void;
}

export interface ListenOpts {
  url: string;
  cookie?: string;
  lastSeq: number;
  localAddress?: string;
  reconnect?: boolean;
  /** Called for each event with its arrival time. */
  onEvent?: (e: Pick<StoredEvent, 'seq' | 'commandId'>, at: number, l: Listener) => void;
}

/** Connects one console; works against the real server and the bare baseline alike. */
export function listen(o: ListenOpts): Promise<Listener> {
  const socket = ioClient(o.url, {
    transports: ['websocket'],
    ...(o.cookie ? { extraHeaders: { cookie: o.cookie } } : {}),
    auth: (cb: (a: object) => void) => cb({ lastSeq: l.lastSeq }),
    reconnection: o.reconnect ?? false,
    // The real console's policy (shared/reconnectPolicy.ts), not one of our own.
    ...RECONNECT_POLICY,
    forceNew: true,
    ...(o.localAddress ? { localAddress: o.localAddress } : {}),
  } as Parameters<typeof ioClient>[1]);
  const l: Listener = {
    socket,
    lastSeq: o.lastSeq,
    gaps: 0,
    duplicates: 0,
    received: 0,
    snapshots: 0,
    latencies: [],
    close: () => socket.disconnect(),
  };
  socket.on('events', (evs: Pick<StoredEvent, 'seq' | 'commandId'>[], meta: BatchMeta) => {
    const at = performance.now();
    if (meta.to <= l.lastSeq) l.duplicates += meta.to - meta.from + 1;
    else if (meta.from > l.lastSeq + 1) l.gaps += meta.from - l.lastSeq - 1;
    else if (meta.from < l.lastSeq + 1) l.duplicates += l.lastSeq + 1 - meta.from;
    for (const e of evs) {
      if (e.seq > l.lastSeq) {
        l.received++;
        o.onEvent?.(e, at, l);
      }
    }
    if (meta.to > l.lastSeq) l.lastSeq = meta.to;
  });
  socket.on('snapshot', (s: SnapshotMessage) => {
    l.snapshots++;
    if (s.seq < l.lastSeq) l.duplicates++;
    l.lastSeq = Math.max(l.lastSeq, s.seq);
  });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('connect timed out')), 60_000);
    socket.once('connect', () => {
      clearTimeout(t);
      resolve(l);
    });
    socket.once('connect_error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  });
}

/** Opens many consoles, a bounded number at a time (as a real morning rush would not). */
export async function listenMany(
  n: number,
  mk: (i: number) => ListenOpts,
  concurrency = 100,
): Promise<Listener[]> {
  const out: Listener[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await listen(mk(i));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return out;
}

export function closeAll(ls: Listener[]): void {
  for (const l of ls) l?.close();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(
  cond: () => boolean,
  timeoutMs: number,
  stepMs = 5,
): Promise<boolean> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > timeoutMs) return false;
    await sleep(stepMs);
  }
  return true;
}

/** A console that sends commands and times their acknowledgements. */
export interface Sender {
  socket: AnySocket;
  send(type: string, payload: unknown, id: string): Promise<{ ok: boolean; ms: number }>;
  close(): void;
}

export async function sender(url: string, cookie?: string, event = 'command'): Promise<Sender> {
  const socket = ioClient(url, {
    transports: ['websocket'],
    ...(cookie ? { extraHeaders: { cookie } } : {}),
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    send: (type, payload, id) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        socket.emit(event, { id, type, payload }, (a: { ok: boolean }) =>
          resolve({ ok: a?.ok === true, ms: performance.now() - t0 }),
        );
      }),
    close: () => socket.disconnect(),
  };
}

// ------------------------------------------------------------------------------------------
// Split load generator: listening consoles in child processes (bench/listener-worker.ts)
// ------------------------------------------------------------------------------------------

export interface ListenerWorker {
  pid: number;
  open(o: Omit<WorkerOpen, 'op'>): Promise<number>;
  collect(
    sent: Record<string, number>,
    timeoutMs: number,
    untilSeq?: number,
  ): Promise<WorkerCollected>;
  close(): Promise<void>;
}

/** Forks one listener process, pinned to `core` where taskset exists. */
export function spawnListenerWorker(core?: number): ListenerWorker {
  const child = fork(path.join(__dirname, 'listener-worker.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (core !== undefined && hasTaskset && child.pid)
    spawnSync('taskset', ['-a', '-p', '-c', String(core), String(child.pid)]);
  const next = <T extends WorkerReply['op']>(op: T) =>
    new Promise<Extract<WorkerReply, { op: T }>>((resolve, reject) => {
      const on = (m: WorkerReply) => {
        if (m.op === 'error') {
          child.off('message', on);
          reject(new Error(`listener worker: ${m.message}`));
        } else if (m.op === op) {
          child.off('message', on);
          resolve(m as Extract<WorkerReply, { op: T }>);
        }
      };
      child.on('message', on);
      child.once('exit', (code) => reject(new Error(`listener worker exited with ${code}`)));
    });
  return {
    pid: child.pid ?? -1,
    open: async (o) => {
      const r = next('opened');
      child.send({ op: 'open', ...o } satisfies WorkerRequest);
      return (await r).ms;
    },
    collect: async (sent, timeoutMs, untilSeq) => {
      const r = next('collected');
      child.send({ op: 'collect', sent, timeoutMs, untilSeq } satisfies WorkerRequest);
      return r;
    },
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
        child.send({ op: 'close' } satisfies WorkerRequest);
      }),
  };
}

/** Wall-clock milliseconds, comparable between the load generator's processes. */
export const wallMs = () => performance.timeOrigin + performance.now();
