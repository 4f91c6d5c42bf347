/** The CKL rules (docs/rules.md R21–R37) on the pure command path. */
import { World, roleActor } from '../../test/support/world';
import {
  compileSituationPicture,
  functionStatus,
  nextBriefing,
  overdueTasks,
  rosterNow,
  lowSupplies,
} from '../views/ckl';

const lead = roleActor('ckl_lead');
const liaison = roleActor('ckl_liaison');
const analysis = roleActor('ckl_analysis');
const info = roleActor('ckl_information');
const adm = roleActor('ckl_admin');
const dir = roleActor('director');
const id = (evs: { data: unknown }[], key: string) => (evs[0].data as Record<string, string>)[key];

test('R21 a function that is not activated refuses its work, but the actor register is preparation', () => {
  const { w, eventId } = World.withEvent({ activate: ['analysis'] });
  const st = functionStatus(w.state);
  expect(st.find((f) => f.fn === 'liaison')).toEqual({ fn: 'liaison', active: false, events: [] });
  expect(st.find((f) => f.fn === 'analysis')?.events[0].eventId).toBe(eventId);
  const r = w.refused(liaison, 'liaison.logContact', {
    actorId: 'polisen',
    direction: 'out',
    channel: 'phone',
    summary: 'Läget?',
  });
  expect(r.code).toBe('CONFLICT');
  expect(r.message).toMatch(/Samverkansfunktionen är inte aktiverad/);
  expect(w.refused(adm, 'administration.setStaffSite', { site: 'ordinary' }).code).toBe('CONFLICT');
  w.ok(liaison, 'liaison.registerActor', {
    name: 'Telia Company',
    sector: 'utility',
    routes: [{ channel: 'phone', value: '08-000 00 00', note: 'Driftcentral' }],
  });
  w.ok(liaison, 'liaison.updateActor', {
    actorId: 'ssr',
    routes: [{ channel: 'email', value: 'ssr@example.se' }],
  });
  expect(w.state.ckl.actors.ssr.routes).toHaveLength(1);
  w.ok(dir, 'ckl.activate', { eventId, functions: ['liaison'], decision: { basis: 'Samverkan.' } });
  w.ok(liaison, 'liaison.logContact', {
    actorId: 'polisen',
    direction: 'out',
    channel: 'phone',
    summary: 'Läget?',
  });
});

test('R21 the register is seeded with the actors the programme names', () => {
  const { w } = World.withEvent();
  const names = Object.values(w.state.ckl.actors).map((a) => a.name);
  for (const n of [
    'Polisen',
    'Storstockholms brandförsvar',
    'Region Stockholm',
    'Länsstyrelsen i Stockholms län',
    'Samverkan Stockholmsregionen (SSR)',
    'SOS Alarm',
    'S:t Erik Försäkring',
    'Ellevio',
    'Stockholm Exergi',
    'Stockholm Vatten och Avfall',
    'Trafikverket',
    'SL',
  ])
    expect(names).toContain(n);
});

test('R22 overdue tasks are derived from the deadline and the status at the time asked', () => {
  const { w, eventId } = World.withEvent();
  const [t] = w.ok(lead, 'task.create', {
    eventId,
    title: 'Lägesbild till ordföranden',
    assignee: { kind: 'function', fn: 'analysis' },
    deadline: '2026-01-15T09:00:00.000Z',
  });
  expect(overdueTasks(w.state, w.now)).toHaveLength(0);
  w.advance(90);
  expect(overdueTasks(w.state, w.now).map((x) => x.id)).toEqual([id([t], 'taskId')]);
  w.ok(analysis, 'task.update', { taskId: id([t], 'taskId'), status: 'done' });
  expect(overdueTasks(w.state, w.now)).toHaveLength(0);
});

