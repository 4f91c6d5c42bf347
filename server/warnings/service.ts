/**
 * The warning intake of one node: polls (when its driver gives it a round), keeps the
 * current set as the store has it, and tells its listeners (the socket edge) when a newer
 * set is there. Off when no feed is configured.
 */
import { EventEmitter } from 'node:events';
import { warningFeature, type WarningFeature } from '../../shared/warnings';
import type { WarningCollectionMessage } from '../../shared/protocol';
import type { WarningFeedConfig } from './feeds';
import { fetchFeed } from './fetchFeed';
import { emptySnapshot, pollAll, publicStatus, type Fetcher, type WarningSnapshot } from './poll';
import type { WarningStore } from './store';
import type { PollDriver } from './drivers';

/** GET /api/warnings and the `warnings` socket message (docs/protocol.md). */
export type WarningCollection = WarningCollectionMessage;

export function collectionOf(
  s: WarningSnapshot,
  origin: WarningCollection['origin'],
): WarningCollection {
  const seen = new Set<string>();
  const features: WarningFeature[] = [];
  for (const f of s.feeds)
    for (const w of f.warnings) {
      const key = `${w.source}:${w.id}`;
      // Two feeds of one kind may carry the same alert; it is shown once.
      if (seen.has(key)) continue;
      seen.add(key);
      features.push(warningFeature(w));
    }
  return {
    type: 'FeatureCollection',
    features,
    feeds: s.feeds.map(publicStatus),
    origin,
    version: s.version,
    updatedAt: s.updatedAt,
  };
}

export interface WarningServiceOptions {
  feeds: readonly WarningFeedConfig[];
  pollMs: number;
  store: WarningStore;
  driver: PollDriver;
  fetcher?: Fetcher;
  now?: () => number;
}

export class WarningService extends EventEmitter {
  private snapshot: WarningSnapshot = emptySnapshot();
  /** Rounds this node has run (tests count them across nodes). */
  polls = 0;
  private closed = false;

  constructor(private readonly opts: WarningServiceOptions) {
    super();
    this.setMaxListeners(0);
  }

  get enabled(): boolean {
    return this.opts.feeds.length > 0;
  }

  current(): WarningCollection {
    return collectionOf(this.snapshot, this.enabled ? 'live' : 'off');
  }

  async start(): Promise<void> {
    if (!this.enabled) return;
    this.opts.store.onSaved(() => void this.refresh());
    await this.refresh();
    await this.opts.driver.start(() => this.pollOnce(), this.opts.pollMs);
  }

  /** One round: from the stored set (whichever node saved it), to the stored set. */
  async pollOnce(): Promise<void> {
    if (this.closed) return;
    this.polls++;
    const prev = (await this.opts.store.load()) ?? this.snapshot;
    const next = await pollAll(
      this.opts.feeds,
      prev,
      this.opts.fetcher ?? ((f, v) => fetchFeed(f, v)),
      (this.opts.now ?? Date.now)(),
      this.opts.pollMs,
      (feed, reason) => console.warn(`[warnings] ${feed.id} (${feed.label}) refused: ${reason}`),
    );
    await this.opts.store.save(next);
    this.adopt(next);
  }

  private async refresh(): Promise<void> {
    try {
      const s = await this.opts.store.load();
      if (s) this.adopt(s);
    } catch (err) {
      console.warn(`[warnings] could not read the current set: ${(err as Error).message}`);
    }
  }

  private adopt(s: WarningSnapshot): void {
    if (this.closed || s.version <= this.snapshot.version) return;
    this.snapshot = s;
    this.emit('changed', this.current());
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opts.driver.close();
    await this.opts.store.close();
    this.removeAllListeners();
  }
}
