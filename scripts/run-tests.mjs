// Runs the whole jest suite against a redis-server of its own (a free loopback port, no
// persistence, stopped afterwards: never a Redis the user runs) and ends with one plain
// summary line ("N passed, N failed").
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { startRedis } from './own-redis.mjs';
import { missingTools } from './test-setup.mjs';

mkdirSync('test-output', { recursive: true });
const out = 'test-output/jest.json';
const redis = await startRedis();
console.log(`run-tests: the suite's own redis-server on ${redis.url}`);
// Without redis-sentinel the failover test skips itself (and says so); the rest runs as ever.
if (missingTools().some((t) => t.command === 'redis-sentinel'))
  console.log('run-tests: redis-sentinel is not installed; test/failover.redis.test.ts is skipped');
// Ctrl-C reaches jest and redis-server too (one process group); the server is stopped anyway.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => undefined);
let r;
try {
  r = await new Promise((resolve) => {
    const jest = spawn(
      'npx',
      ['jest', '--runInBand', '--json', `--outputFile=${out}`, ...process.argv.slice(2)],
      { stdio: 'inherit', env: { ...process.env, TEST_REDIS_URL: `${redis.url}/2` } },
    );
    jest.once('exit', (status, signal) => resolve({ status, signal }));
  });
} finally {
  await redis.stop();
}
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
