import { Redis, type RedisOptions } from 'ioredis';
import type { RedisTarget } from './target';

export type RedisRole = 'store' | 'subscriber' | 'adapter-pub' | 'adapter-sub';

export { parseSentinels, type RedisTarget } from './target';

/** Database, credentials and TLS from REDIS_URL, without its host (Sentinel names that). */
function urlParts(url: string | undefined): RedisOptions {
  if (!url) return {};
  const u = new URL(url);
  return {
    db: Number(u.pathname.replace('/', '') || 0),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * The connection options for a target, without role-specific behaviour: what BullMQ gets for
 * the connections it opens itself, and the base of every connection of ours.
 */
export function targetOptions(target: RedisTarget | string): RedisOptions {
  const t = typeof target === 'string' ? { url: target } : target;
  const parts = urlParts(t.url);
  if (t.sentinels && t.sentinels.length > 0) {
    if (!t.name) throw new Error('REDIS_SENTINELS needs REDIS_SENTINEL_NAME');
    return {
      ...parts,
      sentinels: t.sentinels,
      name: t.name,
      role: 'master',
      // A sentinel password is the same as the data nodes' in our deployments (compose).
      ...(parts.password ? { sentinelPassword: parts.password } : {}),
      // No failoverDetector: its disconnect on +switch-master can land in the middle of a
      // reconnect and end the client for good ("Connection is closed"). A dead or demoted
      // primary is noticed by its socket or by READONLY (reconnectOnError) instead.
      sentinelRetryStrategy: (times: number) => Math.min(100 * times, 1000),
    };
  }
  if (!t.url) throw new Error('Redis needs REDIS_URL or REDIS_SENTINELS');
  const u = new URL(t.url);
  return { ...parts, host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) };
}

/**
 * One place for how this server talks to Redis.
 *
 * The store connection must never hold a command back while Redis is away: a queued append
 * that runs minutes later, after the person was told "not saved", would be a surprise. So it
 * has no offline queue, no automatic resend of commands whose reply was lost, and a timeout
 * for a Redis that hangs. Subscriber connections are the opposite: they queue their
 * (re)subscriptions and resubscribe by themselves.
 */
export function redisOptions(role: RedisRole, commandTimeoutMs = 5000): RedisOptions {
  const common: RedisOptions = {
    connectionName: `lagesbild-${role}-${process.pid}`,
    // Reconnect quickly and keep trying forever; an outage ends when Redis is back.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1000),
    connectTimeout: 5000,
    lazyConnect: true,
    // A primary demoted by a failover answers READONLY: reconnect, and Sentinel names the new
    // one. The store's failed command is not resent (its caller decides); the others' are.
    reconnectOnError: (err) =>
      err.message.startsWith('READONLY') ? (role === 'store' ? 1 : 2) : false,
  };
  if (role === 'store')
    return {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: commandTimeoutMs,
    };
  return { ...common, maxRetriesPerRequest: null };
}

/** The one factory: the log store, sessions, the Socket.IO adapter (BullMQ via targetOptions). */
export function connectRedis(
  target: RedisTarget | string,
  role: RedisRole,
  commandTimeoutMs?: number,
): Redis {
  const r = new Redis({ ...targetOptions(target), ...redisOptions(role, commandTimeoutMs) });
  let reported = false;
  // Without a listener ioredis prints every failed reconnect; one line per outage is enough.
  r.on('error', (err: Error) => {
    if (reported) return;
    reported = true;
    console.error(`[redis ${role}] ${err.message}`);
  });
  r.on('ready', () => {
    if (reported) console.warn(`[redis ${role}] återansluten`);
    reported = false;
  });
  return r;
}

/** Waits for the first connection; start-up fails clearly instead of hanging. */
export async function ready(r: Redis, timeoutMs = 10_000): Promise<void> {
  if (r.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      r.status === 'wait' ? r.connect() : new Promise<void>((res) => r.once('ready', res)),
      new Promise<never>((_, rej) => {
        timer = setTimeout(() => rej(new Error(`Redis svarar inte (${timeoutMs} ms)`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
