/**
 * Every role × every command × own/other area, against the shared policy (R2–R15, R79).
 *
 * The expected matrix is written out below as data so a reader can check it line by line
 * against docs/rules.md. Each row names a command (sometimes in a variant, e.g. an event at a
 * given level), a payload builder for the actor's OWN area and for ANOTHER area, and the roles
 * that may issue it in each case. "Own" means: a district officer's district (Farsta), a unit
 * officer's unit (Trafiknämnden) and things those areas own; for roles without an area, the
 * same Farsta/Trafik targets. "Other" is Bromma / Stockholm Vatten.
 *
 * The check runs the whole pure pipeline (validate → authorise → decide): a refused cell must
 * be FORBIDDEN; an allowed cell must get past validation and the policy (a decide-time
 * refusal such as CONFLICT is fine, FORBIDDEN or INVALID is not).
 */
import { COMMANDS, type CommandType } from '../shared/commands';
import * as core from '../shared/commands/core';
import { JUDGEMENT_COMMANDS } from '../shared/commands/lifecycle/judgement';
import { CENTRAL_SUPPORT_COMMANDS } from '../shared/commands/lifecycle/centralSupport';
import { EVALUATION_COMMANDS } from '../shared/commands/lifecycle/evaluation';
import { handleCommand } from '../shared/handleCommand';
import { applyEvent } from '../shared/reducer';
import { emptyState, type CityState } from '../shared/domain/state';
import { SYSTEM_ACTOR, type Actor } from '../shared/domain/actor';
import { ROLES, type Role } from '../shared/domain/vocabulary';
import { draft, type StoredEvent } from '../shared/events';
import { isRefusal } from '../shared/errors';
import { loadDivision } from '../server/geo';
import { demoUsers } from '../server/demoPeople';

const NOW = '2026-03-01T12:00:00.000Z';
const LATER = '2026-03-01T18:00:00.000Z';

// ------------------------------------------------------------------------------------------
// The world the table is checked in, built with the real reducer
// ------------------------------------------------------------------------------------------

let state: CityState = emptyState('real');
let n = 0;
const newId = (prefix: string) => `${prefix}_${++n}`;
function apply(drafts: ReturnType<typeof draft>[], actor: Actor = SYSTEM_ACTOR): void {
  for (const d of drafts) {
    const e = {
      seq: state.seq + 1,
      space: 'real',
      type: d.type,
      data: d.data,
      at: NOW,
      actor: { userId: actor.userId, name: actor.name, role: actor.role },
      commandId: `setup-${state.seq + 1}`,
      ...(d.audience ? { audience: d.audience } : {}),
      hash: 'x',
    } as StoredEvent;
    state = applyEvent(state, e);
  }
}
/** Runs a command as the system (no role check) and returns the id of the kind asked for. */
function sys(type: CommandType, payload: unknown, idKey?: string): string {
  const out = handleCommand(SYSTEM_ACTOR, { type, payload }, state, { now: NOW, newId });
  if (isRefusal(out)) throw new Error(`setup ${type}: ${out.message}`);
  apply(out);
  if (!idKey) return '';
  const found = out.map((d) => (d.data as Record<string, unknown>)[idKey]).find(Boolean);
  return found as string;
}
const decision = { basis: 'Underlag.', informed: [] };

apply([draft('division.configured', loadDivision('sdo-11-2023').division)]);
const users = demoUsers(state.division!.districts);
apply(users.map((u) => draft('user.registered', u)));

