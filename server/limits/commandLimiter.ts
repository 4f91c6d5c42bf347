import { TokenBucket, type BucketFigures } from './tokenBucket';

/**
 * Command rate limits (R87): one bucket per socket and one per account (all of a person's
 * consoles together), checked before a command is parsed or queued, so a flood from one console
 * costs the others almost nothing. A command is admitted only when both buckets have a token;
 * a refused one takes none.
 */
export interface CommandLimits {
  perSocket: BucketFigures;
  perAccount: BucketFigures;
}

/**
 * 20 a second with a burst of 100 per console is far above what a person logging fast sends
 * (a CKL function writes a few entries a minute; a burst of 100 covers an offline queue
 * replayed at once, which the console then paces by `retryAfterMs`). An account gets twice
 * that, for a person with two consoles open.
 */
export const DEFAULT_COMMAND_RATE = 20;
export const DEFAULT_COMMAND_BURST = 100;

export function commandLimits(ratePerSecond: number, burst: number): CommandLimits {
  return {
    perSocket: { ratePerSecond, burst },
    perAccount: { ratePerSecond: ratePerSecond * 2, burst: burst * 2 },
  };
}

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

export class CommandLimiter {
  private readonly accounts = new Map<string, TokenBucket>();
  private sweptAt: number;
  constructor(
    private readonly limits: CommandLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.sweptAt = now();
  }

  /** A bucket for one socket, kept by the caller for the socket's life. */
  socketBucket(): TokenBucket {
    return new TokenBucket(this.limits.perSocket, this.now());
  }

  admit(socket: TokenBucket, userId: string): Verdict {
    const now = this.now();
    this.sweep(now);
    let account = this.accounts.get(userId);
    if (!account)
      this.accounts.set(userId, (account = new TokenBucket(this.limits.perAccount, now)));
    const wait = Math.max(socket.waitMs(now), account.waitMs(now));
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    socket.take(now);
    account.take(now);
    return { ok: true };
  }

  /** Accounts whose bucket is full again are forgotten, so the map holds only the active ones. */
  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [id, b] of this.accounts) if (b.full(now)) this.accounts.delete(id);
  }

  get trackedAccounts(): number {
    return this.accounts.size;
  }
}

export const rateLimitedMessage = (retryAfterMs: number): string =>
  `För många kommandon på kort tid. Inget sparades – försök igen om ${Math.max(
    1,
    Math.ceil(retryAfterMs / 1000),
  )} s.`;
