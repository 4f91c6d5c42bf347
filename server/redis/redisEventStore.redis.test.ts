import { describeEventStoreContract } from '../../test/store.contract';
import { SHARED_REDIS_URL, deletePrefix, testPrefix } from '../../test/support/redis';
import { connectRedis, ready } from './connection';
import { RedisEventStore } from './redisEventStore';

async function open(prefix: string): Promise<RedisEventStore> {
  const redis = connectRedis(SHARED_REDIS_URL, 'store');
  const sub = connectRedis(SHARED_REDIS_URL, 'subscriber');
  await Promise.all([ready(redis), ready(sub)]);
  return new RedisEventStore(redis, sub, { prefix, pollMs: 200 });
}

describeEventStoreContract('redis', async () => {
  const prefix = testPrefix();
  return {
    store: await open(prefix),
    reopen: () => open(prefix),
    cleanup: () => deletePrefix(SHARED_REDIS_URL, prefix),
  };
});
