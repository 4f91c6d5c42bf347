import {
  emptyTable,
  tableDelete,
  tableFilter,
  tableFromEntries,
  tableGet,
  tableHas,
  tableSet,
  tableUpdate,
  tableValues,
  type Table,
} from './table';

const many = (n: number): Table<number> =>
  tableFromEntries(Array.from({ length: n }, (_, i) => [`list~person-${i}`, i] as const));

test('set, get, update and values keep the order keys were added', () => {
  let t = emptyTable<string>();
  t = tableSet(t, 'b', 'B');
  t = tableSet(t, 'a', 'A');
  t = tableSet(t, 'b', 'B2');
  expect(tableGet(t, 'b')).toBe('B2');
  expect(tableGet(t, 'missing')).toBeUndefined();
  expect(tableHas(t, 'a')).toBe(true);
  expect(t.keys).toEqual(['b', 'a']);
  expect(tableValues(t)).toEqual(['B2', 'A']);
  expect(tableValues(tableUpdate(t, 'a', (v) => v + '!'))).toEqual(['B2', 'A!']);
});

test('keys that name Object.prototype members are ordinary keys', () => {
  const t = tableSet(emptyTable<number>(), 'constructor', 1);
  expect(tableGet(t, 'constructor')).toBe(1);
  expect(tableGet(t, 'toString')).toBeUndefined();
  expect(tableGet(emptyTable<number>(), 'constructor')).toBeUndefined();
});

test('a change leaves the old table as it was and shares every bucket it did not touch', () => {
  const before = many(1000);
  const after = tableSet(before, 'list~person-7', -7);
  expect(tableGet(before, 'list~person-7')).toBe(7);
  expect(tableGet(after, 'list~person-7')).toBe(-7);
  const changed = Object.keys(after.buckets).filter((b) => after.buckets[b] !== before.buckets[b]);
  expect(changed).toHaveLength(1);
  // Buckets stay small: that is the point (a change copies ~n/64 entries, not n).
  const sizes = Object.values(before.buckets).map((b) => Object.keys(b).length);
  expect(Math.max(...sizes)).toBeLessThan(40);
  expect(after.keys).toBe(before.keys);
});

test('updating a missing key returns the same table', () => {
  const t = many(3);
  expect(tableUpdate(t, 'nobody', (v) => v + 1)).toBe(t);
});

test('filter rebuilds with the survivors in order; the table is plain JSON', () => {
  const t = tableFilter(many(10), (v) => v % 3 === 0);
  expect(tableValues(t)).toEqual([0, 3, 6, 9]);
  const back = JSON.parse(JSON.stringify(t)) as Table<number>;
  expect(tableValues(back)).toEqual([0, 3, 6, 9]);
  expect(tableGet(back, 'list~person-6')).toBe(6);
});

test('delete removes the entry and its key; deleting a missing key returns the same table', () => {
  const t = many(5);
  const d = tableDelete(t, 'list~person-2');
  expect(tableGet(d, 'list~person-2')).toBeUndefined();
  expect(tableValues(d)).toEqual([0, 1, 3, 4]);
  expect(tableValues(t)).toEqual([0, 1, 2, 3, 4]);
  expect(tableDelete(d, 'list~person-2')).toBe(d);
});
