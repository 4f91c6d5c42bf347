/**
 * Every role × every core command, allowed or refused as docs/rules.md says.
 * The expected matrix is written out as data so it can be read against the rules.
 */
import { COMMANDS, type CommandType } from '../commands';
import * as core from '../commands/core';
import { ROLES, type Role } from '../domain/vocabulary';
import { mayIssue } from '../handleCommand';
import { ACTOR_BY_ROLE, ACTORS, baseLog, NOW, type PureLog } from '../../test/support/pureLog';

interface Fixture {
  log: PureLog;
  evtD: string; // disruption owned by Farsta, central support requested
  evtS: string; // serious, CKL analysis active, a pending proposal
  evtX: string; // extraordinary: the board is in function
  proposal: string;
  urgent: string;
  task: string;
  marker: string;
  delegation: string;
  evaluation: string;
  reportId: string;
}

function fixture(): Fixture {
  const log = baseLog();
  const D = ACTORS;
  const dec = { basis: 'Underlag', informed: [] };
  const open = (actor = D.district_officer, title = 'Störning') =>
    (
      log.ok(actor, 'event.open', { title, area: { kind: 'district', id: 'farsta' } })[0].data as {
        eventId: string;
      }
    ).eventId;
  const evtD = open();
  log.ok(D.district_officer, 'event.requestCentralSupport', {
    eventId: evtD,
    reason: 'Behöver stöd',
  });
  const evtS = open(D.district_officer, 'Allvarlig');
  log.ok(D.director, 'event.raiseToSerious', { eventId: evtS, decision: dec });
  log.ok(D.director, 'ckl.activate', { eventId: evtS, functions: ['analysis'], decision: dec });
  log.ok(D.director, 'event.proposeExtraordinary', { eventId: evtS, basis: 'Underlag' });
  const proposal = log.state.events[evtS].pendingProposalId as string;
  const evtX = open(D.district_officer, 'Extraordinär');
  log.ok(D.director, 'event.raiseToSerious', { eventId: evtX, decision: dec });
  log.ok(D.director, 'event.proposeExtraordinary', { eventId: evtX, basis: 'Underlag' });
  log.ok(D.chair, 'event.declareExtraordinary', {
    proposalId: log.state.events[evtX].pendingProposalId,
    confirm: true,
    decision: dec,
  });
  const urgent = (
    log.ok(D.chair, 'board.urgentDecision', {
      eventId: evtX,
      decision: { ...dec, what: 'Beslut' },
    })[0].data as { decisionId: string }
  ).decisionId;
  const task = (
    log.ok(D.ckl_lead, 'task.create', {
      title: 'Uppdrag',
      assignee: { kind: 'function', fn: 'analysis' },
    })[0].data as { taskId: string }
  ).taskId;
  const marker = (
    log.ok(D.district_officer, 'marker.place', {
      kind: 'incident',
      label: 'Brand',
      districtId: 'farsta',
      lat: 59.24,
      lng: 18.09,
    })[0].data as { markerId: string }
  ).markerId;
  const delegation = (
    log.ok(D.director, 'delegation.grant', {
      role: 'director',
      toUserId: 'tjg.stadsdir',
      basis: 'Semester',
    })[1].data as { delegationId: string }
  ).delegationId;
  const closedWithCkl = open(D.district_officer, 'Avslutad');
  log.ok(D.director, 'event.raiseToSerious', { eventId: closedWithCkl, decision: dec });
  log.ok(D.director, 'ckl.activate', {
    eventId: closedWithCkl,
    functions: ['liaison'],
    decision: dec,
  });
  log.ok(D.director, 'event.close', { eventId: closedWithCkl, decision: dec });
  const evaluation = log.state.events[closedWithCkl].evaluationId as string;
  const reportId = (
    log.ok(D.district_officer, 'district.report', {
      districtId: 'farsta',
      basedOnReportId: null,
      status: 'strained',
      happened: 'x',
      crisisSupport: 'standby',
      nextReportDue: NOW,
    })[0].data as { reportId: string }
  ).reportId;
  return {
    log,
    evtD,
    evtS,
    evtX,
    proposal,
    urgent,
    task,
    marker,
    delegation,
    evaluation,
    reportId,
  };
}

const fx = fixture();
const dec = { basis: 'Underlag', informed: ['Ordföranden'] };
const ALL: Role[] = [...ROLES];
const except = (...r: Role[]) => ALL.filter((x) => !r.includes(x));

