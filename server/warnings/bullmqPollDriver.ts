/** The Redis mode's poll driver: one BullMQ job scheduler for the cluster (decision record 0010). */
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { PollDriver } from './drivers';

export const WARNING_SCHEDULER_ID = 'warnings-poll';

export class BullMqPollDriver implements PollDriver {
  private queue: Queue | null = null;
  private worker: Worker | null = null;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly queueName = 'lagesbild-warnings',
  ) {}

  async start(poll: () => Promise<void>, everyMs: number): Promise<void> {
    this.queue = new Queue(this.queueName, { connection: this.connection, prefix: this.prefix });
    this.queue.on('error', (err) => console.error('[warnings] queue error', err.message));
    // One scheduler id for the cluster. A node that finds it with the same interval leaves it
    // alone: upserting again would queue an extra round at once.
    const existing = await this.queue.getJobScheduler(WARNING_SCHEDULER_ID);
    if (existing?.every !== everyMs)
      await this.queue.upsertJobScheduler(
        WARNING_SCHEDULER_ID,
        { every: everyMs },
        { name: 'poll', data: {}, opts: { removeOnComplete: 50, removeOnFail: 50 } },
      );
    this.worker = new Worker(this.queueName, () => poll(), {
      connection: {
        ...(this.connection as object),
        maxRetriesPerRequest: null,
      } as ConnectionOptions,
      prefix: this.prefix,
      concurrency: 1,
    });
    this.worker.on('error', (err) => console.error('[warnings] worker error', err.message));
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}
