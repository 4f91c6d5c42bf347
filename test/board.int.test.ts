/**
 * The crisis board against a real server with the demo: two attested protocols, the board out of
 * function by its own decision, and the protocol exported as a page and as PDF (R197, R198).
 */
import { login, startTestServer, type TestServer } from './support/server';
import { boardMembers } from '../shared/domain/board';
import { actsAs } from '../shared/policy/predicates';

let srv: TestServer;
let cookie: string;
beforeAll(async () => {
  srv = await startTestServer();
  cookie = await login(srv.url, 'presidium');
});
afterAll(() => srv.close());

const real = () => srv.app.spaces.get('real')!.state;

test('R197 the demo shows board meetings with attested protocols; the board ended its own function (R198)', () => {
  const s = real();
  expect(boardMembers(s)).toHaveLength(7);
  const meetings = s.board.meetingOrder.map((id) => s.board.meetings[id]);
  expect(meetings.map((m) => m.status)).toEqual(['attested', 'attested']);
  expect(meetings[0].agenda.map((i) => i.outcome?.kind)).toEqual(['reported', 'decided', 'noted']);
  expect(meetings[0].attestations.map((a) => a.userId)).toEqual(['ordf', 'ledamot.lind']);
  expect(s.board.functionEnded?.meetingId).toBe(meetings[1].id);
  expect(s.boardInFunction).toBe(false);
  const [t] = Object.values(s.board.takeovers);
  expect(t.scope.fromBoard).toBe('Trafiknämnden');
  expect(t.endedAt).toBeDefined();
  // The kallelse's alarm was stood down when the meeting opened: nothing reminds any more.
  for (const m of meetings) expect(s.alarm.alarms[m.kallelseAlarmId!].status).not.toBe('active');
});

test('R197 the protocol is a printable page with attendance, paragraphs and attestations', async () => {
  const id = real().board.meetingOrder[0];
  const res = await fetch(`${srv.url}/api/export/protocol?meetingId=${id}`, {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('Krisledningsnämndens protokoll');
  expect(html).toMatch(/5 av 7 närvarande, minst 4 krävs/);
  expect(html).toContain('Närvarande på distans');
  expect(html).toMatch(/§ 2 Övertagande från Trafiknämnden/);
  expect(html).toContain('Mats Lind');
  const missing = await fetch(`${srv.url}/api/export/protocol?meetingId=nope`, {
    headers: { cookie },
  });
  expect(missing.status).toBe(404);
  const bad = await fetch(`${srv.url}/api/export/protocol?meetingId=${id}&x=1`, {
    headers: { cookie },
  });
  expect(bad.status).toBe(400);
});

test('R197 the protocol as PDF', async () => {
  const id = real().board.meetingOrder[0];
  const res = await fetch(`${srv.url}/api/export/protocol?meetingId=${id}&format=pdf`, {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toMatch(/protokoll-krisledningsnamnden-/);
  const buf = Buffer.from(await res.arrayBuffer());
  expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('R275 in the demo each role is delegated by its holder through the command; the chair’s to the vice chair is bounded and over', () => {
  const space = srv.app.spaces.get('real')!;
  const log = space.eventsAfter(0) ?? [];
  const grants = log.filter((e) => e.type === 'delegation.granted');
  expect(grants.length).toBeGreaterThan(0);
  for (const g of grants) expect(g.actor.role).toBe((g.data as { role: string }).role);
  const chair = grants.filter((g) => (g.data as { role: string }).role === 'chair');
  expect(chair).toHaveLength(1);
  const [g] = chair;
  expect(g.actor.userId).toBe('ordf');
  expect(g.data).toMatchObject({ toUserId: 'vice.ordf' });
  const until = (g.data as { until?: string }).until;
  expect(until).toBeDefined();
  expect(Date.parse(until!)).toBeLessThan(Date.now());
  // Granted through the command: its decision record stands beside it, by the chair.
  const decision = log.find(
    (e) => e.type === 'decision.recorded' && e.seq < g.seq && e.seq >= g.seq - 1,
  );
  expect(decision?.actor.userId).toBe('ordf');
  // So the 1st vice chair does not act as chair while the chair is available (R207).
  const vice = { userId: 'vice.ordf', name: 'Jonas Berg', role: 'board_member' as const };
  expect(actsAs(vice, space.state, new Date().toISOString(), 'chair')).toBe(false);
});