const openIn = (area: unknown) => sys('event.open', { title: 'Störning', area }, 'eventId');
const EVT = {
  farsta: openIn({ kind: 'district', id: 'farsta' }),
  bromma: openIn({ kind: 'district', id: 'bromma' }),
  trafikkontoret: openIn({ kind: 'unit', id: 'trafikkontoret' }),
  'stockholm-vatten': openIn({ kind: 'unit', id: 'stockholm-vatten' }),
};
const SERIOUS = openIn({ kind: 'central' });
sys('event.raiseToSerious', { eventId: SERIOUS, decision });
const EXTRA = openIn({ kind: 'central' });
sys('event.raiseToSerious', { eventId: EXTRA, decision });
const EXTRA_PROP = sys('event.proposeExtraordinary', { eventId: EXTRA, basis: 'B.' }, 'proposalId');
sys('event.declareExtraordinary', { proposalId: EXTRA_PROP, confirm: true, decision });
const PROPOSAL = sys('event.proposeExtraordinary', { eventId: SERIOUS, basis: 'B.' }, 'proposalId');
const URGENT = sys(
  'board.urgentDecision',
  { decision: { ...decision, what: 'Beslut.' } },
  'decisionId',
);
const EVALUATED = openIn({ kind: 'central' });
sys('event.raiseToSerious', { eventId: EVALUATED, decision });
sys('ckl.activate', { eventId: EVALUATED, functions: ['analysis'], decision });
const EVALUATION = sys('event.close', { eventId: EVALUATED, decision }, 'evaluationId');
const DELEGATION = sys(
  'delegation.grant',
  { role: 'director', toUserId: 'tjg.stadsdir', basis: 'Beredskapsschema.' },
  'delegationId',
);
const MARKER: Record<string, string> = {};
const TASK: Record<string, string> = {};
for (const d of ['farsta', 'bromma']) {
  sys('district.report', {
    districtId: d,
    basedOnReportId: null,
    status: 'strained',
    happened: 'Elavbrott.',
    crisisSupport: 'standby',
    nextReportDue: LATER,
  });
  MARKER[d] = sys(
    'marker.place',
    { kind: 'incident', label: 'Brand', districtId: d, lat: 59.3, lng: 18 },
    'markerId',
  );
  TASK[d] = sys(
    'task.create',
    { title: 'Rapportera', assignee: { kind: 'district', districtId: d } },
    'taskId',
  );
}
const FN_TASK = sys(
  'task.create',
  { title: 'Analysera', assignee: { kind: 'function', fn: 'liaison' } },
  'taskId',
);
const WORLD = state;

// ------------------------------------------------------------------------------------------
// Actors and areas
// ------------------------------------------------------------------------------------------

const actorOf = (role: Role): Actor => {
  const u = users.find(
    (x) =>
      x.role === role &&
      (role !== 'district_officer' || x.districtId === 'farsta') &&
      (role !== 'unit_officer' || x.unitId === 'trafikkontoret') &&
      (role !== 'observer' || x.userId === 'presidium'),
  );
  if (!u) throw new Error(`no demo user for ${role}`);
  return {
    userId: u.userId,
    name: u.name,
    role: u.role,
    districtId: u.districtId,
    unitId: u.unitId,
  };
};

interface Area {
  districtId: string;
  unitId: string;
  /** An open disruption owned by the area (the unit's for a unit officer, else the district's). */
  eventId: string;
  eventArea: { kind: 'district' | 'unit'; id: string };
  markerId: string;
  taskId: string;
}
function areaFor(role: Role, own: boolean): Area {
  const districtId = own ? 'farsta' : 'bromma';
  const unitId = own ? 'trafikkontoret' : 'stockholm-vatten';
  const byUnit = role === 'unit_officer';
  return {
    districtId,
    unitId,
    eventId: byUnit ? EVT[unitId] : EVT[districtId as 'farsta' | 'bromma'],
    eventArea: byUnit ? { kind: 'unit', id: unitId } : { kind: 'district', id: districtId },
    markerId: MARKER[districtId],
    taskId: TASK[districtId],
  };
}
const report = (a: Area) => ({
  districtId: a.districtId,
  basedOnReportId: WORLD.districts[a.districtId].latestReportId ?? null,
  nextReportDue: LATER,
});

// ------------------------------------------------------------------------------------------
// The expected matrix
// ------------------------------------------------------------------------------------------

const ALL: readonly Role[] = ROLES;
const except = (...r: Role[]) => ALL.filter((x) => !r.includes(x));

interface Row {
  rule: string;
  type: CommandType;
  variant?: string;
  payload: (a: Area) => unknown;
  own: readonly Role[];
  other: readonly Role[];
}