test('R23 a direction decision turns an analysis option into a decision record', () => {
  const { w, eventId } = World.withEvent();
  const an = w.ok(analysis, 'analysis.recordConsequences', {
    eventId,
    title: 'Kylan i bostäder',
    consequences: 'Äldre i kalla lägenheter inom ett dygn.',
    horizon: '72 timmar',
    options: [{ title: 'Evakuera' }, { title: 'Värmestugor', description: 'I skolor.' }],
    recommended: 1,
  });
  const analysisId = id(an, 'analysisId');
  const optionId = w.state.ckl.analyses[analysisId].recommendedOptionId as string;
  const evs = w.ok(lead, 'ckl.decideDirection', {
    eventId,
    analysisId,
    optionId,
    basis: 'Analysfunktionens konsekvensanalys.',
    what: 'Öppna värmestugor i tre skolor.',
    informed: ['Krisledningsnämndens ordförande'],
  });
  const decisionId = id(evs, 'decisionId');
  expect(w.state.decisions[decisionId]).toMatchObject({
    kind: 'direction',
    eventId,
    what: 'Värmestugor: Öppna värmestugor i tre skolor.',
    decidedBy: { userId: lead.userId },
  });
  expect(w.state.ckl.analyses[analysisId].decision).toEqual({
    decisionId,
    optionId,
    at: w.now,
  });
  expect(
    w.refused(lead, 'ckl.decideDirection', {
      eventId,
      analysisId,
      basis: 'x',
      what: 'y',
    }).code,
  ).toBe('CONFLICT');
});

test('R24 the briefing cadence: next time for everyone, moved by the interval when held', () => {
  const { w } = World.withEvent();
  w.ok(lead, 'ckl.setBriefing', {
    nextAt: '2026-01-15T09:00:00.000Z',
    intervalMinutes: 120,
    place: 'Stadshuset',
  });
  expect(nextBriefing(w.state, w.now)).toEqual({
    nextAt: '2026-01-15T09:00:00.000Z',
    overdue: false,
    minutesUntil: 60,
  });
  w.advance(70);
  expect(nextBriefing(w.state, w.now).overdue).toBe(true);
  w.ok(lead, 'ckl.recordBriefing', { summary: 'Genomgång 1.' });
  expect(w.state.ckl.briefing).toMatchObject({
    nextAt: '2026-01-15T11:10:00.000Z',
    count: 1,
    lastSummary: 'Genomgång 1.',
  });
});

test('R25 a request to an actor is answered once; contacts name an actor in the register', () => {
  const { w, eventId } = World.withEvent();
  expect(
    w.refused(liaison, 'liaison.logContact', {
      actorId: 'okand',
      direction: 'in',
      channel: 'phone',
      summary: 'x',
    }).code,
  ).toBe('NOT_FOUND');
  const req = w.ok(liaison, 'liaison.request', {
    actorId: 'ellevio',
    eventId,
    kind: 'expertise',
    what: 'Prognos för återställning.',
  });
  const requestId = id(req, 'requestId');
  w.ok(liaison, 'liaison.answerRequest', {
    requestId,
    outcome: 'granted',
    answer: 'Tekniker på plats 14:00.',
  });
  expect(w.state.ckl.requests[requestId]).toMatchObject({
    status: 'granted',
    answer: { text: 'Tekniker på plats 14:00.' },
  });
  expect(
    w.refused(liaison, 'liaison.answerRequest', { requestId, outcome: 'declined', answer: 'x' })
      .code,
  ).toBe('CONFLICT');
  const rep = w.ok(liaison, 'liaison.placeRepresentative', {
    actorId: 'polisen',
    eventId,
    person: 'Ali Hassan',
    location: 'Polisens regionledningscentral',
  });
  w.ok(liaison, 'liaison.withdrawRepresentative', {
    representativeId: id(rep, 'representativeId'),
  });
});

