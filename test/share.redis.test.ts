/**
 * Shares in the scaled-out mode: two nodes on one Redis. A link made on one node opens on the
 * other, its openings are counted once for the installation, and a revocation on one node
 * closes the link on the other (R94, R95).
 */
import { redisBackends } from '../server/redis/backends';
import { SHARED_REDIS_URL, deletePrefix, testPrefix } from './support/redis';
import { connectConsole, login, startTestServer, type TestServer } from './support/server';

jest.setTimeout(60_000);

const prefix = testPrefix();
const nodes: TestServer[] = [];
afterAll(async () => {
  for (const n of nodes.reverse()) await n.close();
  await deletePrefix(SHARED_REDIS_URL, prefix);
});

test('R94 R95 a link made on node A opens on node B, is counted for both, and a revocation on A closes it on B', async () => {
  const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_PREFIX: prefix };
  nodes.push(await startTestServer({ ...env, NODE_ID: 'a' }, redisBackends));
  nodes.push(await startTestServer({ ...env, NODE_ID: 'b' }, redisBackends));
  const [a, b] = nodes;
  const cookie = await login(a.url, 'analys');
  const res = await fetch(`${a.url}/api/shares`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'redis-share-1',
      sitrepId: 'sit_demo_1',
      recipient: { kind: 'actor', actorId: 'ssr' },
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  });
  expect(res.status).toBe(201);
  const { token, shareId } = (await res.json()) as { token: string; shareId: string };
  const onB = `${b.url}/delning/${token}`;
  // B hears of the new share from Redis; it opens there within moments.
  let status = 0;
  for (let i = 0; i < 100 && status !== 200; i++) {
    status = (await fetch(onB)).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 20));
  }
  expect(status).toBe(200);
  await fetch(`${a.url}/delning/${token}/flode.atom`);
  const views = async (node: TestServer) => {
    const r = await fetch(`${node.url}/api/shares/views`, {
      headers: { cookie: await login(node.url, 'stabschef') },
    });
    const v = ((await r.json()) as { views: { shareId: string; count: number }[] }).views;
    return v.find((x) => x.shareId === shareId)?.count;
  };
  expect([await views(a), await views(b)]).toEqual([2, 2]);
  const lead = await connectConsole(a.url, await login(a.url, 'stabschef'));
  try {
    expect((await lead.command('share.revoke', { shareId })).ok).toBe(true);
  } finally {
    lead.close();
  }
  for (let i = 0; i < 100 && status !== 410; i++) {
    status = (await fetch(onB)).status;
    if (status !== 410) await new Promise((r) => setTimeout(r, 20));
  }
  expect(status).toBe(410);
});
