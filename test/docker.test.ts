/**
 * The Docker topology, checked without a Docker engine: the compose file is parsed and its
 * wiring checked against the Dockerfile, the nginx config and the server's config. That the
 * image's steps give a working server is test/production.int.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SETTINGS } from '../server/config';

const ROOT = path.resolve(__dirname, '..');
const DOCKER = path.join(ROOT, 'docker');
const read = (f: string) => readFileSync(path.join(DOCKER, f), 'utf8');

interface Service {
  image?: string;
  secrets?: string[];
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
}
const compose = parse(read('compose.yaml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  secrets: Record<string, { file: string }>;
};
const { services } = compose;
const apps = ['app-a', 'app-b'];
const nginx = read('nginx.conf');
const dockerfile = read('Dockerfile');
const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)/gm)].map((m) => ({
  name: m[1],
  at: m.index,
}));
/** The text of one build stage of the Dockerfile. */
const stage = (name: string): string => {
  const i = stages.findIndex((x) => x.name === name);
  return dockerfile.slice(stages[i].at, stages[i + 1]?.at);
};
const runtime = stage('runtime');
/** The body of the nginx server block that listens on a port. */
const serverBlock = (listen: RegExp): string => {
  for (const m of nginx.matchAll(/\n {2}server \{\n([\s\S]*?)\n {2}\}\n/g))
    if (listen.test(m[1])) return m[1];
  return '';
};
const tlsServer = serverBlock(/listen 443 ssl;/);
const plainServer = serverBlock(/listen 80;/);

