/**
 * The alarm scenario with every dispatch, retry, reminder and escalation as a BullMQ job
 * in a real Redis (db 3, own prefix). Restart = a new app instance and a new BullMqScheduler on
 * the same queue while the delayed job waits in Redis.
 */
import { BullMqScheduler } from '../server/jobs/bullmqScheduler';
import { alarmScenarioTests } from './support/alarmScenarioTests';
import { deletePrefix, sharedRedisDb } from './support/redis';

const redis = sharedRedisDb(3);
const prefix = `lbtest-alarm-${process.pid}-${Date.now()}`;
let queue = 0;
let current = '';

beforeEach(() => {
  current = `alarm-${++queue}`;
});
afterAll(() => deletePrefix(redis.url, prefix));

alarmScenarioTests(
  'BullMQ',
  () =>
    new BullMqScheduler({
      connection: redis.connection,
      prefix,
      queueName: current,
      backoffMs: 100,
    }),
);
