/**
 * R217 the object-store back end through the whole server: an upload lands in S3 (s3rver over
 * loopback, through the real AWS SDK, as production reaches MinIO) and is read back from there.
 */
import { embeddedBackends } from '../server/app';
import { loadConfig } from '../server/config';
import { S3BlobStore, sha256 } from '../server/blobs';
import { startTestServer, login, type TestServer } from './support/server';
import { startS3, type TestS3 } from './support/s3';
import { png, uploadFile } from './support/files';

let s3: TestS3;
let srv: TestServer;

beforeAll(async () => {
  s3 = await startS3('lagesbild');
  const s = s3.settings('it');
  srv = await startTestServer({
    BLOB_S3_ENDPOINT: s.endpoint!,
    BLOB_S3_BUCKET: 'lagesbild',
    BLOB_S3_PREFIX: 'it',
    BLOB_S3_ACCESS_KEY_ID: s.accessKeyId!,
    BLOB_S3_SECRET_ACCESS_KEY: s.secretAccessKey!,
  });
});
afterAll(async () => {
  await srv.close();
  await s3.close();
});

test('R217 BLOB_S3_* settings give the object store, and an upload is read back from it', async () => {
  expect(srv.app.blobs.kind).toBe('s3');
  const real = srv.app.spaces.get('real')!;
  const reportId = Object.values(real.state.reports).find((r) => r.districtId === 'farsta')!.id;
  const bytes = png(50, 10);
  const tib = await login(srv.url, 'tib.farsta');
  const up = await uploadFile(srv.url, tib, '/api/attachments', bytes, {
    target: 'report',
    targetId: reportId,
    name: 'hink.png',
  });
  expect(up.status).toBe(201);
  // Another node's view of the same bucket: a store of its own finds the object.
  const other = new S3BlobStore(s3.settings('it'));
  expect((await other.get('real', sha256(bytes)))?.equals(bytes)).toBe(true);
  await other.close();
  const res = await fetch(`${srv.url}/api/files/${sha256(bytes)}`, {
    headers: { cookie: await login(srv.url, 'ordf') },
  });
  expect(res.status).toBe(200);
  expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
});

test('R217 without BLOB_S3_BUCKET the embedded mode keeps files beside the journal', () => {
  const b = embeddedBackends(loadConfig({ DATA_DIR: '/tmp/lb-none' }));
  expect(b.blobs?.kind).toBe('files');
});
