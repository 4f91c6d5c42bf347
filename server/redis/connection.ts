import { Redis, type RedisOptions } from 'ioredis';

export type RedisRole = 'store' | 'subscriber' | 'adapter-pub' | 'adapter-sub';

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

export function connectRedis(url: string, role: RedisRole, commandTimeoutMs?: number): Redis {
  const r = new Redis(url, redisOptions(role, commandTimeoutMs));
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
