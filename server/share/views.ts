/**
 * R95: who opened a share, kept beside the log, not in it (docs/decisions/0008). A public URL
 * must not let anyone grow the log: every opening would be an event kept and replayed for
 * ever. Here each share has a bounded record instead — counts per format, first and last
 * time, up to VISITORS_CAP distinct visitors and the RECENT_VIEWS latest openings — and the
 * whole store at most MAX_TRACKED shares. Visitors are keyed hashes of address and user agent.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

export const SHARE_VIEW_KINDS = ['page', 'pdf', 'json', 'geojson', 'atom', 'jsonfeed'] as const;
export type ShareViewKind = (typeof SHARE_VIEW_KINDS)[number];

export interface ShareView {
  at: string;
  kind: ShareViewKind;
  visitor: string;
}

export interface ShareViewSummary {
  count: number;
  byKind: Record<ShareViewKind, number>;
  /** Distinct visitors seen, up to VISITORS_CAP (then `visitorsCapped`). */
  visitors: number;
  visitorsCapped: boolean;
  firstAt?: string;
  lastAt?: string;
  /** The latest openings, newest first. */
  recent: ShareView[];
}

export interface ShareViewStore {
  record(space: string, shareId: string, view: ShareView): Promise<void>;
  summaries(space: string, shareIds: readonly string[]): Promise<Map<string, ShareViewSummary>>;
  close(): Promise<void>;
}

export const RECENT_VIEWS = 50;
export const VISITORS_CAP = 200;
export const MAX_TRACKED = 5000;

export const zeroKinds = (): Record<ShareViewKind, number> => ({
  page: 0,
  pdf: 0,
  json: 0,
  geojson: 0,
  atom: 0,
  jsonfeed: 0,
});

interface Entry {
  count: number;
  byKind: Record<ShareViewKind, number>;
  visitors: string[];
  firstAt?: string;
  lastAt?: string;
  recent: ShareView[];
}

const keyOf = (space: string, shareId: string) => `${space}\n${shareId}`;

function summary(e: Entry): ShareViewSummary {
  return {
    count: e.count,
    byKind: { ...e.byKind },
    visitors: e.visitors.length,
    visitorsCapped: e.visitors.length >= VISITORS_CAP,
    firstAt: e.firstAt,
    lastAt: e.lastAt,
    recent: [...e.recent],
  };
}

/**
 * The embedded mode's store: in memory, written to one JSON file (temporary file, then
 * rename) a second after the last change and on close. A lost second of openings after a
 * hard kill is acceptable for a view count; nothing here is evidence of record.
 */
export class FileShareViewStore implements ShareViewStore {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly flushMs = 1000,
  ) {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as { entries?: [string, Entry][] };
      for (const [k, e] of raw.entries ?? []) if (typeof k === 'string') this.entries.set(k, e);
    } catch {
      /* no file yet, or unreadable: the counts start over (they are not the log) */
    }
  }

  async record(space: string, shareId: string, view: ShareView): Promise<void> {
    const key = keyOf(space, shareId);
    const e = this.entries.get(key) ?? { count: 0, byKind: zeroKinds(), visitors: [], recent: [] };
    e.count++;
    e.byKind[view.kind] = (e.byKind[view.kind] ?? 0) + 1;
    if (e.visitors.length < VISITORS_CAP && !e.visitors.includes(view.visitor))
      e.visitors.push(view.visitor);
    e.firstAt ??= view.at;
    e.lastAt = view.at;
    e.recent = [view, ...e.recent].slice(0, RECENT_VIEWS);
    // Re-inserted last: the Map's order is then least recently opened first.
    this.entries.delete(key);
    this.entries.set(key, e);
    while (this.entries.size > MAX_TRACKED) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.schedule();
  }

  async summaries(space: string, shareIds: readonly string[]) {
    const out = new Map<string, ShareViewSummary>();
    for (const id of shareIds) {
      const e = this.entries.get(keyOf(space, id));
      if (e) out.set(id, summary(e));
    }
    return out;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  private flush(): Promise<void> {
    const body = JSON.stringify({ entries: [...this.entries] });
    this.writing = this.writing.then(async () => {
      const tmp = `${this.file}.tmp-${process.pid}`;
      try {
        await fs.mkdir(path.dirname(this.file), { recursive: true });
        await fs.writeFile(tmp, body, { mode: 0o600 });
        await fs.rename(tmp, this.file);
      } catch (err) {
        console.error('[share] visningarna kunde inte sparas', (err as Error).message);
      }
    });
    return this.writing;
  }

  async close(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.flush();
    }
    await this.writing;
  }
}
