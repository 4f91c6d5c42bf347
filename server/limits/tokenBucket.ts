/**
 * A token bucket: `burst` tokens, refilled at `ratePerSecond`. Each command takes one; an empty
 * bucket says how long until the next token, so the refusal can tell the console when to retry.
 */
export interface BucketFigures {
  ratePerSecond: number;
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly figures: BucketFigures,
    now: number,
  ) {
    this.tokens = figures.burst;
    this.at = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.at) / 1000;
    this.tokens = Math.min(this.figures.burst, this.tokens + elapsed * this.figures.ratePerSecond);
    this.at = now;
  }

  /** Milliseconds until one token is there (0: now). Takes nothing. */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    if (this.figures.ratePerSecond <= 0) return Infinity;
    return Math.ceil(((1 - this.tokens) / this.figures.ratePerSecond) * 1000);
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** Full again: nothing to remember about this holder. */
  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.figures.burst;
  }
}
