/**
 * R251: the snapshot a console is sent is the state it would have built from the live events
 * it may see. The audience on each event is the one rule of who sees what; the snapshot's
 * redaction must agree with it for every visibility class, including what the reducer derives
 * from a restricted event (a card step ticked by a confidential note).
 */
import type { CityState } from '../shared/domain/state';
import { emptyState } from '../shared/domain/state';
import { applyBatch } from '../shared/reducer';
import { canSee, redactState, visibilityClass } from '../shared/visibility';
import { tableValues } from '../shared/domain/table';
import { REAL_SPACE } from '../shared/protocol';
import { connectConsole, login, serverPerFile, type TestConsole } from './support/server';

jest.setTimeout(60_000);
const { srv, real } = serverPerFile();
const as = async (user: string) => connectConsole(srv.url, await login(srv.url, user));

/** The first places where two states differ, as paths: a failure names what leaked. */
function differences(a: unknown, b: unknown, at = 'state', out: string[] = []): string[] {
  if (out.length >= 10 || JSON.stringify(a) === JSON.stringify(b)) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${at}.${k}`,
        out,
      );
  } else
    out.push(
      `${at}: snapshot ${JSON.stringify(a)?.slice(0, 120)} ≠ stream ${JSON.stringify(b)?.slice(0, 120)}`,
    );
  return out;
}

/** The state built live from the console's batches, from the start of the log. */
function streamed(c: TestConsole): CityState {
  let s = emptyState(REAL_SPACE);
  let i = 0;
  for (const b of c.batches) {
    const n = b.to - b.from + 1;
    const evs = c.events.slice(i, i + n).filter((e) => e.seq >= b.from && e.seq <= b.to);
    i += evs.length;
    s = applyBatch(s, evs, b.to);
  }
  return s;
}

test('R251 a snapshot is the state the live stream builds, for every visibility class; a tick by a confidential note is not sent to who may not see the note', async () => {
  // A console of another district follows from the start of the log.
  const sodermalm = await as('tib.sodermalm');
  const tib = await as('tib.farsta');
  const opened = await tib.command('event.open', {
    title: 'Vattenläcka vid Farsta centrum',
    area: { kind: 'district', id: 'farsta' },
  });
  expect(opened).toMatchObject({ ok: true });
  const eventId = Object.values(real().state.events).find(
    (e) => e.title === 'Vattenläcka vid Farsta centrum',
  )!.id;
  const note = await tib.command('log.write', {
    eventId,
    districtId: 'farsta',
    text: 'Sekretess: uppgifter om enskild boende.',
    confidential: true,
  });
  expect(note).toMatchObject({ ok: true });
  tib.close();
  await sodermalm.waitForSeq(real().seq);

  // The confidential note ticked Farsta's card for whoever sees the note...
  const card = tableValues(real().state.cards.instances).find(
    (c) => c.eventId === eventId && c.card.id === 'tib-disruption',
  )!;
  const ticked = card.steps.find((st) => st.fulfilledByType === 'log.written');
  expect(ticked).toMatchObject({ status: 'done', audience: { districtIds: ['farsta'] } });

  // ...and on the wire, the console that was never sent the note has the step open, in its
  // live-built state and in the snapshot a fresh console of its class gets.
  const live = streamed(sodermalm);
  sodermalm.close();
  const liveCard = tableValues(live.cards.instances).find((c) => c.id === card.id)!;
  expect(liveCard.steps.find((st) => st.id === ticked!.id)).toMatchObject({ status: 'open' });
  const fresh = await as('tib.sodermalm');
  // A console ahead of the server's log (one that saw another server) is sent a snapshot.
  const snap = await new Promise<CityState>((resolve) => {
    fresh.socket.once('snapshot', (m) => resolve(m.state));
    fresh.socket.emit('subscribe', { space: REAL_SPACE, lastSeq: real().seq + 1000 }, () => {});
  });
  fresh.close();
  expect(differences(snap, live)).toEqual([]);

  // In process, for every class of the demo's people: redaction = the fold of what they see.
  const log = real().eventsAfter(0) ?? [];
  const classes = new Map<string, CityState['users'][string]>();
  for (const u of Object.values(real().state.users)) classes.set(visibilityClass(u), u);
  expect(classes.size).toBeGreaterThan(10);
  for (const [cls, u] of classes) {
    const seen = applyBatch(
      emptyState(REAL_SPACE),
      log.filter((e) => canSee(u, e.audience)),
      real().seq,
    );
    expect([cls, differences(redactState(real().state, u), seen)]).toEqual([cls, []]);
  }
});
