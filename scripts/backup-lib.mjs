// What backup and restore share: the manifest, checksums, and how to reach the data.
// Plain Node and production dependencies only: it runs after `npm prune --omit=dev`.
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import path from 'node:path';
import { URL } from 'node:url';

export const FORMAT = 'lagesbild-backup/1';
export const MANIFEST = 'manifest.json';

export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** Every regular file under dir, as paths relative to it, sorted. */
export async function listFiles(dir, rel = '') {
  const out = [];
  let entries;
  try {
    entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOENT') return out;
    throw err;
  }
  for (const e of entries) {
    const p = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(dir, p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** The Redis the nodes use (REDIS_SENTINELS + REDIS_SENTINEL_NAME, or REDIS_URL), or null. */
export async function redisFromEnv(env = process.env) {
  if (!env.REDIS_URL && !env.REDIS_SENTINELS) return null;
  const { Redis } = await import('ioredis');
  const u = env.REDIS_URL ? new URL(env.REDIS_URL) : null;
  const auth = {
    db: u ? Number(u.pathname.replace('/', '') || 0) : 0,
    ...(u?.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u?.password ? { password: decodeURIComponent(u.password) } : {}),
  };
  const r = env.REDIS_SENTINELS
    ? new Redis({
        ...auth,
        name: env.REDIS_SENTINEL_NAME,
        role: 'master',
        sentinels: env.REDIS_SENTINELS.split(',').map((s) => {
          const [host, port] = s.trim().split(':');
          return { host, port: Number(port) };
        }),
      })
    : new Redis(env.REDIS_URL);
  r.on('error', () => undefined);
  await r.ping();
  return { redis: r, prefix: env.REDIS_PREFIX ?? 'lagesbild' };
}

/** Keys under the prefix a backup carries: not BullMQ's (rebuilt from the log) nor Socket.IO's. */
export const backedUpKey = (prefix, key) =>
  key.startsWith(`${prefix}:`) &&
  !key.startsWith(`${prefix}:jobs:`) &&
  !key.startsWith(`${prefix}:sio`) &&
  !key.startsWith(`${prefix}:log:`) &&
  key !== `${prefix}:confirm`;

export async function scanKeys(redis, prefix) {
  const keys = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys.sort();
}

export const fail = (msg) => {
  console.error(msg);
  process.exit(1);
};

/** `<dir> [--name value …]` from the command line: the one positional argument and an option reader. */
export function commandLine(argv, usage) {
  const opt = (name) =>
    argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined;
  const dir = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  if (!dir) fail(usage);
  return { dir, opt };
}

// ------------------------------------------------------------------------------------------
// Attachment and library files (R224): content-addressed blobs, DATA_DIR/blobs or S3.

/** A blob's path in DATA_DIR and in a backup: blobs/<space>/<first two hex>/<sha-256>. */
export const blobPath = (space, hash) =>
  `blobs/${encodeURIComponent(space)}/${hash.slice(0, 2)}/${hash}`;
const BLOB_PATH = /^blobs\/([^/]+)\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
export const parseBlobPath = (p) => {
  const m = BLOB_PATH.exec(p.split(path.sep).join('/'));
  return m && m[2] === m[3].slice(0, 2) ? { space: decodeURIComponent(m[1]), hash: m[3] } : null;
};

/** The hashes a journal's events reference (attachments and library documents). */
export function referencedBlobs(journal) {
  const out = new Set();
  for (const line of journal.toString('utf8').split('\n')) {
    if (!line.includes('"hash"')) continue;
    const e = JSON.parse(line);
    if ((e.type === 'attachment.added' || e.type === 'document.published') && e.data?.hash)
      out.add(e.data.hash);
  }
  return out;
}

/** The value of a server setting, from <NAME> or the file <NAME>_FILE names (as the server). */
function setting(env, name) {
  if (env[name]) return env[name];
  const file = env[`${name}_FILE`];
  if (!file) return undefined;
  return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
}

/** The object store the nodes use (BLOB_S3_BUCKET and the rest), or null. */
export async function s3FromEnv(env = process.env) {
  const bucket = setting(env, 'BLOB_S3_BUCKET');
  if (!bucket) return null;
  const s3 = await import('@aws-sdk/client-s3');
  const id = setting(env, 'BLOB_S3_ACCESS_KEY_ID');
  const secret = setting(env, 'BLOB_S3_SECRET_ACCESS_KEY');
  const endpoint = setting(env, 'BLOB_S3_ENDPOINT');
  const client = new s3.S3Client({
    region: setting(env, 'BLOB_S3_REGION') || 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: (setting(env, 'BLOB_S3_FORCE_PATH_STYLE') ?? 'true') !== 'false',
    ...(id && secret ? { credentials: { accessKeyId: id, secretAccessKey: secret } } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const prefix = setting(env, 'BLOB_S3_PREFIX') || env.REDIS_PREFIX || 'lagesbild';
  return {
    /** Every blob as {space, hash}. */
    async list() {
      const out = [];
      let token;
      do {
        const page = await client.send(
          new s3.ListObjectsV2Command({
            Bucket: bucket,
            Prefix: `${prefix}/`,
            ContinuationToken: token,
          }),
        );
        for (const o of page.Contents ?? []) {
          const [seg, hash] = o.Key.slice(prefix.length + 1).split('/');
          if (/^[0-9a-f]{64}$/.test(hash ?? '')) out.push({ space: decodeURIComponent(seg), hash });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out;
    },
    async get(space, hash) {
      const res = await client.send(
        new s3.GetObjectCommand({
          Bucket: bucket,
          Key: `${prefix}/${encodeURIComponent(space)}/${hash}`,
        }),
      );
      return Buffer.from(await res.Body.transformToByteArray());
    },
    async put(space, hash, buf) {
      await client.send(
        new s3.PutObjectCommand({
          Bucket: bucket,
          Key: `${prefix}/${encodeURIComponent(space)}/${hash}`,
          Body: buf,
          ContentLength: buf.length,
          ContentType: 'application/octet-stream',
          Metadata: { sha256: hash },
        }),
      );
    },
    close: () => client.destroy(),
  };
}
