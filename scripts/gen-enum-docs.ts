/**
 * Writes the enumerations of the command payloads, with their Swedish labels, into the marked
 * section of docs/protocol.md: `npx tsx scripts/gen-enum-docs.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import { renderEnumSection, spliceSection } from './enumDocs';

const file = path.join(__dirname, '..', 'docs', 'protocol.md');
void (async () => {
  const doc = spliceSection(readFileSync(file, 'utf8'), renderEnumSection());
  writeFileSync(file, await format(doc, { parser: 'markdown', filepath: file }));
  console.log(`gen-enum-docs: ${path.relative(process.cwd(), file)} written`);
})();
