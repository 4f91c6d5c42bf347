/**
 * The Docker topology (issue 8), checked without a Docker engine: the compose file is parsed
 * and its wiring checked against the Dockerfile, the nginx config and the server's config.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const DOCKER = path.join(ROOT, 'docker');
const read = (f: string) => readFileSync(path.join(DOCKER, f), 'utf8');

interface Service {
  image?: string;
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
};
const { services } = compose;
const apps = ['app-a', 'app-b'];
const nginx = read('nginx.conf');
const dockerfile = read('Dockerfile');

test('D1 compose runs two app nodes, Redis and a reverse proxy', () => {
  expect(Object.keys(services).sort()).toEqual(['app-a', 'app-b', 'proxy', 'redis']);
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
    expect(env.REDIS_PREFIX).toBe(envs[0].REDIS_PREFIX);
    expect(env.PORT).toBe('8080');
    expect(env.TRUST_PROXY).toBe('true');
  }
  expect(new Set(envs.map((e) => e.NODE_ID)).size).toBe(2);
  // Every variable the nodes get is one the server reads.
  const config = readFileSync(path.join(ROOT, 'server', 'config.ts'), 'utf8');
  const known = new Set([
    ...[...config.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]),
    ...[...config.matchAll(/num\('([A-Z_]+)'/g)].map((m) => m[1]),
    'SESSION_SECRET',
    'ADMIN_PASSWORD',
    'TRUST_PROXY',
  ]);
  for (const k of Object.keys(envs[0])) expect([k, known.has(k)]).toEqual([k, true]);
});

test('D3 Redis persists every acknowledged append to an AOF on a named volume', () => {
  const redis = services.redis;
  const cmd = redis.command!.join(' ');
  expect(cmd).toMatch(/--appendonly yes/);
  expect(cmd).toMatch(/--appendfsync always/);
  expect(cmd).toMatch(/--maxmemory-policy noeviction/);
  expect(redis.volumes).toContain('redis-data:/data');
  expect(Object.keys(compose.volumes)).toContain('redis-data');
  expect(redis.ports).toBeUndefined();
});

test('D4 health checks gate the start order: Redis, then the nodes, then the proxy', () => {
  for (const s of ['redis', ...apps, 'proxy']) expect(services[s].healthcheck?.test).toBeDefined();
  for (const a of apps)
    expect(services[a].depends_on).toEqual({ redis: { condition: 'service_healthy' } });
  expect(services.proxy.depends_on).toEqual({
    'app-a': { condition: 'service_healthy' },
    'app-b': { condition: 'service_healthy' },
  });
  expect(services['app-a'].healthcheck!.test.join(' ')).toMatch(/\/healthz/);
});

test('D5 the proxy is published, mounts its config and routes websockets stickily to both nodes', () => {
  const proxy = services.proxy;
  expect(proxy.ports).toEqual(['8080:80']);
  expect(proxy.volumes).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
  expect(nginx).toMatch(/listen 80;/);
  const upstream = /upstream lagesbild \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
  expect(upstream).toMatch(/server app-a:8080/);
  expect(upstream).toMatch(/server app-b:8080/);
  // Sticky: by session cookie (or client address).
  expect(upstream).toMatch(/hash \$cookie_lb_session consistent;|ip_hash;/);
  const sockets = /location \/socket\.io\/ \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
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

test('D6 the image is multi-stage, runs without dev dependencies as a non-root user, and checks /healthz', () => {
  const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)/gm)].map((m) => m[1]);
  expect(stages).toEqual(['build', 'prod-deps', 'runtime']);
  const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
  const users = [...runtime.matchAll(/^USER (\S+)/gm)].map((m) => m[1]);
  expect(users.length).toBeGreaterThan(0);
  expect(users.at(-1)).not.toMatch(/^(root|0)$/);
  expect(dockerfile).toMatch(/npm ci --omit=dev/);
  expect(runtime).not.toMatch(/COPY --from=build \/app\/node_modules/);
  expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
  expect(runtime).toMatch(/CMD \["node", "dist\/server\/main\.js"\]/);
  // What the runtime copies is what the build produces and the server reads.
  expect(readFileSync(path.join(ROOT, 'scripts', 'build-server.mjs'), 'utf8')).toMatch(
    /outdir: 'dist\/server'/,
  );
  expect(readFileSync(path.join(ROOT, 'server', 'geo.ts'), 'utf8')).toMatch(
    /'shared', 'data', 'divisions'/,
  );
  const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
  expect(ignore).toEqual(expect.arrayContaining(['node_modules', '.git', 'dist']));
  expect(ignore.some((l) => l.startsWith('shared'))).toBe(false);
});
