/**
 * The Scheduler contract (server/jobs/scheduler.ts), run against every implementation:
 * server/jobs/inProcessScheduler.test.ts and server/jobs/bullmqScheduler.redis.test.ts.
 */
import type { ScheduledJob, Scheduler } from '../server/jobs/scheduler';

export interface SchedulerFactory {
  name: string;
  /** A fresh scheduler; `shared` names the durable place (same name = same queue after a restart). */
  make(shared: string): Scheduler;
  /** True when jobs survive the scheduler's process (BullMQ); the in-process one rebuilds from the log. */
  durable: boolean;
  cleanup?(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let seq = 0;
const uniq = (p: string) => `${p}-${process.pid}-${Date.now()}-${++seq}`;

export function schedulerContract(f: SchedulerFactory): void {
  const open: Scheduler[] = [];
  const make = (shared = uniq('q')) => {
    const s = f.make(shared);
    open.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  afterAll(async () => {
    await f.cleanup?.();
  });

  test(`S1 ${f.name}: a job runs at its time, not before, with its data`, async () => {
    const s = make();
    const ran: { job: ScheduledJob<{ x: number }>; at: number }[] = [];
    s.handle<{ x: number }>('k', async (job) => void ran.push({ job, at: Date.now() }));
    const runAt = Date.now() + 300;
    await s.schedule({ id: uniq('j'), kind: 'k', runAt, data: { x: 42 } });
    await sleep(150);
    expect(ran).toHaveLength(0);
    for (let i = 0; i < 100 && ran.length === 0; i++) await sleep(20);
    expect(ran).toHaveLength(1);
    expect(ran[0].job.data).toEqual({ x: 42 });
    expect(ran[0].job.runAt).toBe(runAt);
    expect(ran[0].at).toBeGreaterThanOrEqual(runAt - 5);
    expect(ran[0].at - runAt).toBeLessThan(1000);
  });

  test(`S2 ${f.name}: the same id scheduled twice runs once`, async () => {
    const s = make();
    let n = 0;
    s.handle('k', async () => void (n += 1));
    const id = uniq('j');
    const runAt = Date.now() + 200;
    await s.schedule({ id, kind: 'k', runAt, data: {} });
    await s.schedule({ id, kind: 'k', runAt, data: {} });
    await sleep(900);
    expect(n).toBe(1);
  });

  test(`S3 ${f.name}: a cancelled job never runs`, async () => {
    const s = make();
    let n = 0;
    s.handle('k', async () => void (n += 1));
    const id = uniq('j');
    await s.schedule({ id, kind: 'k', runAt: Date.now() + 200, data: {} });
    await s.cancel(id);
    await sleep(700);
    expect(n).toBe(0);
  });

  test(`S4 ${f.name}: a handler that throws is retried with backoff until it succeeds`, async () => {
    const s = make();
    const attempts: number[] = [];
    s.handle('k', async () => {
      attempts.push(Date.now());
      if (attempts.length < 3) throw new Error('provider down');
    });
    await s.schedule({ id: uniq('j'), kind: 'k', runAt: Date.now(), data: {} });
    for (let i = 0; i < 200 && attempts.length < 3; i++) await sleep(25);
    await sleep(300);
    expect(attempts).toHaveLength(3);
    // Backoff: the second gap is not shorter than the first.
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(attempts[1] - attempts[0] - 20);
  });

  test(`S5 ${f.name}: 200 jobs at mixed times each run exactly once`, async () => {
    const s = make();
    const seen = new Map<string, number>();
    s.handle<{ i: number }>('k', async (job) => void seen.set(job.id, (seen.get(job.id) ?? 0) + 1));
    const base = Date.now();
    const ids = Array.from({ length: 200 }, (_, i) => uniq(`m${i}`));
    await Promise.all(
      ids.map((id, i) => s.schedule({ id, kind: 'k', runAt: base + (i % 10) * 50, data: { i } })),
    );
    for (let i = 0; i < 200 && seen.size < 200; i++) await sleep(25);
    expect(seen.size).toBe(200);
    expect([...seen.values()].every((v) => v === 1)).toBe(true);
  });

  test(`S6 ${f.name}: after close no job runs`, async () => {
    const s = make();
    let n = 0;
    s.handle('k', async () => void (n += 1));
    await s.schedule({ id: uniq('j'), kind: 'k', runAt: Date.now() + 200, data: {} });
    await s.close();
    await sleep(500);
    expect(n).toBe(0);
  });

  test(`S8 ${f.name}: the same id scheduled again for a later time runs once, at the later time`, async () => {
    const s = make();
    const ran: number[] = [];
    s.handle('k', async () => void ran.push(Date.now()));
    const id = uniq('j');
    await s.schedule({ id, kind: 'k', runAt: Date.now() + 300, data: {} });
    const later = Date.now() + 1600;
    await s.schedule({ id, kind: 'k', runAt: later, data: {} });
    await sleep(900);
    expect(ran).toHaveLength(0);
    for (let i = 0; i < 100 && ran.length === 0; i++) await sleep(25);
    await sleep(200);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toBeGreaterThanOrEqual(later - 5);
  });

  if (f.durable)
    test(`S9 ${f.name}: two nodes scheduling the same 100 ids with their own clocks run each once`, async () => {
      const shared = uniq('two-nodes');
      const seen = new Map<string, number>();
      const count = async (job: ScheduledJob) => void seen.set(job.id, (seen.get(job.id) ?? 0) + 1);
      const a = make(shared);
      const b = make(shared);
      a.handle('k', count);
      b.handle('k', count);
      const ids = Array.from({ length: 100 }, (_, i) => uniq(`n${i}`));
      const t = Date.now();
      await Promise.all(
        ids.flatMap((id, i) => [
          a.schedule({ id, kind: 'k', runAt: t + (i % 5) * 40, data: {} }),
          b.schedule({ id, kind: 'k', runAt: t + (i % 5) * 40 + 7, data: {} }),
        ]),
      );
      for (let i = 0; i < 200 && seen.size < 100; i++) await sleep(25);
      await sleep(300);
      expect(seen.size).toBe(100);
      expect([...seen.values()].every((v) => v === 1)).toBe(true);
    });

  test(`S10 ${f.name}: fixed jobs in one call each run once, also when two nodes add them and after they ran`, async () => {
    const shared = uniq('fixed');
    const seen = new Map<string, number>();
    const count = async (job: ScheduledJob) => void seen.set(job.id, (seen.get(job.id) ?? 0) + 1);
    const a = make(shared);
    a.handle('k', count);
    const b = f.durable ? make(shared) : a;
    if (b !== a) b.handle('k', count);
    const t = Date.now();
    const jobs = Array.from({ length: 50 }, (_, i) => ({
      id: uniq(`f${i}`),
      kind: 'k',
      runAt: t + (i % 3) * 50,
      data: { i },
    }));
    await Promise.all([a.scheduleFixed(jobs), b.scheduleFixed(jobs)]);
    for (let i = 0; i < 200 && seen.size < jobs.length; i++) await sleep(25);
    // Added again once they have run (a node reacting late): nothing runs a second time.
    await a.scheduleFixed(jobs);
    await sleep(300);
    expect(seen.size).toBe(jobs.length);
    expect([...seen.values()].every((v) => v === 1)).toBe(true);
  });

  test(`S11 ${f.name}: restore adds a job the queue never held and reruns one that failed for good, and leaves one that ran`, async () => {
    const s = make();
    const runs = new Map<string, number>();
    let healthy = false;
    s.handle('k', async (job) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      if (job.id.includes('fails') && !healthy) throw new Error('provider down');
    });
    const job = (name: string) => ({ id: uniq(name), kind: 'k', runAt: Date.now(), data: {} });
    const ran = job('ran');
    const fails = job('fails');
    const lost = job('lost');
    await s.scheduleFixed([ran, fails]);
    // Five attempts, then the job fails for good.
    for (let i = 0; i < 600 && (runs.get(fails.id) ?? 0) < 5; i++) await sleep(25);
    await sleep(300);
    expect(runs.get(fails.id)).toBe(5);
    expect(runs.get(ran.id)).toBe(1);
    healthy = true;
    expect(await s.restore([ran, fails, lost])).toBe(2);
    for (let i = 0; i < 200 && !(runs.get(lost.id) && runs.get(fails.id) === 6); i++)
      await sleep(25);
    // Restored twice more (two nodes, a sweep and a reconnect): nothing runs again.
    expect(await s.restore([ran, fails, lost])).toBe(0);
    await sleep(300);
    expect(
      Object.fromEntries([ran, fails, lost].map((j) => [j.id.split('-')[0], runs.get(j.id)])),
    ).toEqual({
      ran: 1,
      fails: 6,
      lost: 1,
    });
  });

  if (f.durable)
    test(`S7 ${f.name}: a pending job survives a restart and runs once`, async () => {
      const shared = uniq('durable');
      const first = make(shared);
      let n = 0;
      first.handle('k', async () => void (n += 1));
      const id = uniq('j');
      await first.schedule({ id, kind: 'k', runAt: Date.now() + 600, data: {} });
      await first.close();
      const second = make(shared);
      second.handle('k', async () => void (n += 1));
      // The restarted node re-adds what it rebuilt from the log: the same id must not run twice.
      await second.schedule({ id, kind: 'k', runAt: Date.now() + 600, data: {} });
      await sleep(1500);
      expect(n).toBe(1);
    });
}
