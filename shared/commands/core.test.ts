/** The escalation rules of docs/rules.md as the shared pipeline enforces them. */
import { ACTORS, baseLog, NOW } from '../../test/support/pureLog';
import { isRefusal, type Refusal } from '../errors';
import { canSee, redactState } from '../visibility';

const dec = { basis: 'Beslutsunderlag', informed: ['Ordföranden'] };
const D = ACTORS;

function withDisruption() {
  const log = baseLog();
  const [opened] = log.ok(D.district_officer, 'event.open', {
    title: 'Elavbrott',
    area: { kind: 'district', id: 'farsta' },
  });
  return { log, eventId: (opened.data as { eventId: string }).eventId };
}
/** R6: the security chief grants central support as second hand, the director unreachable. */
function grantedBySecurityChief(log: ReturnType<typeof baseLog>, eventId: string) {
  log.ok(D.security_chief, 'event.decideCentralSupport', {
    eventId,
    granted: true,
    decision: dec,
    consulted: ['Farsta'],
    directorUnreachable: 'Nås inte.',
  });
}
const refusal = (r: unknown): Refusal => {
  if (!isRefusal(r)) throw new Error('expected a refusal');
  return r;
};

test('R4 every decision is a record with who, when, basis, what and who was informed', () => {
  const { log, eventId } = withDisruption();
  log.ok(D.director, 'event.raiseToSerious', { eventId, decision: dec });
  const d = Object.values(log.state.decisions)[0];
  expect(d).toMatchObject({
    kind: 'level_raised',
    eventId,
    basis: 'Beslutsunderlag',
    informed: ['Ordföranden'],
    at: NOW,
  });
  expect(d.decidedBy).toMatchObject({ userId: 'stadsdir', role: 'director' });
  expect(d.what).toMatch(/allvarlig/);
});

test('R4 a decision without a basis is refused with the field named', () => {
  const { log, eventId } = withDisruption();
  const r = refusal(
    log.run(D.director, 'event.raiseToSerious', {
      eventId,
      decision: { basis: ' ', informed: [] },
    }),
  );
  expect(r.code).toBe('INVALID');
  expect(r.message).toMatch(/Beslutsunderlag/);
});

test('R5 an opened disruption belongs to the area and lists it as affected', () => {
  const { log, eventId } = withDisruption();
  expect(log.state.events[eventId]).toMatchObject({
    level: 'disruption',
    status: 'open',
    owner: { kind: 'district', id: 'farsta' },
    affectedDistrictIds: ['farsta'],
  });
});

test('R5 an unknown district is refused', () => {
  const log = baseLog();
  const r = refusal(
    log.run(D.director, 'event.open', {
      title: 'x',
      area: { kind: 'central' },
      affectedDistrictIds: ['atlantis'],
    }),
  );
  expect(r.code).toBe('INVALID');
});

test('R6 central support: requested by the area, decided by the security chief (second hand) as a record', () => {
  const { log, eventId } = withDisruption();
  log.ok(D.district_officer, 'event.requestCentralSupport', { eventId, reason: 'Information' });
  expect(
    refusal(log.run(D.district_officer, 'event.requestCentralSupport', { eventId, reason: 'igen' }))
      .code,
  ).toBe('CONFLICT');
  grantedBySecurityChief(log, eventId);
  expect(log.state.events[eventId].centralSupport.status).toBe('granted');
  expect(Object.values(log.state.decisions).at(-1)?.kind).toBe('central_support');
});

test('R166 once central support is granted it is not asked for again; a declined one may be', () => {
  const { log, eventId } = withDisruption();
  log.ok(D.district_officer, 'event.requestCentralSupport', { eventId, reason: 'Information' });
  grantedBySecurityChief(log, eventId);
  const before = log.state.seq;
  const r = refusal(
    log.run(D.district_officer, 'event.requestCentralSupport', { eventId, reason: 'igen' }),
  );
  expect(r).toMatchObject({
    code: 'CONFLICT',
    message: 'Centralt stöd är redan beviljat för händelsen.',
  });
  expect(log.state.seq).toBe(before);
  const other = withDisruption();
  other.log.ok(D.district_officer, 'event.requestCentralSupport', {
    eventId: other.eventId,
    reason: 'Information',
  });
  other.log.ok(D.director, 'event.decideCentralSupport', {
    eventId: other.eventId,
    granted: false,
    decision: dec,
    consulted: ['Farsta'],
  });
  other.log.ok(D.district_officer, 'event.requestCentralSupport', {
    eventId: other.eventId,
    reason: 'Läget har förvärrats',
  });
});

