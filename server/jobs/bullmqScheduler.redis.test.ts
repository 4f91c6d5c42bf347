import { schedulerContract } from '../../test/scheduler.contract';
import { deletePrefix, sharedRedisDb } from '../../test/support/redis';
import { BullMqScheduler } from './bullmqScheduler';

const redis = sharedRedisDb(3);
const prefix = `lbtest-alarm-${process.pid}-${Date.now()}`;

schedulerContract({
  name: 'BullMQ',
  durable: true,
  make: (shared) =>
    new BullMqScheduler({
      connection: redis.connection,
      prefix,
      queueName: shared,
      backoffMs: 100,
    }),
  cleanup: () => deletePrefix(redis.url, prefix),
});
