/**
 * Accounts in the scaled-out mode (R111, R113, R115): two nodes on one real Redis. Prototype
 * names are ordinary fields of the credential hash; a password changed on one node ends the
 * account's other sessions on the other; a planted bad credential field or log entry is named
 * where and why, fails closed, and breaks nothing else.
 */
import { Redis } from 'ioredis';
import { redisBackends } from '../server/redis/backends';
import { waitFor } from './support/alarmScenario';
import { SHARED_REDIS_URL, deletePrefix, testPrefix } from './support/redis';
import { connectConsole, login, startTestServer, type TestServer } from './support/server';

jest.setTimeout(90_000);

const prefix = testPrefix();
const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_PREFIX: prefix };
const nodes: TestServer[] = [];
let redis: Redis;
beforeAll(async () => {
  redis = new Redis(SHARED_REDIS_URL);
  nodes.push(await startTestServer({ ...env, NODE_ID: 'a' }, redisBackends));
  nodes.push(await startTestServer({ ...env, NODE_ID: 'b' }, redisBackends));
});
afterAll(async () => {
  for (const n of nodes.splice(0).reverse()) await n.close();
  await deletePrefix(SHARED_REDIS_URL, prefix);
  redis.disconnect();
});

const post = (url: string, cookie: string | null, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
const me = (url: string, cookie: string) => fetch(`${url}/api/me`, { headers: { cookie } });
const INITIAL = 'engångs-7-hallon-kaj';

test('R111 R115 prototype names are ordinary accounts in the Redis credential store', async () => {
  const [a, b] = nodes;
  const admin = await login(a.url, 'admin');
  for (const userId of ['__proto__', 'constructor', 'tostring', 'hasownproperty']) {
    const made = await post(`${a.url}/api/accounts`, admin, {
      userId,
      name: `Konto ${userId}`,
      role: 'observer',
      initialPassword: INITIAL,
    });
    expect([userId, made.status]).toEqual([userId, 201]);
    const raw = await redis.hget(`${prefix}:credentials`, userId);
    expect(JSON.parse(raw ?? '{}')).toMatchObject({ v: 1, gen: 0, mustChange: true });
    // Signs in on the other node, must change, changes, and signs in with the new one.
    await waitFor(`${userId} on node b`, () =>
      Object.hasOwn(b.app.spaces.get('real')!.state.users, userId),
    );
    const first = await login(b.url, userId, INITIAL);
    const changed = await post(`${b.url}/api/password`, first, {
      currentPassword: INITIAL,
      newPassword: `ett nytt lösenord för ${userId.length} tecken`,
    });
    expect([userId, changed.status]).toEqual([userId, 200]);
    await login(a.url, userId, `ett nytt lösenord för ${userId.length} tecken`);
  }
  // Prototype names nobody registered are unknown names: 401, never 500.
  for (const username of ['prototype', 'valueOf', '__defineGetter__']) {
    const r = await post(`${b.url}/api/login`, null, { username, password: INITIAL });
    expect([username, r.status]).toEqual([username, 401]);
  }
  const everyone = await redis.hkeys(`${prefix}:credentials`);
  expect(everyone).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'admin', 'ordf']));
});

test('R113 a password changed on node a ends the account’s session on node b', async () => {
  const [a, b] = nodes;
  const onA = await login(a.url, 'analys');
  const onB = await login(b.url, 'analys');
  const consoleB = await connectConsole(b.url, onB);
  const ended = new Promise<{ message: string }>((r) => consoleB.socket.once('session_ended', r));
  const changed = await post(`${a.url}/api/password`, onA, {
    currentPassword: 'krisledning',
    newPassword: 'sent om natten vid slussen',
  });
  expect(changed.status).toBe(200);
  expect((await ended).message).toMatch(/bytts/);
  // Node b may trust the generation it read for up to a second.
  const t0 = Date.now();
  while ((await me(b.url, onB)).status !== 401) {
    expect(Date.now() - t0).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 50));
  }
  await expect(connectConsole(b.url, onB)).rejects.toMatchObject({ message: 'UNAUTHENTICATED' });
  const renewed = (changed.headers.get('set-cookie') ?? '').split(';')[0];
  expect((await me(b.url, renewed)).status).toBe(200);
  expect((await me(a.url, renewed)).status).toBe(200);
});

test('R115 a planted bad credential field and a bad log entry are named, fail closed, and nothing else breaks', async () => {
  const [a] = nodes;
  const tib = await login(a.url, 'tib.farsta');
  await redis.hset(`${prefix}:credentials`, 'tib.farsta', '{"v":1,"hash":"scrypt$x","gen":-1}');
  await redis.hset(`${prefix}:credentials`, 'tib.kungsholmen', 'inte en post');
  // The real log gets an entry that is not an event, after the last one, as if written by hand.
  const real = a.app.spaces.get('real')!;
  const planted = real.seq + 1;
  for (const n of nodes.splice(0).reverse()) await n.close();
  await redis.xadd(`${prefix}:log:real`, `${planted}-0`, 'e', '{"seq": ');

  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const warns = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    nodes.push(await startTestServer({ ...env, NODE_ID: 'c' }, redisBackends));
    const [c] = nodes;
    const space = c.app.spaces.get('real')!;
    expect(space.report.badRecords).toEqual([
      { where: `${prefix}:log:real`, seq: planted, reason: 'inte giltig JSON' },
    ]);
    const health = (await (await fetch(`${c.url}/healthz`)).json()) as {
      spaces: { real: { integrity: unknown } };
    };
    expect(health.spaces.real.integrity).toEqual({ ok: false, firstBrokenSeq: planted });

    // Both bad accounts are closed: no sign-in, and the old session is refused.
    for (const username of ['tib.farsta', 'tib.kungsholmen']) {
      const r = await post(`${c.url}/api/login`, null, { username, password: 'krisledning' });
      expect([username, r.status]).toEqual([username, 401]);
    }
    expect((await me(c.url, tib)).status).toBe(401);
    const said = errors.mock.calls.map((x) => String(x[0])).join('\n');
    expect(said).toContain(`Redis ${prefix}:credentials, field "tib.farsta"`);
    expect(said).toMatch(/field "tib\.farsta": not a credential record \(hash: /);
    expect(said).toContain(`Redis ${prefix}:credentials, field "tib.kungsholmen": not JSON`);

    // Everyone else works, and the next event follows the planted entry: its seq is not reused.
    const lead = await connectConsole(c.url, await login(c.url, 'stadsdir'));
    const ack = await lead.command('event.open', {
      title: 'Efter den trasiga posten',
      description: 'Loggen fortsätter.',
      area: { kind: 'central' },
    });
    lead.close();
    expect(ack).toMatchObject({ ok: true, seq: planted + 1, firstSeq: planted + 1 });
    // The administrator repairs an account with a reset; its record is whole again.
    const admin = await login(c.url, 'admin');
    const reset = await post(`${c.url}/api/accounts/tib.farsta/password`, admin, {
      initialPassword: INITIAL,
    });
    expect(reset.status).toBe(200);
    await login(c.url, 'tib.farsta', INITIAL);
  } finally {
    errors.mockRestore();
    warns.mockRestore();
  }
});
