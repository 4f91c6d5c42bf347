import type { StoredEvent } from '../../shared/events';
import type { CityState } from '../../shared/domain/state';

/** A saved projection, so start-up and late joiners need not replay from the beginning. */
export interface Snapshot {
  seq: number;
  hash: string;
  state: CityState;
  /** STATE_VERSION of `state`; missing in snapshots from before versions were kept (1). */
  stateVersion?: number;
  /**
   * Recent command ids with the last and the first seq they produced, for idempotent retries
   * (snapshots from before the first was kept have the last only).
   */
  commandIds: [id: string, seq: number, firstSeq?: number][];
}

/** What start-up found and did, for the operator. */
export interface RecoveryReport {
  space: string;
  eventCount: number;
  lastSeq: number;
  snapshotSeq: number | null;
  /** A torn last line (a write that never finished, so never acknowledged) that was cut off. */
  truncatedTail?: { bytes: number; afterSeq: number; quarantinedTo?: string };
  /**
   * Every stored record that could not be read as an event, where it is and why (R82). The
   * record is left where it is; the seq after the highest one written is still the next one.
   */
  badRecords?: BadRecord[];
  /** The first broken link of the hash chain, if any: tampering or corruption. */
  chainBreak?: { seq: number; reason: string };
  notes: string[];
}

/** A record in the log that is not a valid event: `where` is the journal file or Redis key. */
export interface BadRecord {
  where: string;
  /** Line number in a journal file (1-based). */
  line?: number;
  /** The seq the record claims, when that much can be read. */
  seq?: number;
  reason: string;
}

/** The log cannot be read safely enough to append to it; start-up stops with this. */
export class UnreadableJournalError extends Error {}

export interface LoadedSpace {
  snapshot: Snapshot | null;
  /** Every event after the snapshot (or all, without one), in order. */
  events: StoredEvent[];
  /** Hash of the last event (or of the snapshot's when no events follow). */
  lastHash: string;
  report: RecoveryReport;
}

export class ConflictError extends Error {
  constructor(
    readonly space: string,
    readonly expectedSeq: number,
    readonly actualSeq: number,
  ) {
    super(`append conflict in ${space}: expected last seq ${expectedSeq}, store has ${actualSeq}`);
  }
}

export class StorageUnavailableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/**
 * The append reached the primary (or may have: its reply was lost) but no replica confirmed
 * it in time. Not "saved" and not "nothing saved": a failover now may or may not keep it.
 */
export class NotConfirmedError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/**
 * The one truth: an ordered, durable log per space. The embedded journal and the Redis store
 * implement this; test/store.contract.ts is the contract both pass.
 */
export interface EventStore {
  readonly kind: 'journal' | 'redis';
  /** Reads a space for start-up: latest snapshot plus the events after it, verified. */
  load(space: string): Promise<LoadedSpace>;
  /**
   * Appends events that must directly follow `expectedSeq`. Resolves only when they are
   * durable. Rejects with ConflictError when another writer got there first, and with
   * StorageUnavailableError when nothing could be stored (then nothing was), and with
   * NotConfirmedError when the primary has (or may have) the events but the replicas the
   * store waits for did not confirm them in time.
   */
  append(space: string, expectedSeq: number, events: readonly StoredEvent[]): Promise<void>;
  /** Events with seq > afterSeq, in order, at most `limit`. */
  read(space: string, afterSeq: number, limit?: number): Promise<StoredEvent[]>;
  /**
   * The same events as `read`, in pages, for readers that stream (exports). Optional: without
   * it, `eventPages` pages through `read`.
   */
  pages?(space: string, afterSeq: number, limit?: number): AsyncIterable<StoredEvent[]>;
  saveSnapshot(space: string, snapshot: Snapshot): Promise<void>;
  /** Calls back when another writer appended to the space (never for the embedded store). */
  onForeignAppend(space: string, cb: () => void): () => void;
  /**
   * False while the store knows it cannot take writes (e.g. its connection is down). Optional:
   * a store without it is judged only by its appends.
   */
  available?(): boolean;
  /**
   * Resolves true once everything the store has written or read so far is on the replicas it
   * waits for (false when they do not confirm in time or the store is unreachable). Optional:
   * a store that waits for no replica is always confirmed.
   */
  confirm?(): Promise<boolean>;
  /** Re-reads the whole space and checks the hash chain. */
  verify(space: string): Promise<RecoveryReport>;
  spaces(): Promise<string[]>;
  close(): Promise<void>;
}
