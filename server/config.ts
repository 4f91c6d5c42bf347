import path from 'node:path';
import { PROJECT_ROOT } from './paths';
import { DEFAULT_DIVISION, isDivisionId, type DivisionId } from '../shared/domain/division';
import { loadOidcConfig, type OidcConfig } from './auth/oidc';

/** Every setting comes from the environment; docs/operations.md lists them. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  division: DivisionId;
  redisUrl?: string;
  redisPrefix: string;
  sessionTtlMs: number;
  cookieSecure: boolean;
  /** Origins allowed to open a socket; empty means same-origin only. */
  allowedOrigins: string[];
  snapshotEvery: number;
  /** How many recent events each space keeps in memory for resuming consoles. */
  replayWindow: number;
  clientDir: string;
  nodeId: string;
  tileUrl?: string;
  loginRateLimit: number;
  /** Sign-in through the city's identity provider; off when undefined (docs/security.md). */
  oidc?: OidcConfig;
  /** Committed batches within this many ms of the last fan-out go out together (0: never wait). */
  fanOutWindowMs: number;
  /** Where exercise scenario scripts (YAML/JSON) are read from (docs/scenarios.md). */
  scenarioDir: string;
  /** Headless Chromium for PDF exports. */
  chromiumPath: string;
  /** Redis mode: jobs a node runs at once (alarm sends wait on the provider, not the CPU). */
  jobConcurrency: number;
  /**
   * Redis mode: how long a running job's lock lasts without renewal (renewed every half). A job
   * held by a node that died runs elsewhere after at most this plus one stall check.
   */
  jobLockMs: number;
  /** The address people reach the service at: the base of answer and share links. */
  publicUrl?: string;
  /** Requests per minute per address on the share links (/delning). */
  shareRateLimit: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const division = env.DIVISION ?? DEFAULT_DIVISION;
  if (!isDivisionId(division))
    throw new Error(`DIVISION must be one of sdo-11-2023, sdn-13-2020 (got ${division})`);
  const num = (name: string, dflt: number): number => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`${name} must be a non-negative number (got ${v})`);
    return n;
  };
  return {
    port: num('PORT', 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    demo: (env.DEMO ?? 'on') !== 'off',
    division,
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX ?? 'lagesbild',
    sessionTtlMs: num('SESSION_TTL_MINUTES', 12 * 60) * 60_000,
    cookieSecure: env.COOKIE_SECURE === 'true',
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    snapshotEvery: num('SNAPSHOT_EVERY', 1000),
    replayWindow: num('REPLAY_WINDOW', 20_000),
    clientDir: path.resolve(env.CLIENT_DIR ?? path.join(PROJECT_ROOT, 'dist', 'client')),
    nodeId: env.NODE_ID ?? `node-${process.pid}`,
    tileUrl: env.TILE_URL || undefined,
    loginRateLimit: num('LOGIN_RATE_LIMIT', 10),
    oidc: loadOidcConfig(env),
    fanOutWindowMs: num('FANOUT_WINDOW_MS', 20),
    scenarioDir: path.resolve(env.SCENARIO_DIR ?? path.join(PROJECT_ROOT, 'scenarios')),
    chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    jobConcurrency: Math.max(1, num('JOB_CONCURRENCY', 256)),
    jobLockMs: Math.max(1000, num('JOB_LOCK_MS', 2000)),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/$/, '') : undefined,
    shareRateLimit: Math.max(1, num('SHARE_RATE_LIMIT', 120)),
  };
}
