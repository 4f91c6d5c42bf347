/**
 * R140 across nodes: an exercise started on node A is in force on node B for a command sent
 * there the moment A acknowledges the start (B has not heard of it from Redis yet).
 */
import { redisBackends } from '../server/redis/backends';
import { refusedRightAfterStart } from './support/exerciseStarts';
import { SHARED_REDIS_URL, deletePrefix, testPrefix } from './support/redis';
import { connectConsole, login, startTestServer, type TestServer } from './support/server';

jest.setTimeout(120_000);

const prefix = testPrefix();
const nodes: TestServer[] = [];
afterAll(async () => {
  for (const n of nodes.reverse()) await n.close();
  await deletePrefix(SHARED_REDIS_URL, prefix);
});

test('R140 a participant on another node is never refused right after the exercise.start ack (20 starts)', async () => {
  const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_PREFIX: prefix };
  nodes.push(await startTestServer({ ...env, NODE_ID: 'a' }, redisBackends));
  nodes.push(await startTestServer({ ...env, NODE_ID: 'b' }, redisBackends));
  const [a, b] = nodes;
  const lead = await connectConsole(a.url, await login(a.url, 'stabschef'));
  const tib = await connectConsole(b.url, await login(b.url, 'tib.farsta'));
  const realOnA = a.app.spaces.get('real')!;
  const refused = await refusedRightAfterStart(
    {
      lead,
      tib,
      real: () => realOnA.state,
      count: 20,
      name: (i) => `Övning över noder ${i}`,
    },
    async (ex, i) => {
      const write = await tib.command(
        'log.write',
        { text: `Första anteckningen ${i}.` },
        { space: ex.space },
      );
      return write.ok ? [] : [`${i}: ${write.error.code} ${write.error.message}`];
    },
  );
  expect(refused).toEqual([]);
});

test('R140 node B catches up on a start it has not heard of from Redis before it answers', async () => {
  const [a, b] = nodes;
  // B stops listening for other writers' appends: as if Redis's notification were still on
  // its way. B learns of the new exercise only by reading the log when the command comes.
  const realOnB = b.app.spaces.get('real')! as unknown as { unsubscribeForeign: () => void };
  realOnB.unsubscribeForeign();
  const lead = await connectConsole(a.url, await login(a.url, 'stabschef'));
  const tib = await connectConsole(b.url, await login(b.url, 'tib.farsta'));
  try {
    const ack = await lead.command('exercise.start', {
      name: 'Övning utan besked',
      participants: ['tib.farsta'],
    });
    expect(ack).toEqual(expect.objectContaining({ ok: true }));
    const ex = Object.values(a.app.spaces.get('real')!.state.exercise.exercises).find(
      (e) => e.name === 'Övning utan besked',
    )!;
    expect(b.app.spaces.has(ex.space)).toBe(false);
    const write = await tib.command('log.write', { text: 'Första.' }, { space: ex.space });
    expect(write).toEqual(expect.objectContaining({ ok: true }));
    await lead.command('exercise.end', { exerciseId: ex.id });
  } finally {
    lead.close();
    tib.close();
  }
});
