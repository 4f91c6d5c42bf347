import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './paths';
import { DEFAULT_DIVISION, isDivisionId, type DivisionId } from '../shared/domain/division';
import { loadOidcConfig, type OidcConfig } from './auth/oidc';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { DEFAULT_COMMAND_BURST, DEFAULT_COMMAND_RATE } from './limits/commandLimiter';
import { DEFAULT_SOCKET_BUFFER_LIMIT_MB } from './limits/outgoing';
import { lookup, setEntry } from '../shared/domain/keyed';
import { parseSentinels, type RedisTarget } from './redis/target';
import { parseWarningFeeds, type WarningFeedConfig } from './warnings/feeds';
import type { S3Settings } from './blobs/s3BlobStore';
import { DEFAULT_UPLOAD_MAX_MB } from '../shared/files/sniff';

/** Every setting comes from the environment; docs/operations.md lists them. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  division: DivisionId;
  redisUrl?: string;
  /** Sentinels that name the Redis primary (REDIS_SENTINELS); the Redis mode without REDIS_URL. */
  redisSentinels?: { host: string; port: number }[];
  /** The primary's name in the sentinels (REDIS_SENTINEL_NAME). */
  redisSentinelName?: string;
  /** Replicas that must confirm an append before it is acknowledged (WAIT). */
  redisWaitReplicas: number;
  /** How long an append waits for those replicas before answering NOT_CONFIRMED. */
  redisWaitTimeoutMs: number;
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
  /** A background tile layer (MAP_TILE_URL); none by default, so the map works offline (R247). */
  tileUrl?: string;
  /** Who the tiles are from, shown on the map (MAP_TILE_ATTRIBUTION). */
  tileAttribution?: string;
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
  /**
   * The wire protocol this node speaks: always PROTOCOL_VERSION, not a setting. Tests set
   * another to play a node of an older or newer release during a rolling deploy.
   */
  protocolVersion: number;
  /** The address people reach the service at: the base of answer and share links. */
  publicUrl?: string;
  /** Requests per minute per address on the share links (/delning). */
  shareRateLimit: number;
  /** Commands a second per console (an account gets twice), R87. */
  commandRatePerSecond: number;
  /** Commands a console may send at once before the rate applies (an account: twice). */
  commandBurst: number;
  /** Unread outgoing bytes after which a console is dropped (R88). */
  socketBufferLimitBytes: number;
  /** Official warning feeds (WARNING_FEEDS); empty means the intake is off. */
  warningFeeds: WarningFeedConfig[];
  /** How often the warning feeds are polled, ms (WARNING_POLL_SECONDS). */
  warningPollMs: number;
  /** Attachments and library documents in an S3-compatible store (BLOB_S3_BUCKET set). */
  blobS3?: S3Settings;
  /** The largest upload accepted, bytes (UPLOAD_MAX_MB); larger is 413 (R216). */
  uploadMaxBytes: number;
  /** A blob no event references is removed once older than this (BLOB_ORPHAN_HOURS), R217. */
  blobOrphanMs: number;
}

/**
 * Every environment variable the server reads (docs/operations.md documents each; a test keeps
 * this list, the code and the docs together).
 */
