// Runs the whole jest suite and ends with one plain summary line ("N passed, N failed").
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-output', { recursive: true });
const out = 'test-output/jest.json';
const r = spawnSync(
  'npx',
  ['jest', '--runInBand', '--json', `--outputFile=${out}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
let code = r.status ?? 1;
if (r.signal) console.log(`jest ended by signal ${r.signal}`);
else if (code !== 0) console.log(`jest exited with code ${code}`);
try {
  const j = JSON.parse(readFileSync(out, 'utf8'));
  console.log(
    `\njest: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests} skipped`,
  );
  if (j.numTotalTests === 0) code = 1;
} catch {
  console.log('\njest: 0 passed, 1 failed');
  code = code || 1;
}
process.exit(code);
