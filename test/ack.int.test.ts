/** The command ack over a real socket: it names the events the command produced. */
import {
  connectConsole,
  login,
  newCommandId,
  startTestServer,
  type TestConsole,
  type TestServer,
} from './support/server';

let srv: TestServer;
const consoles: TestConsole[] = [];
const open = async (user: string) => {
  const c = await connectConsole(srv.url, await login(srv.url, user));
  consoles.push(c);
  return c;
};

beforeEach(async () => {
  srv = await startTestServer();
});
afterEach(async () => {
  for (const c of consoles.splice(0)) c.close();
  await srv.close();
});

const real = () => srv.app.spaces.get('real')!;
const EVT = 'evt_demo_soderort';

test('R231 the ack names the seqs of exactly the events the command produced; a retry of the same id answers the same seqs and appends nothing', async () => {
  const dir = await open('stadsdir');
  await dir.waitForSeq(real().seq);
  const before = real().seq;
  const id = newCommandId();
  const activate = {
    eventId: EVT,
    functions: ['liaison'],
    decision: { basis: 'Behov av samlad analys.' },
  };

  const ack = await dir.command('ckl.activate', activate, { id });
  // The decision and the activation: two events, one command.
  expect(ack).toEqual({ ok: true, firstSeq: before + 1, seq: before + 2 });
  const log = await srv.app.store.read('real', before);
  expect(log.map((e) => [e.seq, e.commandId])).toEqual([
    [before + 1, `stadsdir:${id}`],
    [before + 2, `stadsdir:${id}`],
  ]);
  // The console can find them by seq in its own stream, without reading command ids.
  await dir.waitForSeq(before + 2);
  expect(dir.events.filter((e) => e.seq >= before + 1 && e.seq <= before + 2)).toHaveLength(2);

  const again = await dir.command('ckl.activate', activate, { id });
  expect(again).toEqual({ ok: true, firstSeq: before + 1, seq: before + 2, duplicate: true });
  expect(real().seq).toBe(before + 2);

  // A retry after other commands were saved still answers its own range, not the tip.
  const other = await dir.command('log.write', { text: 'En rad efter aktiveringen.' });
  expect(other).toEqual({ ok: true, firstSeq: before + 3, seq: before + 3 });
  expect(await dir.command('ckl.activate', activate, { id })).toEqual(again);
});
