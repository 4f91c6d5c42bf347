import { promises as fs, constants as fsc } from 'node:fs';
import path from 'node:path';
import { parseStoredEvent, type StoredEvent } from '../../shared/events';
import { describeParseError } from '../../shared/events/storable';
import {
  UnreadableJournalError,
  type BadRecord,
  ConflictError,
  StorageUnavailableError,
  type EventStore,
  type LoadedSpace,
  type RecoveryReport,
  type Snapshot,
} from './eventStore';
import { GENESIS_HASH, hashEvent, verifyChain } from './hashChain';
import { JournalIndex, persistIndex, readPersistedIndex } from './journalIndex';

type LineRead = { event: StoredEvent } | { seq?: number; hash?: string; reason: string };

/** One journal line: the event, or why not with whatever seq and hash it still shows. */
function readLine(line: string): LineRead {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { reason: 'inte giltig JSON' };
  }
  const r = (raw ?? {}) as { seq?: unknown; hash?: unknown };
  const seq = Number.isSafeInteger(r.seq) && (r.seq as number) > 0 ? (r.seq as number) : undefined;
  const hash = typeof r.hash === 'string' ? r.hash : undefined;
  try {
    return { event: parseStoredEvent(raw) };
  } catch (err) {
    return { seq, hash, reason: describeParseError(err) };
  }
}

export const spaceFileName = (space: string): string => {
  if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(space)) throw new Error(`invalid space name ${space}`);
  return space;
};

interface OpenJournal {
  fh: fs.FileHandle;
  size: number;
  lastSeq: number;
  /** Appends to one journal run one after another. */
  tail: Promise<void>;
  index: JournalIndex;
  /** Appends waiting for the write under way; they go to disk together (group commit). */
  pending?: PendingAppend[];
}

interface PendingAppend {
  expectedSeq: number;
  events: readonly StoredEvent[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

const NEWLINE = Buffer.from('\n');

/** A journal read by another process's writer or not loaded here: indexed as far as read. */
interface ReadOnlyJournal {
  index: JournalIndex;
  /** The file's size when it was indexed. */
  fileSize: number;
}

/** Bytes read per step; a step's parsing is the longest the event loop waits for a read. */
const READ_CHUNK = 256 * 1024;

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Calls `line` for every line in [start, end) of a file, in steps of READ_CHUNK bytes with a
 * turn of the event loop between steps: a long journal never blocks the server while read.
 * The remainder after the last newline is returned (a torn write, when not empty).
 */
async function eachLine(
  fh: fs.FileHandle,
  start: number,
  end: number,
  line: (text: string, offset: number, length: number) => void,
): Promise<{ restOffset: number; rest: Buffer }> {
  let carry = Buffer.alloc(0);
  let carryAt = start;
  let pos = start;
  while (pos < end) {
    const want = Math.min(READ_CHUNK, end - pos);
    const chunk = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const r = await fh.read(chunk, got, want - got, pos + got);
      if (r.bytesRead === 0) break;
      got += r.bytesRead;
    }
    if (got === 0) break;
    pos += got;
    const buf =
      carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, got)]) : chunk.subarray(0, got);
    let off = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, off);
      if (nl === -1) break;
      line(buf.toString('utf8', off, nl), carryAt + off, nl - off);
      off = nl + 1;
    }
    carry = Buffer.from(buf.subarray(off));
    carryAt += off;
    if (pos < end) await nextTurn();
  }
  return { restOffset: carryAt, rest: carry };
}

interface ScanOptions {
  repair: boolean;
  /** Called with every readable event, in file order. */
  onEvent?: (e: StoredEvent) => void;
}

/**
 * The embedded store: one append-only JSON-lines journal per space, fsynced before any
 * acknowledgement, with snapshots written atomically beside it. An index of where each event
 * sits (kept in memory, persisted beside the journal) lets reads cost what they return.
 */
