// `npm run backup -- <dir>`: a consistent backup of this installation into <dir> (new or
// empty), with a manifest of every file's size and SHA-256. Embedded mode: DATA_DIR (or
// --data DIR). Redis mode (REDIS_URL or REDIS_SENTINELS, REDIS_PREFIX): a logical dump.
// Each log is taken to a whole line: a journal is append-only and fsynced before an
// acknowledgement, so that is exactly what was acknowledged when it was read. Attachment and
// library files (DATA_DIR/blobs, or the S3 bucket of BLOB_S3_*) are copied after the logs: a
// file is stored before its event is appended, so every file the copied logs name is there.
import { Buffer } from 'node:buffer';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  FORMAT,
  MANIFEST,
  backedUpKey,
  commandLine,
  fail,
  listFiles,
  parseBlobPath,
  blobPath,
  redisFromEnv,
  s3FromEnv,
  scanKeys,
  sha256,
} from './backup-lib.mjs';

const { dir: out, opt } = commandLine(
  process.argv.slice(2),
  'usage: npm run backup -- <backup-dir> [--data DIR]',
);
const target = path.resolve(out);
await fs.mkdir(target, { recursive: true });
if ((await fs.readdir(target)).length > 0)
  fail(`${target} is not empty; a backup goes into a new directory`);

const files = [];
async function put(rel, buf) {
  const p = path.join(target, rel);
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, buf, { mode: 0o600 });
  files.push({ path: rel.split(path.sep).join('/'), size: buf.length, sha256: sha256(buf) });
}
/** Up to the last newline: a line still being written was never acknowledged. */
const wholeLines = (buf) => buf.subarray(0, buf.lastIndexOf(0x0a) + 1);

let source;
const redis = await redisFromEnv();
const s3 = await s3FromEnv();
if (redis) {
  const { redis: r, prefix } = redis;
  source = { mode: 'redis', prefix };
  // Everything but the logs first, then the logs: a snapshot is never ahead of its log.
  const keys = (await scanKeys(r, prefix)).filter((k) => backedUpKey(prefix, k));
  const lines = [];
  for (const key of keys) {
    const [dump, pttl] = await Promise.all([r.dumpBuffer(key), r.pttl(key)]);
    if (dump) lines.push(JSON.stringify({ key, pttl, dump: dump.toString('base64') }));
  }
  await put('redis-keys.jsonl', Buffer.from(lines.map((l) => `${l}\n`).join('')));
  for (const space of (await r.smembers(`${prefix}:spaces`)).sort()) {
    const entries = await r.xrange(`${prefix}:log:${space}`, '-', '+');
    const body = entries.map(([, f]) => `${f[f.indexOf('e') + 1]}\n`).join('');
    await put(`journal/${space}.jsonl`, Buffer.from(body));
  }
  r.disconnect();
} else {
  const dir = path.resolve(opt('data') ?? process.env.DATA_DIR ?? 'data');
  source = { mode: 'embedded', dataDir: dir };
  const all = (await listFiles(dir)).filter((f) => !f.endsWith('.tmp') && !/\.torn-/.test(f));
  if (!all.some((f) => f.startsWith(`journal${path.sep}`))) fail(`no journal in ${dir}`);
  const isLog = (f) => f.startsWith(`journal${path.sep}`) && f.endsWith('.jsonl');
  const isBlob = (f) => f.startsWith(`blobs${path.sep}`);
  for (const f of all.filter((f) => !isLog(f) && !isBlob(f)))
    await put(f, await fs.readFile(path.join(dir, f)));
  for (const f of all.filter(isLog)) await put(f, wholeLines(await fs.readFile(path.join(dir, f))));
  // Listed again after the logs: files stored while the logs were read are taken too.
  for (const f of s3 ? [] : (await listFiles(dir)).filter(isBlob)) {
    if (!parseBlobPath(f)) continue;
    await put(f, await fs.readFile(path.join(dir, f)));
  }
}

if (s3) {
  source.blobs = 's3';
  for (const { space, hash } of await s3.list()) {
    const buf = await s3.get(space, hash);
    if (sha256(buf) !== hash) fail(`object ${hash} in ${space} does not match its hash`);
    await put(blobPath(space, hash), buf);
  }
  s3.close();
}

const manifest = { format: FORMAT, created: new Date().toISOString(), source, files };
await fs.writeFile(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, {
  mode: 0o600,
});
const bytes = files.reduce((n, f) => n + f.size, 0);
console.log(`backup: ${files.length} files, ${bytes} bytes, from ${source.mode} → ${target}`);
