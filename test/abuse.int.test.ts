/**
 * What one console cannot do to the others (R87, R88): a flood of commands is refused
 * RATE_LIMITED with when to retry, changes nothing, and leaves another person's command
 * admitted; repeated subscriptions do not grow the server.
 */
import { connectConsole, login, startTestServer, type TestServer } from './support/server';
import type { CommandAck } from '../shared/protocol';
import WebSocket from 'ws';
import { waitFor } from './support/alarmScenario';

jest.setTimeout(60_000);

let srv: TestServer;
afterEach(() => srv?.close());

test('R87 a socket firing 5,000 commands gets its burst, the rest RATE_LIMITED with retryAfterMs; another user is admitted', async () => {
  srv = await startTestServer({ COMMAND_RATE_PER_SECOND: '20', COMMAND_RATE_BURST: '100' });
  const flooder = await connectConsole(srv.url, await login(srv.url, 'analys'));
  const other = await connectConsole(srv.url, await login(srv.url, 'info'));
  const real = srv.app.spaces.get('real')!;
  const before = real.seq;

  const flood: Promise<CommandAck>[] = [];
  for (let i = 0; i < 5000; i++)
    flood.push(flooder.command('log.write', { text: `flod ${i}` }, { id: `flood-cmd-${i}` }));
  const mine = await other.command('log.write', { text: 'Samverkan: läget i Farsta oförändrat' });
  const acks = await Promise.all(flood);

  expect(mine.ok).toBe(true);
  const ok = acks.filter((a) => a.ok);
  const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
  const others = acks.filter((a) => !a.ok && a.error.code !== 'RATE_LIMITED');
  expect(others).toEqual([]);
  expect(ok.length + limited.length).toBe(5000);
  expect(ok.length).toBeGreaterThanOrEqual(100);
  expect(ok.length).toBeLessThan(400); // the burst plus what 20 a second refills meanwhile
  const first = limited[0];
  if (first.ok) throw new Error('unreachable');
  expect(first.error.message).toMatch(/^För många kommandon på kort tid\. Inget sparades/);
  expect(first.error.details?.retryAfterMs).toEqual(expect.any(Number));
  expect(first.error.details!.retryAfterMs as number).toBeGreaterThan(0);
  // A refused command changed nothing: the log grew by exactly the admitted ones.
  expect(real.seq - before).toBe(ok.length + 1);

  // After the wait it names, the same console is admitted again.
  await new Promise((r) => setTimeout(r, (first.error.details!.retryAfterMs as number) + 20));
  expect((await flooder.command('log.write', { text: 'efter väntan' })).ok).toBe(true);
  flooder.close();
  other.close();
});

test('R87 the account limit spans a person’s consoles', async () => {
  srv = await startTestServer({ COMMAND_RATE_PER_SECOND: '0.001', COMMAND_RATE_BURST: '5' });
  const cookie = await login(srv.url, 'analys');
  const consoles = await Promise.all([1, 2, 3].map(() => connectConsole(srv.url, cookie)));
  const acks = await Promise.all(
    consoles.flatMap((c, j) =>
      [0, 1, 2, 3, 4].map((i) => c.command('log.write', { text: `k${j} ${i}` })),
    ),
  );
  expect(acks.filter((a) => a.ok)).toHaveLength(10); // twice a console's burst
  expect(acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toHaveLength(5);
  for (const c of consoles) c.close();
});

/** A console that asks and never reads: a raw engine.io websocket whose TCP reading is paused. */
async function nonReadingConsole(url: string, cookie: string) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers: { cookie },
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (m) => {
      const text = String(m);
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ protocolVersion: 1, lastSeq: 0 })}`);
      if (text.startsWith('40')) resolve();
      if (text.startsWith('44')) reject(new Error(text));
    });
    ws.on('error', reject);
  });
  let closed = false;
  ws.on('close', () => (closed = true));
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  let ack = 0;
  return {
    subscribe: (space: string) =>
      ws.send(`42${++ack}${JSON.stringify(['subscribe', { space, lastSeq: 0 }])}`),
    closed: () => closed,
    terminate: () => ws.terminate(),
  };
}

const consoles = () => srv.app.io.of('/').sockets.size;

test('R88 a console that subscribes again and again and never reads is dropped at the buffer limit; it catches up by seq after', async () => {
  srv = await startTestServer({ SOCKET_BUFFER_LIMIT_MB: '2' });
  const cookie = await login(srv.url, 'analys');
  const abuser = await nonReadingConsole(srv.url, cookie);
  await waitFor('the abuser is connected', () => consoles() === 1);
  let sent = 0;
  while (consoles() > 0 && sent < 2000) {
    abuser.subscribe('real');
    sent++;
    if (sent % 20 === 0) await new Promise((r) => setTimeout(r, 50));
  }
  await waitFor('the abuser is dropped', () => consoles() === 0, 10_000);
  expect(sent).toBeLessThan(2000);
  abuser.terminate();

  // The same person reconnects with where they left off and gets what they missed.
  const real = srv.app.spaces.get('real')!;
  const back = await connectConsole(srv.url, cookie, real.seq - 3);
  await waitFor('catch-up', () => back.lastSeq() === real.seq);
  expect(back.batches[0]).toMatchObject({ from: real.seq - 2, to: real.seq });
  back.close();
});

test('R88 a console that reads what it asks for is not dropped', async () => {
  srv = await startTestServer({ SOCKET_BUFFER_LIMIT_MB: '2' });
  const c = await connectConsole(srv.url, await login(srv.url, 'analys'));
  for (let i = 0; i < 30; i++) {
    const ack = await new Promise<{ ok: boolean }>((r) =>
      c.socket.emit('subscribe', { space: 'real', lastSeq: 0 }, r),
    );
    expect(ack.ok).toBe(true);
  }
  await new Promise((r) => setTimeout(r, 1500)); // one sweep of the buffer check
  expect(c.socket.connected).toBe(true);
  c.close();
});
