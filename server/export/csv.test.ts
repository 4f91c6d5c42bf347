import { csvField, eventsToCsv } from './csv';
import type { StoredEvent } from '../../shared/events';

test('CSV fields are quoted and escaped as RFC 4180 says', () => {
  expect(csvField('enkel')).toBe('enkel');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('säger "hej"')).toBe('"säger ""hej"""');
  expect(csvField('rad1\nrad2')).toBe('"rad1\nrad2"');
  expect(csvField('=SUMMA(A1)')).toBe("'=SUMMA(A1)");
  expect(csvField(undefined)).toBe('');
});

test('the log as CSV has one line per event and round-trips its data', () => {
  const e = {
    seq: 1,
    space: 'real',
    type: 'log.written',
    data: { entryId: 'l1', text: 'Möte, "akut"\nkl 10' },
    at: '2024-01-01T10:00:00.000Z',
    actor: { userId: 'u', name: 'Anna, TiB', role: 'district_officer' },
    commandId: 'c1',
    hash: 'h',
  } as StoredEvent;
  const csv = eventsToCsv([e]);
  expect(csv.startsWith('\uFEFFseq,at,space,type')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  expect(csv).toContain('"Anna, TiB"');
  expect(csv).toContain('"{""entryId"":""l1"",""text"":""Möte, \\""akut\\""\\nkl 10""}"');
});
