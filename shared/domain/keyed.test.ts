import { drop, emptyRecord, hasKey, lookup, put, setEntry } from './keyed';
import { emptyTable, tableFromEntries, tableGet, tableHas, tableSet, tableValues } from './table';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

test.each(NAMES)(
  'R81 %s is an ordinary key: absent until stored, then stored as an own entry',
  (k) => {
    const rec: Record<string, number> = { a: 1 };
    expect(lookup(rec, k)).toBeUndefined();
    expect(hasKey(rec, k)).toBe(false);
    const next = put(rec, k, 7);
    expect(lookup(next, k)).toBe(7);
    expect(Object.keys(next)).toEqual(['a', k]);
    expect(JSON.parse(JSON.stringify(next))).toEqual({ a: 1, [k]: 7 });
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(lookup(drop(next, k), k)).toBeUndefined();
    const built = emptyRecord<number>();
    setEntry(built, k, 3);
    expect(JSON.stringify(built)).toBe(JSON.stringify({ [k]: 3 }));
  },
);

test.each(NAMES)('R81 %s as a table key survives building, lookup and JSON', (k) => {
  expect(tableGet(emptyTable<number>(), k)).toBeUndefined();
  expect(tableHas(emptyTable<number>(), k)).toBe(false);
  const t = tableFromEntries([[k, 1] as const, ['x', 2] as const]);
  expect(tableGet(t, k)).toBe(1);
  const back = JSON.parse(JSON.stringify(tableSet(t, k, 5)));
  expect(tableGet(back, k)).toBe(5);
  expect(tableValues(back)).toEqual([5, 2]);
});