const TABLE: Row[] = [
  // R5 escalation starts in the area; director and security chief for any area
  {
    rule: 'R5',
    type: 'event.open',
    payload: (a) => ({ title: 'Ny störning', area: a.eventArea }),
    own: ['director', 'security_chief', 'district_officer', 'unit_officer'],
    other: ['director', 'security_chief'],
  },
  {
    rule: 'R5',
    type: 'event.open',
    variant: 'whole city',
    payload: () => ({ title: 'Ny', area: { kind: 'central' } }),
    own: ['director', 'security_chief'],
    other: ['director', 'security_chief'],
  },
  {
    rule: 'R2',
    type: 'event.update',
    payload: (a) => ({ eventId: a.eventId, title: 'Ny rubrik' }),
    own: ['director', 'security_chief', 'ckl_lead', 'district_officer', 'unit_officer'],
    other: ['director', 'security_chief', 'ckl_lead'],
  },
  // R6 the owning area asks; director (second hand security chief) decides
  {
    rule: 'R6',
    type: 'event.requestCentralSupport',
    payload: (a) => ({ eventId: a.eventId, reason: 'Information.' }),
    own: ['district_officer', 'unit_officer'],
    other: [],
  },
  {
    rule: 'R6',
    type: 'event.decideCentralSupport',
    payload: (a) => ({ eventId: a.eventId, granted: true, decision, consulted: ['Berörd enhet'] }),
    own: ['director'],
    other: ['director'],
  },
  // R202 the security chief only in second hand, the director unreachable (recorded)
  {
    rule: 'R202',
    type: 'event.decideCentralSupport',
    variant: 'second hand',
    payload: (a) => ({
      eventId: a.eventId,
      granted: true,
      decision,
      consulted: ['Berörd enhet'],
      directorUnreachable: 'Stadsdirektören nås inte.',
    }),
    own: ['security_chief'],
    other: ['security_chief'],
  },
  // R7 only the director raises to serious
  {
    rule: 'R7',
    type: 'event.raiseToSerious',
    payload: (a) => ({ eventId: a.eventId, decision }),
    own: ['director'],
    other: ['director'],
  },
  // R8 director proposes, chair declares or rejects
  {
    rule: 'R8',
    type: 'event.proposeExtraordinary',
    payload: (a) => ({ eventId: a.eventId, basis: 'Underlag.' }),
    own: ['director'],
    other: ['director'],
  },
  {
    rule: 'R8',
    type: 'event.withdrawProposal',
    payload: () => ({ proposalId: PROPOSAL, reason: 'Ändrat läge.' }),
    own: ['director'],
    other: ['director'],
  },
  {
    rule: 'R8',
    type: 'event.declareExtraordinary',
    payload: () => ({ proposalId: PROPOSAL, confirm: true, decision }),
    own: ['chair'],
    other: ['chair'],
  },
  {
    rule: 'R200',
    type: 'event.judgeExtraordinary',
    payload: () => ({ eventId: SERIOUS, confirm: true, decision }),
    own: ['chair'],
    other: ['chair'],
  },
  {
    rule: 'R8',
    type: 'event.rejectProposal',
    payload: () => ({ proposalId: PROPOSAL, reason: 'Nej.' }),
    own: ['chair'],
    other: ['chair'],
  },
  // R10 lowering: the chair leaves extraordinary, the director leaves serious
  {
    rule: 'R10',
    type: 'event.lowerLevel',
    variant: 'serious',
    payload: () => ({ eventId: SERIOUS, to: 'disruption', decision }),
    own: ['director'],
    other: ['director'],
  },
  {
    rule: 'R10',
    type: 'event.lowerLevel',
    variant: 'extraordinary',
    payload: () => ({ eventId: EXTRA, to: 'serious', decision, initiative: { kind: 'own' } }),
    own: ['chair'],
    other: ['chair'],
  },
  {
    rule: 'R5',
    type: 'event.close',
    variant: 'disruption',
    payload: (a) => ({ eventId: a.eventId, decision }),
    own: ['director', 'security_chief', 'district_officer', 'unit_officer'],
    other: ['director', 'security_chief'],
  },
  {
    rule: 'R10',
    type: 'event.close',
    variant: 'serious',
    payload: () => ({ eventId: SERIOUS, decision }),
    own: ['director'],
    other: ['director'],
  },
  {
    rule: 'R10',
    type: 'event.close',
    variant: 'extraordinary',
    payload: () => ({ eventId: EXTRA, decision }),
    own: ['chair'],
    other: ['chair'],
  },
  // R9 only the director activates or deactivates CKL
  {
    rule: 'R9',
    type: 'ckl.activate',
    payload: () => ({ eventId: SERIOUS, functions: ['liaison'], decision }),
    own: ['director'],
    other: ['director'],
  },
  {
    rule: 'R9',
    type: 'ckl.deactivate',
    payload: () => ({ eventId: SERIOUS, functions: ['liaison'], decision }),
    own: ['director'],
    other: ['director'],
  },
  {
    rule: 'R11',
    type: 'evaluation.complete',
    payload: () => ({ evaluationId: EVALUATION, summary: 'Lärdomar.', findings: ['Lärdom.'] }),
    own: ['director', 'security_chief', 'ckl_lead'],
    other: ['director', 'security_chief', 'ckl_lead'],
  },
  // R12, R13 the chair acts for the board in function
  {
    rule: 'R12',
    type: 'board.urgentDecision',
    payload: () => ({ decision: { ...decision, what: 'Stäng skolor.' } }),
    own: ['chair'],
    other: ['chair'],
  },
  {
    rule: 'R12',
    type: 'board.reportUrgentDecision',
    payload: () => ({ decisionId: URGENT, reference: 'KLN 2026:1' }),
    own: ['chair'],
    other: ['chair'],
  },
  {
    rule: 'R13',
    type: 'board.takeOverArea',
    payload: () => ({
      eventId: EXTRA,
      scope: { fromBoard: 'Äldrenämnden', part: 'Äldreomsorgen', from: NOW },
      decision: { ...decision, whyUrgent: 'Kan inte vänta' },
    }),
    own: ['chair'],
    other: ['chair'],
  },
  // R15 höjd beredskap recorded by director or security chief
  {
    rule: 'R15',
    type: 'alert.recordHeightened',
    payload: () => ({
      level: 'elevated',
      governmentDecisionRef: 'Fö2026/1',
      text: 'Skärpt beredskap.',
      decision,
    }),
    own: ['director', 'security_chief'],
    other: ['director', 'security_chief'],
  },
  // R14 the role's holder or an administrator grants and revokes deputies
  {
    rule: 'R14',
    type: 'delegation.grant',
    variant: 'director',
    payload: () => ({ role: 'director', toUserId: 'stabschef', basis: 'Semester.' }),
    own: ['director', 'admin'],
    other: ['director', 'admin'],
  },
  {
    rule: 'R14',
    type: 'delegation.grant',
    variant: 'chair',
    payload: () => ({ role: 'chair', toUserId: 'presidium', basis: 'Semester.' }),
    own: ['chair', 'admin'],
    other: ['chair', 'admin'],
  },
  {
    rule: 'R14',
    type: 'delegation.revoke',
    payload: () => ({ delegationId: DELEGATION }),
    own: ['director', 'admin'],
    other: ['director', 'admin'],
  },
  // R2, R16, R17 a district's picture is its own officer's
  {
    rule: 'R16',
    type: 'district.report',
    payload: (a) => ({
      ...report(a),
      status: 'severe',
      happened: 'Värre.',
      crisisSupport: 'standby',
    }),
    own: ['district_officer'],
    other: [],
  },
  {
    rule: 'R16',
    type: 'district.confirmNoChange',
    payload: report,
    own: ['district_officer'],
    other: [],
  },
  {
    rule: 'R2',
    type: 'marker.place',
    payload: (a) => ({
      kind: 'incident',
      label: 'Ny',
      districtId: a.districtId,
      lat: 59.3,
      lng: 18,
    }),
    own: ['district_officer'],
    other: [],
  },
  {
    rule: 'R2',
    type: 'marker.move',
    payload: (a) => ({ markerId: a.markerId, lat: 59.31, lng: 18.01 }),
    own: ['district_officer'],
    other: [],
  },
  {
    rule: 'R2',
    type: 'marker.remove',
    payload: (a) => ({ markerId: a.markerId }),
    own: ['district_officer'],
    other: [],
  },
  // R3 the observer writes nothing; R2 a district's log is its officer's (and central roles')
  {
    rule: 'R3',
    type: 'log.write',
    variant: 'general note',
    payload: () => ({ text: 'Anteckning.' }),
    own: except('observer', 'board_member'),
    other: except('observer', 'board_member'),
  },
  {
    rule: 'R2',
    type: 'log.write',
    variant: 'district log',
    payload: (a) => ({ text: 'Anteckning.', districtId: a.districtId }),
    own: except('observer', 'board_member', 'unit_officer'),
    other: except('observer', 'board_member', 'unit_officer', 'district_officer'),
  },
  {
    rule: 'R18',
    type: 'log.write',
    variant: 'confidential district note',
    payload: (a) => ({ text: 'Sekretess.', districtId: a.districtId, confidential: true }),
    own: except('observer', 'board_member', 'unit_officer'),
    other: except('observer', 'board_member', 'unit_officer', 'district_officer'),
  },
  // Tasks: the CKL lead and the director give them; the assignee updates them
  {
    rule: 'R79',
    type: 'task.create',
    payload: (a) => ({
      title: 'Uppdrag',
      assignee: { kind: 'district', districtId: a.districtId },
    }),
    own: ['director', 'ckl_lead'],
    other: ['director', 'ckl_lead'],
  },
  {
    rule: 'R79',
    type: 'task.update',
    variant: 'district task',
    payload: (a) => ({ taskId: a.taskId, status: 'in_progress' }),
    own: ['director', 'ckl_lead', 'district_officer'],
    other: ['director', 'ckl_lead'],
  },
  {
    rule: 'R79',
    type: 'task.update',
    variant: 'function task',
    payload: () => ({ taskId: FN_TASK, status: 'in_progress' }),
    own: ['director', 'ckl_lead', 'ckl_liaison'],
    other: ['director', 'ckl_lead', 'ckl_liaison'],
  },
  {
    rule: 'R79',
    type: 'task.update',
    variant: 'deadline',
    payload: (a) => ({ taskId: a.taskId, deadline: LATER }),
    own: ['director', 'ckl_lead'],
    other: ['director', 'ckl_lead'],
  },
  // Accounts: administrators only
  {
    rule: 'R1',
    type: 'user.register',
    payload: () => ({ userId: 'ny.person', name: 'Ny Person', role: 'observer' }),
    own: ['admin'],
    other: ['admin'],
  },
  {
    rule: 'R74',
    type: 'user.disable',
    payload: () => ({ userId: 'analys' }),
    own: ['admin'],
    other: ['admin'],
  },
  {
    rule: 'R74',
    type: 'user.enable',
    payload: () => ({ userId: 'analys' }),
    own: ['admin'],
    other: ['admin'],
  },
];

