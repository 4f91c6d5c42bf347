// What backup and restore share: the manifest, checksums, and how to reach the data.
// Plain Node and production dependencies only: it runs after `npm prune --omit=dev`.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { URL } from 'node:url';

export const FORMAT = 'lagesbild-backup/1';
export const MANIFEST = 'manifest.json';

export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** Every regular file under dir, as paths relative to it, sorted. */
export async function listFiles(dir, rel = '') {
  const out = [];
  let entries;
  try {
    entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOENT') return out;
    throw err;
  }
  for (const e of entries) {
    const p = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(dir, p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** The Redis the nodes use (REDIS_SENTINELS + REDIS_SENTINEL_NAME, or REDIS_URL), or null. */
export async function redisFromEnv(env = process.env) {
  if (!env.REDIS_URL && !env.REDIS_SENTINELS) return null;
  const { Redis } = await import('ioredis');
  const u = env.REDIS_URL ? new URL(env.REDIS_URL) : null;
  const auth = {
    db: u ? Number(u.pathname.replace('/', '') || 0) : 0,
    ...(u?.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u?.password ? { password: decodeURIComponent(u.password) } : {}),
  };
  const r = env.REDIS_SENTINELS
    ? new Redis({
        ...auth,
        name: env.REDIS_SENTINEL_NAME,
        role: 'master',
        sentinels: env.REDIS_SENTINELS.split(',').map((s) => {
          const [host, port] = s.trim().split(':');
          return { host, port: Number(port) };
        }),
      })
    : new Redis(env.REDIS_URL);
  r.on('error', () => undefined);
  await r.ping();
  return { redis: r, prefix: env.REDIS_PREFIX ?? 'lagesbild' };
}

/** Keys under the prefix a backup carries: not BullMQ's (rebuilt from the log) nor Socket.IO's. */
export const backedUpKey = (prefix, key) =>
  key.startsWith(`${prefix}:`) &&
  !key.startsWith(`${prefix}:jobs:`) &&
  !key.startsWith(`${prefix}:sio`) &&
  !key.startsWith(`${prefix}:log:`) &&
  key !== `${prefix}:confirm`;

export async function scanKeys(redis, prefix) {
  const keys = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys.sort();
}

export const fail = (msg) => {
  console.error(msg);
  process.exit(1);
};

/** `<dir> [--name value …]` from the command line: the one positional argument and an option reader. */
export function commandLine(argv, usage) {
  const opt = (name) =>
    argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined;
  const dir = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  if (!dir) fail(usage);
  return { dir, opt };
}