export const SETTINGS: ReadonlySet<string> = new Set([
  'PORT',
  'HOST',
  'DATA_DIR',
  'DEMO',
  'DIVISION',
  'REDIS_URL',
  'REDIS_SENTINELS',
  'REDIS_SENTINEL_NAME',
  'REDIS_WAIT_REPLICAS',
  'REDIS_WAIT_TIMEOUT_MS',
  'REDIS_PREFIX',
  'JOB_CONCURRENCY',
  'JOB_LOCK_MS',
  'SESSION_SECRET',
  'SESSION_TTL_MINUTES',
  'COOKIE_SECURE',
  'TRUST_PROXY',
  'ALLOWED_ORIGINS',
  'ADMIN_PASSWORD',
  'SNAPSHOT_EVERY',
  'REPLAY_WINDOW',
  'CLIENT_DIR',
  'NODE_ID',
  'MAP_TILE_URL',
  'MAP_TILE_ATTRIBUTION',
  'TILE_URL',
  'LOGIN_RATE_LIMIT',
  'SHARE_RATE_LIMIT',
  'PUBLIC_URL',
  'SMTP_URL',
  'SMTP_FROM',
  'SMTP_INSECURE_TLS',
  'SMS_GATEWAY_URL',
  'SMS_GATEWAY_TOKEN',
  'SMS_SENDER',
  'ALARM_WEBHOOK_URL',
  'ALARM_WEBHOOK_SECRET',
  'ALARM_SEND_TIMEOUT_MS',
  'ALARM_SEND_CONCURRENCY',
  'SCENARIO_DIR',
  'CHROMIUM_PATH',
  'FANOUT_WINDOW_MS',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URI',
  'OIDC_GROUP_MAP',
  'OIDC_ROLE_CLAIM',
  'OIDC_SCOPES',
  'BENCH_METRICS',
  'COMMAND_RATE_PER_SECOND',
  'COMMAND_RATE_BURST',
  'SOCKET_BUFFER_LIMIT_MB',
  'WARNING_FEEDS',
  'WARNING_POLL_SECONDS',
  'BLOB_S3_ENDPOINT',
  'BLOB_S3_REGION',
  'BLOB_S3_BUCKET',
  'BLOB_S3_ACCESS_KEY_ID',
  'BLOB_S3_SECRET_ACCESS_KEY',
  'BLOB_S3_FORCE_PATH_STYLE',
  'BLOB_S3_PREFIX',
  'UPLOAD_MAX_MB',
  'BLOB_ORPHAN_HOURS',
]);

/**
 * Any setting may come from a file instead of the environment: `<VAR>_FILE=/run/secrets/x`
 * sets `<VAR>` to that file's content (one trailing newline dropped), so secrets mounted by
 * Docker or Kubernetes never appear in the process environment of the orchestrator's API.
 * Only the server's own settings: other programs' `*_FILE` variables are theirs. Setting both,
 * naming an unreadable file or an empty one stops the start: running without the secret the
 * operator meant to give would be worse than not running.
 */
export function resolveSettingFiles(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, file] of Object.entries(env)) {
    const name = key.endsWith('_FILE') ? key.slice(0, -'_FILE'.length) : '';
    if (!SETTINGS.has(name) || file === undefined || file === '') continue;
    if (lookup(env, name) !== undefined && lookup(env, name) !== '')
      throw new Error(`Set ${name} or ${key}, not both`);
    let value: string;
    try {
      value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new Error(`${key}: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`, {
        cause: err,
      });
    }
    if (value === '') throw new Error(`${key}: ${file} is empty`);
    setEntry(out, name, value);
  }
  return out;
}