// ------------------------------------------------------------------------------------------

test('R79 the table covers every core command in COMMANDS', () => {
  // Commands of later capabilities carry their own role tables (e.g. CKL, R20–R39).
  // The lifecycle's versions of core commands (R200–R204) are core commands here too.
  const coreDefs = new Set<unknown>([
    ...Object.values(core),
    ...Object.values(JUDGEMENT_COMMANDS),
    ...Object.values(CENTRAL_SUPPORT_COMMANDS),
    ...Object.values(EVALUATION_COMMANDS),
  ]);
  const covered = new Set(TABLE.map((r) => r.type));
  const coreTypes = Object.keys(COMMANDS).filter((t) => coreDefs.has(COMMANDS[t as CommandType]));
  expect(coreTypes.length).toBeGreaterThanOrEqual(29);
  expect(coreTypes.filter((t) => !covered.has(t as CommandType))).toEqual([]);
});

test('R3 an observer is refused every command in the table', () => {
  for (const row of TABLE) expect([...row.own, ...row.other]).not.toContain('observer');
});

const cases = TABLE.flatMap((row) =>
  ALL.flatMap((role) =>
    (['own', 'other'] as const).map((where) => ({
      row,
      role,
      where,
      allowed: row[where].includes(role),
    })),
  ),
);

