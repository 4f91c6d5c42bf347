// `npm run restore -- <backup-dir>`: checks every file of a backup against its manifest (size,
// SHA-256, whole JSON lines, seqs 1..n; each attachment or library file named by its own SHA-256
// and present for every event that references it) and only then restores it, into an empty DATA_DIR (or
// --data DIR) or, in the Redis mode, a prefix that holds nothing. A damaged backup is refused
// with the file and the reason, and nothing is restored.
import { Buffer } from 'node:buffer';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  FORMAT,
  MANIFEST,
  commandLine,
  fail,
  listFiles,
  parseBlobPath,
  redisFromEnv,
  referencedBlobs,
  s3FromEnv,
  scanKeys,
  sha256,
} from './backup-lib.mjs';

const { dir: from, opt } = commandLine(
  process.argv.slice(2),
  'usage: npm run restore -- <backup-dir> [--data DIR]',
);
const src = path.resolve(from);
const refuse = (file, reason) => fail(`restore: refused, ${file}: ${reason}; nothing was restored`);

let manifest;
try {
  manifest = JSON.parse(await fs.readFile(path.join(src, MANIFEST), 'utf8'));
} catch (err) {
  refuse(MANIFEST, err.code === 'ENOENT' ? 'missing' : `unreadable (${err.message})`);
}
if (manifest.format !== FORMAT) refuse(MANIFEST, `format ${manifest.format}, expected ${FORMAT}`);
const content = new Map();
for (const f of manifest.files) {
  if (f.path.includes('..') || path.isAbsolute(f.path)) refuse(f.path, 'path outside the backup');
  let buf;
  try {
    buf = await fs.readFile(path.join(src, f.path));
  } catch {
    refuse(f.path, 'missing');
  }
  if (buf.length !== f.size) refuse(f.path, `size ${buf.length}, manifest says ${f.size}`);
  if (sha256(buf) !== f.sha256) refuse(f.path, 'SHA-256 does not match the manifest');
  if (f.path.startsWith('journal/')) {
    const lines = buf.toString('utf8').split('\n').slice(0, -1);
    lines.forEach((line, i) => {
      let e;
      try {
        e = JSON.parse(line);
      } catch {
        refuse(f.path, `line ${i + 1} is not JSON`);
      }
      if (e.seq !== i + 1) refuse(f.path, `line ${i + 1} has seq ${e.seq}`);
    });
  }
  if (f.path.startsWith('blobs/')) {
    const blob = parseBlobPath(f.path);
    if (!blob) refuse(f.path, 'not a file name the blob store uses');
    if (sha256(buf) !== blob.hash) refuse(f.path, 'content does not match its SHA-256 name');
  }
  content.set(f.path, buf);
}
// Every file an event references must come back with the log (R224).
for (const [file, buf] of content) {
  if (!file.startsWith('journal/')) continue;
  const space = decodeURIComponent(path.basename(file, '.jsonl'));
  const have = new Set(
    [...content.keys()]
      .map(parseBlobPath)
      .filter((b) => b && b.space === space)
      .map((b) => b.hash),
  );
  for (const hash of referencedBlobs(buf))
    if (!have.has(hash)) refuse(file, `references file ${hash} that is not in the backup`);
}
const blobs = [...content.keys()].filter((f) => f.startsWith('blobs/'));
const extra = (await listFiles(src)).filter((f) => f !== MANIFEST && !content.has(f));
if (extra.length > 0) refuse(extra[0], 'not in the manifest');

const redis = await redisFromEnv();
/** The backup's blobs into the object store (where an S3 store keeps them, not the data dir). */
async function putBlobs(s3) {
  for (const f of blobs) {
    const { space, hash } = parseBlobPath(f);
    await s3.put(space, hash, content.get(f));
  }
  s3.close();
}

if (redis) {
  const { redis: r, prefix } = redis;
  if (manifest.source.mode !== 'redis')
    refuse(MANIFEST, 'an embedded backup; restore it with DATA_DIR');
  const s3 = blobs.length > 0 ? await s3FromEnv() : null;
  if (blobs.length > 0 && !s3)
    fail(
      'restore: the backup holds attachment files; set BLOB_S3_BUCKET (and the rest) to restore them',
    );
  if ((await scanKeys(r, prefix)).length > 0)
    fail(`restore: Redis already holds keys under ${prefix}:; restore into an empty prefix`);
  for (const line of content.get('redis-keys.jsonl').toString('utf8').split('\n').filter(Boolean)) {
    const { key, pttl, dump } = JSON.parse(line);
    const to = `${prefix}${key.slice(key.indexOf(':'))}`;
    await r.restore(to, pttl > 0 ? pttl : 0, Buffer.from(dump, 'base64'));
  }
  for (const [file, buf] of content) {
    if (!file.startsWith('journal/')) continue;
    const space = path.basename(file, '.jsonl');
    const lines = buf.toString('utf8').split('\n').filter(Boolean);
    for (let i = 0; i < lines.length; i += 500) {
      const pipe = r.pipeline();
      lines
        .slice(i, i + 500)
        .forEach((l, j) => pipe.xadd(`${prefix}:log:${space}`, `${i + j + 1}-0`, 'e', l));
      await pipe.exec();
    }
    await r.sadd(`${prefix}:spaces`, space);
  }
  r.disconnect();
  if (s3) await putBlobs(s3);
  console.log(
    `restore: ${content.size} files into Redis (${prefix}); check with npm run verify-log`,
  );
} else {
  if (manifest.source.mode !== 'embedded')
    refuse(MANIFEST, 'a Redis backup; restore it with REDIS_URL or REDIS_SENTINELS');
  const dir = path.resolve(opt('data') ?? process.env.DATA_DIR ?? 'data');
  if ((await listFiles(dir)).length > 0)
    fail(`restore: ${dir} is not empty; restore onto a clean data directory`);
  const s3 = await s3FromEnv();
  for (const [file, buf] of content) {
    if (s3 && file.startsWith('blobs/')) continue;
    const p = path.join(dir, file);
    await fs.mkdir(path.dirname(p), { recursive: true, mode: 0o700 });
    await fs.writeFile(p, buf, { mode: 0o600 });
  }
  if (s3) await putBlobs(s3);
  console.log(
    `restore: ${content.size} files into ${dir}; check with npm run verify-log -- --data ${dir}`,
  );
}
