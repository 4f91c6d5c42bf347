/** Coalesced fan-out: batches held in the fan-out window never open a gap or a duplicate. */
import {
  connectConsole,
  login,
  startTestServer,
  type TestConsole,
  type TestServer,
} from './support/server';

let srv: TestServer;
const consoles: TestConsole[] = [];
afterEach(async () => {
  for (const c of consoles.splice(0)) c.close();
  await srv.close();
});

function assertContinuous(c: TestConsole, fromSeq: number, head: number): void {
  let prev = fromSeq;
  for (const b of c.batches) {
    expect(b.from).toBe(prev + 1);
    prev = b.to;
  }
  expect(prev).toBe(head);
  const seqs = c.events.map((e) => e.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
}

test('consoles that join while batches wait in the fan-out window see every event exactly once', async () => {
  srv = await startTestServer({ FANOUT_WINDOW_MS: '200' });
  const real = srv.app.spaces.get('real')!;
  const cookie = await login(srv.url, 'presidium');
  const writer = await connectConsole(srv.url, await login(srv.url, 'stabschef'));
  consoles.push(writer);
  const early = await connectConsole(srv.url, cookie, real.seq);
  consoles.push(early);
  const start = real.seq;
  const joined: { c: TestConsole; at: number }[] = [];
  const acks = [];
  for (let i = 0; i < 30; i++) {
    acks.push(writer.command('log.write', { text: `post ${i}` }));
    if (i % 10 === 5) {
      await acks.at(-1);
      const at = real.seq;
      const c = await connectConsole(srv.url, cookie, at);
      consoles.push(c);
      joined.push({ c, at });
    }
  }
  expect((await Promise.all(acks)).every((a) => a.ok)).toBe(true);
  const head = real.seq;
  for (const c of [early, ...joined.map((j) => j.c)]) await c.waitForSeq(head);
  assertContinuous(early, start, head);
  for (const j of joined) assertContinuous(j.c, j.at, head);
  // Under a burst the window really coalesces: fewer batches than commands.
  expect(early.batches.length).toBeLessThan(30);
});

test('with the window off every batch goes out at once, still gap-free', async () => {
  srv = await startTestServer({ FANOUT_WINDOW_MS: '0' });
  const real = srv.app.spaces.get('real')!;
  const obs = await connectConsole(srv.url, await login(srv.url, 'presidium'), real.seq);
  const writer = await connectConsole(srv.url, await login(srv.url, 'stabschef'));
  consoles.push(obs, writer);
  const start = real.seq;
  await Promise.all(
    Array.from({ length: 10 }, (_, i) => writer.command('log.write', { text: `${i}` })),
  );
  await obs.waitForSeq(real.seq);
  assertContinuous(obs, start, real.seq);
});

test('at an ordinary rate nothing waits for the window: a second command within it goes out on the next turn', async () => {
  // A window far longer than the test: a batch held for it would never arrive in time.
  srv = await startTestServer({ FANOUT_WINDOW_MS: '600000' });
  const real = srv.app.spaces.get('real')!;
  const writer = await connectConsole(srv.url, await login(srv.url, 'stabschef'));
  consoles.push(writer);
  const reader = await connectConsole(srv.url, await login(srv.url, 'presidium'), real.seq);
  consoles.push(reader);
  for (let i = 0; i < 2; i++) {
    const ack = await writer.command('log.write', { text: `ordinarie ${i}` });
    expect(ack.ok).toBe(true);
    await reader.waitForSeq(real.seq);
  }
  expect(reader.batches).toHaveLength(2);
});