/** [command, what the row checks, payload, the roles that may] */
const TABLE: [CommandType, string, unknown, Role[]][] = [
  [
    'event.open',
    'in own district (R5)',
    { title: 'T', area: { kind: 'district', id: 'farsta' } },
    ['district_officer', 'director', 'security_chief'],
  ],
  [
    'event.open',
    'in own unit (R5)',
    { title: 'T', area: { kind: 'unit', id: 'trafikkontoret' } },
    ['unit_officer', 'director', 'security_chief'],
  ],
  [
    'event.open',
    'for the whole city (R5)',
    { title: 'T', area: { kind: 'central' } },
    ['director', 'security_chief'],
  ],
  [
    'event.update',
    'a disruption (R2)',
    { eventId: fx.evtD, description: 'ny' },
    ['district_officer', 'director', 'security_chief', 'ckl_lead'],
  ],
  [
    'event.requestCentralSupport',
    'by the owning area (R6)',
    { eventId: fx.evtS, reason: 'x' },
    ['district_officer'],
  ],
  [
    'event.decideCentralSupport',
    '(R6)',
    { eventId: fx.evtD, granted: true, decision: dec, consulted: ['Farsta'] },
    ['director'],
  ],
  [
    'event.decideCentralSupport',
    'in second hand (R202)',
    {
      eventId: fx.evtD,
      granted: true,
      decision: dec,
      consulted: ['Farsta'],
      directorUnreachable: 'Nås inte.',
    },
    ['security_chief'],
  ],
  ['event.raiseToSerious', '(R7)', { eventId: fx.evtD, decision: dec }, ['director']],
  [
    'ckl.activate',
    '(R9)',
    { eventId: fx.evtS, functions: ['liaison'], decision: dec },
    ['director'],
  ],
  [
    'ckl.deactivate',
    '(R9)',
    { eventId: fx.evtS, functions: ['analysis'], decision: dec },
    ['director'],
  ],
  ['event.proposeExtraordinary', '(R8)', { eventId: fx.evtD, basis: 'x' }, ['director']],
  ['event.withdrawProposal', '(R8)', { proposalId: fx.proposal, reason: 'x' }, ['director']],
  [
    'event.declareExtraordinary',
    '(R8)',
    { proposalId: fx.proposal, confirm: true, decision: dec },
    ['chair'],
  ],
  ['event.rejectProposal', '(R8)', { proposalId: fx.proposal, reason: 'x' }, ['chair']],
  [
    'event.judgeExtraordinary',
    'with or without a proposal (R200)',
    { eventId: fx.evtS, confirm: true, decision: dec },
    ['chair'],
  ],
  [
    'event.lowerLevel',
    'from serious (R10)',
    { eventId: fx.evtS, to: 'disruption', decision: dec },
    ['director'],
  ],
  [
    'event.lowerLevel',
    'from extraordinary (R10)',
    { eventId: fx.evtX, to: 'serious', decision: dec, initiative: { kind: 'own' } },
    ['chair'],
  ],
  [
    'event.close',
    'a disruption',
    { eventId: fx.evtD, decision: dec },
    ['district_officer', 'director', 'security_chief'],
  ],
  ['event.close', 'a serious event', { eventId: fx.evtS, decision: dec }, ['director']],
  ['event.close', 'an extraordinary event', { eventId: fx.evtX, decision: dec }, ['chair']],
  [
    'evaluation.complete',
    '(R11)',
    { evaluationId: fx.evaluation, summary: 'Klart', findings: ['Bra'] },
    ['director', 'security_chief', 'ckl_lead'],
  ],
  [
    'board.urgentDecision',
    '(R12)',
    { eventId: fx.evtX, decision: { ...dec, what: 'Beslut' } },
    ['chair'],
  ],
  [
    'board.reportUrgentDecision',
    '(R12)',
    { decisionId: fx.urgent, reference: 'KLN 2026-11-24 §3' },
    ['chair'],
  ],
  [
    'board.takeOverArea',
    '(R13)',
    {
      eventId: fx.evtX,
      scope: {
        fromBoard: 'Äldrenämnden',
        part: 'Hemtjänsten i Söderort',
        unitIds: ['aldreforvaltningen'],
        from: NOW,
      },
      decision: { ...dec, whyUrgent: 'Kan inte vänta' },
    },
    ['chair'],
  ],
  [
    'alert.recordHeightened',
    '(R15)',
    {
      level: 'elevated',
      governmentDecisionRef: 'Fö2026/01',
      text: 'Skärpt beredskap',
      decision: dec,
    },
    ['director', 'security_chief'],
  ],
  [
    'delegation.grant',
    'of the director role (R14)',
    { role: 'director', toUserId: 'presidium', basis: 'x' },
    ['director', 'admin'],
  ],
  [
    'delegation.grant',
    'of the chair role (R14)',
    { role: 'chair', toUserId: 'vice.ordf', basis: 'x' },
    ['chair', 'admin'],
  ],
  [
    'delegation.revoke',
    'of the director role (R14)',
    { delegationId: fx.delegation },
    ['director', 'admin'],
  ],
  [
    'district.report',
    'own district (R2, R16)',
    {
      districtId: 'farsta',
      basedOnReportId: fx.reportId,
      status: 'severe',
      happened: 'x',
      crisisSupport: 'active',
      nextReportDue: NOW,
    },
    ['district_officer'],
  ],
  [
    'district.report',
    'another district (R2)',
    {
      districtId: 'bromma',
      basedOnReportId: null,
      status: 'severe',
      happened: 'x',
      crisisSupport: 'active',
      nextReportDue: NOW,
    },
    [],
  ],
  [
    'district.confirmNoChange',
    'own district (R16)',
    { districtId: 'farsta', basedOnReportId: fx.reportId, nextReportDue: NOW },
    ['district_officer'],
  ],
  [
    'marker.place',
    'in own district (R2)',
    { kind: 'trygghetspunkt', label: 'TP', districtId: 'farsta', lat: 59.24, lng: 18.09 },
    ['district_officer'],
  ],
  [
    'marker.move',
    'in own district (R2)',
    { markerId: fx.marker, lat: 59.241, lng: 18.091 },
    ['district_officer'],
  ],
  ['marker.remove', 'in own district (R2)', { markerId: fx.marker }, ['district_officer']],
  ['log.write', 'the common log (R3)', { text: 'Anteckning' }, except('observer', 'board_member')],
  [
    'log.write',
    "a district's log (R2, R3)",
    { districtId: 'farsta', text: 'Anteckning' },
    except('observer', 'unit_officer', 'board_member'),
  ],
  [
    'task.create',
    '',
    { title: 'Uppdrag', assignee: { kind: 'function', fn: 'liaison' } },
    ['ckl_lead', 'director'],
  ],
  [
    'task.update',
    'a task of the analysis function',
    { taskId: fx.task, status: 'in_progress' },
    ['ckl_lead', 'director', 'ckl_analysis'],
  ],
  ['user.register', '', { userId: 'ny.person', name: 'Ny Person', role: 'observer' }, ['admin']],
  ['user.disable', '', { userId: 'presidium' }, ['admin']],
  ['user.enable', '', { userId: 'presidium' }, ['admin']],
];

