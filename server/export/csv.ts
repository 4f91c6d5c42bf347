import type { StoredEvent } from '../../shared/events';
import { describeEvent } from '../../shared/report/afterAction/describe';

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(v: unknown): string {
  const s = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: neutralise it.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = [
  'seq',
  'at',
  'space',
  'type',
  'actor_id',
  'actor_name',
  'actor_role',
  'acting_for',
  'command_id',
  'summary',
  'data',
  'hash',
] as const;

/** The raw log as CSV (CRLF line ends, UTF-8 with BOM so spreadsheet programs read å, ä, ö). */
export function eventsToCsv(events: readonly StoredEvent[], names?: Map<string, string>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of events)
    lines.push(
      [
        e.seq,
        e.at,
        e.space,
        e.type,
        e.actor.userId,
        e.actor.name,
        e.actor.role,
        e.actor.actingFor ?? '',
        e.commandId,
        describeEvent(e, names),
        JSON.stringify(e.data),
        e.hash,
      ]
        .map(csvField)
        .join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