test('R26 a conference runs the fixed agenda with a roll-call and schedules the next by cadence', () => {
  const { w, eventId } = World.withEvent();
  const conferenceId = id(
    w.ok(liaison, 'liaison.scheduleConference', {
      eventId,
      at: '2026-01-15T09:00:00.000Z',
      cadenceMinutes: 240,
    }),
    'conferenceId',
  );
  expect(
    w.refused(liaison, 'liaison.minute', { conferenceId, item: 'situation', text: 'x' }).code,
  ).toBe('CONFLICT');
  w.advance(60);
  w.ok(liaison, 'liaison.startConference', { conferenceId });
  expect(
    w.refused(liaison, 'liaison.closeConference', { conferenceId, jointDirection: 'x' }).message,
  ).toMatch(/upprop/);
  w.ok(liaison, 'liaison.rollCall', {
    conferenceId,
    entries: [
      { actorId: 'polisen', presence: 'present' },
      { actorId: 'ellevio', presence: 'present' },
      { actorId: 'region-stockholm', presence: 'excused' },
    ],
  });
  for (const item of ['situation', 'forecast', 'actions', 'needs', 'communication'])
    w.ok(liaison, 'liaison.minute', { conferenceId, item, text: `Protokoll: ${item}` });
  const closed = w.ok(liaison, 'liaison.closeConference', {
    conferenceId,
    jointDirection: 'Gemensam inriktning: prioritera värme och vatten.',
  });
  const c = w.state.ckl.conferences[conferenceId];
  expect(c.status).toBe('closed');
  expect(Object.keys(c.minutes).sort()).toEqual(
    ['actions', 'communication', 'forecast', 'needs', 'situation'].sort(),
  );
  expect(c.rollCall).toEqual({
    polisen: 'present',
    ellevio: 'present',
    'region-stockholm': 'excused',
  });
  const next = w.state.ckl.conferences[c.nextId as string];
  expect(next).toMatchObject({ status: 'scheduled', scheduledAt: '2026-01-15T13:00:00.000Z' });
  expect(closed.map((e) => e.type)).toEqual([
    'liaison.conferenceClosed',
    'liaison.conferenceScheduled',
  ]);
});

test('R27 a unit officer reports for their own unit only, and a stale base is refused', () => {
  const { w } = World.withEvent();
  const uo = roleActor('unit_officer');
  const rep = {
    unitId: 'trafikkontoret',
    basedOnReportId: null,
    status: 'strained',
    happened: 'Trafiksignaler ur funktion.',
    nextReportDue: '2026-01-15T10:00:00.000Z',
  };
  expect(w.refused(uo, 'unit.report', { ...rep, unitId: 'stokab' }).code).toBe('FORBIDDEN');
  w.ok(uo, 'unit.report', rep);
  const r = w.refused(uo, 'unit.report', rep);
  expect(r.code).toBe('STALE');
  const first = w.state.ckl.unitReports.trafikkontoret;
  expect(r.details?.latestReportId).toBe(first.id);
  w.advance(50);
  w.ok(uo, 'unit.confirmNoChange', {
    unitId: 'trafikkontoret',
    basedOnReportId: first.id,
    nextReportDue: '2026-01-15T11:00:00.000Z',
  });
  expect(w.state.ckl.unitReports.trafikkontoret).toMatchObject({
    happened: first.happened,
    noChange: true,
    at: w.now,
    nextReportDue: '2026-01-15T11:00:00.000Z',
  });
});

