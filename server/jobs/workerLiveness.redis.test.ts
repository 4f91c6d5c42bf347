/**
 * R252: the jobs of a worker whose process died go to a living worker at once, long before
 * their locks expire; the jobs of a worker that lives are never taken from it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Queue } from 'bullmq';
import { deletePrefix, sharedRedisDb } from '../../test/support/redis';
import { BullMqScheduler } from './bullmqScheduler';

const redis = sharedRedisDb(3);
const prefix = `lbtest-liveness-${process.pid}-${Date.now()}`;
/** Far beyond the test's time: a takeover seen here came from liveness, not from the lock. */
const LOCK_MS = 120_000;
const ROOT = path.resolve(__dirname, '..', '..');

interface Holder {
  child: ChildProcess;
  workerId: string;
  started: Promise<string>;
}

async function startHolder(queue: string): Promise<Holder> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test', 'support', 'jobHolder.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        REDIS_URL: redis.url,
        JOB_PREFIX: prefix,
        JOB_QUEUE: queue,
        JOB_LOCK_MS: String(LOCK_MS),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  const line = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        const m = re.exec(out);
        if (m) resolve(m[1]);
      };
      child.stdout?.on('data', look);
      child.once('exit', (code) => reject(new Error(`holder exited ${code}: ${out}`)));
      look();
    });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const workerId = await line(/worker (\S+)\n/);
  return { child, workerId, started: line(/started (\S+)\n/) };
}

const kill = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });

async function until(f: () => boolean): Promise<void> {
  while (!f()) await new Promise((r) => setTimeout(r, 20));
}

describe('worker liveness (R252)', () => {
  const open: { close(): Promise<void> }[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) await kill(c);
    for (const o of open.splice(0)) await o.close();
  });
  afterAll(() => deletePrefix(redis.url, prefix));

  async function setUp(queue: string) {
    const holder = await startHolder(queue);
    children.push(holder.child);
    const q = new Queue(queue, { connection: redis.connection, prefix });
    open.push(q);
    await q.add('hold', { kind: 'hold', runAt: Date.now(), data: null }, { jobId: 'j1' });
    expect(await holder.started).toBe('j1');
    const ran: string[] = [];
    const living = new BullMqScheduler({
      connection: redis.connection,
      prefix,
      queueName: queue,
      lockMs: LOCK_MS,
    });
    open.push(living);
    living.handle('hold', async (job) => {
      ran.push(job.id);
    });
    await until(() => living.liveness?.sees(holder.workerId) ?? false);
    return { holder, q, ran };
  }

  it('R252 a killed worker’s job runs on the living worker before its lock expires', async () => {
    const { holder, q, ran } = await setUp(`kill-${Date.now()}`);
    const killedAt = Date.now();
    await kill(holder.child);
    await until(() => ran.length > 0);
    expect(ran).toEqual(['j1']);
    // The lock would have held it for two minutes.
    expect(Date.now() - killedAt).toBeLessThan(LOCK_MS);
    let state = await q.getJobState('j1');
    while (state === 'active') state = await q.getJobState('j1');
    expect(state).toBe('completed');
  }, 30_000);

  it('R252 a living worker keeps its job', async () => {
    const { q, ran } = await setUp(`live-${Date.now()}`);
    // Many looks of the living node (every 200 ms) and stall checks (every 250 ms).
    await new Promise((r) => setTimeout(r, 2000));
    expect(ran).toEqual([]);
    expect(await q.getJobState('j1')).toBe('active');
  }, 30_000);
});