export class JournalStore implements EventStore {
  readonly kind = 'journal' as const;
  private readonly open = new Map<string, OpenJournal>();
  private readonly readOnly = new Map<string, ReadOnlyJournal>();

  constructor(private readonly dir: string) {}

  private journalPath(space: string): string {
    return path.join(this.dir, 'journal', `${spaceFileName(space)}.jsonl`);
  }
  private snapshotPath(space: string): string {
    return path.join(this.dir, 'snapshots', `${spaceFileName(space)}.json`);
  }
  private indexPath(space: string): string {
    return path.join(this.dir, 'index', `${spaceFileName(space)}.json`);
  }

  /**
   * Reads and checks a whole journal in steps (the chain verified from genesis), building its
   * index; cuts off a torn last line (never acknowledged) when repairing.
   */
  private async scan(
    space: string,
    opts: ScanOptions,
  ): Promise<{
    report: RecoveryReport;
    size: number;
    index: JournalIndex;
    /** Hash of the last readable event. */
    lastHash: string;
    /** The hash a bad last line carries, when the tip is such a line. */
    tipHash?: string | null;
  }> {
    const file = this.journalPath(space);
    const report: RecoveryReport = {
      space,
      eventCount: 0,
      lastSeq: 0,
      snapshotSeq: null,
      notes: [],
    };
    const index = new JournalIndex();
    let fh: fs.FileHandle;
    try {
      fh = await fs.open(file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        return { report, size: 0, index, lastHash: GENESIS_HASH };
      throw e;
    }
    const where = path.join('journal', path.basename(file));
    /** The highest seq any complete line claims, readable or not: the next one follows it. */
    let highestSeq = 0;
    let highestHash: string | null = null;
    let lineNo = 0;
    let lastGoodLine = 0;
    let count = 0;
    let lastSeq = 0;
    let lastHash = GENESIS_HASH;
    let verifyBreak: { seq: number; reason: string } | null = null;
    let badBreak: { seq: number; reason: string } | null = null;
    let rest: { restOffset: number; rest: Buffer };
    try {
      const size = (await fh.stat()).size;
      rest = await eachLine(fh, 0, size, (text, offset, length) => {
        lineNo++;
        const read = readLine(text);
        if ('event' in read) {
          const e = read.event;
          if (!verifyBreak) {
            const brk = verifyChain(lastHash, lastSeq, [e]);
            if (brk) {
              verifyBreak = brk;
              index.chainVerified = false;
            }
          }
          index.push(e.seq, offset, length);
          index.verifiedThrough(e.seq, e.hash, offset + length + 1);
          count++;
          lastSeq = e.seq;
          lastHash = e.hash;
          lastGoodLine = lineNo;
          if (e.seq > highestSeq) {
            highestSeq = e.seq;
            highestHash = e.hash;
          }
          opts.onEvent?.(e);
        } else {
          // A complete line was written and fsynced, so it may have been acknowledged: it is
          // reported where it is and never cut off or written over (R82).
          index.chainVerified = false;
          const seq = read.seq ?? lastSeq + 1;
          const bad: BadRecord = {
            where,
            line: lineNo,
            ...(read.seq !== undefined ? { seq: read.seq } : {}),
            reason: read.reason,
          };
          (report.badRecords ??= []).push(bad);
          badBreak ??= {
            seq,
            reason: `${where} rad ${lineNo}${read.seq !== undefined ? ` (sekvens ${read.seq})` : ''} går inte att läsa: ${read.reason}`,
          };
          if (read.seq !== undefined && read.seq > highestSeq) {
            highestSeq = read.seq;
            highestHash = read.hash ?? null;
          }
        }
      });
    } finally {
      await fh.close();
    }
    const goodEnd = rest.restOffset;
    if (rest.rest.length > 0)
      // A torn write: the process died before the line (and its fsync) completed, so it was
      // never acknowledged.
      report.truncatedTail = { bytes: rest.rest.length, afterSeq: lastSeq };
    const lastBad = report.badRecords?.at(-1);
    if (lastBad && lastBad.seq === undefined && (lastBad.line ?? 0) > lastGoodLine) {
      // Nothing after the bad line says which seq it held; appending would risk reusing it.
      throw new UnreadableJournalError(
        `${where} rad ${lastBad.line} går inte att läsa (${lastBad.reason}) och inget efter den visar vilket sekvensnummer den hade; servern startar inte förrän raden är rättad eller flyttad`,
      );
    }
    if (report.truncatedTail && opts.repair) {
      const quarantine = `${file}.torn-${Date.now()}`;
      await fs.writeFile(quarantine, rest.rest);
      await fs.truncate(file, goodEnd);
      report.truncatedTail.quarantinedTo = quarantine;
      report.notes.push(
        `Sista raden i journalen var ofullständig (${report.truncatedTail.bytes} byte efter sekvens ${report.truncatedTail.afterSeq}); den kvitterades aldrig och har flyttats till ${path.basename(quarantine)}.`,
      );
    }
    const chainBreak = badBreak ?? verifyBreak;
    if (chainBreak) report.chainBreak = chainBreak;
    report.eventCount = count;
    report.lastSeq = Math.max(highestSeq, lastSeq);
    index.size = goodEnd;
    const tipHash = highestSeq > lastSeq ? highestHash : null;
    return {
      report,
      size: report.truncatedTail && opts.repair ? goodEnd : goodEnd + rest.rest.length,
      index,
      lastHash,
      tipHash,
    };
  }

  private async readSnapshot(space: string): Promise<Snapshot | null> {
    try {
      return JSON.parse(await fs.readFile(this.snapshotPath(space), 'utf8')) as Snapshot;
    } catch {
      return null; // no snapshot yet
    }
  }

  async load(space: string): Promise<LoadedSpace> {
    await fs.mkdir(path.dirname(this.journalPath(space)), { recursive: true });
    await fs.mkdir(path.dirname(this.snapshotPath(space)), { recursive: true });
    const candidate = await this.readSnapshot(space);
    let snapshotMatches = false;
    let kept: StoredEvent[] = [];
    // Only the events after the snapshot are replayed, so only those are kept in memory.
    const keepAfter = candidate?.seq ?? 0;
    const { report, size, tipHash, index, lastHash } = await this.scan(space, {
      repair: true,
      onEvent: (e) => {
        if (candidate && e.seq === candidate.seq && e.hash === candidate.hash)
          snapshotMatches = true;
        if (e.seq > keepAfter) kept.push(e);
      },
    });
    let snapshot: Snapshot | null = null;
    if (candidate && snapshotMatches) snapshot = candidate;
    else if (candidate) {
      report.notes.push(
        `Ögonblicksbilden (sekvens ${candidate.seq}) stämmer inte med journalen och används inte.`,
      );
    }
    report.snapshotSeq = snapshot?.seq ?? null;
    const persisted = await readPersistedIndex(this.indexPath(space));
    const stale = persisted ? JournalIndex.compare(persisted, index) : null;
    if (stale?.rewritten)
      report.notes.push(
        `Journalens index stämmer inte med journalen (${stale.reason}); indexet byggs om.`,
      );
    const fh = await fs.open(
      this.journalPath(space),
      fsc.O_WRONLY | fsc.O_APPEND | fsc.O_CREAT,
      0o600,
    );
    const prev = this.open.get(space);
    if (prev) await prev.fh.close().catch(() => undefined);
    this.readOnly.delete(space);
    this.open.set(space, {
      fh,
      size,
      lastSeq: report.lastSeq,
      tail: Promise.resolve(),
      index,
    });
    if (!persisted || stale) await this.persist(space);
    if (candidate && !snapshot) kept = await this.read(space, 0);
    // After a bad last line the next event links to the hash that line carries, so the break
    // stays at that one line instead of every later one.
    return { snapshot, events: kept, lastHash: tipHash ?? lastHash, report };
  }

  /** Writes the index beside the journal; a failure only costs a rebuild at the next start. */
  private async persist(space: string): Promise<void> {
    const j = this.open.get(space);
    if (!j) return;
    try {
      await persistIndex(this.indexPath(space), j.index);
    } catch (err) {
      console.warn(`[journal ${space}] index not written: ${(err as Error).message}`);
    }
  }

  /**
   * Group commit: appends that arrive while a write is under way wait for it to finish and then
   * go to disk together, in one write and one fsync, each acknowledged only after the fsync
   * that covers it.
   */
  async append(space: string, expectedSeq: number, events: readonly StoredEvent[]): Promise<void> {
    const j = this.open.get(space);
    if (!j) throw new StorageUnavailableError(`space ${space} is not loaded`);
    return new Promise<void>((resolve, reject) => {
      (j.pending ??= []).push({ expectedSeq, events, resolve, reject });
      if (j.pending.length === 1)
        j.tail = j.tail.then(() =>
          this.flush(space, j).catch((err: unknown) => {
            // Unexpected (the write itself is handled): nobody waits forever on it.
            console.error(`[journal ${space}] append failed`, err);
          }),
        );
    });
  }

  private async flush(space: string, j: OpenJournal): Promise<void> {
    const group = j.pending ?? [];
    j.pending = undefined;
    try {
      await this.writeGroup(space, j, group);
    } catch (err) {
      for (const p of group) p.reject(err);
      throw err;
    }
  }

  private async writeGroup(space: string, j: OpenJournal, group: PendingAppend[]): Promise<void> {
    const taken: PendingAppend[] = [];
    const parts: string[] = [];
    let seq = j.lastSeq;
    for (const p of group) {
      if (p.expectedSeq !== seq) {
        p.reject(new ConflictError(space, p.expectedSeq, seq));
        continue;
      }
      // A batch that does not start right after the tip would leave a gap in the sequence.
      if (p.events.some((e, i) => e.seq !== p.expectedSeq + i + 1)) {
        p.reject(new Error(`append to ${space}: batch does not follow seq ${p.expectedSeq}`));
        continue;
      }
      for (const e of p.events) parts.push(JSON.stringify(e));
      seq = p.events.at(-1)?.seq ?? seq;
      taken.push(p);
    }
    if (taken.length === 0) return;
    const lines = parts.map((l) => Buffer.from(l, 'utf8'));
    const data = Buffer.concat(lines.flatMap((b) => [b, NEWLINE]));
    try {
      let written = 0;
      while (written < data.length) {
        const r = await j.fh.write(data, written, data.length - written, null);
        written += r.bytesWritten;
      }
      await j.fh.datasync();
    } catch (err) {
      // Never leave half a batch behind: cut back to the last durable length.
      await j.fh.truncate(j.size).catch(() => undefined);
      const e = new StorageUnavailableError('journal write failed', err);
      for (const p of taken) p.reject(e);
      return;
    }
    // Only durable lines enter the index, so a read never sees what is not acknowledged.
    let off = j.size;
    let k = 0;
    for (const p of taken)
      for (const e of p.events) {
        const len = lines[k++].length;
        j.index.push(e.seq, off, len);
        off += len + 1;
        if (j.index.chainVerified && e.seq === j.index.lastSeq)
          j.index.verifiedThrough(e.seq, e.hash, off);
      }
    j.size += data.length;
    j.index.size = j.size;
    j.lastSeq = seq;
    for (const p of taken) p.resolve();
  }

  /** The index of a space: the open journal's, or one built (and extended) for reading only. */
  private async indexFor(space: string): Promise<JournalIndex> {
    const j = this.open.get(space);
    if (j) return j.index;
    const ro = this.readOnly.get(space);
    let size = 0;
    try {
      size = (await fs.stat(this.journalPath(space))).size;
    } catch {
      /* no journal */
    }
    if (ro && ro.fileSize === size) return ro.index;
    // Not loaded by this store (a tool, or another writer's journal): index it once, verified.
    const { index } = await this.scan(space, { repair: false });
    this.readOnly.set(space, { index, fileSize: size });
    return index;
  }

  /** Events with seq > afterSeq, at most `limit`: reads only their bytes, in steps. */
  async read(
    space: string,
    afterSeq: number,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for await (const page of this.pages(space, afterSeq, limit)) for (const e of page) out.push(e);
    return out;
  }

  /**
   * Streams events with seq > afterSeq in pages of about READ_CHUNK bytes, for exports: the
   * log is never held in memory whole.
   */
  async *pages(
    space: string,
    afterSeq: number,
    limit = Number.MAX_SAFE_INTEGER,
  ): AsyncGenerator<StoredEvent[]> {
    const index = await this.indexFor(space);
    const first = index.firstAfter(afterSeq);
    const last = Math.min(index.count, first + Math.max(0, limit));
    if (first >= last) return;
    const fh = await fs.open(this.journalPath(space), 'r');
    try {
      // Each event returned is checked against the line before it (hash link), so a line
      // changed on disk after start-up's verification is not passed on as the log.
      const linked = index.chainVerified && index.ordered;
      let prevHash: string | null = first === 0 ? GENESIS_HASH : null;
      let i = linked && first > 0 ? first - 1 : first;
      while (i < last) {
        // One step: whole lines up to about READ_CHUNK bytes (at least one line).
        let j = i + 1;
        while (j < last && index.endAt(j) - index.offsetAt(i) <= READ_CHUNK) j++;
        const start = index.offsetAt(i);
        const buf = Buffer.allocUnsafe(index.endAt(j - 1) - start);
        let got = 0;
        while (got < buf.length) {
          const r = await fh.read(buf, got, buf.length - got, start + got);
          if (r.bytesRead === 0) throw this.changed(space, index.seqAt(i));
          got += r.bytesRead;
        }
        const page: StoredEvent[] = [];
        for (let k = i; k < j; k++) {
          const from = index.offsetAt(k) - start;
          const read = readLine(buf.toString('utf8', from, index.endAt(k) - start));
          if (!('event' in read) || read.event.seq !== index.seqAt(k))
            throw this.changed(space, index.seqAt(k));
          const e = read.event;
          if (linked) {
            if (prevHash !== null && hashEvent(prevHash, e) !== e.hash)
              throw this.changed(space, e.seq);
            prevHash = e.hash;
          }
          if (k < first || (!index.ordered && e.seq <= afterSeq)) continue;
          page.push(e);
        }
        i = j;
        if (page.length > 0) yield page;
        if (i < last) await nextTurn();
      }
    } finally {
      await fh.close();
    }
  }

  private changed(space: string, seq: number): UnreadableJournalError {
    return new UnreadableJournalError(
      `journal/${spaceFileName(space)}.jsonl har ändrats vid sekvens ${seq} sedan den verifierades`,
    );
  }

  async saveSnapshot(space: string, snapshot: Snapshot): Promise<void> {
    const file = this.snapshotPath(space);
    const tmp = `${file}.tmp-${process.pid}`;
    const fh = await fs.open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(JSON.stringify(snapshot));
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
    // The index goes to disk as often as snapshots do: after a crash only the tail is new.
    await this.persist(space);
  }

  onForeignAppend(): () => void {
    return () => undefined; // a single writer: nobody else appends
  }

  async verify(space: string): Promise<RecoveryReport> {
    return (await this.scan(space, { repair: false })).report;
  }

  async spaces(): Promise<string[]> {
    try {
      const files = await fs.readdir(path.join(this.dir, 'journal'));
      return files.filter((f) => f.endsWith('.jsonl')).map((f) => f.slice(0, -'.jsonl'.length));
    } catch {
      return [];
    }
  }

  async close(): Promise<void> {
    for (const [space, j] of this.open) {
      await j.tail;
      await this.persist(space);
      await j.fh.close().catch(() => undefined);
    }
    this.open.clear();
    this.readOnly.clear();
  }
}
