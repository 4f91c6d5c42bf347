import { lookup } from './keyed';
import { setEntry } from './keyed';
/**
 * An immutable keyed collection for state that grows to thousands of entries and changes one
 * entry at a time: the recipients of an alarm and its answer tokens. Kept flat, every change
 * copied every entry — a 1,000-person alarm writes about three events per person, so the
 * reducer copied a million entries per alarm and the first messages waited for it.
 * Here the entries sit in hashed buckets: a change copies one bucket (about n/64 entries) and
 * the bucket index (at most 64), and the key list only when a key is added or removed.
 * Plain JSON, so it snapshots and travels to the consoles as it is (docs/decisions/0006).
 */
export interface Table<T> {
  readonly buckets: Readonly<Record<string, Readonly<Record<string, T>>>>;
  /** Keys in the order they were added. */
  readonly keys: readonly string[];
}

const BUCKETS = 64;

/** FNV-1a: cheap and spreads short similar keys ("list~contact") evenly. */
function bucketOf(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return String((h >>> 0) % BUCKETS);
}

export const emptyTable = <T>(): Table<T> => ({ buckets: {}, keys: [] });

export function tableGet<T>(t: Table<T>, key: string): T | undefined {
  const b = lookup(t.buckets, bucketOf(key));
  return b && Object.hasOwn(b, key) ? lookup(b, key) : undefined;
}

export function tableHas<T>(t: Table<T>, key: string): boolean {
  return tableGet(t, key) !== undefined;
}

export function tableSet<T>(t: Table<T>, key: string, value: T): Table<T> {
  const id = bucketOf(key);
  const b = lookup(t.buckets, id);
  const isNew = !b || !Object.hasOwn(b, key);
  return {
    buckets: { ...t.buckets, [id]: { ...b, [key]: value } },
    keys: isNew ? [...t.keys, key] : t.keys,
  };
}

/** Applies `f` to the entry under `key`; the same table when there is none. */
export function tableUpdate<T>(t: Table<T>, key: string, f: (v: T) => T): Table<T> {
  const v = tableGet(t, key);
  return v === undefined ? t : tableSet(t, key, f(v));
}

/** The entries in the order their keys were added. */
export function tableValues<T>(t: Table<T>): T[] {
  return t.keys.map((k) => lookup(lookup(t.buckets, bucketOf(k)), k) as T);
}

export function tableFromEntries<T>(entries: Iterable<readonly [string, T]>): Table<T> {
  const buckets: Record<string, Record<string, T>> = {};
  const keys: string[] = [];
  for (const [k, v] of entries) {
    const id = bucketOf(k);
    let b = lookup(buckets, id);
    if (!b) setEntry(buckets, id, (b = {}));
    if (!Object.hasOwn(b, k)) keys.push(k);
    setEntry(b, k, v);
  }
  return { buckets, keys };
}

/** The entries that pass `keep`, as a new table (a rebuild: for rare bulk removals). */
export function tableFilter<T>(t: Table<T>, keep: (v: T, key: string) => boolean): Table<T> {
  return tableFromEntries(
    t.keys.map((k) => [k, tableGet(t, k) as T] as const).filter(([k, v]) => keep(v, k)),
  );
}

export function tableDelete<T>(t: Table<T>, key: string): Table<T> {
  const id = bucketOf(key);
  const b = lookup(t.buckets, id);
  if (!b || !Object.hasOwn(b, key)) return t;
  const rest = { ...b };
  delete rest[key];
  return { buckets: { ...t.buckets, [id]: rest }, keys: t.keys.filter((k) => k !== key) };
}
