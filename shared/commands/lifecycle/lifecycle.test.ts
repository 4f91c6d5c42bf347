/** The decision lifecycle as the shared pipeline enforces it (docs/rules.md R200–R204). */
import { ACTORS, baseLog, NOW } from '../../../test/support/pureLog';
import { isRefusal, type Refusal } from '../../errors';

const D = ACTORS;
const dec = { basis: 'Beslutsunderlag', informed: ['Ordföranden'] };
const consulted = ['Farsta stadsdelsförvaltning'];
const refusal = (r: unknown): Refusal => {
  if (!isRefusal(r)) throw new Error('expected a refusal');
  return r;
};

function withEvent(level: 'disruption' | 'serious' = 'disruption') {
  const log = baseLog();
  const [opened] = log.ok(D.district_officer, 'event.open', {
    title: 'Elavbrott',
    area: { kind: 'district', id: 'farsta' },
  });
  const eventId = (opened.data as { eventId: string }).eventId;
  if (level === 'serious') log.ok(D.director, 'event.raiseToSerious', { eventId, decision: dec });
  return { log, eventId };
}
/** R203: a disruption the director grants central support, with the information function. */
function withInformationSupport() {
  const { log, eventId } = withEvent();
  log.ok(D.director, 'event.decideCentralSupport', {
    eventId,
    granted: true,
    decision: dec,
    consulted,
    cklFunctions: ['information'],
  });
  return { log, eventId };
}
/** A refused command leaves state and log exactly as they were. */
function unchanged(log: ReturnType<typeof baseLog>, run: () => unknown): Refusal {
  const before = { state: log.state, len: log.log.length };
  const r = refusal(run());
  expect(log.state).toBe(before.state);
  expect(log.log.length).toBe(before.len);
  return r;
}
/** A central-support decision that must be refused: granted and consulted unless `over` differs. */
const refusedSupport = (
  log: ReturnType<typeof baseLog>,
  who: Parameters<ReturnType<typeof baseLog>['run']>[0],
  eventId: string,
  over: Record<string, unknown> = {},
): Refusal =>
  unchanged(log, () =>
    log.run(who, 'event.decideCentralSupport', {
      eventId,
      granted: true,
      decision: dec,
      consulted,
      ...over,
    }),
  );
const lastDecision = (log: ReturnType<typeof baseLog>) =>
  log.state.decisions[log.state.decisionOrder.at(-1) as string];

describe('R200 the chair judges that an event is extraordinary', () => {
  test('R200 without a proposal: the record says it was the chair’s own judgement', () => {
    const { log, eventId } = withEvent('serious');
    log.ok(D.chair, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec });
    const e = log.state.events[eventId];
    expect(e.level).toBe('extraordinary');
    expect(Object.keys(e.ckl).sort()).toEqual(['admin', 'analysis', 'information', 'liaison']);
    expect(log.state.boardInFunction).toBe(true);
    const d = lastDecision(log);
    expect(d).toMatchObject({ kind: 'extraordinary_declaration', initiative: { kind: 'own' } });
    expect(d.what).toMatch(/utan förslag från stadsdirektören/);
  });

  test('R200 with the director’s pending proposal: the record names it and resolves it', () => {
    const { log, eventId } = withEvent('serious');
    log.ok(D.director, 'event.proposeExtraordinary', { eventId, basis: 'Allvarlig störning' });
    const proposalId = log.state.events[eventId].pendingProposalId as string;
    log.ok(D.chair, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec });
    const d = lastDecision(log);
    expect(d.initiative).toEqual({
      kind: 'proposal',
      proposalId,
      proposedBy: { userId: 'stadsdir', name: D.director.name, role: 'director' },
    });
    expect(log.state.proposals[proposalId].status).toBe('declared');
    expect(log.state.events[eventId].pendingProposalId).toBeUndefined();
  });

  test('R200 declaring on the proposal records the proposal as the initiative', () => {
    const { log, eventId } = withEvent('serious');
    log.ok(D.director, 'event.proposeExtraordinary', { eventId, basis: 'Allvarlig störning' });
    const proposalId = log.state.events[eventId].pendingProposalId as string;
    log.ok(D.chair, 'event.declareExtraordinary', { proposalId, confirm: true, decision: dec });
    expect(lastDecision(log).initiative).toMatchObject({ kind: 'proposal', proposalId });
  });

  test('R200 refusals change nothing: not the chair, not confirmed, already extraordinary', () => {
    const { log, eventId } = withEvent('serious');
    for (const who of [D.director, D.security_chief, D.vice, D.ckl_lead])
      expect(
        unchanged(log, () =>
          log.run(who, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec }),
        ).code,
      ).toBe('FORBIDDEN');
    expect(
      unchanged(log, () =>
        log.run(D.chair, 'event.judgeExtraordinary', { eventId, confirm: false, decision: dec }),
      ).code,
    ).toBe('INVALID');
    log.ok(D.chair, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec });
    expect(
      unchanged(log, () =>
        log.run(D.chair, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec }),
      ).code,
    ).toBe('CONFLICT');
  });
});

