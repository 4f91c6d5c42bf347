/**
 * Hostile ids in the scaled-out mode: prototype names, placed by each command's own schema,
 * sent to node a. Nothing comes back INTERNAL; node b, which reads every event from the Redis
 * stream, follows to the same seq and stays writable (never stuck on STORAGE_UNAVAILABLE);
 * the stream verifies link by link; a node started afterwards reads it with no bad records.
 */
import { COMMANDS } from '../shared/commands';
import { mayIssue } from '../shared/handleCommand';
import { lookup } from '../shared/domain/keyed';
import type { CommandAck } from '../shared/protocol';
import { redisBackends } from '../server/redis/backends';
import { HOSTILE, payloadFor } from './support/hostile';
import { SHARED_REDIS_URL, deletePrefix, testPrefix } from './support/redis';
import {
  connectConsole,
  login,
  startTestServer,
  type TestConsole,
  type TestServer,
} from './support/server';

jest.setTimeout(180_000);

const prefix = testPrefix();
const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_PREFIX: prefix };
const nodes: TestServer[] = [];
afterAll(async () => {
  for (const n of nodes.splice(0).reverse()) await n.close();
  await deletePrefix(SHARED_REDIS_URL, prefix);
});

const USERS = ['admin', 'stadsdir', 'stabschef', 'analys', 'info', 'admin.ckl', 'tib.farsta'];
const PROTOTYPE_NAMES = HOSTILE.filter((h) =>
  ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].includes(h.name),
);

function send(c: TestConsole, type: string, payload: unknown, id: string): Promise<CommandAck> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer to ${type}`)), 15_000);
    c.socket.emit('command', { id, type, payload } as never, (a: CommandAck) => {
      clearTimeout(t);
      resolve(a);
    });
  });
}

test('hostile ids on node a: no INTERNAL, node b follows and stays writable, the stream verifies', async () => {
  nodes.push(await startTestServer({ ...env, NODE_ID: 'a' }, redisBackends));
  nodes.push(await startTestServer({ ...env, NODE_ID: 'b' }, redisBackends));
  const [a, b] = nodes;
  const realA = a.app.spaces.get('real')!;
  const consoles = new Map<string, TestConsole>();
  for (const u of USERS) consoles.set(u, await connectConsole(a.url, await login(a.url, u)));
  const now = new Date().toISOString();
  const refusedBadly: string[] = [];
  let accepted = 0;
  let sent = 0;
  for (const type of Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]) {
    for (const h of PROTOTYPE_NAMES) {
      const payload = payloadFor(COMMANDS[type].payload, h.value, false);
      const user =
        USERS.find((u) => {
          const me = lookup(realA.state.users, u);
          return (
            me !== undefined &&
            mayIssue({ ...me, districtId: me.districtId }, type, payload, realA.state, now) === null
          );
        }) ?? 'admin';
      const ack = await send(consoles.get(user)!, type, payload, `hostile-redis-${++sent}`);
      if (ack.ok) accepted++;
      else if (['INTERNAL', 'INVALID_EVENT', 'STORAGE_UNAVAILABLE'].includes(ack.error.code))
        refusedBadly.push(`${type} with ${h.name}: ${ack.error.code} ${ack.error.message}`);
    }
  }
  for (const c of consoles.values()) c.close();
  expect(refusedBadly).toEqual([]);
  expect(accepted).toBeGreaterThan(20);

  // Node b has read every one of those events from the stream and still takes commands.
  const realB = b.app.spaces.get('real')!;
  const t0 = Date.now();
  while (realB.seq < realA.seq) {
    expect(Date.now() - t0).toBeLessThan(10_000);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(realB.available).toBe(true);
  const onB = await connectConsole(b.url, await login(b.url, 'stadsdir'));
  const ack = await onB.command('log.write', { text: 'Nod b skriver efter de fientliga id:na.' });
  onB.close();
  const lastSeq = realA.seq + 1;
  expect(ack).toEqual({ ok: true, seq: lastSeq, firstSeq: lastSeq });

  const report = await b.app.store.verify('real');
  expect({ chainBreak: report.chainBreak, bad: report.badRecords }).toEqual({
    chainBreak: undefined,
    bad: undefined,
  });
  nodes.push(await startTestServer({ ...env, NODE_ID: 'c' }, redisBackends));
  const realC = nodes[2].app.spaces.get('real')!;
  expect(realC.report.badRecords).toBeUndefined();
  expect(realC.seq).toBe(lastSeq);
});
