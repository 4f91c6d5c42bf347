import { Redis } from 'ioredis';
import { SHARED_REDIS_URL, deletePrefix, testPrefix } from '../../test/support/redis';
import { RedisShareViewStore } from './redisViews';
import { shareViewStoreContract } from './views.contract';

describe('the Redis store of share openings', () => {
  const prefixes: string[] = [];
  const conns: Redis[] = [];
  afterAll(async () => {
    for (const c of conns) c.disconnect();
    for (const p of prefixes) await deletePrefix(SHARED_REDIS_URL, p);
  });
  shareViewStoreContract(async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const redis = new Redis(SHARED_REDIS_URL);
    conns.push(redis);
    return new RedisShareViewStore(redis, prefix);
  });

  test('R95 every key expires (the store cannot grow for ever)', async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const redis = new Redis(SHARED_REDIS_URL);
    conns.push(redis);
    const store = new RedisShareViewStore(redis, prefix);
    await store.record('real', 'shr_t', {
      at: '2026-01-15T08:00:00.000Z',
      kind: 'page',
      visitor: 'v',
    });
    const [, keys] = await redis.scan('0', 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    expect(keys).toHaveLength(3);
    for (const k of keys) expect(await redis.ttl(k)).toBeGreaterThan(90 * 86_400);
  });
});