describe('R201 lowering from extraordinary records its basis and who proposed it', () => {
  function extraordinary() {
    const w = withEvent('serious');
    w.log.ok(D.chair, 'event.judgeExtraordinary', {
      eventId: w.eventId,
      confirm: true,
      decision: dec,
    });
    return w;
  }

  test('R201 without saying whose initiative, the lowering is refused and nothing changes', () => {
    const { log, eventId } = extraordinary();
    const r = unchanged(log, () =>
      log.run(D.chair, 'event.lowerLevel', { eventId, to: 'serious', decision: dec }),
    );
    expect(r.message).toMatch(/vem som föreslog/);
  });

  test('R201 on the director’s proposal: the record names the director', () => {
    const { log, eventId } = extraordinary();
    log.ok(D.chair, 'event.lowerLevel', {
      eventId,
      to: 'serious',
      decision: { basis: 'Elen är tillbaka', informed: [] },
      initiative: { kind: 'proposal', userId: 'stadsdir' },
    });
    const d = lastDecision(log);
    expect(d).toMatchObject({
      kind: 'level_lowered',
      basis: 'Elen är tillbaka',
      initiative: { kind: 'proposal', proposedBy: { userId: 'stadsdir', role: 'director' } },
    });
    expect(d.what).toMatch(/på förslag av Stadsdirektör/);
  });

  test('R201 the chair’s own initiative is recorded as such', () => {
    const { log, eventId } = extraordinary();
    log.ok(D.chair, 'event.lowerLevel', {
      eventId,
      to: 'serious',
      decision: dec,
      initiative: { kind: 'own' },
    });
    expect(lastDecision(log).initiative).toEqual({ kind: 'own' });
  });

  test('R201 an unknown proposer is refused and nothing changes', () => {
    const { log, eventId } = extraordinary();
    const r = unchanged(log, () =>
      log.run(D.chair, 'event.lowerLevel', {
        eventId,
        to: 'serious',
        decision: dec,
        initiative: { kind: 'proposal', userId: 'nobody' },
      }),
    );
    expect(r.code).toBe('NOT_FOUND');
  });
});

describe('R202 central support: the director with the affected units, the security chief in second hand', () => {
  test('R202 the director decides in consultation with the affected units; the record names them', () => {
    const { log, eventId } = withEvent();
    log.ok(D.district_officer, 'event.requestCentralSupport', { eventId, reason: 'Information' });
    log.ok(D.director, 'event.decideCentralSupport', {
      eventId,
      granted: true,
      decision: dec,
      consulted,
    });
    expect(log.state.events[eventId].centralSupport.status).toBe('granted');
    expect(lastDecision(log)).toMatchObject({ kind: 'central_support', consulted });
    expect(lastDecision(log).secondHand).toBeUndefined();
  });

  test('R202 no consultation named: refused, nothing changes', () => {
    const { log, eventId } = withEvent();
    const r = refusedSupport(log, D.director, eventId, { consulted: [] });
    expect(r.message).toMatch(/samråd/);
  });

  test('R202 the security chief decides a disruption only with the director recorded unreachable', () => {
    const { log, eventId } = withEvent();
    const r = refusedSupport(log, D.security_chief, eventId);
    expect(r.message).toMatch(/andra hand/);
    log.ok(D.security_chief, 'event.decideCentralSupport', {
      eventId,
      granted: true,
      decision: dec,
      consulted,
      directorUnreachable: 'Stadsdirektören på flyg, nås inte förrän 14:00.',
    });
    expect(lastDecision(log)).toMatchObject({
      decidedBy: { role: 'security_chief' },
      secondHand: { reason: 'Stadsdirektören på flyg, nås inte förrän 14:00.' },
    });
  });

  test('R202 never the security chief at serious level or above, even with the director unreachable', () => {
    const { log, eventId } = withEvent('serious');
    const r = refusedSupport(log, D.security_chief, eventId, { directorUnreachable: 'Nås inte.' });
    expect(r.code).toBe('FORBIDDEN');
    expect(r.message).toMatch(/stadsdirektören/);
  });

  test('R202 the director does not decide “in second hand”; others never decide', () => {
    const { log, eventId } = withEvent();
    expect(refusedSupport(log, D.director, eventId, { directorUnreachable: 'x' }).code).toBe(
      'FORBIDDEN',
    );
    for (const who of [D.chair, D.ckl_lead, D.district_officer, D.observer])
      expect(refusedSupport(log, who, eventId).code).toBe('FORBIDDEN');
  });
});

