/**
 * R17, R27: the version chains are declared on the commands, so the console's offline queue
 * needs no list of its own. A command that names the version it was written against declares
 * its chain; every chain reads its record from the payload and its versions from the log.
 */
import { z } from 'zod';
import { COMMANDS } from './index';
import { VERSION_CHAINS, chainOf, producedVersion } from './chains';

/** An event as the test needs it: only what a chain reads. */
const ev = (type: string, data: object) =>
  ({ type, data }) as Parameters<typeof producedVersion>[0];

const shapeOf = (schema: z.ZodType): Record<string, unknown> =>
  schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : {};

test('R17 every command written against a version declares its chain, naming that field', () => {
  const chained = Object.entries(COMMANDS).filter(([, d]) =>
    Object.hasOwn(shapeOf(d.payload as z.ZodType), 'basedOnReportId'),
  );
  expect(chained.map(([t]) => t).sort()).toEqual([
    'district.confirmNoChange',
    'district.report',
    'unit.confirmNoChange',
    'unit.report',
  ]);
  for (const [type, d] of chained) {
    const chain = 'chain' in d ? d.chain : undefined;
    expect([type, chain?.basedOn]).toEqual([type, 'basedOnReportId']);
  }
  expect(VERSION_CHAINS.map((c) => c.name).sort()).toEqual(['district', 'unit']);
});

test('R17 R27 a link names its record; the log event that extends the chain names the same key', () => {
  expect(chainOf({ type: 'district.report', payload: { districtId: 'farsta' } })?.key).toBe(
    'district:farsta',
  );
  expect(chainOf({ type: 'unit.confirmNoChange', payload: { unitId: '__proto__' } })?.key).toBe(
    'unit:__proto__',
  );
  // Not a chained command, no record, or a record that is not a string: no chain.
  expect(chainOf({ type: 'log.write', payload: { districtId: 'farsta' } })).toBeNull();
  expect(chainOf({ type: 'district.report', payload: {} })).toBeNull();
  expect(chainOf({ type: 'district.report', payload: { districtId: 7 } })).toBeNull();
  expect(chainOf({ type: 'toString', payload: {} })).toBeNull();
  expect(
    producedVersion(ev('district.reported', { districtId: 'farsta', reportId: 'r1' })),
  ).toEqual({ key: 'district:farsta', version: 'r1' });
  expect(
    producedVersion(ev('unit.reported', { unitId: 'stockholm-vatten', reportId: 'u1' })),
  ).toEqual({ key: 'unit:stockholm-vatten', version: 'u1' });
  expect(producedVersion(ev('log.written', { districtId: 'farsta' }))).toBeNull();
});
