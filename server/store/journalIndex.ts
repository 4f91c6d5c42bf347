import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A checkpoint of verified chain state: the chain from genesis is intact up to `seq`. */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** Byte offset just past the line of `seq`. */
  end: number;
}

/** Events between checkpoints. */
export const CHECKPOINT_EVERY = 1024;

const INDEX_VERSION = 1;

/**
 * Where each readable event sits in a journal: seq → byte offset and length, in file order,
 * and checkpoints of verified chain state. Reads find their first line by binary search and
 * read only the bytes they return, so the cost is what they return, never the whole log.
 */
export class JournalIndex {
  private seqs = new Float64Array(1024);
  private offs = new Float64Array(1024);
  private lens = new Float64Array(1024);
  /** Lines indexed. */
  count = 0;
  /** False when a line's seq does not exceed the one before it (a damaged journal). */
  ordered = true;
  /** Bytes of journal this index covers (always a whole number of lines). */
  size = 0;
  readonly checkpoints: Checkpoint[] = [];
  /** Whether the chain has been verified from genesis through every line indexed so far. */
  chainVerified = true;
  private sinceCheckpoint = 0;

  push(seq: number, offset: number, length: number): void {
    if (this.count === this.seqs.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.seqs = grow(this.seqs);
      this.offs = grow(this.offs);
      this.lens = grow(this.lens);
    }
    if (this.count > 0 && seq <= this.seqs[this.count - 1]) this.ordered = false;
    this.seqs[this.count] = seq;
    this.offs[this.count] = offset;
    this.lens[this.count] = length;
    this.count++;
    this.sinceCheckpoint++;
  }

  /** Records verified chain state after the line just pushed, every CHECKPOINT_EVERY events. */
  verifiedThrough(seq: number, hash: string, end: number): void {
    if (!this.chainVerified || this.sinceCheckpoint < CHECKPOINT_EVERY) return;
    this.checkpoints.push({ seq, hash, end });
    this.sinceCheckpoint = 0;
  }

  seqAt(i: number): number {
    return this.seqs[i];
  }
  offsetAt(i: number): number {
    return this.offs[i];
  }
  endAt(i: number): number {
    return this.offs[i] + this.lens[i];
  }

  /** Position of the first line with seq > afterSeq (`count` when there is none). */
  firstAfter(afterSeq: number): number {
    if (!this.ordered) {
      for (let i = 0; i < this.count; i++) if (this.seqs[i] > afterSeq) return i;
      return this.count;
    }
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid] <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get lastSeq(): number {
    return this.count > 0 ? this.seqs[this.count - 1] : 0;
  }

  /** The persisted form: line seqs and lengths as deltas, so a big index stays small. */
  serialise(): string {
    const seqDeltas: number[] = new Array<number>(this.count);
    const gaps: number[] = new Array<number>(this.count);
    const lens: number[] = new Array<number>(this.count);
    let prevSeq = 0;
    let prevEnd = 0;
    for (let i = 0; i < this.count; i++) {
      seqDeltas[i] = this.seqs[i] - prevSeq;
      gaps[i] = this.offs[i] - prevEnd;
      lens[i] = this.lens[i];
      prevSeq = this.seqs[i];
      prevEnd = this.offs[i] + this.lens[i] + 1;
    }
    return JSON.stringify({
      v: INDEX_VERSION,
      size: this.size,
      count: this.count,
      checkpoints: this.checkpoints,
      seqDeltas,
      gaps,
      lens,
    });
  }

  static parse(text: string): JournalIndex | null {
    try {
      const raw = JSON.parse(text) as {
        v?: unknown;
        size?: unknown;
        count?: unknown;
        checkpoints?: unknown;
        seqDeltas?: unknown;
        gaps?: unknown;
        lens?: unknown;
      };
      const nums = (a: unknown, n: number): a is number[] =>
        Array.isArray(a) && a.length === n && a.every((x) => Number.isSafeInteger(x) && x >= 0);
      if (raw.v !== INDEX_VERSION || !Number.isSafeInteger(raw.count)) return null;
      const n = raw.count as number;
      if (!nums(raw.seqDeltas, n) || !nums(raw.gaps, n) || !nums(raw.lens, n)) return null;
      if (!Number.isSafeInteger(raw.size) || !Array.isArray(raw.checkpoints)) return null;
      const idx = new JournalIndex();
      let seq = 0;
      let end = 0;
      for (let i = 0; i < n; i++) {
        seq += raw.seqDeltas[i];
        const off = end + raw.gaps[i];
        idx.push(seq, off, raw.lens[i]);
        end = off + raw.lens[i] + 1;
      }
      idx.size = raw.size as number;
      for (const c of raw.checkpoints as Partial<Checkpoint>[]) {
        if (
          !Number.isSafeInteger(c.seq) ||
          !Number.isSafeInteger(c.end) ||
          typeof c.hash !== 'string'
        )
          return null;
        idx.checkpoints.push({ seq: c.seq as number, hash: c.hash, end: c.end as number });
      }
      return idx;
    } catch {
      return null;
    }
  }

  /**
   * Why a persisted index does not describe this (freshly verified) one, or null when it
   * does as far as it reaches. A checkpoint whose hash differs means the journal's history
   * was rewritten after it was verified; a shorter index is merely behind.
   */
  static compare(
    persisted: JournalIndex,
    fresh: JournalIndex,
  ): { rewritten: boolean; reason: string } | null {
    const rewritten = (reason: string) => ({ rewritten: true, reason });
    for (const c of persisted.checkpoints) {
      const i = fresh.firstAfter(c.seq - 1);
      if (i >= fresh.count || fresh.seqAt(i) !== c.seq) {
        if (c.end <= fresh.size)
          return rewritten(`kontrollpunkten vid sekvens ${c.seq} finns inte längre i journalen`);
        continue;
      }
      const mine = fresh.checkpoints.find((f) => f.seq === c.seq);
      if (mine && mine.hash !== c.hash)
        return rewritten(
          `händelse ${c.seq} har en annan kedja än när den verifierades (journalen har skrivits om)`,
        );
      if (fresh.endAt(i) !== c.end)
        return rewritten(
          `händelse ${c.seq} ligger på en annan plats i journalen än när den verifierades`,
        );
    }
    if (persisted.size > fresh.size)
      return { rewritten: false, reason: 'indexet täcker mer än journalen innehåller' };
    if (persisted.size < fresh.size || persisted.count !== fresh.count)
      return { rewritten: false, reason: 'indexet låg efter journalen' };
    return null;
  }
}

/** Writes an index atomically beside the journal; it is rebuilt from the journal if lost. */
export async function persistIndex(file: string, index: JournalIndex): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(tmp, index.serialise(), { mode: 0o600 });
  await fs.rename(tmp, file);
}

export async function readPersistedIndex(file: string): Promise<JournalIndex | null> {
  try {
    return JournalIndex.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return null;
  }
}
