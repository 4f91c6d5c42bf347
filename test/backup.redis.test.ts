/**
 * The restore drill: a real server writes, `npm run backup` (scripts/backup.mjs, plain Node)
 * copies it, a damaged copy is refused with the file and the reason, and `npm run restore`
 * brings it back on a clean data directory (embedded) or an empty prefix (Redis), where the log
 * verifier finds every event and an intact chain. Redis: a redis-server of the test's own.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { redisBackends } from '../server/redis/backends';
import { connectRedis, ready } from '../server/redis/connection';
import { RedisEventStore } from '../server/store/redisEventStore';
import { JournalStore } from '../server/store/journalStore';
import type { EventStore } from '../server/store/eventStore';
import { startOwnRedis, type OwnRedis } from './support/redis';
import { connectConsole, login, startTestServer, type TestServer } from './support/server';

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'lb-drill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const node = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: '', REDIS_SENTINELS: '', ...env },
    encoding: 'utf8',
  });

const verifyLog = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts', 'verify-log.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: '', ...env },
      encoding: 'utf8',
    },
  );

async function writeSome(srv: TestServer, n: number): Promise<void> {
  const c = await connectConsole(srv.url, await login(srv.url, 'stabschef'));
  for (let i = 0; i < n; i++)
    expect((await c.command('log.write', { text: `rad ${i}` })).ok).toBe(true);
  c.close();
}

async function hashes(store: EventStore): Promise<string[]> {
  try {
    return (await store.read('real', 0)).map((e) => e.hash);
  } finally {
    await store.close();
  }
}

/** A copy of the backup with one byte of `file` changed. */
function damaged(backup: string, file: string): string {
  const copy = path.join(tmp, `damaged-${path.basename(backup)}`);
  cpSync(backup, copy, { recursive: true });
  const p = path.join(copy, file);
  const buf = readFileSync(p);
  buf[Math.floor(buf.length / 2)] ^= 0x01;
  writeFileSync(p, buf);
  return copy;
}

test('R126 R127 embedded: backup, a damaged backup refused with file and reason, restore on a clean data dir passes the log verifier', async () => {
  const srv = await startTestServer();
  await writeSome(srv, 30);
  const dataDir = srv.dataDir;
  const before = await hashes(new JournalStore(dataDir));
  const backup = path.join(tmp, 'embedded');
  // Taken while the server runs: what it holds is what was acknowledged.
  const b = node('backup.mjs', [backup, '--data', dataDir]);
  expect(b.stderr).toBe('');
  expect(b.status).toBe(0);
  await srv.close();
  const manifest = JSON.parse(readFileSync(path.join(backup, 'manifest.json'), 'utf8')) as {
    source: { mode: string };
    files: { path: string; size: number; sha256: string }[];
  };
  expect(manifest.source.mode).toBe('embedded');
  const names = manifest.files.map((f) => f.path);
  expect(names).toEqual(
    expect.arrayContaining(['journal/real.jsonl', 'credentials.json', 'session-secret']),
  );
  for (const f of manifest.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);

  const bad = node('restore.mjs', [
    damaged(backup, 'journal/real.jsonl'),
    '--data',
    path.join(tmp, 'r-bad'),
  ]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(
    /journal\/real\.jsonl: SHA-256 does not match the manifest; nothing was restored/,
  );
  expect(() => readdirSync(path.join(tmp, 'r-bad'))).toThrow();

  const target = path.join(tmp, 'restored');
  const r = node('restore.mjs', [backup, '--data', target]);
  expect(r.status).toBe(0);
  // Not over an existing installation.
  expect(node('restore.mjs', [backup, '--data', target]).stderr).toMatch(/is not empty/);
  const v = verifyLog(['--data', target]);
  expect(v.status).toBe(0);
  expect(v.stdout).toMatch(/real: \d+ händelser, kedjan hel/);
  expect(await hashes(new JournalStore(target))).toEqual(before);
  // The restored installation runs: the same log, and sign-in works (credentials came back).
  const again = await startTestServer({ DATA_DIR: target });
  try {
    expect(again.app.spaces.get('real')?.seq).toBe(before.length);
    await login(again.url, 'stabschef');
  } finally {
    await again.close();
  }
});

describe('Redis', () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startOwnRedis('always');
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const redisStore = async (prefix: string) => {
    const conn = connectRedis(redis.url, 'store');
    const sub = connectRedis(redis.url, 'subscriber');
    await Promise.all([ready(conn), ready(sub)]);
    return new RedisEventStore(conn, sub, { prefix });
  };

  test('R126 R127 Redis: a logical backup restores into an empty prefix with every event and the chain', async () => {
    const srv = await startTestServer({ REDIS_URL: redis.url, REDIS_PREFIX: 'drill' }, (c) =>
      redisBackends(c),
    );
    await writeSome(srv, 20);
    await srv.close();
    const before = await hashes(await redisStore('drill'));
    const backup = path.join(tmp, 'redis');
    const b = node('backup.mjs', [backup], { REDIS_URL: redis.url, REDIS_PREFIX: 'drill' });
    expect(b.status).toBe(0);
    const bad = node('restore.mjs', [damaged(backup, 'redis-keys.jsonl')], {
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'drill2',
    });
    expect(bad.stderr).toMatch(/redis-keys\.jsonl: SHA-256 does not match/);
    // Never over a prefix in use.
    expect(
      node('restore.mjs', [backup], { REDIS_URL: redis.url, REDIS_PREFIX: 'drill' }).stderr,
    ).toMatch(/already holds keys/);
    const r = node('restore.mjs', [backup], { REDIS_URL: redis.url, REDIS_PREFIX: 'drill2' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const v = verifyLog([], { REDIS_URL: redis.url, REDIS_PREFIX: 'drill2' });
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/real: \d+ händelser, kedjan hel/);
    expect(await hashes(await redisStore('drill2'))).toEqual(before);
    // Credentials came back: the restored installation signs people in.
    const again = await startTestServer({ REDIS_URL: redis.url, REDIS_PREFIX: 'drill2' }, (c) =>
      redisBackends(c),
    );
    try {
      await login(again.url, 'stabschef');
    } finally {
      await again.close();
    }
  });
});
