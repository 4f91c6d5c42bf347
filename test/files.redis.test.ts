/**
 * R217 R219 the scaled-out mode as the compose file runs it: two nodes on one Redis and one
 * S3-compatible object store (s3rver through the real AWS SDK). A photo uploaded on node A is
 * read on node B from the shared bucket, with B's own visibility check.
 */
import { redisBackends } from '../server/redis/backends';
import { sha256 } from '../server/blobs';
import { SHARED_REDIS_URL, deletePrefix, testPrefix } from './support/redis';
import { login, startTestServer, type TestServer } from './support/server';
import { startS3, type TestS3 } from './support/s3';
import { png, uploadFile } from './support/files';

jest.setTimeout(60_000);

const prefix = testPrefix();
const nodes: TestServer[] = [];
let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3('cluster');
});
afterAll(async () => {
  for (const n of nodes.reverse()) await n.close();
  await deletePrefix(SHARED_REDIS_URL, prefix);
  await s3.close();
});

test('R217 R219 a photo sent to node A is read on node B from the shared bucket; another district gets 404 on B', async () => {
  const s = s3.settings(prefix);
  const env = {
    REDIS_URL: SHARED_REDIS_URL,
    REDIS_PREFIX: prefix,
    BLOB_S3_ENDPOINT: s.endpoint!,
    BLOB_S3_BUCKET: 'cluster',
    BLOB_S3_ACCESS_KEY_ID: s.accessKeyId!,
    BLOB_S3_SECRET_ACCESS_KEY: s.secretAccessKey!,
  };
  nodes.push(await startTestServer({ ...env, NODE_ID: 'a' }, redisBackends));
  nodes.push(await startTestServer({ ...env, NODE_ID: 'b' }, redisBackends));
  const [a, b] = nodes;
  expect([a!.app.blobs.kind, b!.app.blobs.kind]).toEqual(['s3', 's3']);
  const realA = a!.app.spaces.get('real')!;
  const reportId = Object.values(realA.state.reports).find((r) => r.districtId === 'farsta')!.id;
  const photo = png(22, 44, [120, 0, 120]);
  const up = await uploadFile(
    a!.url,
    await login(a!.url, 'tib.farsta'),
    '/api/attachments',
    photo,
    {
      target: 'report',
      targetId: reportId,
      name: 'kluster.png',
      confidential: true,
    },
  );
  expect(up.status).toBe(201);
  const chair = await login(b!.url, 'ordf');
  const other = await login(b!.url, 'tib.enskede-arsta-vantor');
  let status = 0;
  for (let i = 0; i < 100 && status !== 200; i++) {
    status = (await fetch(`${b!.url}/api/files/${sha256(photo)}`, { headers: { cookie: chair } }))
      .status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 20));
  }
  expect(status).toBe(200);
  expect(
    (await fetch(`${b!.url}/api/files/${sha256(photo)}`, { headers: { cookie: other } })).status,
  ).toBe(404);
});