test('R7 raising an event that is already serious is refused as a conflict', () => {
  const { log, eventId } = withDisruption();
  log.ok(D.director, 'event.raiseToSerious', { eventId, decision: dec });
  expect(
    refusal(log.run(D.director, 'event.raiseToSerious', { eventId, decision: dec })).code,
  ).toBe('CONFLICT');
});

test('R8 extraordinary needs a pending proposal and an explicit confirmation; it activates CKL in full', () => {
  const { log, eventId } = withDisruption();
  log.ok(D.director, 'event.raiseToSerious', { eventId, decision: dec });
  log.ok(D.director, 'event.proposeExtraordinary', { eventId, basis: 'Risk för liv' });
  const proposalId = log.state.events[eventId].pendingProposalId as string;
  expect(
    refusal(log.run(D.chair, 'event.declareExtraordinary', { proposalId, decision: dec })).code,
  ).toBe('INVALID');
  expect(
    refusal(
      log.run(D.chair, 'event.declareExtraordinary', { proposalId, confirm: false, decision: dec }),
    ).code,
  ).toBe('INVALID');
  log.ok(D.chair, 'event.declareExtraordinary', { proposalId, confirm: true, decision: dec });
  const e = log.state.events[eventId];
  expect(e.level).toBe('extraordinary');
  expect(Object.keys(e.ckl).sort()).toEqual(['admin', 'analysis', 'information', 'liaison']);
  expect(log.state.boardInFunction).toBe(true);
  expect(log.state.proposals[proposalId].status).toBe('declared');
  expect(
    refusal(
      log.run(D.chair, 'event.declareExtraordinary', { proposalId, confirm: true, decision: dec }),
    ).code,
  ).toBe('CONFLICT');
});

test('R8 a second proposal while one is pending is refused; a rejected one can be made again', () => {
  const { log, eventId } = withDisruption();
  log.ok(D.director, 'event.proposeExtraordinary', { eventId, basis: 'a' });
  expect(
    refusal(log.run(D.director, 'event.proposeExtraordinary', { eventId, basis: 'b' })).code,
  ).toBe('CONFLICT');
  log.ok(D.chair, 'event.rejectProposal', {
    proposalId: log.state.events[eventId].pendingProposalId,
    reason: 'Inte nu',
  });
  log.ok(D.director, 'event.proposeExtraordinary', { eventId, basis: 'c' });
});

test('R9 CKL is activated per function, only at serious or extraordinary level', () => {
  const { log, eventId } = withDisruption();
  expect(
    refusal(
      log.run(D.director, 'ckl.activate', { eventId, functions: ['analysis'], decision: dec }),
    ).message,
  ).toMatch(/Höj nivån/);
  log.ok(D.director, 'event.raiseToSerious', { eventId, decision: dec });
  log.ok(D.director, 'ckl.activate', {
    eventId,
    functions: ['analysis', 'information'],
    decision: dec,
  });
  expect(Object.keys(log.state.events[eventId].ckl).sort()).toEqual(['analysis', 'information']);
  expect(
    refusal(
      log.run(D.director, 'ckl.activate', { eventId, functions: ['analysis'], decision: dec }),
    ).code,
  ).toBe('CONFLICT');
  log.ok(D.director, 'ckl.deactivate', { eventId, functions: ['information'], decision: dec });
  expect(Object.keys(log.state.events[eventId].ckl)).toEqual(['analysis']);
});

test('R10 lowering is a decision; only to a lower level', () => {
  const { log, eventId } = withDisruption();
  log.ok(D.director, 'event.raiseToSerious', { eventId, decision: dec });
  expect(
    refusal(log.run(D.director, 'event.lowerLevel', { eventId, to: 'serious', decision: dec }))
      .code,
  ).toBe('CONFLICT');
  log.ok(D.director, 'event.lowerLevel', { eventId, to: 'disruption', decision: dec });
  expect(log.state.events[eventId].level).toBe('disruption');
  expect(Object.values(log.state.decisions).at(-1)?.kind).toBe('level_lowered');
});

test('R11 closing an event on which CKL was activated opens an evaluation; without CKL it does not', () => {
  const a = withDisruption();
  a.log.ok(D.director, 'event.close', { eventId: a.eventId, decision: dec });
  expect(Object.keys(a.log.state.evaluations)).toHaveLength(0);
  const b = withDisruption();
  b.log.ok(D.director, 'event.raiseToSerious', { eventId: b.eventId, decision: dec });
  b.log.ok(D.director, 'ckl.activate', {
    eventId: b.eventId,
    functions: ['liaison'],
    decision: dec,
  });
  b.log.ok(D.director, 'ckl.deactivate', {
    eventId: b.eventId,
    functions: ['liaison'],
    decision: dec,
  });
  b.log.ok(D.director, 'event.close', { eventId: b.eventId, decision: dec });
  const ev = Object.values(b.log.state.evaluations);
  expect(ev).toHaveLength(1);
  expect(ev[0]).toMatchObject({ eventId: b.eventId, status: 'to_do' });
  expect(
    refusal(b.log.run(D.director, 'event.update', { eventId: b.eventId, description: 'x' })).code,
  ).toBe('CONFLICT');
});

