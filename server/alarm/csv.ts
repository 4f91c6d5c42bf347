/**
 * Contact directory CSV (R56): import validates every row and reports each rejected one with
 * its line number and a Swedish reason; export writes the same columns back, every cell
 * neutralised against formulas and restored on import (R85, server/csv/cell.ts).
 */
import type { z } from 'zod';
import { ContactInput } from '../../shared/commands/alarm';
import type { CityState } from '../../shared/domain/state';
import { Role } from '../../shared/domain/vocabulary';
import { tableGet, tableValues } from '../../shared/domain/table';
import { csvCell, restoreCell } from '../csv/cell';

export const CSV_COLUMNS = [
  'id',
  'namn',
  'telefon',
  'epost',
  'roll',
  'titel',
  'stadsdelsomrade',
  'enhet',
  'konto',
  'tillganglig',
] as const;

export interface RejectedRow {
  line: number;
  reason: string;
}
export interface ImportReport {
  rows: z.output<typeof ContactInput>[];
  rejected: RejectedRow[];
}

/** RFC 4180 with `;` or `,` (Swedish spreadsheets write `;`), quoted fields, CRLF or LF. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep =
    (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) out.push({ line: startLine, cells });
      cells = [];
      cell = '';
      line++;
      startLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) out.push({ line: startLine, cells });
  return out;
}

const YES = new Set(['ja', 'j', 'yes', 'true', '1', 'x']);
const NO = new Set(['nej', 'n', 'no', 'false', '0']);

export function importContactsCsv(text: string, state: CityState): ImportReport {
  const table = parseCsv(text);
  const rejected: RejectedRow[] = [];
  const rows: ImportReport['rows'] = [];
  if (table.length === 0) return { rows, rejected: [{ line: 1, reason: 'Filen är tom.' }] };
  const header = table[0].cells.map((h) => h.trim().toLowerCase());
  const missing = ['id', 'namn'].filter((c) => !header.includes(c));
  if (missing.length > 0)
    return {
      rows,
      rejected: [
        {
          line: table[0].line,
          reason: `Rubrikraden saknar kolumnen ${missing.join(' och ')}. Kolumner: ${CSV_COLUMNS.join(';')}.`,
        },
      ],
    };
  const unknown = header.filter((h) => h && !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0)
    rejected.push({
      line: table[0].line,
      reason: `Okänd kolumn ignoreras: ${unknown.join(', ')}.`,
    });
  const seen = new Map<string, number>();
  for (const { line, cells } of table.slice(1)) {
    if (cells.length !== header.length) {
      rejected.push({
        line,
        reason: `Raden har ${cells.length} fält men rubrikraden ${header.length}.`,
      });
      continue;
    }
    const get = (col: string) => {
      const i = header.indexOf(col);
      // R85: a cell this server exported with a guarding apostrophe reads back as it was.
      const v = i >= 0 ? restoreCell(cells[i].trim()).trim() : '';
      return v === '' ? undefined : v;
    };
    const id = get('id');
    if (!id) {
      rejected.push({ line, reason: 'Id saknas.' });
      continue;
    }
    if (seen.has(id)) {
      rejected.push({ line, reason: `Id ${id} finns redan på rad ${seen.get(id)}.` });
      continue;
    }
    const role = get('roll');
    if (role && !Role.safeParse(role).success) {
      rejected.push({ line, reason: `Okänd roll: ${role}.` });
      continue;
    }
    const availRaw = get('tillganglig')?.toLowerCase();
    if (availRaw && !YES.has(availRaw) && !NO.has(availRaw)) {
      rejected.push({ line, reason: `Tillgänglig ska vara ja eller nej (inte ${availRaw}).` });
      continue;
    }
    const parsed = ContactInput.safeParse({
      contactId: id,
      name: get('namn') ?? '',
      phone: get('telefon'),
      email: get('epost'),
      role,
      title: get('titel'),
      districtId: get('stadsdelsomrade'),
      unitId: get('enhet'),
      userId: get('konto'),
      available: availRaw ? YES.has(availRaw) : true,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        { name: 'Namn', phone: 'Telefon', email: 'E-post', contactId: 'Id' }[
          String(issue?.path[0])
        ] ?? String(issue?.path[0] ?? '');
      rejected.push({ line, reason: `${field}: ${issue?.message ?? 'ogiltigt värde'}` });
      continue;
    }
    const c = parsed.data;
    if (c.districtId && !state.districts[c.districtId]) {
      rejected.push({ line, reason: `Okänt stadsdelsområde: ${c.districtId}.` });
      continue;
    }
    if (c.userId && !state.users[c.userId]) {
      rejected.push({ line, reason: `Okänt konto: ${c.userId}.` });
      continue;
    }
    if (!c.phone && !c.email && !c.userId) {
      rejected.push({
        line,
        reason: 'Varken telefon, e-post eller konto – personen kan inte nås.',
      });
      continue;
    }
    seen.set(id, line);
    rows.push(c);
  }
  return { rows, rejected };
}

const quote = (v: string | undefined): string => csvCell(v, ';');

export function exportContactsCsv(state: CityState): string {
  const lines = [CSV_COLUMNS.join(';')];
  for (const c of tableValues(state.alarm.contacts).sort((a, b) =>
    a.name.localeCompare(b.name, 'sv'),
  )) {
    const d = tableGet(state.alarm.contactDetails, c.id) ?? {};
    lines.push(
      [
        c.id,
        c.name,
        d.phone,
        d.email,
        c.role,
        c.title,
        c.districtId,
        c.unitId,
        c.userId,
        c.available ? 'ja' : 'nej',
      ]
        .map(quote)
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
