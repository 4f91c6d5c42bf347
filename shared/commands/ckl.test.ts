/** Policy of the CKL commands: every role × every command (R20, R23, R24, R27, R29, R31, R34). */
import { ROLES, type Role } from '../domain/vocabulary';
import { CKL_COMMANDS } from './ckl';
import { commandDef, type CommandType } from './index';
import { World, roleActor } from '../../test/support/world';
import { STAFF_SUPPORT_REQUESTERS } from '../policy/ckl';

const { w, eventId } = World.withEvent();
const info = roleActor('ckl_information', 'info-drafter');
w.append({ userId: 'system', name: 'Systemet', role: 'admin' }, [
  {
    type: 'user.registered',
    data: { userId: info.userId, name: 'Erik Dahl', role: 'ckl_information' },
  },
]);
const pub = w.ok(info, 'information.draftMessage', {
  eventId,
  targetGroup: 'public',
  headline: 'Elavbrott i Söderort',
  body: 'Trygghetspunkt öppen i Farsta centrum.',
})[0].data as { messageId: string };
const staff = w.ok(info, 'information.draftMessage', {
  eventId,
  targetGroup: 'staff',
  headline: 'Till medarbetare',
  body: 'Arbeta hemifrån om möjligt.',
})[0].data as { messageId: string };

const LIAISON: Role[] = ['ckl_liaison', 'ckl_lead'];
const ANALYSIS: Role[] = ['ckl_analysis', 'ckl_lead'];
const INFORMATION: Role[] = ['ckl_information', 'ckl_lead'];
const ADMIN: Role[] = ['ckl_admin', 'ckl_lead'];
const LEAD: Role[] = ['ckl_lead'];
const later = '2026-01-15T12:00:00.000Z';

/** Command → [a valid payload, the roles that may send it]. */
const TABLE: Record<keyof typeof CKL_COMMANDS, [unknown, readonly Role[]]> = {
  'ckl.decideDirection': [
    { eventId, basis: 'Analysen', what: 'Prioritera äldreboenden.' },
    ['ckl_lead', 'director'],
  ],
  'ckl.setBriefing': [{ nextAt: later, intervalMinutes: 120 }, LEAD],
  'ckl.recordBriefing': [{ summary: 'Genomgång 1.' }, LEAD],
  'ckl.approveSitrep': [{ sitrepId: 'x' }, LEAD],
  'ckl.returnSitrep': [{ sitrepId: 'x', comment: 'Komplettera.' }, LEAD],
  'liaison.registerActor': [{ name: 'Telia', sector: 'utility' }, LIAISON],
  'liaison.updateActor': [{ actorId: 'polisen', active: true }, LIAISON],
  'liaison.logContact': [
    { actorId: 'polisen', direction: 'out', channel: 'phone', summary: 'Läget.' },
    LIAISON,
  ],
  'liaison.placeRepresentative': [
    { actorId: 'polisen', person: 'A', location: 'Polisens ledningscentral' },
    LIAISON,
  ],
  'liaison.withdrawRepresentative': [{ representativeId: 'x' }, LIAISON],
  'liaison.request': [
    { actorId: 'ellevio', eventId, kind: 'expertise', what: 'Prognos.' },
    LIAISON,
  ],
  'liaison.answerRequest': [{ requestId: 'x', outcome: 'granted', answer: 'Ja.' }, LIAISON],
  'liaison.scheduleConference': [{ eventId, at: later }, LIAISON],
  'liaison.startConference': [{ conferenceId: 'x' }, LIAISON],
  'liaison.rollCall': [
    { conferenceId: 'x', entries: [{ actorId: 'polisen', presence: 'present' }] },
    LIAISON,
  ],
  'liaison.minute': [{ conferenceId: 'x', item: 'situation', text: 'Läge.' }, LIAISON],
  'liaison.closeConference': [{ conferenceId: 'x', jointDirection: 'Gemensamt.' }, LIAISON],
  'liaison.cancelConference': [{ conferenceId: 'x', reason: 'Flyttad.' }, LIAISON],
  'unit.report': [
    {
      unitId: 'trafikkontoret',
      basedOnReportId: null,
      status: 'strained',
      happened: 'Signalfel.',
      nextReportDue: later,
    },
    ['unit_officer'],
  ],
  'unit.confirmNoChange': [
    { unitId: 'trafikkontoret', basedOnReportId: 'x', nextReportDue: later },
    ['unit_officer'],
  ],
  'analysis.draftSitrep': [{ eventId, title: 'Lägesbild 1', situation: 'Läge.' }, ANALYSIS],
  'analysis.recordConsequences': [
    { eventId, title: 'Konsekvenser', consequences: 'Kyla.', options: [{ title: 'A' }] },
    ANALYSIS,
  ],
  'information.draftMessage': [
    { targetGroup: 'public', headline: 'Rubrik', body: 'Text.' },
    INFORMATION,
  ],
  'information.reviseMessage': [{ messageId: pub.messageId, body: 'Ny text.' }, INFORMATION],
  // R31: a public message is approved by the lead or the director (the drafter is not a role here).
  'information.approveMessage': [{ messageId: pub.messageId }, ['ckl_lead', 'director']],
  'information.returnMessage': [
    { messageId: pub.messageId, reason: 'Ändra.' },
    ['ckl_lead', 'director'],
  ],
  'information.publishMessage': [{ messageId: pub.messageId }, INFORMATION],
  'information.withdrawMessage': [{ messageId: pub.messageId, reason: 'Fel.' }, INFORMATION],
  'information.schedulePressConference': [
    { at: later, place: 'Stadshuset', topic: 'Elavbrottet' },
    INFORMATION,
  ],
  'information.recordPressConference': [{ pressId: 'x', status: 'held' }, INFORMATION],
  'information.logMedia': [
    { source: 'SVT', summary: 'Rapporterar om kylan.', tone: 'neutral' },
    INFORMATION,
  ],
  'administration.addShift': [
    { post: 'lead', person: 'Lena', from: later, to: '2026-01-15T20:00:00.000Z' },
    ADMIN,
  ],
  'administration.cancelShift': [{ shiftId: 'x', reason: 'Sjuk.' }, ADMIN],
  'administration.recordCost': [
    { eventId, category: 'damage', kind: 'Reservkraft', amountSek: 1000 },
    ADMIN,
  ],
  'administration.voidCost': [{ eventId, costId: 'x', reason: 'Fel belopp.' }, ADMIN],
  'administration.requestStaffSupport': [
    { person: 'En kollega', need: 'Samtalsstöd.' },
    STAFF_SUPPORT_REQUESTERS,
  ],
  'administration.handleStaffSupport': [{ requestId: 'x', status: 'arranged' }, ADMIN],
  'administration.setStaffSite': [{ site: 'protected_command_post' }, ADMIN],
  'administration.recordMovement': [{ person: 'Lena', site: 'ordinary', direction: 'in' }, ADMIN],
  'administration.recordSupply': [
    { name: 'Vatten', category: 'drink', quantity: 40, unit: 'liter', site: 'ordinary' },
    ADMIN,
  ],
};

