/**
 * Money in the report: amounts are öre (integers) end to end, shown as kronor and öre the
 * Swedish way, "12 345,50 kr". Integer arithmetic, so no öre is lost to floating point; the
 * spaces are no-break spaces (U+00A0) so an amount never wraps between its digits and "kr".
 */
const NBSP = '\u00a0';

export function formatOre(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`not a whole number of öre: ${ore}`);
  const neg = ore < 0;
  const abs = Math.abs(ore);
  const kronor = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  const grouped = String(kronor).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  // U+2212 MINUS SIGN, as Swedish typesetting (and Intl's sv-SE) writes a negative amount.
  return `${neg ? '\u2212' : ''}${grouped},${rest}${NBSP}kr`;
}
