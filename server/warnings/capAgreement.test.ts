/**
 * R132: the intake's CAP check agrees with the official XSD (xmllint, a real validator) on the
 * valid and invalid examples and on variants that break the schema's order, vocabularies,
 * namespace and time format.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CAP_DIR, xmllint } from '../../test/support/xmllint';
import { parseCap } from '../../shared/warnings';

const valid = readFileSync(path.join(CAP_DIR, 'example-valid.xml'), 'utf8');
const variants: [string, string][] = [
  ['valid', valid],
  ['invalid example', readFileSync(path.join(CAP_DIR, 'example-invalid.xml'), 'utf8')],
  [
    'sender after sent',
    valid.replace(
      /<sender>(.*?)<\/sender>\s*<sent>(.*?)<\/sent>/,
      '<sent>$2</sent><sender>$1</sender>',
    ),
  ],
  ['unknown status', valid.replace('<status>Actual', '<status>Real')],
  ['CAP 1.1 namespace', valid.replace('cap:1.2', 'cap:1.1')],
  ['time without zone', valid.replace('2024-06-06T15:15:00-00:00', '2024-06-06T15:15:00')],
  ['no identifier', valid.replace(/<identifier>.*?<\/identifier>/, '')],
  ['unknown category', valid.replace('<category>Met', '<category>Weather')],
  ['no areaDesc', valid.replace(/<areaDesc>.*?<\/areaDesc>/, '')],
];

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'lb-cap-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each(variants)('R132 %s: the intake and xmllint against the XSD agree', (name, xml) => {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.xml`);
  writeFileSync(file, xml);
  const schema = xmllint(file).ok;
  expect(parseCap(xml).ok).toBe(schema);
});
