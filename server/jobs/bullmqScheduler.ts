import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { JobHandler, ScheduledJob, Scheduler } from './scheduler';
import { WorkerLiveness } from './workerLiveness';

export interface BullMqSchedulerOptions {
  /** ioredis options or URL parts; BullMQ opens its own connections from them. */
  connection: ConnectionOptions;
  /** Key prefix in Redis (one per deployment, or per test). */
  prefix: string;
  queueName?: string;
  concurrency?: number;
  /** Attempts per job when a handler throws, with exponential backoff from `backoffMs`. */
  attempts?: number;
  backoffMs?: number;
  /**
   * Lock on a running job, renewed every half of it. BullMQ's 30 s default meant a job held by
   * a node that was killed waited 30–60 s to run elsewhere; an alarm message cannot wait that.
   * The stall check runs every half lock, so the takeover comes within 1.5 locks.
   */
  lockMs?: number;
  /**
   * How often the cluster looks for stalled jobs. Independent of the lock: a job is moved only
   * once its lock is gone, and `WorkerLiveness` releases a dead worker's locks at once.
   */
  stallCheckMs?: number;
  /** How often each node looks at who is connected (`WorkerLiveness`); 0 turns it off. */
  livenessPollMs?: number;
}

/** Two schedules of one id whose times differ by less than this are the same job. */
const SAME_TIME_MS = 1000;

interface Payload {
  kind: string;
  runAt: number;
  data: unknown;
}

/**
 * Scaled-out timed work: every job is a BullMQ job, delayed until its time, so a restart or a
 * second node loses none. The job id is the dedupe key: adding an id that is still waiting,
 * delayed or recently done is a no-op in BullMQ; `schedule` replaces a waiting one.
 */
export class BullMqScheduler implements Scheduler {
  readonly kind = 'bullmq' as const;
  readonly queue: Queue<Payload>;
  private worker: Worker<Payload> | null = null;
  /** This node's BullMQ worker id (the owner named in its job locks), once it has one. */
  get workerId(): string | undefined {
    return this.worker?.id;
  }
  /** Watches the other workers; null until the first handler, or when turned off. */
  liveness: WorkerLiveness | null = null;
  private readonly handlers = new Map<string, JobHandler>();
  private closed = false;

  constructor(private readonly opts: BullMqSchedulerOptions) {
    this.queue = new Queue<Payload>(opts.queueName ?? 'lagesbild-jobs', {
      connection: opts.connection,
      prefix: opts.prefix,
    });
    this.queue.on('error', (err) => console.error('[bullmq] queue error', err.message));
  }

  handle<D>(kind: string, handler: JobHandler<D>): void {
    this.handlers.set(kind, handler as JobHandler);
    this.ensureWorker();
  }

