import Redis from 'ioredis';
import { schedulerContract } from '../../test/scheduler.contract';
import { BullMqScheduler } from './bullmqScheduler';

const DB = 3;
const prefix = `lbtest-alarm-${process.pid}-${Date.now()}`;

schedulerContract({
  name: 'BullMQ',
  durable: true,
  make: (shared) =>
    new BullMqScheduler({
      connection: { host: '127.0.0.1', port: 6379, db: DB },
      prefix,
      queueName: shared,
      backoffMs: 100,
    }),
  cleanup: async () => {
    const r = new Redis({ host: '127.0.0.1', port: 6379, db: DB });
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length > 0) await r.del(...keys);
    await r.quit();
  },
});
