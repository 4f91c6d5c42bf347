/**
 * `npm test` sets itself up: scripts/test-setup.mjs checks the Debian programs the suite drives
 * (naming what is missing in one line with the apt command when it cannot install), and the
 * suite runs against a redis-server of its own (scripts/own-redis.mjs), never the user's.
 * Each script runs as its own process here, as `npm test` runs it; a check that cannot be
 * installed is shown with a real unprivileged user when the tests run as root.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHARED_REDIS_URL } from './support/redis';

const ROOT = path.resolve(__dirname, '..');
const SETUP = path.join(ROOT, 'scripts', 'test-setup.mjs');
let bin: string;
beforeAll(() => {
  bin = mkdtempSync(path.join(tmpdir(), 'lb-test-setup-'));
  chmodSync(bin, 0o755);
});
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** A PATH with only the given programs (linked from this machine's). */
function pathWith(programs: string[]): string {
  const dir = mkdtempSync(path.join(bin, 'bin-'));
  chmodSync(dir, 0o755);
  for (const p of programs) {
    const found = spawnSync('sh', ['-c', `command -v ${p}`], { encoding: 'utf8' }).stdout.trim();
    if (!found) throw new Error(`${p} is not on this machine`);
    symlinkSync(found, path.join(dir, p));
  }
  return dir;
}

/** The check as a user who cannot install anything (nobody, when the tests run as root). */
function checkAsUser(env: Record<string, string>) {
  const argv = [process.execPath, SETUP, '--tools-only'];
  const asRoot = process.getuid?.() === 0;
  const r = asRoot
    ? spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ...argv], {
        env,
        encoding: 'utf8',
      })
    : spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

test('with every program there, the check says nothing and passes', () => {
  const r = checkAsUser({
    PATH: pathWith(['xmllint', 'pdftoppm', 'redis-server', 'redis-sentinel']),
    CHROMIUM: '/usr/bin/chromium',
  });
  expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
});

test('a missing program that cannot be installed is named in one line with the apt command', () => {
  const r = checkAsUser({
    PATH: pathWith(['xmllint', 'redis-server', 'redis-sentinel']),
    CHROMIUM: path.join(bin, 'no-chromium'),
  });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toEqual([
    'npm test needs Chromium, pdftoppm, which are not installed: sudo apt-get install -y chromium poppler-utils',
  ]);
});

test("the suite's Redis is one of its own on a free loopback port, stopped afterwards", () => {
  const script = `
    import { startRedis } from ${JSON.stringify(path.join(ROOT, 'scripts', 'own-redis.mjs'))};
    import { createConnection } from 'node:net';
    const ping = (port) => new Promise((resolve) => {
      const c = createConnection({ host: '127.0.0.1', port }, () => c.write('PING\\r\\n'));
      c.once('data', (d) => { c.destroy(); resolve(d.toString().trim()); });
      c.once('error', () => resolve('refused'));
    });
    const r = await startRedis();
    const port = Number(new URL(r.url).port);
    const before = await ping(port);
    await r.stop();
    console.log(JSON.stringify({ url: r.url, before, after: await ping(port) }));
  `;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(out.stderr).toBe('');
  const { url, before, after } = JSON.parse(out.stdout) as Record<string, string>;
  expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
  expect(url).not.toMatch(/:6379$/);
  expect([before, after]).toEqual(['+PONG', 'refused']);
  // Under `npm test`, the tests' shared Redis is that server (database 2).
  if (process.env.TEST_REDIS_URL) expect(SHARED_REDIS_URL).toBe(process.env.TEST_REDIS_URL);
});

test("CI runs exactly the README's test command, after installing the programs", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /## Two commands\s+```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const command = /^(npm test)\b/m.exec(block)?.[1];
  expect(command).toBe('npm test');
  const ci = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  expect(ci.at(-1)).toBe(command);
  expect(ci).toContain('node scripts/test-setup.mjs --tools-only');
  expect(ci.some((l) => /redis-server|6379/.test(l))).toBe(false);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts.test).toMatch(/^node scripts\/test-setup\.mjs && /);
  expect(pkg.scripts.test).toMatch(/node scripts\/run-tests\.mjs$/);
});
