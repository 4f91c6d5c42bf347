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
import { GENESIS_HASH, verifyChain } from './hashChain';

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
}

/**
 * The embedded store: one append-only JSON-lines journal per space, fsynced before any
 * acknowledgement, with snapshots written atomically beside it.
 */
export class JournalStore implements EventStore {
  readonly kind = 'journal' as const;
  private readonly open = new Map<string, OpenJournal>();

  constructor(private readonly dir: string) {}

  private journalPath(space: string): string {
    return path.join(this.dir, 'journal', `${spaceFileName(space)}.jsonl`);
  }
  private snapshotPath(space: string): string {
    return path.join(this.dir, 'snapshots', `${spaceFileName(space)}.json`);
  }

  /** Reads and checks a whole journal; cuts off a torn last line (never acknowledged). */
  private async scan(
    space: string,
    repair: boolean,
  ): Promise<{
    events: StoredEvent[];
    report: RecoveryReport;
    size: number;
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
    let buf: Buffer;
    try {
      buf = await fs.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], report, size: 0 };
      throw e;
    }
    const events: StoredEvent[] = [];
    const where = path.join('journal', path.basename(file));
    /** The highest seq any complete line claims, readable or not: the next one follows it. */
    let highestSeq = 0;
    let highestHash: string | null = null;
    let offset = 0;
    let goodEnd = 0;
    let lineNo = 0;
    let lastGoodLine = 0;
    while (offset < buf.length) {
      lineNo++;
      const nl = buf.indexOf(0x0a, offset);
      const end = nl === -1 ? buf.length : nl;
      const line = buf.subarray(offset, end).toString('utf8');
      const read = readLine(line);
      if (nl === -1) {
        // A torn write: the process died before the line (and its fsync) completed, so it was
        // never acknowledged.
        report.truncatedTail = { bytes: buf.length - offset, afterSeq: events.at(-1)?.seq ?? 0 };
        break;
      }
      if ('event' in read) {
        events.push(read.event);
        lastGoodLine = lineNo;
        if (read.event.seq > highestSeq) {
          highestSeq = read.event.seq;
          highestHash = read.event.hash;
        }
      } else {
        // A complete line was written and fsynced, so it may have been acknowledged: it is
        // reported where it is and never cut off or written over (R82).
        const seq = read.seq ?? (events.at(-1)?.seq ?? 0) + 1;
        const bad: BadRecord = {
          where,
          line: lineNo,
          ...(read.seq !== undefined ? { seq: read.seq } : {}),
          reason: read.reason,
        };
        (report.badRecords ??= []).push(bad);
        report.chainBreak ??= {
          seq,
          reason: `${where} rad ${lineNo}${read.seq !== undefined ? ` (sekvens ${read.seq})` : ''} går inte att läsa: ${read.reason}`,
        };
        if (read.seq !== undefined && read.seq > highestSeq) {
          highestSeq = read.seq;
          highestHash = read.hash ?? null;
        }
      }
      offset = end + 1;
      goodEnd = Math.min(offset, buf.length);
    }
    const lastBad = report.badRecords?.at(-1);
    if (lastBad && lastBad.seq === undefined && (lastBad.line ?? 0) > lastGoodLine) {
      // Nothing after the bad line says which seq it held; appending would risk reusing it.
      throw new UnreadableJournalError(
        `${where} rad ${lastBad.line} går inte att läsa (${lastBad.reason}) och inget efter den visar vilket sekvensnummer den hade; servern startar inte förrän raden är rättad eller flyttad`,
      );
    }
    if (report.truncatedTail && repair) {
      const quarantine = `${file}.torn-${Date.now()}`;
      await fs.writeFile(quarantine, buf.subarray(goodEnd));
      await fs.truncate(file, goodEnd);
      report.truncatedTail.quarantinedTo = quarantine;
      report.notes.push(
        `Sista raden i journalen var ofullständig (${report.truncatedTail.bytes} byte efter sekvens ${report.truncatedTail.afterSeq}); den kvitterades aldrig och har flyttats till ${path.basename(quarantine)}.`,
      );
    }
    if (!report.chainBreak) {
      const brk = verifyChain(GENESIS_HASH, 0, events);
      if (brk) report.chainBreak = brk;
    }
    report.eventCount = events.length;
    report.lastSeq = Math.max(highestSeq, events.at(-1)?.seq ?? 0);
    const tipHash = highestSeq > (events.at(-1)?.seq ?? 0) ? highestHash : null;
    return {
      events,
      report,
      size: report.truncatedTail && repair ? goodEnd : buf.length,
      tipHash,
    };
  }

  async load(space: string): Promise<LoadedSpace> {
    await fs.mkdir(path.dirname(this.journalPath(space)), { recursive: true });
    await fs.mkdir(path.dirname(this.snapshotPath(space)), { recursive: true });
    const { events, report, size, tipHash } = await this.scan(space, true);
    let snapshot: Snapshot | null = null;
    try {
      const raw = JSON.parse(await fs.readFile(this.snapshotPath(space), 'utf8')) as Snapshot;
      const at = events[raw.seq - 1];
      if (at && at.seq === raw.seq && at.hash === raw.hash) snapshot = raw;
      else
        report.notes.push(
          `Ögonblicksbilden (sekvens ${raw.seq}) stämmer inte med journalen och används inte.`,
        );
    } catch {
      /* no snapshot yet */
    }
    report.snapshotSeq = snapshot?.seq ?? null;
    const fh = await fs.open(
      this.journalPath(space),
      fsc.O_WRONLY | fsc.O_APPEND | fsc.O_CREAT,
      0o600,
    );
    const prev = this.open.get(space);
    if (prev) await prev.fh.close().catch(() => undefined);
    this.open.set(space, { fh, size, lastSeq: report.lastSeq, tail: Promise.resolve() });
    const after = snapshot ? events.slice(snapshot.seq) : events;
    // After a bad last line the next event links to the hash that line carries, so the break
    // stays at that one line instead of every later one.
    const lastHash = tipHash ?? events.at(-1)?.hash ?? GENESIS_HASH;
    return { snapshot, events: after, lastHash, report };
  }

  async append(space: string, expectedSeq: number, events: readonly StoredEvent[]): Promise<void> {
    const j = this.open.get(space);
    if (!j) throw new StorageUnavailableError(`space ${space} is not loaded`);
    const run = j.tail.then(async () => {
      if (j.lastSeq !== expectedSeq) throw new ConflictError(space, expectedSeq, j.lastSeq);
      // A batch that does not start right after the tip would leave a gap in the sequence.
      if (events.some((e, i) => e.seq !== expectedSeq + i + 1))
        throw new Error(`append to ${space}: batch does not follow seq ${expectedSeq}`);
      const data = Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8');
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
        throw new StorageUnavailableError('journal write failed', err);
      }
      j.size += data.length;
      j.lastSeq = events.at(-1)?.seq ?? j.lastSeq;
    });
    j.tail = run.catch(() => undefined);
    return run;
  }

  async read(
    space: string,
    afterSeq: number,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<StoredEvent[]> {
    const { events } = await this.scan(space, false);
    return events.filter((e) => e.seq > afterSeq).slice(0, limit);
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
  }

  onForeignAppend(): () => void {
    return () => undefined; // a single writer: nobody else appends
  }

  async verify(space: string): Promise<RecoveryReport> {
    return (await this.scan(space, false)).report;
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
    for (const j of this.open.values()) {
      await j.tail;
      await j.fh.close().catch(() => undefined);
    }
    this.open.clear();
  }
}
