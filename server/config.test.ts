/** Settings from the environment, and from mounted files (`<VAR>_FILE`). */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SETTINGS, applySettingFiles, loadConfig, resolveSettingFiles } from './config';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lb-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secret = (name: string, content: string): string => {
  const f = path.join(dir, name);
  writeFileSync(f, content, { mode: 0o600 });
  return f;
};

test('<VAR>_FILE gives any setting the content of a file, without its trailing newline', () => {
  const env = {
    SESSION_SECRET_FILE: secret('session', 's3cret-with-spaces  \n'),
    ADMIN_PASSWORD_FILE: secret('admin', 'Lösen ord\r\n'),
    SMTP_URL_FILE: secret('smtp', 'smtps://larm:p%40ss@mail.example:465'),
    PORT: '9000',
  };
  expect(resolveSettingFiles(env)).toEqual({
    SESSION_SECRET: 's3cret-with-spaces  ',
    ADMIN_PASSWORD: 'Lösen ord',
    SMTP_URL: 'smtps://larm:p%40ss@mail.example:465',
  });
  // Settings that loadConfig reads itself take the rule too.
  expect(
    loadConfig({ REDIS_URL_FILE: secret('redis', 'redis://:pw@redis:6379/0\n') }),
  ).toMatchObject({ redisUrl: 'redis://:pw@redis:6379/0' });
});

test('applySettingFiles puts the values into the environment and drops the _FILE names', () => {
  const env: NodeJS.ProcessEnv = { SMS_GATEWAY_TOKEN_FILE: secret('sms', 'tok\n'), DEMO: 'off' };
  applySettingFiles(env);
  expect(env).toEqual({ SMS_GATEWAY_TOKEN: 'tok', DEMO: 'off' });
  // Applying again (loadConfig does) finds nothing left to read and no conflict.
  expect(() => loadConfig(env)).not.toThrow();
});

test('a file that cannot be read, an empty one, or a setting given twice stops the start', () => {
  expect(() => resolveSettingFiles({ SESSION_SECRET_FILE: path.join(dir, 'missing') })).toThrow(
    /SESSION_SECRET_FILE: cannot read .*missing \(ENOENT\)/,
  );
  expect(() => resolveSettingFiles({ ADMIN_PASSWORD_FILE: secret('empty', '\n') })).toThrow(
    /ADMIN_PASSWORD_FILE: .* is empty/,
  );
  expect(() =>
    resolveSettingFiles({ ADMIN_PASSWORD: 'a', ADMIN_PASSWORD_FILE: secret('b', 'b') }),
  ).toThrow('Set ADMIN_PASSWORD or ADMIN_PASSWORD_FILE, not both');
  // An empty _FILE is as good as unset; names that merely end in FILE are not settings files.
  expect(
    resolveSettingFiles({ SESSION_SECRET_FILE: '', HISTFILE: '/nope', lower_FILE: '/x' }),
  ).toEqual({});
});

test('SETTINGS names every variable the server reads, and docs/operations.md documents each', () => {
  const ROOT = path.resolve(__dirname, '..');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory()
        ? files(path.join(dir, d.name))
        : /\.ts$/.test(d.name) && !/\.test\.ts$/.test(d.name)
          ? [path.join(dir, d.name)]
          : [],
    );
  const read = new Set<string>();
  for (const f of files(path.join(ROOT, 'server'))) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\b(?:num|need)\('([A-Z][A-Z0-9_]+)'/g))
      read.add(m[1] ?? m[2]);
  }
  expect([...read].filter((n) => !SETTINGS.has(n))).toEqual([]);
  expect([...SETTINGS].filter((n) => !read.has(n))).toEqual([]);
  const docs = readFileSync(path.join(ROOT, 'docs', 'operations.md'), 'utf8');
  expect([...SETTINGS].filter((n) => !docs.includes(`\`${n}\``))).toEqual([]);
});

test('R247 no tile layer unless MAP_TILE_URL is set; then its host is allowed for images only', async () => {
  const { securityHeaderList } = await import('./http/routes');
  const none = loadConfig({});
  expect(none.tileUrl).toBeUndefined();
  expect(securityHeaderList(none)['Content-Security-Policy']).toMatch(/img-src 'self' data:;/);
  const tiles = loadConfig({
    MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
    MAP_TILE_ATTRIBUTION: '© Exempelkartor',
  });
  expect(tiles).toMatchObject({
    tileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
    tileAttribution: '© Exempelkartor',
  });
  const csp = securityHeaderList(tiles)['Content-Security-Policy'];
  // Leaflet asks a., b. and c. for {s}: every subdomain of that host, and no other host.
  expect(csp).toContain("img-src 'self' data: https://*.tiles.example.org;");
  expect(csp).toContain("connect-src 'self';");
  // The older name still works; a template that is not http(s) stops the start.
  expect(loadConfig({ TILE_URL: 'https://t.example/{z}/{x}/{y}.png' }).tileUrl).toBe(
    'https://t.example/{z}/{x}/{y}.png',
  );
  expect(() => loadConfig({ MAP_TILE_URL: 'javascript:alert(1)' })).toThrow(/MAP_TILE_URL/);
});