test('D1 compose runs two app nodes, a Redis primary, a replica, three sentinels, an object store and a reverse proxy', () => {
  expect(Object.keys(services).sort()).toEqual([
    'app-a',
    'app-b',
    'minio',
    'proxy',
    'redis',
    'redis-replica',
    'sentinel-1',
    'sentinel-2',
    'sentinel-3',
  ]);
  for (const a of apps) {
    expect(services[a].build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(services[a].restart).toBe('unless-stopped');
    // Only the proxy is published; nodes are reached through it.
    expect(services[a].ports).toBeUndefined();
  }
  expect(existsSync(path.join(DOCKER, '..', services['app-a'].build!.dockerfile))).toBe(true);
});

test('D2 the nodes share one Redis, each with its own node id', () => {
  const envs = apps.map((a) => services[a].environment!);
  for (const env of envs) {
    expect(env.REDIS_URL).toMatch(/^redis:\/\/redis:6379\//);
    expect(env.REDIS_SENTINELS).toBe('sentinel-1:26379,sentinel-2:26379,sentinel-3:26379');
    expect(env.REDIS_SENTINEL_NAME).toBe('lagesbild');
    expect(env.REDIS_WAIT_REPLICAS).toBe('1');
    expect(env.REDIS_PREFIX).toBe(envs[0].REDIS_PREFIX);
    expect(env.PORT).toBe('8080');
    expect(env.TRUST_PROXY).toBe('true');
  }
  expect(new Set(envs.map((e) => e.NODE_ID)).size).toBe(2);
  // Every variable the nodes get is one the server reads, directly or as <VAR>_FILE.
  for (const k of Object.keys(envs[0]))
    expect([k, SETTINGS.has(k.replace(/_FILE$/, ''))]).toEqual([k, true]);
});

test('D3 Redis persists every acknowledged append to an AOF on a named volume, on the primary and the replica', () => {
  for (const [name, volume] of [
    ['redis', 'redis-data'],
    ['redis-replica', 'redis-replica-data'],
  ]) {
    const redis = services[name];
    const cmd = redis.command!.join(' ');
    expect(cmd).toMatch(/--appendonly yes/);
    expect(cmd).toMatch(/--appendfsync always/);
    expect(cmd).toMatch(/--maxmemory-policy noeviction/);
    expect(redis.volumes).toContain(`${volume}:/data`);
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(redis.ports).toBeUndefined();
  }
  expect(services['redis-replica'].command!.join(' ')).toMatch(/--replicaof redis 6379/);
  for (const s of ['sentinel-1', 'sentinel-2', 'sentinel-3']) {
    const script = (services[s] as { entrypoint?: string[] }).entrypoint!.join(' ');
    expect(script).toMatch(/sentinel monitor lagesbild redis 6379 2/);
    expect(services[s].volumes).toEqual([`${s}-data:/data`]);
  }
});

test('D4 health checks gate the start order: Redis and the object store, then the nodes, then the proxy', () => {
  const redisSide = ['redis', 'redis-replica', 'sentinel-1', 'sentinel-2', 'sentinel-3', 'minio'];
  for (const s of [...redisSide, ...apps, 'proxy'])
    expect(services[s].healthcheck?.test).toBeDefined();
  for (const a of apps)
    expect(services[a].depends_on).toEqual(
      Object.fromEntries(redisSide.map((s) => [s, { condition: 'service_healthy' }])),
    );
  expect(services.proxy.depends_on).toEqual({
    'app-a': { condition: 'service_healthy' },
    'app-b': { condition: 'service_healthy' },
  });
  expect(services['app-a'].healthcheck!.test.join(' ')).toMatch(/\/healthz/);
});

test('D5 the proxy is published, mounts its config and routes websockets stickily to both nodes', () => {
  const proxy = services.proxy;
  expect(proxy.ports).toEqual(['${HTTPS_PORT:-443}:443', '${HTTP_PORT:-80}:80']);
  expect(proxy.volumes).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
  expect(nginx).toMatch(/listen 443 ssl;/);
  const upstream = /upstream lagesbild \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
  expect(upstream).toMatch(/server app-a:8080/);
  expect(upstream).toMatch(/server app-b:8080/);
  // Sticky: by session cookie (or client address).
  expect(upstream).toMatch(/hash \$cookie_lb_session consistent;|ip_hash;/);
  const sockets = /location \/socket\.io\/ \{([^}]*)\}/.exec(tlsServer)?.[1] ?? '';
  expect(sockets).toMatch(/proxy_pass http:\/\/lagesbild;/);
  expect(sockets).toMatch(/proxy_http_version 1\.1;/);
  expect(sockets).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
  expect(sockets).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
  expect(nginx).toMatch(/map \$http_upgrade \$connection_upgrade/);
  // The cookie the proxy hashes is the one the server sets.
  expect(readFileSync(path.join(ROOT, 'server', 'auth', 'sessions.ts'), 'utf8')).toMatch(
    /SESSION_COOKIE = 'lb_session'/,
  );
});

test('D6 the image builds, prunes to runtime dependencies, and runs them as a non-root user, checking /healthz', () => {
  expect(stages.map((x) => x.name)).toEqual(['build', 'runtime']);
  const build = stage('build');
  // Install without install scripts, build, then drop the dev dependencies before the copy.
  const runs = [...build.matchAll(/^RUN (.+)$/gm)].map((m) => m[1]);
  expect(runs[0]).toMatch(/^npm ci --ignore-scripts\b/);
  expect(runs[1]).toMatch(/^npm run build && npm prune --omit=dev\b/);
  const users = [...runtime.matchAll(/^USER (\S+)/gm)].map((m) => m[1]);
  expect(users.length).toBeGreaterThan(0);
  expect(users.at(-1)).not.toMatch(/^(root|0)$/);
  expect(runtime.indexOf('USER node')).toBeGreaterThan(runtime.lastIndexOf('RUN '));
  expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
  expect(runtime).toMatch(/CMD \["node", "dist\/server\/main\.js"\]/);
  expect(runtime).toMatch(/ENV NODE_ENV=production/);
  // What the runtime copies is what the build produces.
  expect(readFileSync(path.join(ROOT, 'scripts', 'build-server.mjs'), 'utf8')).toMatch(
    /outdir: 'dist\/server'/,
  );
  const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
  expect(ignore).toEqual(expect.arrayContaining(['node_modules', '.git', 'dist']));
  expect(ignore.some((l) => l.startsWith('shared'))).toBe(false);
});

test('D7 every file the server reads from its own directory at run time is in the image', () => {
  const copied = [...runtime.matchAll(/^COPY --from=build \/app\/(\S+) \.\/(\S+)$/gm)].map((m) => {
    expect(m[1]).toBe(m[2]); // same place as in the repository: PROJECT_ROOT finds it
    return m[2];
  });
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory()
        ? sources(path.join(dir, d.name))
        : /\.ts$/.test(d.name) && !d.name.endsWith('.test.ts')
          ? [readFileSync(path.join(dir, d.name), 'utf8')]
          : [],
    );
  const read = sources(path.join(ROOT, 'server')).flatMap((src) =>
    [...src.matchAll(/path\.join\(PROJECT_ROOT, ((?:'[^']+'(?:, )?)+)\)/g)].map((m) =>
      [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]).join('/'),
    ),
  );
  expect(read).toEqual(
    expect.arrayContaining(['dist/client', 'scenarios', 'shared/data/divisions']),
  );
  for (const file of read)
    expect([file, copied.some((c) => file === c || file.startsWith(`${c}/`))]).toEqual([
      file,
      true,
    ]);
  expect(copied).toEqual(expect.arrayContaining(['package.json', 'node_modules', 'dist/server']));
});

test('D8 the image carries Debian Chromium for the PDF exports, and its driver is a runtime dependency', () => {
  expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+-bookworm-slim$/m);
  expect(runtime).toMatch(/apt-get install -y --no-install-recommends chromium\b/);
  expect(runtime).toMatch(/fonts-/);
  expect(runtime).toMatch(/CHROMIUM_PATH=\/usr\/bin\/chromium/);
  expect(readFileSync(path.join(ROOT, 'server', 'config.ts'), 'utf8')).toMatch(
    /chromiumPath: env\.CHROMIUM_PATH \?\? '\/usr\/bin\/chromium'/,
  );
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  expect(pkg.dependencies['playwright-core']).toBeDefined();
  expect(pkg.devDependencies['playwright-core']).toBeUndefined();
  // Chromium's helpers are reaped: PID 1 is an init, not node.
  expect(runtime).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
});

test('D9 TLS ends at the proxy: certificate mount, HTTPS only, one HSTS header, websockets upgraded', () => {
  const proxy = services.proxy;
  expect(proxy.volumes).toContain('./certs:/etc/nginx/certs:ro');
  for (const f of ['ssl_certificate', 'ssl_certificate_key'])
    expect(tlsServer).toMatch(new RegExp(`\\n\\s*${f}\\s+/etc/nginx/certs/[\\w.-]+\\.pem;`));
  expect(tlsServer).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
  expect(tlsServer).toMatch(/proxy_hide_header Strict-Transport-Security;/);
  expect(tlsServer).toMatch(
    /add_header Strict-Transport-Security "max-age=(\d+); includeSubDomains" always;/,
  );
  const maxAge = Number(/max-age=(\d+)/.exec(tlsServer)?.[1]);
  expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
  // Port 80 answers only the proxy's own health check; everything else is sent to HTTPS.
  expect(plainServer).toMatch(/location \/ \{\s*return 301 https:\/\/\$host\$request_uri;\s*\}/);
  expect(plainServer).not.toMatch(/socket\.io/);
  expect(proxy.healthcheck!.test.join(' ')).toMatch(/http:\/\/127\.0\.0\.1\/healthz/);
  expect(plainServer).toMatch(/location = \/healthz/);
  // The nodes learn that the client used HTTPS, and set Secure cookies.
  // Three locations: the socket, uploads (R216) and everything else.
  expect(tlsServer.match(/proxy_set_header X-Forwarded-Proto \$scheme;/g)).toHaveLength(3);
  for (const a of apps) expect(services[a].environment!.COOKIE_SECURE).toBe('true');
});

test('D10 secrets come from mounted files, never the environment, and stay out of git and the image', () => {
  const declared = Object.keys(compose.secrets).sort();
  expect(declared).toEqual(['admin_password', 'minio_password', 'minio_user', 'session_secret']);
  for (const a of apps) {
    const env = services[a].environment!;
    expect(services[a].secrets?.slice().sort()).toEqual(declared);
    expect(env.SESSION_SECRET).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
    expect(env.SESSION_SECRET_FILE).toBe('/run/secrets/session_secret');
    expect(env.ADMIN_PASSWORD_FILE).toBe('/run/secrets/admin_password');
    // R217: the object store's keys too, as files.
    expect(env.BLOB_S3_ACCESS_KEY_ID_FILE).toBe('/run/secrets/minio_user');
    expect(env.BLOB_S3_SECRET_ACCESS_KEY_FILE).toBe('/run/secrets/minio_password');
  }
  for (const s of Object.values(compose.secrets)) expect(s.file).toMatch(/^\.\/secrets\//);
  const lines = (f: string) => readFileSync(path.join(ROOT, f), 'utf8').split('\n');
  expect(lines('.dockerignore')).toEqual(
    expect.arrayContaining(['docker/secrets', 'docker/certs']),
  );
  expect(lines('.gitignore')).toEqual(expect.arrayContaining(['docker/secrets/', 'docker/certs/']));
});
