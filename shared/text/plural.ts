/**
 * Swedish counts: "1 kontakt", "2 kontakter", "0 kontakter". One helper so every screen, export
 * and message counts the same way.
 */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
