/**
 * R137: in the scaled-out mode one BullMQ job scheduler polls the warning feeds for the whole
 * cluster: two nodes on one Redis read a feed once per round between them (not once each),
 * ask conditionally (ETag), and serve the same set — pushed to consoles on both nodes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { redisBackends } from '../server/redis/backends';
import { PROJECT_ROOT } from '../server/paths';
import { deletePrefix, sharedRedisDb, testPrefix } from './support/redis';
import { connectConsole, login, startTestServer, type TestServer } from './support/server';
import type { WarningCollectionMessage } from '../shared/protocol';

jest.setTimeout(60_000);

const FEEDS = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'feeds', 'sr-vma');
const body = readFileSync(
  path.join(FEEDS, readdirSync(FEEDS).find((n) => n.startsWith('2025-12-27')) as string),
  'utf8',
);
const ETAG = '"vma-1"';

const prefix = testPrefix();
const { url: REDIS_URL } = sharedRedisDb(4);
const nodes: TestServer[] = [];
let feed: Server;
const requests: { conditional: boolean; at: number }[] = [];

beforeAll(async () => {
  feed = createServer((req, res) => {
    const conditional = req.headers['if-none-match'] === ETAG;
    requests.push({ conditional, at: Date.now() });
    if (conditional) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/json', etag: ETAG }).end(body);
  });
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  for (const n of nodes.reverse()) await n.close();
  await new Promise((r) => feed.close(r));
  await deletePrefix(REDIS_URL, prefix);
});

test('R137 two nodes, one poll per round: the feed is read once per round for the cluster, conditionally, and both nodes serve the same set', async () => {
  const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/api/v3/alerts`;
  const env = { REDIS_URL, REDIS_PREFIX: prefix, WARNING_FEEDS: `vma=${feedUrl}` };
  const pollMs = 400;
  const t0 = Date.now();
  nodes.push(
    await startTestServer({ ...env, NODE_ID: 'a' }, redisBackends, { warningPollMs: pollMs }),
  );
  nodes.push(
    await startTestServer({ ...env, NODE_ID: 'b' }, redisBackends, { warningPollMs: pollMs }),
  );
  const [a, b] = nodes;
  const onB = await connectConsole(b.url, await login(b.url, 'analys'));
  const pushedOnB: WarningCollectionMessage[] = [];
  onB.socket.on('warnings', (m) => pushedOnB.push(m));

  await new Promise((r) => setTimeout(r, 4000));
  const elapsed = Date.now() - t0;
  onB.close();

  const rounds = a.app.warnings.polls + b.app.warnings.polls;
  // Every round read the feed once, whichever node ran it (the last may still be on its way).
  expect(requests.length).toBeLessThanOrEqual(rounds);
  expect(requests.length).toBeGreaterThanOrEqual(rounds - 1);
  // One poller for the cluster: about one round per interval, not one per node, and never
  // two rounds at once (two pollers would read twice within moments).
  expect(rounds).toBeLessThanOrEqual(Math.ceil(elapsed / pollMs) + 2);
  expect(rounds).toBeGreaterThanOrEqual(3);
  const gaps = requests.slice(1).map((r, i) => r.at - requests[i].at);
  // (The first gap may be short: the scheduler aligns later rounds to its interval.)
  expect(Math.min(...gaps.slice(1))).toBeGreaterThan(pollMs / 4);
  // The state (the ETag) is shared: after the first read every round asked conditionally.
  expect(requests[0].conditional).toBe(false);
  expect(requests.slice(1).every((r) => r.conditional)).toBe(true);

  const cookie = await login(a.url, 'analys');
  const [fromA, fromB] = await Promise.all(
    [a, b].map(
      async (n) =>
        (await (
          await fetch(`${n.url}/api/warnings`, { headers: { cookie } })
        ).json()) as WarningCollectionMessage,
    ),
  );
  expect(fromA.features.map((f) => f.id)).toEqual(['vma:SRCAP20251227191531I']);
  expect(fromB.features).toEqual(fromA.features);
  expect(fromB.feeds[0]).toMatchObject({
    id: 'vma-1',
    state: 'ok',
    label: `127.0.0.1:${(feed.address() as AddressInfo).port}`,
  });
  // Node B's console heard of the set although B may never have polled itself.
  expect(pushedOnB.at(-1)?.features.map((f) => f.id)).toEqual(['vma:SRCAP20251227191531I']);

  // The rounds are the cluster's, not one node's: which node takes a round is the queue's
  // choice, so rather than ask for a share, stop node A and see B go on alone.
  const bBefore = b.app.warnings.polls;
  const readsBefore = requests.length;
  await nodes.shift()?.close();
  await new Promise((r) => setTimeout(r, 6 * pollMs));
  expect(b.app.warnings.polls - bBefore).toBeGreaterThanOrEqual(2);
  expect(requests.length - readsBefore).toBeGreaterThanOrEqual(2);
  expect(requests.slice(readsBefore).every((r) => r.conditional)).toBe(true);
});