describe.each(
  TABLE.map((r) => [`${r.rule} ${r.type}${r.variant ? ` (${r.variant})` : ''}`, r] as const),
)('%s', (_name, row) => {
  test.each(
    cases
      .filter((c) => c.row === row)
      .map((c) => [c.role, c.where, c.allowed ? 'allowed' : 'refused'] as const),
  )('%s, %s area: %s', (role, where, verdict) => {
    const actor = actorOf(role);
    const payload = row.payload(areaFor(role, where === 'own'));
    const parsed = COMMANDS[row.type].payload.safeParse(payload);
    expect(parsed.error?.issues ?? []).toEqual([]); // the table's payloads are valid
    const out = handleCommand(actor, { type: row.type, payload }, WORLD, { now: NOW, newId });
    const code = isRefusal(out) ? out.code : 'OK';
    if (verdict === 'refused') expect(code).toBe('FORBIDDEN');
    else expect(['FORBIDDEN', 'INVALID', 'UNKNOWN_COMMAND']).not.toContain(code);
  });
});

test('R14 a deputy acts for the role only while a delegation is recorded', () => {
  const tf = actorOf('observer');
  const deputy: Actor = { ...tf, userId: 'tjg.stadsdir', actingFor: 'director' };
  const raise = { type: 'event.raiseToSerious', payload: { eventId: EVT.farsta, decision } };
  const ok = handleCommand(deputy, raise, WORLD, { now: NOW, newId });
  expect(isRefusal(ok) ? ok.code : 'OK').toBe('OK');
  // Without the delegation (another observer claiming the same role): refused.
  const claimer: Actor = { ...tf, actingFor: 'director' };
  const no = handleCommand(claimer, raise, WORLD, { now: NOW, newId });
  expect(isRefusal(no) && no.code).toBe('FORBIDDEN');
  // After revocation: refused.
  const revoked = handleCommand(
    SYSTEM_ACTOR,
    { type: 'delegation.revoke', payload: { delegationId: DELEGATION } },
    WORLD,
    { now: NOW, newId },
  );
  if (isRefusal(revoked)) throw new Error(revoked.message);
  const saved = state;
  apply(revoked);
  const after = handleCommand(deputy, raise, state, { now: NOW, newId });
  state = saved;
  expect(isRefusal(after) && after.code).toBe('FORBIDDEN');
});