  /** The worker starts with the first handler, so a node that only enqueues never runs jobs. */
  private ensureWorker(): void {
    if (this.worker || this.closed) return;
    this.worker = new Worker<Payload>(
      this.queue.name,
      async (job: Job<Payload>) => {
        const h = this.handlers.get(job.data.kind);
        if (!h) throw new Error(`no handler for job kind ${job.data.kind}`);
        await h({
          id: job.id as string,
          kind: job.data.kind,
          runAt: job.data.runAt,
          data: job.data.data,
        });
      },
      {
        connection: {
          ...(this.opts.connection as object),
          maxRetriesPerRequest: null,
        } as ConnectionOptions,
        prefix: this.opts.prefix,
        concurrency: this.opts.concurrency ?? 16,
        lockDuration: this.opts.lockMs ?? 30_000,
        stalledInterval:
          this.opts.stallCheckMs ?? Math.min(250, Math.round((this.opts.lockMs ?? 30_000) / 2)),
        // Not before the others can see it alive: a job taken earlier could be released as a
        // dead worker's.
        autorun: false,
      },
    );
    const worker = this.worker;
    const run = () => {
      if (!this.closed) worker.run().catch((err: Error) => console.error('[bullmq]', err.message));
    };
    const pollMs = this.opts.livenessPollMs ?? 200;
    if (pollMs <= 0) run();
    else {
      this.liveness = new WorkerLiveness(
        {
          connection: connectionOptions(this.opts.connection),
          activeKey: this.queue.keys.active,
          jobKeyPrefix: this.queue.toKey(''),
          namePrefix: `lagesbild-worker:${this.opts.prefix}:${this.queue.name}:`,
          pollMs,
          onReleased: (dead, jobs) =>
            console.warn(
              `[bullmq] worker ${dead} is gone; ${jobs.length} of its jobs go to the living`,
            ),
        },
        worker.id,
      );
      this.liveness.start().then(run, (err: Error) => {
        console.error(`[bullmq] liveness: ${err.message}; jobs wait for the lock to expire`);
        run();
      });
    }
    this.worker.on('error', (err) => console.error('[bullmq] worker error', err.message));
    this.worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
        console.error(`[bullmq] job ${job.id} failed for good: ${err.message}`);
    });
  }

  async schedule<D>(job: ScheduledJob<D>): Promise<void> {
    if (this.closed) return;
    const existing = await this.queue.getJob(job.id);
    if (existing) {
      const state = await existing.getState();
      // Running or done: this id has had its effect (or is having it); adding again would repeat it.
      if (state === 'active' || state === 'completed') return;
      // The same job from another node (every node reacts to every event) or from a rebuild:
      // their clocks differ by milliseconds. Replacing it would open a window between remove
      // and add in which a node that dies loses the job (the alarm benchmark lost 547 first
      // messages that way when it killed a node).
      if (Math.abs(existing.data.runAt - job.runAt) < SAME_TIME_MS) return;
      const delay = Math.max(0, job.runAt - Date.now());
      if (state === 'delayed') {
        // A real reschedule (an exercise clock that moved): in place, never absent.
        await existing.updateData({ ...existing.data, runAt: job.runAt });
        await existing.changeDelay(delay);
        return;
      }
      if ((state === 'waiting' || state === 'prioritized') && delay === 0) return; // due already
      await existing.remove().catch(() => undefined);
    }
    await this.queue.add(
      job.kind,
      { kind: job.kind, runAt: job.runAt, data: job.data },
      {
        jobId: job.id,
        delay: Math.max(0, job.runAt - Date.now()),
        attempts: this.opts.attempts ?? 5,
        backoff: { type: 'exponential', delay: this.opts.backoffMs ?? 200 },
        removeOnComplete: { age: 24 * 3600, count: 100_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  /**
   * One `addBulk`: BullMQ leaves an id it already holds (waiting, active, delayed, done) as it
   * is, which is what a fixed job wants, so there is no read before the write. Every node
   * schedules every send (each reacts to every event); this halves the Redis round trips of
   * a large alarm and sends a burst of 1,000 first messages to Redis in one go.
   */
  async scheduleFixed(jobs: readonly ScheduledJob[]): Promise<void> {
    if (this.closed || jobs.length === 0) return;
    const now = Date.now();
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: job.kind,
        data: { kind: job.kind, runAt: job.runAt, data: job.data },
        opts: {
          jobId: job.id,
          delay: Math.max(0, job.runAt - now),
          attempts: this.opts.attempts ?? 5,
          backoff: { type: 'exponential', delay: this.opts.backoffMs ?? 200 },
          removeOnComplete: { age: 24 * 3600, count: 100_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  async restore(jobs: readonly ScheduledJob[]): Promise<number> {
    if (this.closed || jobs.length === 0) return 0;
    const states = await Promise.all(jobs.map((j) => this.queue.getJobState(j.id)));
    const absent = jobs.filter((_, i) => states[i] === 'unknown');
    let restored = absent.length;
    await this.scheduleFixed(absent);
    for (const [i, job] of jobs.entries()) {
      if (states[i] !== 'failed') continue;
      const held = await this.queue.getJob(job.id);
      await held?.retry('failed').then(
        () => (restored += 1),
        () => undefined, // moved on meanwhile (another node retried it)
      );
    }
    return restored;
  }

  onReconnect(listener: () => void): void {
    void this.queue.getBackend().client.then(
      (client) => {
        // 'ready' fires on the first connect too; only a connection that was lost counts.
        let lost = false;
        client.on('close', () => (lost = true));
        client.on('ready', () => {
          if (!lost || this.closed) return;
          lost = false;
          listener();
        });
      },
      () => undefined,
    );
  }

  async cancel(id: string): Promise<void> {
    const job = await this.queue.getJob(id);
    if (!job) return;
    const state = await job.getState();
    if (
      state === 'delayed' ||
      state === 'waiting' ||
      state === 'prioritized' ||
      state === 'waiting-children'
    )
      await job.remove().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker?.close();
    await this.liveness?.close();
    await this.queue.close();
  }
}

/** The options behind a connection given as options or as an ioredis client. */
function connectionOptions(c: ConnectionOptions): RedisOptions {
  const client = c as { options?: RedisOptions; duplicate?: unknown };
  return (typeof client.duplicate === 'function' ? client.options : c) as RedisOptions;
}
