/**
 * The production image, reproduced without Docker (no image can be pulled here): the working
 * tree as the Dockerfile's build context sees it, the Dockerfile's own build steps (install
 * without install scripts, build, prune to runtime dependencies), only the files its runtime
 * stage copies, its environment and its CMD. Then what a user does: sign in and take every
 * export, each checked by a real validator. The steps are read from docker/Dockerfile, so a
 * change there is tested here.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { connectConsole, login } from './support/server';
import { freePort, waitFor } from './support/redis';
import { xmllint } from './support/xmllint';
import { parseRfc4180 } from './support/rfc4180';

const ROOT = path.resolve(__dirname, '..');
/** Install, build and prune together; a cold npm cache needs the most of it. */
const BUILD_LIMIT_MS = 240_000;
jest.setTimeout(BUILD_LIMIT_MS + 90_000);

// ------------------------------------------------------------------------------------------
// The Dockerfile, read
// ------------------------------------------------------------------------------------------

const dockerfile = readFileSync(path.join(ROOT, 'docker', 'Dockerfile'), 'utf8').replace(
  /\\\n\s*/g,
  ' ',
);
const stageText = (name: string): string => {
  const m = new RegExp(`^FROM \\S+ AS ${name}$([\\s\\S]*?)(?=^FROM |$(?![\\s\\S]))`, 'm').exec(
    dockerfile,
  );
  if (!m) throw new Error(`no stage ${name} in docker/Dockerfile`);
  return m[1];
};
const lines = (stage: string, instr: string): string[] =>
  [...stageText(stage).matchAll(new RegExp(`^${instr} (.+)$`, 'gm'))].map((m) => m[1].trim());
const buildRuns = lines('build', 'RUN');
const runtimeCopies = lines('runtime', 'COPY').map((c) => {
  const m = /^--from=build \/app\/(\S+) \.\/(\S+)$/.exec(c);
  if (!m) throw new Error(`unexpected runtime COPY: ${c}`);
  return { from: m[1], to: m[2] };
});
const runtimeEnv = Object.fromEntries(
  lines('runtime', 'ENV')
    .flatMap((l) => l.split(/\s+/))
    .map((kv) => kv.split('=') as [string, string]),
);
const execForm = (s: string): string[] => JSON.parse(s) as string[];
const cmd = execForm(lines('runtime', 'CMD')[0]);
const healthcheck = execForm(lines('runtime', 'HEALTHCHECK')[0].replace(/^.*?CMD /, ''));

// ------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------

/** The build context: tracked and new files of the working tree, minus .dockerignore. */
function contextFiles(): string[] {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) =>
      p.includes('*')
        ? new RegExp(`(^|/)${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`)
        : new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&')}(/|$)`),
    );
  return [...new Set(listed.stdout.split('\0'))].filter(
    (f) => f && existsSync(path.join(ROOT, f)) && !ignore.some((r) => r.test(f)),
  );
}

/** A shell step with a time limit; its output is kept for the failure message. */
function run(command: string, cwd: string, env: NodeJS.ProcessEnv, limitMs: number): string {
  const r = spawnSync('sh', ['-c', command], { cwd, env, encoding: 'utf8', timeout: limitMs });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error || r.status !== 0)
    throw new Error(
      `"${command}" ${r.error ? `failed: ${r.error.message}` : `exited with ${r.status}`}\n${out.slice(-3000)}`,
    );
  return out;
}

const dirSize = (p: string): number =>
  statSync(p).isDirectory()
    ? readdirSync(p).reduce((n, f) => n + dirSize(path.join(p, f)), 0)
    : statSync(p).size;

// ------------------------------------------------------------------------------------------

const work = mkdtempSync(path.join(tmpdir(), 'lb-production-'));
const context = path.join(work, 'build');
const image = path.join(work, 'app');
const data = path.join(work, 'data');
/** Only what a node image has: node and npm on the PATH, a home for npm's cache. */
const baseEnv: NodeJS.ProcessEnv = {
  PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
  HOME: process.env.HOME ?? work,
  // The same install; from npm's cache when it has the packages, from the registry otherwise.
  npm_config_prefer_offline: 'true',
};
let server: ReturnType<typeof spawn> | null = null;
let output = '';
let url = '';

afterAll(async () => {
  if (server && server.exitCode === null) {
    const s = server;
    await new Promise((r) => {
      s.once('exit', r);
      s.kill('SIGKILL');
    });
  }
  rmSync(work, { recursive: true, force: true });
});

