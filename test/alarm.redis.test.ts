/**
 * Issue 5's alarm scenario with every dispatch, retry, reminder and escalation as a BullMQ job
 * in a real Redis (db 3, own prefix). Restart = a new app instance and a new BullMqScheduler on
 * the same queue while the delayed job waits in Redis.
 */
import Redis from 'ioredis';
import { BullMqScheduler } from '../server/jobs/bullmqScheduler';
import { alarmScenarioTests } from './support/alarmScenarioTests';

const DB = 3;
const prefix = `lbtest-alarm-${process.pid}-${Date.now()}`;
let queue = 0;
let current = '';

beforeEach(() => {
  current = `alarm-${++queue}`;
});
afterAll(async () => {
  const r = new Redis({ host: '127.0.0.1', port: 6379, db: DB });
  const keys = await r.keys(`${prefix}:*`);
  if (keys.length > 0) await r.del(...keys);
  await r.quit();
});

alarmScenarioTests(
  'BullMQ',
  () =>
    new BullMqScheduler({
      connection: { host: '127.0.0.1', port: 6379, db: DB },
      prefix,
      queueName: current,
      backoffMs: 100,
    }),
);