test('R28 the situation picture shows fresh, stale and missing districts and units', () => {
  const { w } = World.withEvent();
  const tib = roleActor('district_officer');
  w.ok(tib, 'district.report', {
    districtId: 'farsta',
    basedOnReportId: null,
    status: 'severe',
    happened: 'Strömlöst.',
    needs: 'Reservkraft.',
    crisisSupport: 'standby',
    nextReportDue: '2026-01-15T09:00:00.000Z',
  });
  let pic = compileSituationPicture(w.state, w.now);
  const farsta = pic.districts.find((d) => d.districtId === 'farsta');
  expect(farsta).toMatchObject({ state: 'fresh', status: 'severe', affected: true, ageMinutes: 0 });
  expect(pic.missing.sort()).toEqual(['skarpnack', 'trafikkontoret']);
  expect(pic.districts.find((d) => d.districtId === 'sodermalm')).toMatchObject({
    state: 'missing',
    affected: false,
  });
  expect(pic.worstStatus).toBe('severe');
  expect(pic.needs).toEqual([{ from: 'Farsta', text: 'Reservkraft.' }]);
  w.advance(61);
  pic = compileSituationPicture(w.state, w.now);
  expect(pic.stale).toEqual(['farsta']);
  expect(pic.districts.find((d) => d.districtId === 'farsta')?.ageMinutes).toBe(61);
});

test('R29 situation reports are versioned; only the latest draft is approved and it supersedes', () => {
  const { w, eventId } = World.withEvent();
  const v1 = id(
    w.ok(analysis, 'analysis.draftSitrep', { eventId, title: 'Lägesbild', situation: 'Ett.' }),
    'sitrepId',
  );
  w.ok(lead, 'ckl.returnSitrep', { sitrepId: v1, comment: 'Lägg till prognos.' });
  expect(w.refused(lead, 'ckl.approveSitrep', { sitrepId: v1 }).code).toBe('CONFLICT');
  const v2 = id(
    w.ok(analysis, 'analysis.draftSitrep', {
      eventId,
      title: 'Lägesbild',
      situation: 'Två.',
      forecast: 'Minst ett dygn.',
    }),
    'sitrepId',
  );
  expect(w.state.ckl.sitreps[v2].version).toBe(2);
  const [ev] = w.ok(lead, 'ckl.approveSitrep', { sitrepId: v2 });
  expect(ev.audience).toBeUndefined();
  expect(w.state.ckl.sitreps[v2]).toMatchObject({
    status: 'approved',
    sentTo: ['Krisledningsnämndens ordförande', 'Stadsdelsområdena'],
    approvedBy: { userId: lead.userId },
    draftedBy: { userId: analysis.userId },
  });
  expect(w.state.ckl.sitreps[v1].status).toBe('superseded');
  const v3 = id(
    w.ok(analysis, 'analysis.draftSitrep', { eventId, title: 'Lägesbild', situation: 'Tre.' }),
    'sitrepId',
  );
  w.ok(lead, 'ckl.approveSitrep', { sitrepId: v3 });
  expect(w.state.ckl.sitreps[v2].status).toBe('superseded');
});

test('R30 a message is published only after approval, and any change needs a new approval', () => {
  const { w, eventId } = World.withEvent();
  const m = id(
    w.ok(info, 'information.draftMessage', {
      eventId,
      targetGroup: 'public',
      headline: 'Värmestugor öppnar',
      body: 'Tre skolor öppnar som värmestugor kl. 18.',
    }),
    'messageId',
  );
  expect(w.state.ckl.messages[m].areaDistrictIds).toEqual(['farsta', 'skarpnack']);
  expect(w.refused(info, 'information.publishMessage', { messageId: m }).code).toBe('CONFLICT');
  w.ok(lead, 'information.approveMessage', { messageId: m });
  w.ok(info, 'information.reviseMessage', { messageId: m, body: 'Fyra skolor öppnar.' });
  expect(w.state.ckl.messages[m]).toMatchObject({ status: 'draft', version: 2 });
  expect(w.refused(info, 'information.publishMessage', { messageId: m }).code).toBe('CONFLICT');
  w.ok(dir, 'information.approveMessage', { messageId: m });
  const [pub] = w.ok(info, 'information.publishMessage', { messageId: m });
  expect(pub.audience).toBeUndefined();
  expect(w.state.ckl.messages[m]).toMatchObject({
    status: 'published',
    body: 'Fyra skolor öppnar.',
    approvedBy: { userId: dir.userId },
  });
  expect(w.refused(info, 'information.reviseMessage', { messageId: m, body: 'x' }).code).toBe(
    'CONFLICT',
  );
  const upd = id(
    w.ok(info, 'information.draftMessage', {
      eventId,
      targetGroup: 'public',
      replaces: m,
      headline: 'Värmestugor: nya tider',
      body: 'Öppet till 22.',
    }),
    'messageId',
  );
  // The update continues the published message's versions (it was revised once: v2).
  expect(w.state.ckl.messages[upd]).toMatchObject({ version: 3, replaces: m, status: 'draft' });
});

