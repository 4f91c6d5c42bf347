import { csvCell, neutraliseCell, restoreCell } from './cell';

const HOSTILE = [
  '=HYPERLINK("http://evil.example";"klicka")',
  '+46 8 508 000 00',
  '-2+3',
  '@SUMMA(A1)',
  '\t=1+1',
  '\r=1+1',
  "'=redan skyddad",
  "'vanlig apostrof",
];

test('R85 a cell that starts with = + - @ tab or CR is written with a guarding apostrophe', () => {
  for (const v of HOSTILE.slice(0, 6)) expect(neutraliseCell(v)).toBe(`'${v}`);
  expect(neutraliseCell('Anna Alm')).toBe('Anna Alm');
  expect(neutraliseCell('070-123 45 67')).toBe('070-123 45 67');
  expect(neutraliseCell('')).toBe('');
});

test('R85 every neutralised value is restored exactly by the importer rule', () => {
  for (const v of [...HOSTILE, 'Anna', '', "O'Brien", "''"]) {
    const cell = neutraliseCell(v);
    expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
    expect(restoreCell(cell)).toBe(v);
  }
  // An apostrophe typed by a person before an ordinary character is kept.
  expect(restoreCell("'vanlig")).toBe("'vanlig");
});

test('R85 a CSV field is neutralised first, then quoted for its separator', () => {
  expect(csvCell('=A1;B1', ';')).toBe(`"'=A1;B1"`);
  expect(csvCell('=A1;B1', ',')).toBe(`'=A1;B1`);
  expect(csvCell('a,b', ',')).toBe('"a,b"');
  expect(csvCell('a,b', ';')).toBe('a,b');
  expect(csvCell({ x: 1 }, ',')).toBe('"{""x"":1}"');
  expect(csvCell(undefined, ';')).toBe('');
});
