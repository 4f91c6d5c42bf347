import { ACTORS, NOW, type PureLog } from '../../../test/support/pureLog';
import { BOARD_ACTORS, boardLog, extraordinary } from '../../../test/support/boardLog';
import { hasQuorum, presentCount, type BoardMeeting } from '../../domain/board';
import { tableValues } from '../../domain/table';
import { isRefusal, type Refusal } from '../../errors';
import { SYSTEM_ACTOR, type Actor } from '../../domain/actor';
import { urgentReportsDue } from './matters';

const dec = { basis: 'Underlag', informed: [] };
const LATER = '2026-11-23T11:00:00.000Z';

function refused(log: PureLog, actor: Actor, type: string, payload: unknown): Refusal {
  const before = log.state;
  const len = log.log.length;
  const r = log.run(actor, type, payload);
  if (!isRefusal(r)) throw new Error(`${type} was not refused`);
  expect(log.state).toBe(before);
  expect(log.log).toHaveLength(len);
  return r;
}

function convened(log: PureLog, eventId?: string): BoardMeeting {
  log.ok(ACTORS.chair, 'board.convene', {
    startsAt: LATER,
    form: 'mixed',
    place: 'Stadshuset, Borgarrådsberedningens sal',
    ...(eventId ? { eventId } : {}),
  });
  const id = log.state.board.meetingOrder.at(-1) as string;
  return log.state.board.meetings[id];
}

const meeting = (log: PureLog, id: string) => log.state.board.meetings[id];

function present(log: PureLog, meetingId: string, ...memberIds: string[]) {
  for (const memberId of memberIds)
    log.ok(ACTORS.ckl_admin, 'board.recordAttendance', {
      meetingId,
      memberId,
      attendance: memberId === 'bm_noren' ? 'remote' : 'in_person',
    });
}

/** A meeting in session with four of seven present; the justerare is Mats Lind. */
function inSession(log: PureLog, eventId?: string): BoardMeeting {
  const m = convened(log, eventId);
  present(log, m.id, 'bm_ekholm', 'bm_berg', 'bm_noren', 'bm_lind');
  log.ok(ACTORS.chair, 'board.openMeeting', { meetingId: m.id, attesterId: 'bm_lind' });
  return meeting(log, m.id);
}