test('R12 urgent decisions need the board in function and are tracked until reported', () => {
  const { log, eventId } = withDisruption();
  expect(
    refusal(log.run(D.chair, 'board.urgentDecision', { decision: { ...dec, what: 'Beslut' } }))
      .code,
  ).toBe('CONFLICT');
  log.ok(D.director, 'event.proposeExtraordinary', { eventId, basis: 'x' });
  log.ok(D.chair, 'event.declareExtraordinary', {
    proposalId: log.state.events[eventId].pendingProposalId,
    confirm: true,
    decision: dec,
  });
  const [e] = log.ok(D.chair, 'board.urgentDecision', {
    eventId,
    decision: { ...dec, what: 'Köp in reservkraft' },
  });
  const id = (e.data as { decisionId: string }).decisionId;
  expect(log.state.decisions[id].reportedToBoard).toBeUndefined();
  log.ok(D.chair, 'board.reportUrgentDecision', { decisionId: id, reference: 'KLN §4' });
  expect(log.state.decisions[id].reportedToBoard?.reference).toBe('KLN §4');
  expect(
    refusal(log.run(D.chair, 'board.reportUrgentDecision', { decisionId: id, reference: 'igen' }))
      .code,
  ).toBe('CONFLICT');
});

test("R13 the chair takes over an area on the board's behalf only as an urgent decision, while the board is in function", () => {
  const { log, eventId } = withDisruption();
  const takeover = {
    eventId,
    scope: { fromBoard: 'Äldrenämnden', part: 'Hemtjänsten i Farsta', from: NOW },
    decision: { ...dec, whyUrgent: 'Kan inte vänta till sammanträdet' },
  };
  expect(refusal(log.run(D.chair, 'board.takeOverArea', takeover)).code).toBe('CONFLICT');
  log.ok(D.director, 'event.proposeExtraordinary', { eventId, basis: 'x' });
  log.ok(D.chair, 'event.declareExtraordinary', {
    proposalId: log.state.events[eventId].pendingProposalId,
    confirm: true,
    decision: dec,
  });
  log.ok(D.chair, 'board.takeOverArea', takeover);
  const d = Object.values(log.state.decisions).at(-1);
  expect(d).toMatchObject({ kind: 'urgent_decision', what: expect.stringMatching(/Farsta/) });
  expect(d?.reportedToBoard).toBeUndefined();
  expect(Object.values(log.state.board.takeovers)).toMatchObject([
    { decisionId: d?.id, source: { kind: 'urgent' } },
  ]);
});

describe('R14 deputies act for a role only while a delegation is recorded', () => {
  test('without a delegation the acting director is refused', () => {
    const { log, eventId } = withDisruption();
    const r = refusal(
      log.run({ ...D.acting, actingFor: 'director' }, 'event.raiseToSerious', {
        eventId,
        decision: dec,
      }),
    );
    expect(r.code).toBe('FORBIDDEN');
  });
  test('with one, the decision record says who acted for whom', () => {
    const { log, eventId } = withDisruption();
    log.ok(D.director, 'delegation.grant', {
      role: 'director',
      toUserId: 'tjg.stadsdir',
      basis: 'Semester',
    });
    log.ok({ ...D.acting, actingFor: 'director' }, 'event.raiseToSerious', {
      eventId,
      decision: dec,
    });
    expect(Object.values(log.state.decisions).at(-1)?.decidedBy).toMatchObject({
      userId: 'tjg.stadsdir',
      actingFor: 'director',
    });
  });
  test('a revoked or expired delegation no longer counts', () => {
    const { log, eventId } = withDisruption();
    const evs = log.ok(D.chair, 'delegation.grant', {
      role: 'chair',
      toUserId: 'vice.ordf',
      basis: 'x',
      until: '2026-11-23T11:00:00.000Z',
    });
    const delegationId = (evs[1].data as { delegationId: string }).delegationId;
    log.ok(D.director, 'event.proposeExtraordinary', { eventId, basis: 'x' });
    const proposalId = log.state.events[eventId].pendingProposalId;
    const vice = { ...D.vice, actingFor: 'chair' as const };
    expect(
      refusal(
        log.run(
          vice,
          'event.rejectProposal',
          { proposalId, reason: 'x' },
          '2026-11-23T11:30:00.000Z',
        ),
      ).code,
    ).toBe('FORBIDDEN');
    log.ok(D.chair, 'delegation.revoke', { delegationId });
    expect(refusal(log.run(vice, 'event.rejectProposal', { proposalId, reason: 'x' })).code).toBe(
      'FORBIDDEN',
    );
  });
  test('a deputy cannot delegate the role further', () => {
    const log = baseLog();
    log.ok(D.director, 'delegation.grant', {
      role: 'director',
      toUserId: 'tjg.stadsdir',
      basis: 'x',
    });
    const r = refusal(
      log.run({ ...D.acting, actingFor: 'director' }, 'delegation.grant', {
        role: 'director',
        toUserId: 'presidium',
        basis: 'x',
      }),
    );
    expect(r.code).toBe('FORBIDDEN');
  });
});

