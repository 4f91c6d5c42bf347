/** docs/protocol.md lists every payload enumeration with its Swedish labels, as generated. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { currentSection, payloadEnums, renderEnumSection } from '../scripts/enumDocs';

const DOC = path.join(__dirname, '..', 'docs', 'protocol.md');

/** The table as cells, so the comparison ignores how prettier aligns the columns. */
const rows = (section: string): string[] =>
  section
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
    .map((l) =>
      l
        .split(/(?<!\\)\|/)
        .map((c) => c.trim())
        .join('|'),
    );

test('the enumeration section of docs/protocol.md is the one the schemas give (run scripts/gen-enum-docs.ts)', () => {
  const inDoc = rows(currentSection(readFileSync(DOC, 'utf8')));
  expect(inDoc.length).toBeGreaterThan(20);
  expect(inDoc).toEqual(rows(renderEnumSection()));
});

test('the enumerations a client needs are there, every value with a Swedish label', () => {
  const section = renderEnumSection();
  for (const [field, value, label] of [
    ['`district.report` `status`', 'severe', 'Allvarligt'],
    ['`marker.place` `kind`', 'trygghetspunkt', 'Trygghetspunkt'],
    ['`information.draftMessage` `targetGroup`', 'public', 'Allmänheten'],
    ['`liaison.registerActor` `sector`', 'police', 'Polis'],
    ['`liaison.minute` `item`', 'forecast', 'Prognos'],
    ['`liaison.rollCall` `entries[].presence`', 'excused', 'Anmält förhinder'],
    ['`alarm.saveList` `target.kind`', 'crisis_support', 'Krisstöd (POSOM)'],
    ['`event.open` `area.kind`', 'central', 'Central (staden)'],
    ['`exercise.addInject` `inject.kind`', 'report', 'Lägesrapport'],
  ]) {
    const row = section.split('\n').find((l) => l.includes(field));
    expect({ field, row: row?.includes(`\`${value}\` ${label}`) }).toEqual({ field, row: true });
  }
  // Every value of every enumeration is in the section.
  const missing = payloadEnums().flatMap((e) =>
    e.values.filter((v) => !section.includes(`\`${v}\` `)).map((v) => `${v} (${e.fields[0]})`),
  );
  expect(missing).toEqual([]);
});