/** Replaces every `<VAR>_FILE` in process.env by `<VAR>`, for every module that reads it. */
export function applySettingFiles(env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(resolveSettingFiles(env))) {
    // eslint-disable-next-line local/no-record-index -- names are SETTINGS names, set by the operator
    env[name] = value;
    delete env[`${name}_FILE`];
  }
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Config {
  const env: NodeJS.ProcessEnv = { ...rawEnv, ...resolveSettingFiles(rawEnv) };
  const division = env.DIVISION ?? DEFAULT_DIVISION;
  if (!isDivisionId(division))
    throw new Error(`DIVISION must be one of sdo-11-2023, sdn-13-2020 (got ${division})`);
  const num = (name: string, dflt: number): number => {
    const v = lookup(env, name);
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`${name} must be a non-negative number (got ${v})`);
    return n;
  };
  const sentinels = env.REDIS_SENTINELS ? parseSentinels(env.REDIS_SENTINELS) : [];
  if (sentinels.length > 0 && !env.REDIS_SENTINEL_NAME)
    throw new Error("REDIS_SENTINELS needs REDIS_SENTINEL_NAME (the primary's name)");
  return {
    port: num('PORT', 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    demo: (env.DEMO ?? 'on') !== 'off',
    division,
    redisUrl: env.REDIS_URL || undefined,
    ...(sentinels.length > 0
      ? { redisSentinels: sentinels, redisSentinelName: env.REDIS_SENTINEL_NAME }
      : {}),
    // With Sentinel a replica exists to confirm; a single server has none to wait for.
    redisWaitReplicas: num('REDIS_WAIT_REPLICAS', sentinels.length > 0 ? 1 : 0),
    redisWaitTimeoutMs: Math.max(1, num('REDIS_WAIT_TIMEOUT_MS', 1000)),
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
    // A random name, not the process id: /healthz is public (R119).
    nodeId: env.NODE_ID ?? `node-${randomBytes(4).toString('hex')}`,
    ...tileSettings(env),
    loginRateLimit: num('LOGIN_RATE_LIMIT', 10),
    oidc: loadOidcConfig(env),
    fanOutWindowMs: num('FANOUT_WINDOW_MS', 20),
    scenarioDir: path.resolve(env.SCENARIO_DIR ?? path.join(PROJECT_ROOT, 'scenarios')),
    chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    jobConcurrency: Math.max(1, num('JOB_CONCURRENCY', 256)),
    jobLockMs: Math.max(1000, num('JOB_LOCK_MS', 2000)),
    protocolVersion: PROTOCOL_VERSION,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/$/, '') : undefined,
    shareRateLimit: Math.max(1, num('SHARE_RATE_LIMIT', 120)),
    commandRatePerSecond: num('COMMAND_RATE_PER_SECOND', DEFAULT_COMMAND_RATE),
    commandBurst: Math.max(1, num('COMMAND_RATE_BURST', DEFAULT_COMMAND_BURST)),
    socketBufferLimitBytes:
      Math.max(0.01, num('SOCKET_BUFFER_LIMIT_MB', DEFAULT_SOCKET_BUFFER_LIMIT_MB)) * 2 ** 20,
    warningFeeds: parseWarningFeeds(env.WARNING_FEEDS),
    warningPollMs: Math.max(1000, num('WARNING_POLL_SECONDS', 120) * 1000),
    ...(env.BLOB_S3_BUCKET
      ? {
          blobS3: {
            endpoint: env.BLOB_S3_ENDPOINT || undefined,
            region: env.BLOB_S3_REGION || 'us-east-1',
            bucket: env.BLOB_S3_BUCKET,
            accessKeyId: env.BLOB_S3_ACCESS_KEY_ID || undefined,
            secretAccessKey: env.BLOB_S3_SECRET_ACCESS_KEY || undefined,
            forcePathStyle: (env.BLOB_S3_FORCE_PATH_STYLE ?? 'true') !== 'false',
            prefix: env.BLOB_S3_PREFIX || env.REDIS_PREFIX || 'lagesbild',
          },
        }
      : {}),
    uploadMaxBytes: Math.round(
      Math.max(0.001, num('UPLOAD_MAX_MB', DEFAULT_UPLOAD_MAX_MB)) * 2 ** 20,
    ),
    blobOrphanMs: Math.max(0, num('BLOB_ORPHAN_HOURS', 24)) * 3_600_000,
  };
}

/**
 * The optional tile layer (R247): MAP_TILE_URL (TILE_URL is read as an older name for it), an
 * http(s) template whose host the CSP then allows for images, and its attribution.
 */
function tileSettings(env: NodeJS.ProcessEnv): Pick<Config, 'tileUrl' | 'tileAttribution'> {
  const url = env.MAP_TILE_URL || env.TILE_URL || undefined;
  if (!url) return {};
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{[a-z]\}/g, 'a'));
  } catch {
    throw new Error(`MAP_TILE_URL must be an http(s) URL template (got ${url})`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Error(`MAP_TILE_URL must be an http(s) URL template (got ${url})`);
  return {
    tileUrl: url,
    ...(env.MAP_TILE_ATTRIBUTION ? { tileAttribution: env.MAP_TILE_ATTRIBUTION } : {}),
  };
}

/** Where the Redis mode's Redis is, or undefined for the embedded mode. */
export function redisTarget(config: Config): RedisTarget | undefined {
  if (config.redisSentinels)
    return {
      url: config.redisUrl,
      sentinels: config.redisSentinels,
      name: config.redisSentinelName,
    };
  return config.redisUrl ? { url: config.redisUrl } : undefined;
}