test('R31 at extraordinary level a staff message is approved by the CKL lead or the director only', () => {
  const { w, eventId } = World.withEvent();
  const m = id(
    w.ok(info, 'information.draftMessage', {
      eventId,
      targetGroup: 'staff',
      headline: 'Till medarbetare',
      body: 'Samling 10.00.',
    }),
    'messageId',
  );
  const colleague = roleActor('ckl_information', 'colleague');
  const prop = w.ok(dir, 'event.proposeExtraordinary', { eventId, basis: 'Kylan.' });
  w.ok(roleActor('chair'), 'event.declareExtraordinary', {
    proposalId: id(prop.slice(1), 'proposalId'),
    confirm: true,
    decision: { basis: 'Förslag från stadsdirektören.' },
  });
  expect(w.refused(colleague, 'information.approveMessage', { messageId: m }).code).toBe(
    'FORBIDDEN',
  );
  w.ok(lead, 'information.approveMessage', { messageId: m });
});

test('R33 damage costs are kept apart from response costs; corrections void, never edit', () => {
  const { w, eventId } = World.withEvent();
  const c1 = id(
    w.ok(adm, 'administration.recordCost', {
      eventId,
      category: 'damage',
      kind: 'Frysskador, Farsta skola',
      amountSek: 125000.5,
    }),
    'costId',
  );
  w.ok(adm, 'administration.recordCost', {
    eventId,
    category: 'response',
    kind: 'Reservkraft',
    amountSek: 8000,
  });
  expect(
    w.refused(adm, 'administration.recordCost', {
      eventId,
      category: 'response',
      kind: 'x',
      amountSek: 1.234,
    }).code,
  ).toBe('INVALID');
  expect(w.state.ckl.costs[eventId]).toMatchObject({ damageOre: 12500050, responseOre: 800000 });
  w.ok(adm, 'administration.voidCost', { eventId, costId: c1, reason: 'Fel objekt.' });
  expect(w.state.ckl.costs[eventId]).toMatchObject({ damageOre: 0, responseOre: 800000 });
  expect(
    w.refused(adm, 'administration.voidCost', { eventId, costId: c1, reason: 'igen' }).code,
  ).toBe('CONFLICT');
});

test('R34 a staff-support request is restricted to the administrative function', () => {
  const { w } = World.withEvent();
  const [ev] = w.ok(analysis, 'administration.requestStaffSupport', {
    person: 'Kollega på analys',
    need: 'Samtalsstöd efter nattpasset.',
    urgent: true,
  });
  expect(ev.audience).toEqual({ roles: ['ckl_admin'] });
  w.ok(adm, 'administration.handleStaffSupport', {
    requestId: id([ev], 'requestId'),
    status: 'arranged',
    note: 'Företagshälsovården 14.00.',
  });
  expect(
    w.refused(roleActor('district_officer'), 'administration.requestStaffSupport', {
      person: 'x',
      need: 'y',
    }).code,
  ).toBe('FORBIDDEN');
});