describe('the crisis board convened and meeting', () => {
  test('R191 the chair convenes the board through its call list; every member is called and answers', () => {
    const log = boardLog();
    extraordinary(log);
    const m = convened(log);
    expect(m.status).toBe('convened');
    const alarm = log.state.alarm.alarms[m.kallelseAlarmId as string];
    expect(alarm.title).toBe('Kallelse till krisledningsnämnden');
    const called = tableValues(alarm.recipients);
    expect(called).toHaveLength(7);
    expect(called.every((r) => r.reserveFor === undefined)).toBe(true);
    expect(alarm.message).toContain('Borgarrådsberedningens sal');
    // The 1st vice chair answers in the console, like any alarm.
    log.ok(BOARD_ACTORS.vice, 'alarm.respond', {
      alarmId: alarm.id,
      answer: 'coming',
      etaMinutes: 20,
    });
    const answered = tableValues(log.state.alarm.alarms[alarm.id].recipients).find(
      (r) => r.contactId === 'ct_bm_berg',
    );
    expect(answered?.state).toBe('acknowledged');
  });

  test('R191 only the chair (or who acts as chair) convenes, and only while the board is in function; refusals change nothing', () => {
    const log = boardLog();
    const payload = { startsAt: LATER, form: 'in_person', place: 'Stadshuset' };
    expect(refused(log, ACTORS.chair, 'board.convene', payload).code).toBe('CONFLICT');
    extraordinary(log);
    for (const who of [ACTORS.director, ACTORS.board_member, ACTORS.vice, ACTORS.admin])
      expect(refused(log, who, 'board.convene', payload).code).toBe('FORBIDDEN');
    log.ok(ACTORS.chair, 'board.convene', payload);
    expect(refused(log, ACTORS.chair, 'board.convene', payload).code).toBe('CONFLICT');
  });

  test('R192 attendance is recorded by the chair or the administrative function; quorum is more than half of the members', () => {
    const log = boardLog();
    extraordinary(log);
    const m = convened(log);
    const att = { meetingId: m.id, memberId: 'bm_berg', attendance: 'in_person' };
    for (const who of [ACTORS.director, ACTORS.board_member, ACTORS.observer])
      expect(refused(log, who, 'board.recordAttendance', att).code).toBe('FORBIDDEN');
    present(log, m.id, 'bm_ekholm', 'bm_berg', 'bm_noren');
    expect(presentCount(meeting(log, m.id))).toBe(3);
    expect(hasQuorum(meeting(log, m.id))).toBe(false);
    const r = refused(log, ACTORS.chair, 'board.openMeeting', {
      meetingId: m.id,
      attesterId: 'bm_berg',
    });
    expect(r.message).toMatch(/inte beslutför: 3 av 7.*minst 4/);
    // Present at a distance counts.
    expect(meeting(log, m.id).attendance.bm_noren.attendance).toBe('remote');
    present(log, m.id, 'bm_lind');
    expect(hasQuorum(meeting(log, m.id))).toBe(true);
    log.ok(ACTORS.chair, 'board.openMeeting', { meetingId: m.id, attesterId: 'bm_lind' });
    expect(meeting(log, m.id).status).toBe('in_session');
  });

  test("R193 the agenda comes from the open matters: unreported urgent decisions, proposed takeovers, the director's information", () => {
    const log = boardLog();
    const eventId = extraordinary(log);
    log.ok(ACTORS.chair, 'board.urgentDecision', {
      eventId,
      decision: { ...dec, what: 'Evakuering av äldreboende' },
    });
    log.ok(ACTORS.director, 'board.proposeTakeover', {
      eventId,
      scope: { fromBoard: 'Trafiknämnden', part: 'Trafikledning i Skärholmen', from: NOW },
      basis: 'Behov av samlad ledning',
    });
    log.ok(ACTORS.director, 'board.inform', { eventId, text: 'Läget i Skärholmen kl 10.' });
    const m = convened(log, eventId);
    expect(m.agenda.map((i) => i.kind)).toEqual([
      'urgent_report',
      'takeover_proposal',
      'director_information',
    ]);
    // A matter arriving after the kallelse is put on the agenda of the convened meeting.
    log.ok(ACTORS.director, 'board.proposeTakeover', {
      scope: { fromBoard: 'Äldrenämnden', part: 'Hemtjänst', from: NOW },
      basis: 'Underlag',
    });
    expect(meeting(log, m.id).agenda).toHaveLength(4);
  });

  test('R194 the board decides only in session with a quorum, led by who opened it; each item is a protocol paragraph', () => {
    const log = boardLog();
    const eventId = extraordinary(log);
    log.ok(ACTORS.director, 'board.inform', { eventId, text: 'Läget.' });
    const m = inSession(log, eventId);
    const item = m.agenda[0];
    for (const who of [ACTORS.director, ACTORS.board_member, ACTORS.ckl_admin])
      expect(
        refused(log, who, 'board.resolveItem', {
          meetingId: m.id,
          itemId: item.id,
          outcome: 'noted',
        }).code,
      ).toBe('FORBIDDEN');
    expect(
      refused(log, ACTORS.chair, 'board.resolveItem', {
        meetingId: m.id,
        itemId: item.id,
        outcome: 'decided',
      }).code,
    ).toBe('INVALID');
    log.ok(ACTORS.chair, 'board.resolveItem', {
      meetingId: m.id,
      itemId: item.id,
      outcome: 'noted',
    });
    expect(meeting(log, m.id).agenda[0].outcome).toMatchObject({ kind: 'noted', paragraph: 1 });
    expect(Object.values(log.state.board.information)[0].notedAt).toEqual({
      meetingId: m.id,
      paragraph: 1,
    });
    // Absences that break the quorum stop the board deciding.
    log.ok(ACTORS.chair, 'board.addAgendaItem', {
      meetingId: m.id,
      kind: 'other',
      title: 'Extra ärende',
    });
    log.ok(ACTORS.ckl_admin, 'board.recordAttendance', {
      meetingId: m.id,
      memberId: 'bm_noren',
      attendance: 'absent',
    });
    const r = refused(log, ACTORS.chair, 'board.resolveItem', {
      meetingId: m.id,
      itemId: meeting(log, m.id).agenda[1].id,
      outcome: 'decided',
      text: 'Beslut',
    });
    expect(r.message).toMatch(/inte beslutför/);
  });

  test('R194 a proposal sent back is återremitterad with its reason and stays for the director', () => {
    const log = boardLog();
    const eventId = extraordinary(log);
    log.ok(ACTORS.director, 'board.proposeTakeover', {
      eventId,
      scope: { fromBoard: 'Trafiknämnden', part: 'Trafikledning', from: NOW },
      basis: 'Underlag',
    });
    const m = inSession(log, eventId);
    expect(
      refused(log, ACTORS.chair, 'board.resolveItem', {
        meetingId: m.id,
        itemId: m.agenda[0].id,
        outcome: 'remitted',
      }).code,
    ).toBe('INVALID');
    log.ok(ACTORS.chair, 'board.resolveItem', {
      meetingId: m.id,
      itemId: m.agenda[0].id,
      outcome: 'remitted',
      text: 'Avgränsa vilka delar av trafikledningen som avses.',
    });
    expect(Object.values(log.state.board.proposals)[0].status).toBe('remitted');
    expect(Object.values(log.state.board.takeovers)).toHaveLength(0);
  });
});

