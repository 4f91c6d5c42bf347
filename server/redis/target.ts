/** Where Redis is, as the configuration says it: read without loading a Redis client. */

/**
 * Where Redis is: a single server (`url`), or a primary found through Redis Sentinel
 * (`sentinels` + `name`; then `url`, if given, only carries the database and credentials).
 */
export interface RedisTarget {
  url?: string;
  sentinels?: { host: string; port: number }[];
  name?: string;
}

/** `host:port,host:port` (REDIS_SENTINELS) as ioredis wants it; throws on a malformed entry. */
export function parseSentinels(list: string): { host: string; port: number }[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(entry);
      if (!m) throw new Error(`REDIS_SENTINELS: "${entry}" is not host:port`);
      return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
    });
}
