/**
 * A node that takes one kind of job and holds it for ever: the worker a test kills mid-job.
 * Prints `worker <id>` once it takes jobs and `started <job id>` for each one it holds.
 * Env: REDIS_URL, JOB_PREFIX, JOB_QUEUE, JOB_LOCK_MS.
 */
import { BullMqScheduler } from '../../server/jobs/bullmqScheduler';

const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0');
const scheduler = new BullMqScheduler({
  connection: {
    host: url.hostname,
    port: Number(url.port || 6379),
    db: Number(url.pathname.slice(1) || 0),
  },
  prefix: process.env.JOB_PREFIX as string,
  queueName: process.env.JOB_QUEUE,
  lockMs: Number(process.env.JOB_LOCK_MS ?? 60_000),
});
scheduler.handle('hold', async (job) => {
  process.stdout.write(`started ${job.id}\n`);
  await new Promise(() => undefined);
});
const announce = setInterval(() => {
  if (scheduler.workerId && scheduler.liveness?.visible) {
    process.stdout.write(`worker ${scheduler.workerId}\n`);
    clearInterval(announce);
  }
}, 20);
