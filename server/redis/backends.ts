import { randomBytes } from 'node:crypto';
import type { ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Backends } from '../app';
import { redisTarget, type Config } from '../config';
import {
  decodeRecord,
  encodeRecord,
  type CredentialRecord,
  type CredentialStore,
} from '../auth/credentials';
import type { RevocationList } from '../auth/sessions';
import { BullMqScheduler } from '../jobs/bullmqScheduler';
import { StorageUnavailableError } from '../store/eventStore';
import { connectRedis, ready, targetOptions, type RedisTarget } from './connection';
import { RedisEventStore } from '../store/redisEventStore';
import { RedisShareViewStore } from '../share/redisViews';
import { RedisWarningStore } from '../warnings/store';
import { BullMqPollDriver } from '../warnings/bullmqPollDriver';
import { blobStoreFor } from '../blobs';

const unavailable = (op: string, err: unknown) =>
  new StorageUnavailableError(`redis ${op} failed: ${(err as Error).message}`, err);

/**
 * Credential records in one Redis hash, shared by every node: the field is the user name, so
 * `__proto__` or `constructor` is an ordinary field. A field that does not read as a record
 * fails closed for that account, named by key and field (R115).
 */
export class RedisCredentialStore implements CredentialStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}
  async get(userId: string): Promise<CredentialRecord | undefined> {
    let raw: string | null;
    try {
      raw = await this.redis.hget(this.key, userId);
    } catch (err) {
      throw unavailable('credentials read', err);
    }
    return raw === null
      ? undefined
      : decodeRecord(raw, `Redis ${this.key}, field ${JSON.stringify(userId)}`);
  }
  async set(userId: string, record: CredentialRecord): Promise<void> {
    try {
      await this.redis.hset(this.key, userId, encodeRecord(record));
    } catch (err) {
      throw unavailable('credentials write', err);
    }
  }
  /** Nodes that start together must not each make up a different first password. */
  async setIfAbsent(userId: string, record: CredentialRecord): Promise<boolean> {
    try {
      return (await this.redis.hsetnx(this.key, userId, encodeRecord(record))) === 1;
    } catch (err) {
      throw unavailable('credentials write', err);
    }
  }
}

/**
 * Signed-out sessions as keys that expire with the session itself. Each node also keeps the
 * revocations it has seen (its own, announced ones, and ones it looked up), so that while
 * Redis is away a signed-out session is still refused and everyone else can still reconnect.
 */
export class RedisRevocationList implements RevocationList {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly redis: Redis,
    private readonly sub: Redis,
    private readonly prefix: string,
  ) {
    const channel = `${prefix}:revoked`;
    sub.on('message', (ch: string, msg: string) => {
      if (ch !== channel) return;
      const [sid, exp] = msg.split(' ');
      if (sid) this.remember(sid, Number(exp));
    });
    void sub.subscribe(channel).catch(() => undefined);
  }
  private key(sid: string): string {
    return `${this.prefix}:revoked:${sid}`;
  }
  private remember(sid: string, exp: number): void {
    const now = Date.now();
    this.seen.set(sid, exp);
    if (this.seen.size % 256 === 0)
      for (const [k, e] of this.seen) if (e < now) this.seen.delete(k);
  }
  async isRevoked(sid: string): Promise<boolean> {
    if (this.seen.has(sid)) return true;
    try {
      const hit = (await this.redis.exists(this.key(sid))) === 1;
      if (hit) this.remember(sid, Date.now() + 3_600_000);
      return hit;
    } catch {
      // Redis is away: what this node has seen is the best it knows. Refusing everyone
      // instead would also lock out the consoles that move here from a node that died.
      return false;
    }
  }
  async revoke(sid: string, exp: number): Promise<void> {
    this.remember(sid, exp);
    const ttl = Math.max(1000, exp - Date.now());
    try {
      await this.redis.set(this.key(sid), '1', 'PX', ttl);
      await this.redis.publish(`${this.prefix}:revoked`, `${sid} ${exp}`);
    } catch (err) {
      throw unavailable('revocation', err);
    }
  }
}

/** SESSION_SECRET, or one made once in Redis: every node must sign and check alike. */
export async function sharedSecret(redis: Redis, key: string, fromEnv?: string): Promise<Buffer> {
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  await redis.set(key, randomBytes(32).toString('base64'), 'NX');
  const value = await redis.get(key);
  if (!value) throw new Error('the session secret could not be read back from Redis');
  return Buffer.from(value, 'base64');
}

