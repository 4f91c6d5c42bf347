/**
 * What runs the polls. Embedded: a timer in this process. Redis mode: a BullMQ job scheduler
 * (a repeatable job) every node works on, so each round runs on exactly one node of the
 * cluster however many there are, and a node that dies leaves the rounds to the others
 * (decision record 0010).
 */
export interface PollDriver {
  start(poll: () => Promise<void>, everyMs: number): Promise<void>;
  close(): Promise<void>;
}

export class TimerPollDriver implements PollDriver {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private running: Promise<void> = Promise.resolve();

  async start(poll: () => Promise<void>, everyMs: number): Promise<void> {
    // The next round is timed from the end of the last, so rounds never overlap.
    const round = () => {
      if (this.closed) return;
      this.running = poll()
        .catch((err) => console.error('[warnings] polling failed', err))
        .finally(() => {
          if (!this.closed) this.timer = setTimeout(round, everyMs);
        });
    };
    round();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