describe('takeovers and urgent decisions', () => {
  const scope = {
    fromBoard: 'Trafiknämnden',
    part: 'Trafikledning och avstängningar i Skärholmen',
    unitIds: ['trafikkontoret'],
    districtIds: ['skarholmen'],
    from: NOW,
  };

  test("R196 a takeover is the board's decision at a meeting: which board, which part, from when, until a later decision ends it", () => {
    const log = boardLog();
    const eventId = extraordinary(log);
    log.ok(ACTORS.director, 'board.proposeTakeover', { eventId, scope, basis: 'Underlag' });
    const m = inSession(log, eventId);
    log.ok(ACTORS.chair, 'board.resolveItem', {
      meetingId: m.id,
      itemId: m.agenda[0].id,
      outcome: 'decided',
    });
    const [t] = Object.values(log.state.board.takeovers);
    expect(t).toMatchObject({
      scope: { fromBoard: 'Trafiknämnden', unitIds: ['trafikkontoret'] },
      source: { kind: 'meeting', meetingId: m.id, paragraph: 1 },
    });
    expect(t.endedAt).toBeUndefined();
    expect(log.state.decisions[t.decisionId]).toMatchObject({
      kind: 'takeover',
      what: expect.stringMatching(/i den utsträckning som är nödvändig/),
      basis: expect.stringMatching(/§ 1\)$/),
    });
    // Ended only by a later board decision.
    log.ok(ACTORS.chair, 'board.addAgendaItem', {
      meetingId: m.id,
      kind: 'takeover_end',
      ref: t.id,
    });
    log.ok(ACTORS.chair, 'board.resolveItem', {
      meetingId: m.id,
      itemId: meeting(log, m.id).agenda[1].id,
      outcome: 'decided',
      text: 'Trafiken är återställd',
    });
    expect(log.state.board.takeovers[t.id].endedAt).toBe(NOW);
  });

  test('R196 a city company is its own legal person: its area is not taken over', () => {
    const log = boardLog();
    extraordinary(log);
    const r = refused(log, ACTORS.director, 'board.proposeTakeover', {
      scope: { ...scope, fromBoard: 'Stockholm Vatten och Avfall', unitIds: ['stockholm-vatten'] },
      basis: 'Underlag',
    });
    expect(r.message).toMatch(/egen juridisk person/);
    expect(refused(log, ACTORS.ckl_lead, 'board.proposeTakeover', { scope, basis: 'x' }).code).toBe(
      'FORBIDDEN',
    );
  });

  test("R195 the chair's urgent takeover stands among the urgent decisions until a meeting records it as reported; reminders after the documented interval", () => {
    const log = boardLog();
    const eventId = extraordinary(log);
    log.ok(ACTORS.chair, 'board.takeOverArea', {
      eventId,
      scope,
      decision: { ...dec, whyUrgent: 'Avstängningar behövs inom en timme' },
    });
    const [t] = Object.values(log.state.board.takeovers);
    expect(t.source).toEqual({ kind: 'urgent' });
    expect(urgentReportsDue(log.state, NOW)).toMatchObject([{ overdue: false }]);
    expect(urgentReportsDue(log.state, '2026-11-23T14:00:00.000Z')).toMatchObject([
      { overdue: true },
    ]);
    // Only the system reminds.
    expect(
      refused(log, ACTORS.chair, 'board.remindUrgentReports', { decisionIds: [t.decisionId] }).code,
    ).toBe('FORBIDDEN');
    log.ok(SYSTEM_ACTOR, 'board.remindUrgentReports', { decisionIds: [t.decisionId] });
    const m = inSession(log, eventId);
    expect(m.agenda[0]).toMatchObject({ kind: 'urgent_report', ref: t.decisionId });
    log.ok(ACTORS.chair, 'board.resolveItem', {
      meetingId: m.id,
      itemId: m.agenda[0].id,
      outcome: 'reported',
    });
    expect(log.state.decisions[t.decisionId].reportedToBoard?.reference).toMatch(
      /Krisledningsnämndens protokoll 2026-11-23 § 1/,
    );
    expect(urgentReportsDue(log.state, NOW)).toEqual([]);
    expect(
      refused(log, SYSTEM_ACTOR, 'board.remindUrgentReports', { decisionIds: [t.decisionId] }).code,
    ).toBe('CONFLICT');
  });
});

