import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The Redis the tests share: the one `npm test` starts for the run (TEST_REDIS_URL), or this
 * machine's on 6379 for a single test file run by hand. Tests use only their own db and key
 * prefix.
 */
export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/2';

/** The shared Redis in another database, as a URL and as BullMQ/ioredis connection options. */
export function sharedRedisDb(db: number): {
  url: string;
  connection: { host: string; port: number; db: number };
} {
  const u = new URL(SHARED_REDIS_URL);
  u.pathname = `/${db}`;
  return {
    url: u.href,
    connection: { host: u.hostname, port: Number(u.port || 6379), db },
  };
}

export const testPrefix = (): string => `lbtest:${randomBytes(6).toString('hex')}`;

/** Deletes every key under a prefix (SCAN, never KEYS or FLUSH on a shared server). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** redis-server's arguments for a test's own node: loopback only, every write in the AOF, no RDB. */
export const durableNodeArgs = (port: number, dir: string, appendfsync: string): string[] => [
  '--port',
  String(port),
  '--bind',
  '127.0.0.1',
  '--dir',
  dir,
  '--appendonly',
  'yes',
  '--appendfsync',
  appendfsync,
  '--save',
  '',
];

/** Whether a redis-server answers on this loopback port (never retried: the caller polls). */
export async function pingRedis(port: number): Promise<boolean> {
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export interface OwnRedis {
  url: string;
  port: number;
  dir: string;
  /** Starts (again) on the same port and directory, so the AOF is read back. */
  start(): Promise<void>;
  /** SIGKILL: what was acknowledged must already be in the AOF. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** A private redis-server on a free loopback port with AOF (`appendfsync` as given). */
export async function startOwnRedis(
  appendfsync: 'always' | 'everysec' = 'always',
): Promise<OwnRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lb-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}/0`;
  const own: OwnRedis = {
    url,
    port,
    dir,
    start: async () => {
      child = spawn(
        'redis-server',
        [...durableNodeArgs(port, dir, appendfsync), '--protected-mode', 'yes'],
        { stdio: 'ignore' },
      );
      await waitFor(() => pingRedis(port), 10_000, `redis-server on port ${port}`);
    },
    kill: async () => {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((res) => {
        c.once('exit', () => res());
        c.kill('SIGKILL');
      });
    },
    stop: async () => {
      await own.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