test('the image builds from the working tree with no install scripts and keeps only runtime dependencies', () => {
  for (const f of contextFiles()) {
    mkdirSync(path.dirname(path.join(context, f)), { recursive: true });
    cpSync(path.join(ROOT, f), path.join(context, f));
  }
  const t0 = Date.now();
  expect(buildRuns.length).toBeGreaterThanOrEqual(2);
  for (const step of buildRuns) {
    // Every install step runs without install scripts (docs/operations.md, Install scripts).
    if (/\bnpm (ci|install|prune)\b/.test(step)) expect(step).toMatch(/--ignore-scripts/);
    run(step, context, baseEnv, Math.max(1000, BUILD_LIMIT_MS - (Date.now() - t0)));
  }

  const pkg = JSON.parse(readFileSync(path.join(context, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const modules = path.join(context, 'node_modules');
  for (const dep of Object.keys(pkg.dependencies))
    expect([dep, existsSync(path.join(modules, dep, 'package.json'))]).toEqual([dep, true]);
  // What only the build and the tests need is gone (the lock marks it `dev`); a devDependency
  // that a runtime package needs too (engine.io's @types/node) rightly stays.
  const lock = JSON.parse(readFileSync(path.join(context, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const devOnly = Object.entries(lock.packages)
    .filter(([k, v]) => v.dev === true && /^node_modules\/(@[^/]+\/)?[^/]+$/.test(k))
    .map(([k]) => k);
  expect(devOnly.length).toBeGreaterThan(100);
  expect(devOnly.filter((k) => existsSync(path.join(context, k)))).toEqual([]);
  for (const dev of [
    'vite',
    'jest',
    'typescript',
    'react',
    'leaflet',
    'zustand',
    'socket.io-client',
  ])
    expect([
      dev,
      Object.hasOwn(pkg.devDependencies, dev),
      existsSync(path.join(modules, dev)),
    ]).toEqual([dev, true, false]);

  for (const c of runtimeCopies) {
    expect([c.from, existsSync(path.join(context, c.from))]).toEqual([c.from, true]);
    cpSync(path.join(context, c.from), path.join(image, c.to), { recursive: true });
  }
  // Source maps stay beside the bundle for operators, outside what is served.
  expect(existsSync(path.join(image, 'dist', 'sourcemaps', 'client'))).toBe(true);
  expect(
    readdirSync(path.join(image, 'dist', 'client', 'assets')).filter((f) => f.endsWith('.map')),
  ).toEqual([]);
  console.log(
    `production image reproduced in ${Math.round((Date.now() - t0) / 1000)} s; node_modules ${Math.round(dirSize(path.join(image, 'node_modules')) / 2 ** 20)} MiB`,
  );
});

test('it starts as the CMD starts it, with the image environment, and passes its own health check', async () => {
  expect(existsSync(path.join(image, 'dist', 'server', 'main.js'))).toBe(true);
  // What the runtime stage installs with apt (Debian's Chromium) is this machine's too.
  expect(existsSync(runtimeEnv.CHROMIUM_PATH)).toBe(true);
  mkdirSync(data);
  const secret = path.join(work, 'session_secret');
  writeFileSync(secret, 'production-test-secret-0123456789abcdef\n', { mode: 0o600 });
  const port = String(await freePort());
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    ...runtimeEnv,
    // Where a container has its own: a port that is free here, the volume, a mounted secret.
    PORT: port,
    DATA_DIR: data,
    SESSION_SECRET_FILE: secret,
  };
  expect(env.NODE_ENV).toBe('production');
  const [bin, ...args] = cmd;
  server = spawn(bin, args, { cwd: image, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (server?.exitCode !== null) throw new Error(`the server exited:\n${output}`);
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    30_000,
    `the server to answer /healthz:\n${output}`,
  );
  const [hcBin, ...hcArgs] = healthcheck;
  const hc = spawnSync(hcBin, hcArgs, { env, encoding: 'utf8', timeout: 10_000 });
  expect(hc.status).toBe(0);
  expect(existsSync(path.join(data, 'session-secret'))).toBe(false);
  // The console itself, precompressed.
  const page = await fetch(url, { headers: { 'accept-encoding': 'br' } });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-encoding')).toBe('br');
});

test('a signed-in user gets every export with a valid body: PDF, HTML, JSON, CSV, GeoJSON, CAP', async () => {
  expect(url).not.toBe('');
  const cookie = await login(url, 'stadsdir');
  const get = async (p: string, type: RegExp) => {
    const r = await fetch(`${url}${p}`, { headers: { cookie } });
    const body = Buffer.from(await r.arrayBuffer());
    expect([p, r.status, body.length > 0 ? 'body' : 'empty']).toEqual([p, 200, 'body']);
    expect([p, r.headers.get('content-type')]).toEqual([p, expect.stringMatching(type)]);
    return body;
  };
  const evt = 'eventId=evt_demo_soderort';

  for (const p of [`/api/export/report?${evt}&format=pdf`, '/api/export/situation?format=pdf']) {
    const pdf = await get(p, /^application\/pdf/);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(work, 'export.pdf');
    writeFileSync(file, pdf);
    const png = path.join(work, 'page');
    const r = spawnSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', file, png], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (r.error) throw r.error; // a missing renderer must fail, not pass
    expect([p, r.status, r.stderr]).toEqual([p, 0, '']);
    const rendered = readdirSync(work).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(rendered.length).toBe(1);
    expect(statSync(path.join(work, rendered[0])).size).toBeGreaterThan(2000);
    for (const f of rendered) rmSync(path.join(work, f));
  }

  for (const p of [`/api/export/report?${evt}&format=html`, '/api/export/situation?format=html']) {
    const html = (await get(p, /^text\/html/)).toString();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('</html>');
    expect(html).toContain('<link rel="stylesheet" href="/export/report.css">');
  }
  expect((await get('/export/report.css', /^text\/css/)).toString()).toMatch(/\{/);

  const json = JSON.parse((await get(`/api/export/report?${evt}&format=json`, /json/)).toString());
  expect(json).toMatchObject({ version: 1, eventId: 'evt_demo_soderort' });
  const raw = JSON.parse((await get(`/api/export/report?${evt}&format=log`, /json/)).toString());
  expect(raw.events.length).toBeGreaterThan(5);

  const csv = parseRfc4180(
    (await get(`/api/export/report?${evt}&format=csv`, /^text\/csv/)).toString(),
  );
  expect(csv.length).toBeGreaterThan(5);
  expect(csv[0]).toContain('seq');

  const geo = (await get('/api/export/situation?format=geojson', /geo\+json/)).toString();
  const fc = checkGeoJson(geo) as unknown as { features: unknown[] }; // throws on any RFC 7946 violation
  expect(fc.features.length).toBeGreaterThan(10);

  // The demo's public message waits for approval; once approved it exports as CAP 1.2.
  const director = await connectConsole(url, cookie, Number.MAX_SAFE_INTEGER);
  try {
    expect(
      await director.command('information.approveMessage', { messageId: 'msg_demo_1' }),
    ).toMatchObject({ ok: true });
  } finally {
    director.close();
  }
  const xml = await get('/api/cap/msg_demo_1', /^application\/xml/);
  const file = path.join(work, 'alert.xml');
  writeFileSync(file, xml);
  const valid = xmllint(file);
  expect(valid.output).toContain('validates');
  expect(valid.ok).toBe(true);
});

test('it stops cleanly on SIGTERM, as the container runtime stops it', async () => {
  const s = server;
  expect(s).not.toBeNull();
  const code = await new Promise<number | null>((resolve) => {
    s!.once('exit', (c) => resolve(c));
    s!.kill('SIGTERM');
  });
  expect(code).toBe(0);
  expect(output).toMatch(/SIGTERM: stänger/);
});

test('the log verifier runs in the image (no dev dependencies) and finds the chain intact', () => {
  expect(server?.exitCode).toBe(0);
  // What an operator runs in the container, after the server wrote the demo's log.
  const out = run(
    `npm run --silent verify-log -- --data ${JSON.stringify(data)}`,
    image,
    { ...baseEnv, ...runtimeEnv },
    60_000,
  );
  expect(out).toMatch(/^real: \d+ händelser, kedjan hel/m);
  expect(existsSync(path.join(image, 'node_modules', 'tsx'))).toBe(false);
  // A changed event is found: exit 1 and the seq where the chain breaks.
  const bad = path.join(work, 'tampered');
  cpSync(data, bad, { recursive: true });
  const journal = path.join(bad, 'journal', 'real.jsonl');
  const [first, ...rest] = readFileSync(journal, 'utf8').split('\n');
  writeFileSync(journal, [first.replace(/"at":"\d/, '"at":"1'), ...rest].join('\n'));
  const r = spawnSync('npm', ['run', '--silent', 'verify-log', '--', '--data', bad], {
    cwd: image,
    env: { ...baseEnv, ...runtimeEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect([r.status, r.stdout]).toEqual([1, expect.stringMatching(/^real: BRUTEN vid sekvens 1 /m)]);
});