describe('R1 role × command table (core commands)', () => {
  test('every core command has at least one row', () => {
    const covered = new Set<string>(TABLE.map((r) => r[0]));
    const coreDefs = new Set<unknown>(Object.values(core));
    const missing = Object.entries(COMMANDS)
      .filter(([t, def]) => coreDefs.has(def) && !covered.has(t))
      .map(([t]) => t);
    expect(missing).toEqual([]);
  });

  for (const [type, what, payload, allowed] of TABLE) {
    for (const role of ROLES) {
      const may = allowed.includes(role);
      test(`${type} ${what}: ${role} ${may ? 'may' : 'may not'}`, () => {
        const verdict = mayIssue(ACTOR_BY_ROLE[role], type, payload, fx.log.state, NOW);
        if (may) expect(verdict).toBeNull();
        else {
          expect(verdict).not.toBeNull();
          expect(verdict?.code).toBe('FORBIDDEN');
          expect(verdict?.message).toMatch(/[a-zåäö]{3,}/i);
        }
      });
    }
  }

  test('every payload in the table is valid (so the table tests the policy, not the schema)', () => {
    for (const [type, , payload] of TABLE) {
      const r = (
        COMMANDS[type].payload as { safeParse: (x: unknown) => { success: boolean } }
      ).safeParse(payload);
      expect([type, r.success]).toEqual([type, true]);
    }
  });
});
