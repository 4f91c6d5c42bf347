/**
 * Timed work (alarm reminders and escalations, exercise injects). A job handler must be
 * idempotent: it acts by submitting a command whose id is derived from the job id, so a job
 * that runs twice (a retry, a second node) still has one effect.
 */
export interface ScheduledJob<D = unknown> {
  /** Stable id; scheduling the same id again replaces the pending job. */
  id: string;
  kind: string;
  /** When to run, ms since epoch. */
  runAt: number;
  data: D;
}

export type JobHandler<D = unknown> = (job: ScheduledJob<D>) => Promise<void>;

export interface Scheduler {
  readonly kind: 'in-process' | 'bullmq';
  handle<D>(kind: string, handler: JobHandler<D>): void;
  schedule<D>(job: ScheduledJob<D>): Promise<void>;
  /**
   * Jobs whose time never moves (an alarm send: its id names the attempt), added if absent
   * and never replaced: many at once in one round trip where the scheduler can.
   */
  scheduleFixed(jobs: readonly ScheduledJob[]): Promise<void>;
  /**
   * Jobs the state says must exist: each one the queue holds no trace of (lost with a Redis
   * primary that failed over before replicating it) is added, each one that failed for good is
   * retried. Resolves to how many were restored. Jobs the queue holds in any other state are
   * left alone, so calling this for jobs that are fine costs a read and changes nothing.
   */
  restore(jobs: readonly ScheduledJob[]): Promise<number>;
  /** Called after the queue's connection came back (a failover, a restart of Redis). */
  onReconnect(listener: () => void): void;
  cancel(id: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded default: timers in this process. They do not survive a restart, so each feature
 * rebuilds its pending jobs from the state at start-up (the log is the truth).
 */
export class InProcessScheduler implements Scheduler {
  readonly kind = 'in-process' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly now: () => number = Date.now) {}

  handle<D>(kind: string, handler: JobHandler<D>): void {
    this.handlers.set(kind, handler as JobHandler);
  }

  async schedule<D>(job: ScheduledJob<D>): Promise<void> {
    if (this.closed) return;
    this.remember(job.id);
    await this.cancel(job.id);
    const delay = Math.max(0, job.runAt - this.now());
    // setTimeout caps at ~24.8 days; re-arm for longer delays.
    const MAX = 2 ** 31 - 1;
    const t = setTimeout(
      () => {
        this.timers.delete(job.id);
        if (delay > MAX) return void this.schedule(job);
        void this.run(job as ScheduledJob);
      },
      Math.min(delay, MAX),
    );
    this.timers.set(job.id, t);
  }

  /** Ids added so far (the last 100,000): a fixed one that ran is not added again. */
  private readonly known = new Set<string>();

  private remember(id: string): void {
    this.known.add(id);
    if (this.known.size > 100_000) this.known.delete(this.known.values().next().value as string);
  }

  async scheduleFixed(jobs: readonly ScheduledJob[]): Promise<void> {
    for (const job of jobs) {
      if (this.known.has(job.id) || this.closed) continue;
      await this.schedule(job);
    }
  }

  /**
   * Timers in this process are lost only with the process, and start-up rebuilds them from the
   * log; what is left to restore is a job that failed for good, or one never added.
   */
  async restore(jobs: readonly ScheduledJob[]): Promise<number> {
    let restored = 0;
    for (const job of jobs) {
      if (this.closed || (this.known.has(job.id) && !this.failed.has(job.id))) continue;
      this.failed.delete(job.id);
      restored += 1;
      await this.schedule(job);
    }
    return restored;
  }

  onReconnect(): void {
    // Nothing to reconnect to.
  }

  /** Ids of jobs that failed for good, so `restore` can run them again. */
  private readonly failed = new Set<string>();

  private async run(job: ScheduledJob, attempt = 1): Promise<void> {
    const h = this.handlers.get(job.kind);
    if (!h || this.closed) return;
    try {
      await h(job);
    } catch (err) {
      // Retry with backoff, like the BullMQ mode does.
      if (attempt >= 5) {
        this.failed.add(job.id);
        return void console.error(`[scheduler] job ${job.id} failed ${attempt} times`, err);
      }
      const t = setTimeout(
        () => {
          this.timers.delete(job.id);
          void this.run(job, attempt + 1);
        },
        200 * 2 ** attempt,
      );
      this.timers.set(job.id, t);
    }
  }

  async cancel(id: string): Promise<void> {
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
  }

  get pending(): number {
    return this.timers.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
