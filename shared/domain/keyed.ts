/**
 * Lookups in records keyed by ids that come from people (commands, imports, the wire). A plain
 * object answers `rec['constructor']` and `'toString' in rec` from its prototype, and an
 * assignment to `rec['__proto__']` replaces the prototype instead of storing an entry, so an
 * id like that would be found where there is nothing, or be lost on the way to the log. These
 * look only at own entries and always store an own entry (R81); the `local/no-record-index`
 * lint rule sends every lookup by a computed key here.
 */
export type Keyed<T> = Readonly<Record<string, T>>;

/** The entry under `key`, only when the record itself holds one. */
export function lookup<T>(rec: Keyed<T> | undefined | null, key: string): T | undefined {
  // eslint-disable-next-line local/no-record-index -- the one guarded lookup
  return rec != null && Object.hasOwn(rec, key) ? rec[key] : undefined;
}

export function hasKey(rec: Keyed<unknown> | undefined | null, key: string): boolean {
  return rec != null && Object.hasOwn(rec, key);
}

/** A copy with `key` set; a computed key in a literal defines an own entry, even `__proto__`. */
export function put<T>(rec: Keyed<T>, key: string, value: T): Record<string, T> {
  return { ...rec, [key]: value };
}

/** A copy without `key`. */
export function drop<T>(rec: Keyed<T>, key: string): Record<string, T> {
  if (!Object.hasOwn(rec, key)) return rec as Record<string, T>;
  const out = { ...rec };
  delete out[key];
  return out;
}

/**
 * A record for building up entries by assignment: without a prototype, `out[k] = v` stores an
 * own entry for every k. It stays a plain JSON object on the wire and in snapshots.
 */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Sets an own entry in a record being built (null-prototype or not). */
export function setEntry<T>(rec: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
}

/** For `.filter(present)` after lookups that may find nothing. */
export const present = <T>(x: T | undefined): x is T => x !== undefined;
