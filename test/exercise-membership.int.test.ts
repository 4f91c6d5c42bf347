/**
 * R140 Membership of a new exercise is in force for every command admitted after
 * `exercise.start` is acknowledged: the space and its participants exist before the ack
 * reaches anyone.
 */
import { connectConsole, login, startTestServer, type TestServer } from './support/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());

test("R140 a participant's first command right after the exercise.start ack is never refused (50 starts)", async () => {
  const lead = await connectConsole(srv.url, await login(srv.url, 'stabschef'));
  const tib = await connectConsole(srv.url, await login(srv.url, 'tib.farsta'));
  const real = srv.app.spaces.get('real')!;
  const refused: string[] = [];
  try {
    for (let i = 0; i < 50; i++) {
      const name = `Övning direkt ${i}`;
      const ack = await lead.command('exercise.start', { name, participants: ['tib.farsta'] });
      expect(ack).toEqual(expect.objectContaining({ ok: true }));
      const ex = Object.values(real.state.exercise.exercises).find((e) => e.name === name)!;
      // Both at once, as a console that learnt of the exercise from the ack would.
      const [write, sub] = await Promise.all([
        tib.command('log.write', { text: `Första anteckningen ${i}.` }, { space: ex.space }),
        new Promise<{ ok: boolean; message?: string }>((r) =>
          tib.socket.emit('subscribe', { space: ex.space, lastSeq: 0 }, r),
        ),
      ]);
      if (!write.ok) refused.push(`${i}: ${write.error.code} ${write.error.message}`);
      if (!sub.ok) refused.push(`${i}: subscribe ${sub.message}`);
      // At most five exercises run at once.
      const end = await lead.command('exercise.end', { exerciseId: ex.id });
      expect(end).toEqual(expect.objectContaining({ ok: true }));
    }
  } finally {
    lead.close();
    tib.close();
  }
  expect(refused).toEqual([]);
});