test('R35 one person is at one site at a time; moving logs the exit and the entry', () => {
  const { w } = World.withEvent();
  w.ok(adm, 'administration.setStaffSite', { site: 'protected_command_post', note: 'Från 10.00' });
  w.ok(adm, 'administration.recordMovement', {
    person: 'Lena Nyström',
    site: 'ordinary',
    direction: 'in',
  });
  expect(
    w.refused(adm, 'administration.recordMovement', {
      person: 'Lena Nyström',
      site: 'ordinary',
      direction: 'in',
    }).code,
  ).toBe('CONFLICT');
  const moved = w.ok(adm, 'administration.recordMovement', {
    person: 'Lena Nyström',
    site: 'protected_command_post',
    direction: 'in',
  });
  expect(moved.map((e) => (e.data as { direction: string }).direction)).toEqual(['out', 'in']);
  expect(Object.values(w.state.ckl.presence)).toEqual([
    { person: 'Lena Nyström', site: 'protected_command_post', since: w.now },
  ]);
  expect(
    w.refused(adm, 'administration.recordMovement', {
      person: 'Lena Nyström',
      site: 'ordinary',
      direction: 'out',
    }).code,
  ).toBe('CONFLICT');
});

test('R36 rosters: relief after start, no overlapping shifts for one person, uncovered posts shown', () => {
  const { w } = World.withEvent({ activate: ['admin', 'analysis'] });
  const shift = { post: 'lead', person: 'Lena', from: '2026-01-15T07:00:00.000Z' };
  expect(
    w.refused(adm, 'administration.addShift', { ...shift, to: '2026-01-15T06:00:00.000Z' }).code,
  ).toBe('INVALID');
  w.ok(adm, 'administration.addShift', { ...shift, to: '2026-01-15T15:00:00.000Z' });
  expect(
    w.refused(adm, 'administration.addShift', {
      ...shift,
      from: '2026-01-15T14:00:00.000Z',
      to: '2026-01-15T22:00:00.000Z',
    }).code,
  ).toBe('CONFLICT');
  w.ok(adm, 'administration.addShift', {
    post: 'lead',
    person: 'Per',
    from: '2026-01-15T15:00:00.000Z',
    to: '2026-01-15T23:00:00.000Z',
  });
  const r = rosterNow(w.state, w.now);
  expect(r.onDuty.map((s) => s.person)).toEqual(['Lena']);
  expect(r.upcoming.map((s) => s.person)).toEqual(['Per']);
  expect(r.uncovered).toEqual(['analysis', 'admin']);
});

test('R37 supplies below their minimum are flagged', () => {
  const { w } = World.withEvent();
  const item = id(
    w.ok(adm, 'administration.recordSupply', {
      name: 'Dricksvatten',
      category: 'drink',
      quantity: 50,
      unit: 'liter',
      site: 'protected_command_post',
      minimum: 40,
    }),
    'itemId',
  );
  expect(lowSupplies(w.state)).toHaveLength(0);
  w.ok(adm, 'administration.recordSupply', {
    itemId: item,
    name: 'Dricksvatten',
    category: 'drink',
    quantity: 20,
    unit: 'liter',
    site: 'protected_command_post',
    minimum: 40,
  });
  expect(lowSupplies(w.state).map((i) => i.id)).toEqual([item]);
});

test('R39 press conferences and media monitoring are logged by the information function', () => {
  const { w, eventId } = World.withEvent();
  const pressId = id(
    w.ok(info, 'information.schedulePressConference', {
      eventId,
      at: '2026-01-15T11:00:00.000Z',
      place: 'Stadshuset, Rådssalen',
      topic: 'Elavbrottet i Söderort',
      spokespersons: ['Stadsdirektören'],
    }),
    'pressId',
  );
  w.ok(info, 'information.recordPressConference', {
    pressId,
    status: 'held',
    notes: '12 medier.',
  });
  w.ok(info, 'information.logMedia', {
    eventId,
    source: 'Sociala medier',
    summary: 'Rykte om att vattnet är otjänligt.',
    tone: 'misinformation',
    actionNeeded: true,
  });
  expect(w.state.ckl.pressConferences[pressId].status).toBe('held');
  expect(w.state.ckl.media.at(-1)).toMatchObject({ tone: 'misinformation', actionNeeded: true });
});
