// The first step of `npm test` on any machine: the project's packages (npm ci when
// node_modules is missing) and the Debian programs the suite drives. Run as root it installs
// what is missing with apt-get; otherwise it names what is missing in one line, with the
// command that installs it, and stops. Plain Node, no dependencies: it runs on a fresh clone.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Each program the tests run, how they find it, and the Debian package that has it. */
export const TOOLS = [
  { what: 'Chromium', file: process.env.CHROMIUM ?? '/usr/bin/chromium', pkg: 'chromium' },
  { what: 'xmllint', command: 'xmllint', pkg: 'libxml2-utils' },
  { what: 'pdftoppm', command: 'pdftoppm', pkg: 'poppler-utils' },
  { what: 'redis-server', command: 'redis-server', pkg: 'redis-server' },
  { what: 'redis-sentinel', command: 'redis-sentinel', pkg: 'redis-sentinel' },
];

const executable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const onPath = (command) =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && executable(path.join(dir, command)));

export const missingTools = () =>
  TOOLS.filter((t) => !(t.file ? executable(t.file) : onPath(t.command)));

function installPackages() {
  if (existsSync(path.join(ROOT, 'node_modules', '.package-lock.json'))) return;
  console.log('test-setup: node_modules is missing; installing the locked packages (npm ci)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function installTools() {
  const missing = missingTools();
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((t) => t.pkg))];
  const names = missing.map((t) => t.what).join(', ');
  const asRoot = process.getuid?.() === 0 && onPath('apt-get');
  if (!asRoot) {
    console.error(
      `npm test needs ${names}, which ${missing.length === 1 ? 'is' : 'are'} not installed: sudo apt-get install -y ${pkgs.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`test-setup: installing ${pkgs.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...pkgs],
  ]) {
    const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) {
      console.error(`npm test could not install ${pkgs.join(' ')} (apt-get ${args[0]} failed)`);
      process.exit(1);
    }
  }
  const still = missingTools();
  if (still.length > 0) {
    console.error(
      `npm test needs ${still.map((t) => t.what).join(', ')}, still missing after apt-get`,
    );
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--tools-only')) installPackages();
  installTools();
}
