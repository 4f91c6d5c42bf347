/**
 * R224: `npm run backup` carries attachment and library files with their checksums, `npm run
 * restore` refuses a backup whose file is damaged or missing, and a restored installation
 * serves the same bytes. Files beside the journal, and files in S3 (s3rver, real SDK).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { login, startTestServer, type TestServer } from './support/server';
import { startS3, type TestS3 } from './support/s3';
import { pdf, png, uploadFile } from './support/files';
import { S3BlobStore, sha256 } from '../server/blobs';

jest.setTimeout(90_000);
const ROOT = path.resolve(__dirname, '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'lb-fdrill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const node = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: '', REDIS_SENTINELS: '', BLOB_S3_BUCKET: '', ...env },
    encoding: 'utf8',
  });

/** The same, without blocking this process: the S3 server the script talks to runs in it. */
const nodeAsync = (script: string, args: string[], env: Record<string, string>) =>
  new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: '', REDIS_SENTINELS: '', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });

async function attach(srv: TestServer): Promise<{ photo: Buffer; doc: Buffer }> {
  const real = srv.app.spaces.get('real')!;
  const reportId = Object.values(real.state.reports).find((r) => r.districtId === 'farsta')!.id;
  const photo = png(31, 17, [5, 90, 200]);
  const doc = pdf('Kontinuitetsplan');
  const a = await uploadFile(
    srv.url,
    await login(srv.url, 'tib.farsta'),
    '/api/attachments',
    photo,
    {
      target: 'report',
      targetId: reportId,
      name: 'foto.png',
    },
  );
  const d = await uploadFile(
    srv.url,
    await login(srv.url, 'sakchef'),
    '/api/library/documents',
    doc,
    {
      title: 'Kontinuitetsplan',
      kind: 'continuity_plan',
      version: '3',
      date: '2024-05-01',
      name: 'plan.pdf',
    },
  );
  expect([a.status, d.status]).toEqual([201, 201]);
  return { photo, doc };
}

const blobFile = (hash: string) => `blobs/real/${hash.slice(0, 2)}/${hash}`;

test('R224 embedded: the backup lists every file with its SHA-256; a damaged or missing file is refused; restore serves the same bytes', async () => {
  const srv = await startTestServer();
  const { photo, doc } = await attach(srv);
  const backup = path.join(tmp, 'emb');
  const b = node('backup.mjs', [backup, '--data', srv.dataDir]);
  expect(b.status).toBe(0);
  await srv.close();
  const manifest = JSON.parse(readFileSync(path.join(backup, 'manifest.json'), 'utf8')) as {
    files: { path: string; sha256: string }[];
  };
  for (const bytes of [photo, doc])
    expect(manifest.files).toContainEqual(
      expect.objectContaining({ path: blobFile(sha256(bytes)), sha256: sha256(bytes) }),
    );

  const broken = path.join(tmp, 'emb-broken');
  cpSync(backup, broken, { recursive: true });
  const p = path.join(broken, blobFile(sha256(photo)));
  const buf = readFileSync(p);
  buf[buf.length - 3] ^= 1;
  writeFileSync(p, buf);
  const r1 = node('restore.mjs', [broken, '--data', path.join(tmp, 'x1')]);
  expect(r1.status).toBe(1);
  expect(r1.stderr).toContain(`${blobFile(sha256(photo))}: size`.slice(0, 10));
  expect(r1.stderr).toMatch(/SHA-256 does not match|content does not match/);

  // A backup whose manifest and file were both edited to drop the photo: the log still names it.
  const missing = path.join(tmp, 'emb-missing');
  cpSync(backup, missing, { recursive: true });
  rmSync(path.join(missing, blobFile(sha256(photo))));
  const m = JSON.parse(readFileSync(path.join(missing, 'manifest.json'), 'utf8')) as {
    files: { path: string }[];
  };
  m.files = m.files.filter((f) => f.path !== blobFile(sha256(photo)));
  writeFileSync(path.join(missing, 'manifest.json'), JSON.stringify(m));
  const r2 = node('restore.mjs', [missing, '--data', path.join(tmp, 'x2')]);
  expect(r2.status).toBe(1);
  expect(r2.stderr).toContain(`references file ${sha256(photo)} that is not in the backup`);

  const restored = path.join(tmp, 'restored');
  const r3 = node('restore.mjs', [backup, '--data', restored]);
  expect(r3.status).toBe(0);
  const again = await startTestServer({ DATA_DIR: restored });
  const res = await fetch(`${again.url}/api/files/${sha256(photo)}`, {
    headers: { cookie: await login(again.url, 'ordf') },
  });
  expect(res.status).toBe(200);
  expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);
  await again.close();
});

describe('S3', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startS3('drill');
  });
  afterAll(() => s3.close());

  test('R224 S3: the backup copies the objects and restore puts them into an empty prefix', async () => {
    const s = s3.settings('src');
    const env = {
      BLOB_S3_ENDPOINT: s.endpoint!,
      BLOB_S3_BUCKET: 'drill',
      BLOB_S3_ACCESS_KEY_ID: s.accessKeyId!,
      BLOB_S3_SECRET_ACCESS_KEY: s.secretAccessKey!,
    };
    const srv = await startTestServer({ ...env, BLOB_S3_PREFIX: 'src' });
    const { photo } = await attach(srv);
    const backup = path.join(tmp, 's3');
    const b = await nodeAsync('backup.mjs', [backup, '--data', srv.dataDir], {
      ...env,
      BLOB_S3_PREFIX: 'src',
    });
    expect(b).toMatchObject({ status: 0 });
    await srv.close();
    expect(readFileSync(path.join(backup, blobFile(sha256(photo)))).equals(photo)).toBe(true);
    const r = await nodeAsync('restore.mjs', [backup, '--data', path.join(tmp, 's3-restored')], {
      ...env,
      BLOB_S3_PREFIX: 'dst',
    });
    expect(r).toMatchObject({ status: 0 });
    const dst = new S3BlobStore(s3.settings('dst'));
    expect((await dst.get('real', sha256(photo)))?.equals(photo)).toBe(true);
    await dst.close();
  });
});
