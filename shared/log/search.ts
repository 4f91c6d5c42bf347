/**
 * The log as people search it (R229): the kinds of entry a reader filters by, one Swedish line
 * per entry, and the filter itself (kind, area, author, time, words). Used by the server's
 * GET /api/log/entries and by the console's log view, so both read an entry the same way.
 */
import { z } from 'zod';
import type { StoredEvent } from '../events';
import type { CityState } from '../domain/state';
import {
  DECISION_KIND_LABEL,
  DISTRICT_STATUS_LABEL,
  LEVEL_LABEL,
  MARKER_KIND_LABEL,
} from '../domain/vocabulary';
import { lookup } from '../domain/keyed';
import { ATTENTION_KIND_LABEL } from '../attention/model';

export const LOG_KINDS = ['note', 'decision', 'level', 'report', 'task', 'marker', 'ack'] as const;
export const LogKind = z.enum(LOG_KINDS);
export type LogKind = z.infer<typeof LogKind>;

export const LOG_KIND_LABEL: Record<LogKind, string> = {
  note: 'Anteckning',
  decision: 'Beslut',
  level: 'Nivå',
  report: 'Lägesrapport',
  task: 'Uppdrag',
  marker: 'Markering på kartan',
  ack: 'Kvittering',
};

const KIND_OF_TYPE = new Map<string, LogKind>([
  ['log.written', 'note'],
  ['decision.recorded', 'decision'],
  ['event.levelChanged', 'level'],
  ['district.reported', 'report'],
  ['task.created', 'task'],
  ['marker.placed', 'marker'],
  ['attention.acknowledged', 'ack'],
]);

export const logKindOf = (type: string): LogKind | undefined => KIND_OF_TYPE.get(type);

/** One entry of the log as a reader sees it. */
export interface LogSearchEntry {
  seq: number;
  id: string;
  kind: LogKind;
  at: string;
  by: StoredEvent['actor'];
  text: string;
  eventId?: string;
  districtId?: string;
}

type Data = Record<string, unknown>;
const str = (d: Data, k: string): string | undefined => {
  const v = lookup(d, k);
  return typeof v === 'string' ? v : undefined;
};

/** A label from one of the shared tables, for a value read back from the log. */
const labelIn = (table: Record<string, string>, k: string | undefined, fallback = ''): string =>
  (k !== undefined && Object.hasOwn(table, k) ? lookup(table, k) : undefined) ?? fallback;

function textOf(kind: LogKind, d: Data, s: CityState): string {
  switch (kind) {
    case 'note':
      return str(d, 'text') ?? '';
    case 'decision':
      return `${labelIn(DECISION_KIND_LABEL, str(d, 'kind'), 'Beslut')}: ${str(d, 'what') ?? ''}`;
    case 'level': {
      const e = lookup(s.events, str(d, 'eventId') ?? '');
      const level = labelIn(LEVEL_LABEL, str(d, 'level')).toLowerCase();
      return `${e ? `${e.title}: ` : ''}ny nivå ${level}`.trim();
    }
    case 'report': {
      const id = str(d, 'districtId') ?? '';
      const dist = lookup(s.districts, id)?.name ?? id;
      return d.noChange === true
        ? `${dist}: ingen förändring`
        : `${dist}: ${labelIn(DISTRICT_STATUS_LABEL, str(d, 'status'))} – ${str(d, 'happened') ?? ''}`;
    }
    case 'task':
      return `Uppdrag: ${str(d, 'title') ?? ''}`;
    case 'marker':
      return `${labelIn(MARKER_KIND_LABEL, str(d, 'kind'), 'Markering')}: ${str(d, 'label') ?? ''}`;
    case 'ack':
      return `Kvitterat: ${labelIn(ATTENTION_KIND_LABEL, str(d, 'kind')).toLowerCase()}`;
  }
}

/** The entry an event makes in the log view, or null for an event no reader searches for. */
export function logSearchEntry(e: StoredEvent, s: CityState): LogSearchEntry | null {
  const kind = logKindOf(e.type);
  if (!kind) return null;
  const d = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as Data;
  const eventId = str(d, 'eventId');
  const districtId = str(d, 'districtId');
  return {
    seq: e.seq,
    id:
      str(d, 'entryId') ??
      str(d, 'decisionId') ??
      str(d, 'reportId') ??
      str(d, 'taskId') ??
      str(d, 'markerId') ??
      `seq-${e.seq}`,
    kind,
    at: e.at,
    by: e.actor,
    text: textOf(kind, d, s),
    ...(eventId ? { eventId } : {}),
    ...(districtId ? { districtId } : {}),
  };
}

/** What a reader filters by; every part optional. */
export const LogFilter = z
  .object({
    kinds: z.array(LogKind).max(LOG_KINDS.length).optional(),
    districtId: z.string().max(80).optional(),
    authorId: z.string().max(80).optional(),
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
    q: z.string().trim().max(200).optional(),
  })
  .strict();
export type LogFilter = z.infer<typeof LogFilter>;

/** Folded for matching: case and diacritics aside, so "sodermalm" finds "Södermalm". */
const fold = (t: string) => t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** An entry's area: its own district, or one its event is owned by or affects. */
function inArea(x: LogSearchEntry, districtId: string, s: CityState): boolean {
  if (x.districtId === districtId) return true;
  const e = x.eventId ? lookup(s.events, x.eventId) : undefined;
  return (
    !!e &&
    ((e.owner.kind === 'district' && e.owner.id === districtId) ||
      e.affectedDistrictIds.includes(districtId))
  );
}

export function matchesLogFilter(x: LogSearchEntry, f: LogFilter, s: CityState): boolean {
  if (f.kinds?.length && !f.kinds.includes(x.kind)) return false;
  if (f.authorId && x.by.userId !== f.authorId) return false;
  if (f.from && x.at < new Date(f.from).toISOString()) return false;
  if (f.to && x.at > new Date(f.to).toISOString()) return false;
  if (f.districtId && !inArea(x, f.districtId, s)) return false;
  if (f.q) {
    const words = fold(f.q).split(/\s+/).filter(Boolean);
    const hay = fold(`${x.text} ${x.by.name}`);
    if (!words.every((w) => hay.includes(w))) return false;
  }
  return true;
}