/** Warns when Redis may acknowledge an append it then loses (docs/operations.md). */
async function checkPersistence(redis: Redis): Promise<void> {
  try {
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    const [, fsync] = (await redis.config('GET', 'appendfsync')) as string[];
    if (appendonly !== 'yes')
      console.warn(
        '[redis] VARNING: appendonly är av. Kvitterade händelser kan gå förlorade om Redis startas om. Sätt appendonly yes och appendfsync always (docs/operations.md).',
      );
    else if (fsync !== 'always')
      console.warn(
        `[redis] appendfsync är ${fsync}: vid strömavbrott eller krasch i Redis-värden kan upp till ~1 s kvitterade händelser gå förlorade. Rekommenderat: always (docs/operations.md).`,
      );
  } catch {
    // Managed Redis often disables CONFIG; the operator has to check persistence there.
    console.warn('[redis] kunde inte läsa Redis persistensinställningar (CONFIG GET nekas).');
  }
}

/**
 * The scaled-out mode: the log, credentials, sign-outs and the session secret in one Redis
 * shared by any number of nodes, and Socket.IO rooms across nodes through the Redis adapter.
 * Every connection (BullMQ's too) comes from one target: a single server or a Sentinel-run
 * primary with replicas.
 */
export async function redisBackends(config: Config): Promise<Backends> {
  const target = redisTarget(config);
  if (!target) throw new Error('redisBackends needs REDIS_URL or REDIS_SENTINELS');
  const prefix = config.redisPrefix;
  // WAIT may take its whole timeout; the store's command timeout must outlast it.
  const storeTimeout = Math.max(5000, config.redisWaitTimeoutMs + 2000);
  const storeConn = connectRedis(target, 'store', storeTimeout);
  const sub = connectRedis(target, 'subscriber');
  const adapterPub = connectRedis(target, 'adapter-pub');
  const adapterSub = connectRedis(target, 'adapter-sub');
  const all = [storeConn, sub, adapterPub, adapterSub];
  try {
    await Promise.all(all.map((r) => ready(r)));
  } catch (err) {
    for (const r of all) r.disconnect();
    throw new Error(
      `Redis på ${describeTarget(target)} går inte att nå: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  await checkPersistence(storeConn);
  const store = new RedisEventStore(storeConn, sub, {
    prefix,
    waitReplicas: config.redisWaitReplicas,
    waitTimeoutMs: config.redisWaitTimeoutMs,
  });
  return {
    store,
    credentials: new RedisCredentialStore(storeConn, `${prefix}:credentials`),
    // Every command re-checks its session's generation: one read a second per account, not
    // one per command; the node that changes a password knows at once (R113).
    credentialCacheMs: 1000,
    revocations: new RedisRevocationList(storeConn, sub, prefix),
    // Timers live in Redis: a restart or a second node loses none, and each job runs once.
    scheduler: new BullMqScheduler({
      // BullMQ's types name its own bundled ioredis; the options are the same.
      connection: targetOptions(target) as ConnectionOptions,
      prefix: `${prefix}:jobs`,
      concurrency: config.jobConcurrency,
      lockMs: config.jobLockMs,
    }),
    secret: await sharedSecret(storeConn, `${prefix}:session-secret`, process.env.SESSION_SECRET),
    socketAdapter: createAdapter(adapterPub, adapterSub, { key: `${prefix}:sio` }),
    shareViews: new RedisShareViewStore(storeConn, prefix),
    // One poller for the cluster, one set for every node (R137).
    warnings: {
      store: new RedisWarningStore(storeConn, sub, prefix),
      driver: new BullMqPollDriver(
        // BullMQ's types name its own bundled ioredis; the options are the same.
        targetOptions(target) as ConnectionOptions,
        `${prefix}:jobs`,
      ),
    },
    // Every node must read every node's uploads: without an object store only one node can.
    blobs: (() => {
      if (!config.blobS3)
        console.warn(
          '[blobs] VARNING: BLOB_S3_BUCKET är inte satt; bilagor sparas som filer på den här noden och syns inte från andra noder (docs/operations.md).',
        );
      return blobStoreFor(config);
    })(),
    // The store closes its own connections (storeConn, sub) in store.close().
    close: async () => {
      for (const r of [adapterPub, adapterSub]) r.disconnect();
    },
  };
}

function describeTarget(t: RedisTarget): string {
  if (t.sentinels)
    return `${t.name} (Sentinel ${t.sentinels.map((s) => `${s.host}:${s.port}`).join(',')})`;
  try {
    const u = new URL(t.url ?? '');
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}
