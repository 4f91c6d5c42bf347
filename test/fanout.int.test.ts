/** Coalesced fan-out: batches held in the fan-out window never open a gap or a duplicate. */
import { login, serverHarness, type TestConsole } from './support/server';

const { srv, start, open, connect, real: realSpace } = serverHarness();

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
  await start({ FANOUT_WINDOW_MS: '200' });
  const real = realSpace();
  const cookie = await login(srv.url, 'presidium');
  const writer = await open('stabschef');
  const early = await connect(cookie, real.seq);
  const from = real.seq;
  const joined: { c: TestConsole; at: number }[] = [];
  const acks = [];
  for (let i = 0; i < 30; i++) {
    acks.push(writer.command('log.write', { text: `post ${i}` }));
    if (i % 10 === 5) {
      await acks.at(-1);
      const at = real.seq;
      const c = await connect(cookie, at);
      joined.push({ c, at });
    }
  }
  expect((await Promise.all(acks)).every((a) => a.ok)).toBe(true);
  const head = real.seq;
  for (const c of [early, ...joined.map((j) => j.c)]) await c.waitForSeq(head);
  assertContinuous(early, from, head);
  for (const j of joined) assertContinuous(j.c, j.at, head);
  // Under a burst the window really coalesces: fewer batches than commands.
  expect(early.batches.length).toBeLessThan(30);
});

test('with the window off every batch goes out at once, still gap-free', async () => {
  await start({ FANOUT_WINDOW_MS: '0' });
  const real = realSpace();
  const obs = await open('presidium', real.seq);
  const writer = await open('stabschef');
  const from = real.seq;
  await Promise.all(
    Array.from({ length: 10 }, (_, i) => writer.command('log.write', { text: `${i}` })),
  );
  await obs.waitForSeq(real.seq);
  assertContinuous(obs, from, real.seq);
});

test('at an ordinary rate nothing waits for the window: a second command within it goes out on the next turn', async () => {
  // A window far longer than the test: a batch held for it would never arrive in time.
  await start({ FANOUT_WINDOW_MS: '600000' });
  const real = realSpace();
  const writer = await open('stabschef');
  const reader = await open('presidium', real.seq);
  for (let i = 0; i < 2; i++) {
    const ack = await writer.command('log.write', { text: `ordinarie ${i}` });
    expect(ack.ok).toBe(true);
    await reader.waitForSeq(real.seq);
  }
  expect(reader.batches).toHaveLength(2);
});