describe('R203 central support can activate part of CKL while the event stays a disruption', () => {
  test('R203 the information function for coordinated information, at disruption level', () => {
    const { log, eventId } = withInformationSupport();
    const e = log.state.events[eventId];
    expect(e.level).toBe('disruption');
    expect(Object.keys(e.ckl)).toEqual(['information']);
    expect(e.cklEverActivated).toBe(true);
    expect(lastDecision(log).what).toMatch(/förblir en störning/);
    // The information function can now work on the event.
    log.ok(D.ckl_information, 'information.draftMessage', {
      eventId,
      targetGroup: 'public',
      headline: 'Elavbrott i Farsta',
      body: 'Håll dig informerad.',
    });
  });

  test('R203 a declined support activates nothing; refusals change nothing', () => {
    const { log, eventId } = withEvent();
    expect(
      refusedSupport(log, D.director, eventId, { granted: false, cklFunctions: ['information'] })
        .code,
    ).toBe('INVALID');
  });
});

describe('R204 an evaluation records findings, actions with owners and a follow-up', () => {
  function closedWithCkl() {
    const { log, eventId } = withInformationSupport();
    log.ok(D.director, 'event.close', { eventId, decision: dec });
    const evaluationId = log.state.events[eventId].evaluationId as string;
    return { log, eventId, evaluationId };
  }
  const later = new Date(Date.parse(NOW) + 30 * 86400_000).toISOString();

  test('R204 closing an event with CKL opens its evaluation; completing it records everything', () => {
    const { log, evaluationId } = closedWithCkl();
    expect(log.state.evaluations[evaluationId].status).toBe('to_do');
    log.ok(D.ckl_lead, 'evaluation.complete', {
      evaluationId,
      summary: 'Informationen nådde ut sent.',
      findings: ['Första meddelandet kom efter 90 minuter.'],
      actions: [{ what: 'Mall för elavbrott', owner: 'Informationsfunktionen' }],
      followUpAt: later,
    });
    expect(log.state.evaluations[evaluationId]).toMatchObject({
      status: 'done',
      findings: ['Första meddelandet kom efter 90 minuter.'],
      actions: [{ what: 'Mall för elavbrott', owner: 'Informationsfunktionen' }],
      followUpAt: later,
      doneBy: { userId: 'stabschef' },
    });
  });

  test('R204 an action without owner, no findings, or no follow-up is refused; nothing changes', () => {
    const { log, evaluationId } = closedWithCkl();
    const base = { evaluationId, summary: 'x', findings: ['y'] };
    const cases = [
      { ...base, findings: [] },
      { ...base, actions: [{ what: 'Mall', owner: ' ' }], followUpAt: later },
      { ...base, actions: [{ what: 'Mall', owner: 'Info' }] },
      { ...base, actions: [{ what: 'Mall', owner: 'Info' }], followUpAt: NOW },
    ];
    for (const p of cases)
      expect(unchanged(log, () => log.run(D.ckl_lead, 'evaluation.complete', p)).code).toBe(
        'INVALID',
      );
    expect(
      unchanged(log, () => log.run(D.district_officer, 'evaluation.complete', base)).code,
    ).toBe('FORBIDDEN');
  });
});
