/** Keeps docs/protocol.md true: every command type the server accepts is documented there. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS } from './commands';

test('every command type appears in docs/protocol.md', () => {
  const doc = readFileSync(path.join(__dirname, '..', 'docs', 'protocol.md'), 'utf8');
  const missing = Object.keys(COMMANDS).filter((t) => !doc.includes(`\`${t}\``));
  expect(missing).toEqual([]);
});