test('R15 höjd beredskap is recorded from a government decision with its reference', () => {
  const log = baseLog();
  log.ok(D.security_chief, 'alert.recordHeightened', {
    level: 'highest',
    governmentDecisionRef: 'Fö2026/00123',
    text: 'Högsta beredskap i hela riket',
    decision: dec,
  });
  expect(log.state.heightenedAlert).toMatchObject({
    level: 'highest',
    governmentDecisionRef: 'Fö2026/00123',
    since: NOW,
  });
  expect(
    refusal(
      log.run(D.director, 'alert.recordHeightened', {
        level: 'highest',
        governmentDecisionRef: 'x',
        text: 'x',
        decision: dec,
      }),
    ).code,
  ).toBe('CONFLICT');
});

const report = (basedOnReportId: string | null, status = 'strained') => ({
  districtId: 'farsta',
  basedOnReportId,
  status,
  happened: 'Strömlöst',
  crisisSupport: 'standby',
  nextReportDue: '2026-11-23T12:00:00.000Z',
});

test('R16 "no change" repeats the last report and refreshes its freshness', () => {
  const log = baseLog();
  expect(
    refusal(
      log.run(D.district_officer, 'district.confirmNoChange', {
        districtId: 'farsta',
        basedOnReportId: null,
        nextReportDue: NOW,
      }),
    ).code,
  ).toBe('CONFLICT');
  log.ok(D.district_officer, 'district.report', report(null, 'severe'));
  const first = log.state.districts.farsta.latestReportId as string;
  log.ok(
    D.district_officer,
    'district.confirmNoChange',
    { districtId: 'farsta', basedOnReportId: first, nextReportDue: '2026-11-23T13:00:00.000Z' },
    '2026-11-23T11:00:00.000Z',
  );
  const d = log.state.districts.farsta;
  expect(d.confirmedAt).toBe('2026-11-23T11:00:00.000Z');
  expect(d.nextReportDue).toBe('2026-11-23T13:00:00.000Z');
  expect(log.state.reports[d.latestReportId as string]).toMatchObject({
    status: 'severe',
    noChange: true,
  });
});

test('R17 a report based on an older version is refused as stale with the current one named', () => {
  const log = baseLog();
  log.ok(D.district_officer, 'district.report', report(null));
  const latest = log.state.districts.farsta.latestReportId;
  const before = log.state.seq;
  const r = refusal(log.run(D.district_officer, 'district.report', report(null, 'critical')));
  expect(r.code).toBe('STALE');
  expect(r.details).toEqual({ latestReportId: latest });
  expect(log.state.seq).toBe(before);
});

test('R18 a confidential district note is seen by its district and the leading roles only', () => {
  const log = baseLog();
  const [e] = log.ok(D.district_officer, 'log.write', {
    districtId: 'farsta',
    text: 'Hemlig',
    confidential: true,
  });
  expect(e.audience).toEqual({ districtIds: ['farsta'] });
  expect(canSee(D.district_officer, e.audience)).toBe(true);
  expect(canSee(D.director, e.audience)).toBe(true);
  expect(canSee(D.other_district, e.audience)).toBe(false);
  expect(canSee(D.observer, e.audience)).toBe(false);
  expect(redactState(log.state, D.other_district).log).toHaveLength(0);
  expect(redactState(log.state, D.director).log).toHaveLength(1);
});

test('markers must lie inside the district when the server knows the borders', () => {
  const log = baseLog();
  const { handleCommand } = jest.requireActual(
    '../handleCommand',
  ) as typeof import('../handleCommand');
  const r = handleCommand(
    D.district_officer,
    {
      type: 'marker.place',
      payload: { kind: 'incident', label: 'x', districtId: 'farsta', lat: 59.33, lng: 18.06 },
    },
    log.state,
    {
      now: NOW,
      newId: (p) => `${p}_1`,
      districtAt: () => 'norra-innerstaden',
    },
  );
  expect(refusal(r).message).toMatch(/inte inom Farsta/);
});
