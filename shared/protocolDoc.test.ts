/**
 * Keeps docs/protocol.md true: every command type the server accepts is documented there, and
 * every error code has a row saying what a client may conclude from it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS } from './commands';
import { ERROR_CODES } from './errors';

test('every command type appears in docs/protocol.md', () => {
  const doc = readFileSync(path.join(__dirname, '..', 'docs', 'protocol.md'), 'utf8');
  const missing = Object.keys(COMMANDS).filter((t) => !doc.includes(`\`${t}\``));
  expect(missing).toEqual([]);
});

test('every error code has its row in the table of what a client may conclude', () => {
  const doc = readFileSync(path.join(__dirname, '..', 'docs', 'protocol.md'), 'utf8');
  const start = doc.indexOf('**What a client may conclude from each answer');
  expect(start).toBeGreaterThan(0);
  const after = doc.slice(start).split('\n');
  const first = after.findIndex((l) => l.startsWith('|'));
  const end = after.findIndex((l, i) => i > first && !l.startsWith('|'));
  const answers = after.slice(first, end).map((l) => l.split('|')[1] ?? '');
  expect(ERROR_CODES.filter((c) => !answers.some((a) => a.includes(`\`${c}\``)))).toEqual([]);
});