test('R20 the table covers every CKL command', () => {
  expect(Object.keys(TABLE).sort()).toEqual(Object.keys(CKL_COMMANDS).sort());
});

const cases = Object.entries(TABLE).flatMap(([type, [payload, allowed]]) =>
  ROLES.map((role) => [type, role, allowed.includes(role), payload] as const),
);

test.each(cases)('R20 %s by %s: allowed=%s', (type, role, allowed, payload) => {
  const def = commandDef(type as CommandType);
  const parsed = def.payload.parse(payload);
  const verdict = def.authorize(roleActor(role), parsed, w.state, w.now);
  if (allowed) expect(verdict).toBeNull();
  else {
    expect(verdict?.code).toBe('FORBIDDEN');
    expect(verdict?.message).toMatch(/[a-zåäö]/);
  }
});

test('R31 a staff message may also be approved by another member of the information function', () => {
  const def = commandDef('information.approveMessage');
  const p = { messageId: staff.messageId };
  expect(def.authorize(roleActor('ckl_information', 'colleague'), p, w.state, w.now)).toBeNull();
  expect(def.authorize(info, p, w.state, w.now)?.code).toBe('FORBIDDEN');
  expect(
    def.authorize(
      roleActor('ckl_information', 'colleague'),
      { messageId: pub.messageId },
      w.state,
      w.now,
    )?.code,
  ).toBe('FORBIDDEN');
});

test('R31 nobody approves a message they drafted themselves, not even the CKL lead', () => {
  const lead = roleActor('ckl_lead');
  const [d] = w.ok(lead, 'information.draftMessage', {
    eventId,
    targetGroup: 'public',
    headline: 'Egen',
    body: 'Text.',
  });
  const id = (d.data as { messageId: string }).messageId;
  const r = w.refused(lead, 'information.approveMessage', { messageId: id });
  expect(r.code).toBe('FORBIDDEN');
  expect(r.message).toMatch(/aldrig av den som skrivit/);
});

test('R14 R20 a deputy acts for the CKL lead only while the delegation is recorded', () => {
  const deputy = { ...roleActor('ckl_analysis', 'deputy'), actingFor: 'ckl_lead' as const };
  const def = commandDef('liaison.logContact');
  const p = def.payload.parse(TABLE['liaison.logContact'][0]);
  expect(def.authorize(deputy, p, w.state, w.now)?.code).toBe('FORBIDDEN');
  const ws = World.withEvent();
  ws.w.append({ userId: 'system', name: 'Systemet', role: 'admin' }, [
    { type: 'user.registered', data: { userId: 'deputy', name: 'D', role: 'ckl_analysis' } },
  ]);
  ws.w.ok(roleActor('ckl_lead'), 'delegation.grant', {
    role: 'ckl_lead',
    toUserId: 'deputy',
    basis: 'Tjänstgörande stabschef natt.',
  });
  expect(def.authorize(deputy, p, ws.w.state, ws.w.now)).toBeNull();
});
