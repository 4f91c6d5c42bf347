/**
 * One round of polling over every configured feed: what each feed's record becomes after a
 * read. A failed read keeps the last good set and its age, records since when the feed has
 * failed and why, and backs off: the feed is next tried after the poll interval doubled per
 * failure in a row, at most BACKOFF_MAX_MS (R136).
 */
import { PARSERS, type Warning } from '../../shared/warnings';
import type { WarningFeedStatus } from '../../shared/protocol';
import type { WarningFeedConfig } from './feeds';
import type { FetchResult, Validators } from './fetchFeed';

/** What a console sees of a feed (shared/protocol.ts). */
export type FeedStatus = WarningFeedStatus;

export interface FeedRecord extends FeedStatus {
  validators: Validators;
  failures: number;
  warnings: Warning[];
}

export interface WarningSnapshot {
  /** Raised on every save, so nodes and consoles can tell a newer set from an older one. */
  version: number;
  updatedAt: string;
  feeds: FeedRecord[];
}

export const BACKOFF_MAX_MS = 30 * 60_000;

export const emptySnapshot = (): WarningSnapshot => ({
  version: 0,
  updatedAt: new Date(0).toISOString(),
  feeds: [],
});

function fresh(feed: WarningFeedConfig): FeedRecord {
  return {
    id: feed.id,
    kind: feed.kind,
    label: feed.label,
    state: 'pending',
    lastOkAt: null,
    failingSince: null,
    reason: null,
    dataAt: null,
    count: 0,
    nextTryAt: 0,
    validators: {},
    failures: 0,
    warnings: [],
  };
}

export type Fetcher = (feed: WarningFeedConfig, prev: Validators) => Promise<FetchResult>;
export type FailureLog = (feed: WarningFeedConfig, reason: string) => void;

/** The record after one read (or none, while backing off). */
export async function pollFeed(
  feed: WarningFeedConfig,
  prev: FeedRecord | undefined,
  fetcher: Fetcher,
  now: number,
  pollMs: number,
  logFailure: FailureLog,
): Promise<FeedRecord> {
  // A feed whose configuration changed (another location under the same id) starts over.
  const rec =
    prev && prev.kind === feed.kind && prev.label === feed.label
      ? { ...prev, validators: { ...prev.validators } }
      : fresh(feed);
  if (rec.nextTryAt > now) return rec;
  const at = new Date(now).toISOString();
  const fail = (reason: string): FeedRecord => {
    if (rec.state !== 'error' || rec.reason !== reason) logFailure(feed, reason);
    const failures = rec.failures + 1;
    return {
      ...rec,
      state: 'error',
      reason,
      failingSince: rec.state === 'error' && rec.failingSince ? rec.failingSince : at,
      failures,
      nextTryAt: now + Math.min(pollMs * 2 ** (failures - 1), BACKOFF_MAX_MS),
    };
  };
  let r: FetchResult;
  try {
    r = await fetcher(feed, rec.validators);
  } catch (err) {
    r = { kind: 'failed', reason: `läsningen misslyckades (${(err as Error).message})` };
  }
  if (r.kind === 'failed') return fail(r.reason);
  const ok = (extra: Partial<FeedRecord>): FeedRecord => ({
    ...rec,
    ...extra,
    state: 'ok',
    reason: null,
    failingSince: null,
    failures: 0,
    lastOkAt: at,
    nextTryAt: 0,
  });
  if (r.kind === 'unchanged') return ok({});
  const parsed = PARSERS[feed.kind](r.text);
  // A refused response changes nothing of what is kept, and is not remembered as seen: the
  // next read asks again in full.
  if (!parsed.ok) return fail(parsed.reason);
  return ok({
    validators: r.validators,
    warnings: parsed.warnings,
    count: parsed.warnings.length,
    dataAt: at,
  });
}

/** Every configured feed, in configuration order; feeds no longer configured are dropped. */
export async function pollAll(
  feeds: readonly WarningFeedConfig[],
  prev: WarningSnapshot,
  fetcher: Fetcher,
  now: number,
  pollMs: number,
  logFailure: FailureLog,
): Promise<WarningSnapshot> {
  const byId = new Map(prev.feeds.map((f) => [f.id, f]));
  const records = await Promise.all(
    feeds.map((f) => pollFeed(f, byId.get(f.id), fetcher, now, pollMs, logFailure)),
  );
  return { version: prev.version + 1, updatedAt: new Date(now).toISOString(), feeds: records };
}

/** What a console may see of a feed: no validators, no backoff bookkeeping. */
export function publicStatus(f: FeedRecord): FeedStatus {
  return {
    id: f.id,
    kind: f.kind,
    label: f.label,
    state: f.state,
    lastOkAt: f.lastOkAt,
    failingSince: f.failingSince,
    reason: f.reason,
    dataAt: f.dataAt,
    count: f.count,
    nextTryAt: f.nextTryAt,
  };
}
