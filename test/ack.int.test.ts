/** The command ack over a real socket: it names the events the command produced. */
import { newCommandId, serverPerTest } from './support/server';
import { actorFor } from '../server/gateway';
import { capability } from '../shared/policy/capability';

const { srv, open, real } = serverPerTest();
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

test('R233 a refusal over the socket is the one the console’s capability check predicted', async () => {
  const now = () => new Date().toISOString();
  const cases: [string, string, unknown][] = [
    // The policy: a district officer does not activate the CKL.
    [
      'tib.farsta',
      'ckl.activate',
      { eventId: EVT, functions: ['admin'], decision: { basis: 'x' } },
    ],
    // The schema, before the policy: the chair may write to the log, but not a number.
    ['ordf', 'log.write', { text: 42 }],
    // An observer may not open an event anywhere.
    ['vice.ordf', 'event.open', { title: 'Ny', area: { kind: 'district', id: 'farsta' } }],
  ];
  for (const [user, type, payload] of cases) {
    const c = await open(user);
    const actor = actorFor(srv.app.spaces, user)!;
    const predicted = capability(real().state, actor, type, payload, now());
    expect(predicted.allowed).toBe(false);
    const ack = await c.command(type, payload);
    expect(ack).toEqual({
      ok: false,
      error: predicted.allowed
        ? null
        : { code: predicted.reason.code, message: predicted.reason.message },
    });
  }
  // And what it allows, the server takes.
  const chair = await open('ordf');
  const text = { text: 'Tillåtet enligt båda.' };
  expect(
    capability(real().state, actorFor(srv.app.spaces, 'ordf')!, 'log.write', text, now()),
  ).toEqual({
    allowed: true,
  });
  expect((await chair.command('log.write', text)).ok).toBe(true);
});
