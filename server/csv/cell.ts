/**
 * One rule for every CSV the server writes (R85). A spreadsheet runs a cell that starts with
 * `=`, `+`, `-` or `@` as a formula (and some read a leading tab or CR the same way), so such a
 * cell is written with a leading apostrophe. The apostrophe is also added before a cell that
 * already starts with one, so the importer can strip exactly one and get the value back:
 * `+46 8 508 000 00` is written `'+46 8 508 000 00`, `'=x` is written `''=x`.
 */
const NEEDS_GUARD = /^[=+\-@\t\r']/;
const GUARDED = /^'[=+\-@\t\r']/;

/** The value as it is safe to put in a cell (before CSV quoting). */
export function neutraliseCell(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

/** The inverse, for import: one leading apostrophe before a guarded character is dropped. */
export function restoreCell(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}

/** A CSV field: neutralised, then quoted as RFC 4180 says when it holds `sep`, a quote, CR or LF. */
export function csvCell(v: unknown, sep: ',' | ';'): string {
  const s = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  const safe = neutraliseCell(s);
  const special = sep === ';' ? /[;"\r\n]/ : /[,"\r\n]/;
  return special.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
