import type { StoredEvent } from '../../shared/events';
import { describeEvent } from '../../shared/report/afterAction/describe';
import { csvCell } from '../csv/cell';

/** RFC 4180 field (comma-separated), neutralised against formulas (R85). */
export const csvField = (v: unknown): string => csvCell(v, ',');

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

/** The first line of the CSV log, with the BOM so spreadsheet programs read å, ä, ö. */
export const CSV_HEAD = `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;

/** One event as a CSV line, CRLF included. */
export function csvLine(e: StoredEvent, names?: Map<string, string>): string {
  return `${[
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
    .join(',')}\r\n`;
}

/** The raw log as CSV (CRLF line ends, UTF-8 with BOM so spreadsheet programs read å, ä, ö). */
export function eventsToCsv(events: readonly StoredEvent[], names?: Map<string, string>): string {
  let out = CSV_HEAD;
  for (const e of events) out += csvLine(e, names);
  return out;
}
