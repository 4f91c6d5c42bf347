/**
 * The raw-log exports and replay read the log a page at a time; what they send must be exactly
 * what the whole-log versions sent (kept here as the reference), for every reader.
 */
import { login, startTestServer, type TestServer } from './support/server';
import type { Actor } from '../shared/domain/actor';
import type { StoredEvent } from '../shared/events';
import { emptyState } from '../shared/domain/state';
import { applyEvent } from '../shared/reducer';
import { canSee, redactState } from '../shared/visibility';
import { namesOf } from '../shared/report/afterAction/context';
import { eventsToCsv } from '../server/export/csv';

let srv: TestServer;
let all: StoredEvent[];
beforeAll(async () => {
  srv = await startTestServer();
  const real = srv.app.spaces.get('real');
  if (!real) throw new Error('no real space');
  const as = (id: string): Actor => {
    const u = real.state.users[id];
    return { userId: u.userId, name: u.name, role: u.role, districtId: u.districtId };
  };
  // Enough events for many read steps, some of them confidential to one district.
  const acks = [];
  for (let i = 0; i < 3000; i++)
    acks.push(
      i % 7 === 0
        ? real.submit(as('tib.farsta'), `stream-${i}`, {
            type: 'log.write',
            payload: {
              text: `Sekretess ${i} ”citat”, komma`,
              districtId: 'farsta',
              confidential: true,
            },
          })
        : real.submit(as('stabschef'), `stream-${i}`, {
            type: 'log.write',
            payload: { text: `Loggpost ${i}: läget följs; =SUMMA(A1)` },
          }),
    );
  const out = await Promise.all(acks);
  expect(out.every((o) => o.ok)).toBe(true);
  all = await srv.app.store.read('real', 0);
}, 120_000);
afterAll(() => srv.close());

async function actorOf(user: string): Promise<{ cookie: string; actor: Actor }> {
  const cookie = await login(srv.url, user);
  const real = srv.app.spaces.get('real');
  const u = real?.state.users[user];
  if (!u) throw new Error(`no user ${user}`);
  return {
    cookie,
    actor: {
      userId: u.userId,
      name: u.name,
      role: u.role,
      districtId: u.districtId,
      unitId: u.unitId,
    },
  };
}

const get = (path: string, cookie: string) => fetch(`${srv.url}${path}`, { headers: { cookie } });

/** The replay as it was computed from the whole log. */
function replayReference(
  events: StoredEvent[],
  actor: Actor,
  q: { eventId?: string; after?: number; limit: number },
) {
  let fromSeq = 1;
  let toSeq = events.at(-1)?.seq ?? 0;
  if (q.eventId) {
    const opened = events.find((e) => e.type === 'event.opened' && e.data.eventId === q.eventId);
    if (!opened || !canSee(actor, opened.audience)) return null;
    const closed = events.find((e) => e.type === 'event.closed' && e.data.eventId === q.eventId);
    fromSeq = opened.seq;
    toSeq = closed?.seq ?? toSeq;
  }
  const first = q.after === undefined;
  const start = Math.max(fromSeq - 1, q.after ?? 0);
  const page = events.filter((e) => e.seq > start && e.seq <= toSeq).slice(0, q.limit);
  let initial;
  if (first) {
    let s = emptyState('real');
    for (const e of events) {
      if (e.seq >= fromSeq) break;
      s = applyEvent(s, e);
    }
    initial = redactState(s, actor);
  }
  const last = page.at(-1)?.seq ?? start;
  return {
    space: 'real',
    eventId: q.eventId ?? null,
    window: {
      fromSeq,
      toSeq,
      from: events.find((e) => e.seq === fromSeq)?.at ?? null,
      to: events.find((e) => e.seq === toSeq)?.at ?? null,
    },
    ...(initial ? { initial } : {}),
    events: page.filter((e) => canSee(actor, e.audience)),
    next: last < toSeq && page.length === q.limit ? last : null,
  };
}

test.each(['stadsdir', 'tib.farsta', 'tib.skarholmen'])(
  'the streamed log (JSON and CSV) is byte for byte the whole-log export, as %s sees it',
  async (user) => {
    const { cookie, actor } = await actorOf(user);
    const visible = all.filter((e) => canSee(actor, e.audience));
    expect(visible.length).toBeGreaterThan(2000);
    const json = await get('/api/export/report?format=log', cookie);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toMatch(/utvardering-real-logg\.json/);
    expect(await json.text()).toBe(
      JSON.stringify({ space: 'real', eventId: null, events: visible }),
    );
    const csv = await get('/api/export/report?format=csv', cookie);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8')).toBe(
      eventsToCsv(visible, namesOf(visible)),
    );
  },
  60_000,
);

test('replay read a page at a time answers as the whole-log replay did', async () => {
  const { cookie, actor } = await actorOf('tib.farsta');
  const queries: { eventId?: string; after?: number; limit: number }[] = [
    { limit: 5000 },
    { limit: 100 },
    { after: 1500, limit: 700 },
    { eventId: 'evt_demo_soderort', limit: 5000 },
    { eventId: 'evt_demo_soderort', limit: 3 },
    { eventId: 'evt_demo_soderort', after: 40, limit: 10 },
  ];
  for (const q of queries) {
    const params = new URLSearchParams(
      Object.entries(q).map(([k, v]) => [k, String(v)]),
    ).toString();
    const res = await get(`/api/replay?${params}`, cookie);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(replayReference(all, actor, q))));
  }
  const missing = await get('/api/replay?eventId=evt_none', cookie);
  expect(missing.status).toBe(404);
}, 60_000);