describe("the protocol and the end of the board's function", () => {
  test('R197 the protocol is attested by the presiding member and the justerare, each once, never the same person twice', () => {
    const log = boardLog();
    extraordinary(log);
    const m = convened(log);
    present(log, m.id, 'bm_ekholm', 'bm_berg', 'bm_noren', 'bm_lind');
    expect(
      refused(log, ACTORS.chair, 'board.openMeeting', { meetingId: m.id, attesterId: 'bm_ekholm' })
        .message,
    ).toMatch(/annan ledamot/);
    expect(
      refused(log, ACTORS.chair, 'board.openMeeting', { meetingId: m.id, attesterId: 'bm_yusuf' })
        .message,
    ).toMatch(/närvarande/);
    log.ok(ACTORS.chair, 'board.openMeeting', { meetingId: m.id, attesterId: 'bm_lind' });
    expect(refused(log, ACTORS.chair, 'board.attestProtocol', { meetingId: m.id }).code).toBe(
      'CONFLICT',
    );
    log.ok(ACTORS.chair, 'board.closeMeeting', { meetingId: m.id });
    for (const who of [ACTORS.vice, ACTORS.director, BOARD_ACTORS.vice2])
      expect(refused(log, who, 'board.attestProtocol', { meetingId: m.id }).code).toBe('FORBIDDEN');
    log.ok(ACTORS.chair, 'board.attestProtocol', { meetingId: m.id });
    expect(refused(log, ACTORS.chair, 'board.attestProtocol', { meetingId: m.id }).code).toBe(
      'CONFLICT',
    );
    expect(meeting(log, m.id).status).toBe('closed');
    log.ok(BOARD_ACTORS.lind, 'board.attestProtocol', { meetingId: m.id });
    expect(meeting(log, m.id)).toMatchObject({
      status: 'attested',
      attestations: [{ userId: 'ordf' }, { userId: 'ledamot.lind' }],
    });
    expect(refused(log, BOARD_ACTORS.lind, 'board.attestProtocol', { meetingId: m.id }).code).toBe(
      'CONFLICT',
    );
  });

  test("R198 the board's function ends only by its own decision, and not while an event is extraordinary", () => {
    const log = boardLog();
    const eventId = extraordinary(log);
    // Lowering the level does not end the board's function.
    log.ok(ACTORS.chair, 'event.lowerLevel', {
      eventId,
      to: 'serious',
      decision: dec,
      initiative: { kind: 'proposal', userId: 'stadsdir' },
    });
    expect(log.state.boardInFunction).toBe(true);
    const other = extraordinary(log, 'Skyfall');
    const m = inSession(log);
    log.ok(ACTORS.chair, 'board.addAgendaItem', { meetingId: m.id, kind: 'end_function' });
    const itemId = meeting(log, m.id).agenda[0].id;
    const end = { meetingId: m.id, itemId, outcome: 'decided' };
    expect(refused(log, ACTORS.chair, 'board.resolveItem', end).message).toMatch(
      /Skyfall.*extraordinär/,
    );
    log.ok(ACTORS.chair, 'event.lowerLevel', {
      eventId: other,
      to: 'serious',
      decision: dec,
      initiative: { kind: 'own' },
    });
    log.ok(ACTORS.chair, 'board.resolveItem', end);
    expect(log.state.boardInFunction).toBe(false);
    expect(log.state.board.functionEnded?.meetingId).toBe(m.id);
    expect(Object.values(log.state.decisions).at(-1)?.kind).toBe('board_function_ended');
    // The protocol is still closed and attested after the function ended.
    log.ok(ACTORS.chair, 'board.closeMeeting', { meetingId: m.id });
    log.ok(ACTORS.chair, 'board.attestProtocol', { meetingId: m.id });
    log.ok(BOARD_ACTORS.lind, 'board.attestProtocol', { meetingId: m.id });
    expect(meeting(log, m.id).status).toBe('attested');
  });

  test('R199 the director informs the board; nobody else does', () => {
    const log = boardLog();
    extraordinary(log);
    for (const who of [ACTORS.chair, ACTORS.ckl_lead, ACTORS.security_chief])
      expect(refused(log, who, 'board.inform', { text: 'Info' }).code).toBe('FORBIDDEN');
    log.ok(ACTORS.director, 'board.inform', { text: 'Info' });
    expect(Object.values(log.state.board.information)).toHaveLength(1);
  });
});
