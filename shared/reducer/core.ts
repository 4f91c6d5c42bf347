import type { EventData, StoredEvent } from '../events';
import type { CORE_EVENTS } from '../events/schemas';
import type { CityState, CrisisEvent, DistrictSituationReport, UserProfile } from '../domain/state';
import { lookup, put, setEntry } from '../domain/keyed';
import { reportBody } from './reportBody';

/** How much recent history the live state keeps; the full history is the log itself. */
export const STATE_LOG_TAIL = 1000;
export const STATE_REPORTS_PER_DISTRICT = 30;

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type CoreAppliers = {
  [K in keyof typeof CORE_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

function patchEvent(s: CityState, id: string, f: (e: CrisisEvent) => CrisisEvent): CityState {
  const e = lookup(s.events, id);
  if (!e) return s;
  return { ...s, events: { ...s.events, [id]: f(e) } };
}

/**
 * The board enters function when an open event becomes extraordinary (R8) and stays in function
 * until the board itself decides that its function ends (R198, `board.functionEnded`): lowering
 * or closing the event does not end it.
 */
function withBoard(s: CityState, at: string): CityState {
  if (s.boardInFunction) return s;
  const extraordinary = Object.values(s.events).some(
    (e) => e.status === 'open' && e.level === 'extraordinary',
  );
  if (!extraordinary) return s;
  const board = { ...s.board, inFunctionSince: at };
  delete board.functionEnded;
  return { ...s, boardInFunction: true, board };
}

export const coreAppliers: CoreAppliers = {
  'division.configured': (s, d) => {
    const districts = { ...s.districts };
    for (const dist of d.districts) {
      setEntry(
        districts,
        dist.id,
        lookup(districts, dist.id) ?? { districtId: dist.id, name: dist.name, reportIds: [] },
      );
    }
    return { ...s, division: { id: d.id, name: d.name, districts: d.districts }, districts };
  },
  'user.registered': (s, d) => {
    // A profile update (new groups at the IdP) keeps the re-enable mark (R114).
    const from = lookup(s.users, d.userId)?.sessionsFromSeq;
    return {
      ...s,
      users: put<UserProfile>(s.users, d.userId, {
        ...d,
        active: true,
        ...(from === undefined ? {} : { sessionsFromSeq: from }),
      }),
    };
  },
  'user.disabled': (s, d) => {
    const u = lookup(s.users, d.userId);
    return u ? { ...s, users: put<UserProfile>(s.users, d.userId, { ...u, active: false }) } : s;
  },
  'user.enabled': (s, d, m) => {
    const u = lookup(s.users, d.userId);
    return u
      ? {
          ...s,
          users: put<UserProfile>(s.users, d.userId, {
            ...u,
            active: true,
            sessionsFromSeq: m.seq,
          }),
        }
      : s;
  },
  'event.opened': (s, d, m) => ({
    ...s,
    events: {
      ...s.events,
      [d.eventId]: {
        id: d.eventId,
        title: d.title,
        description: d.description,
        level: 'disruption',
        status: 'open',
        owner: d.owner,
        affectedDistrictIds: d.affectedDistrictIds,
        affectedUnitIds: d.affectedUnitIds,
        openedAt: m.at,
        openedBy: m.actor,
        updatedAt: m.at,
        levelHistory: [{ level: 'disruption', at: m.at, decisionId: '' }],
        ckl: {},
        cklEverActivated: false,
        centralSupport: { status: 'none' },
        ...(d.source ? { source: d.source } : {}),
      },
    },
  }),
  'event.updated': (s, d, m) =>
    patchEvent(s, d.eventId, (e) => ({
      ...e,
      title: d.title ?? e.title,
      description: d.description ?? e.description,
      affectedDistrictIds: d.affectedDistrictIds ?? e.affectedDistrictIds,
      affectedUnitIds: d.affectedUnitIds ?? e.affectedUnitIds,
      updatedAt: m.at,
    })),
  'event.centralSupportRequested': (s, d, m) =>
    patchEvent(s, d.eventId, (e) => ({
      ...e,
      centralSupport: { status: 'requested', requestedAt: m.at, reason: d.reason },
      updatedAt: m.at,
    })),
  'decision.recorded': (s, d, m) => ({
    ...s,
    decisions: {
      ...s.decisions,
      [d.decisionId]: {
        id: d.decisionId,
        kind: d.kind,
        eventId: d.eventId,
        decidedBy: m.actor,
        at: m.at,
        basis: d.basis,
        what: d.what,
        informed: d.informed,
        ...(d.initiative ? { initiative: d.initiative } : {}),
        ...(d.consulted ? { consulted: d.consulted } : {}),
        ...(d.secondHand ? { secondHand: d.secondHand } : {}),
      },
    },
    decisionOrder: [...s.decisionOrder, d.decisionId],
  }),
  'event.centralSupportDecided': (s, d, m) =>
    patchEvent(s, d.eventId, (e) => ({
      ...e,
      centralSupport: {
        ...e.centralSupport,
        status: d.granted ? 'granted' : 'declined',
        decisionId: d.decisionId,
      },
      updatedAt: m.at,
    })),
  'event.levelChanged': (s, d, m) =>
    withBoard(
      patchEvent(s, d.eventId, (e) => ({
        ...e,
        level: d.level,
        levelHistory: [...e.levelHistory, { level: d.level, at: m.at, decisionId: d.decisionId }],
        updatedAt: m.at,
      })),
      m.at,
    ),
  'ckl.activated': (s, d, m) =>
    patchEvent(s, d.eventId, (e) => {
      const ckl = { ...e.ckl };
      for (const fn of d.functions)
        ckl[fn] = ckl[fn] ?? { activatedAt: m.at, decisionId: d.decisionId };
      return { ...e, ckl, cklEverActivated: true, updatedAt: m.at };
    }),
  'ckl.deactivated': (s, d, m) =>
    patchEvent(s, d.eventId, (e) => {
      const ckl = { ...e.ckl };
      for (const fn of d.functions) delete ckl[fn];
      return { ...e, ckl, updatedAt: m.at };
    }),
  'proposal.made': (s, d, m) =>
    patchEvent(
      {
        ...s,
        proposals: {
          ...s.proposals,
          [d.proposalId]: {
            id: d.proposalId,
            eventId: d.eventId,
            proposedBy: m.actor,
            at: m.at,
            basis: d.basis,
            status: 'pending',
          },
        },
      },
      d.eventId,
      (e) => ({ ...e, pendingProposalId: d.proposalId, updatedAt: m.at }),
    ),
  'proposal.resolved': (s, d, m) => {
    const p = lookup(s.proposals, d.proposalId);
    if (!p) return s;
    const next = {
      ...s,
      proposals: {
        ...s.proposals,
        [p.id]: { ...p, status: d.status, resolvedAt: m.at, resolution: d.resolution },
      },
    };
    return patchEvent(next, p.eventId, (e) => ({ ...e, pendingProposalId: undefined }));
  },
  'board.urgentDecisionReported': (s, d, m) => {
    const dec = lookup(s.decisions, d.decisionId);
    if (!dec) return s;
    return {
      ...s,
      decisions: {
        ...s.decisions,
        [dec.id]: { ...dec, reportedToBoard: { at: m.at, by: m.actor, reference: d.reference } },
      },
    };
  },
  'heightenedAlert.recorded': (s, d, m) => ({
    ...s,
    heightenedAlert: {
      level: d.level,
      governmentDecisionRef: d.governmentDecisionRef,
      text: d.text,
      since: m.at,
      decisionId: d.decisionId,
    },
  }),
  'delegation.granted': (s, d, m) => ({
    ...s,
    delegations: {
      ...s.delegations,
      [d.delegationId]: {
        id: d.delegationId,
        role: d.role,
        toUserId: d.toUserId,
        grantedBy: m.actor,
        at: m.at,
        basis: d.basis,
        until: d.until,
      },
    },
  }),
  'delegation.revoked': (s, d, m) => {
    const del = lookup(s.delegations, d.delegationId);
    return del
      ? { ...s, delegations: { ...s.delegations, [del.id]: { ...del, revokedAt: m.at } } }
      : s;
  },
  'event.closed': (s, d, m) =>
    withBoard(
      patchEvent(s, d.eventId, (e) => ({
        ...e,
        status: 'closed',
        closedAt: m.at,
        ckl: {},
        updatedAt: m.at,
      })),
      m.at,
    ),
  'evaluation.opened': (s, d, m) =>
    patchEvent(
      {
        ...s,
        evaluations: {
          ...s.evaluations,
          [d.evaluationId]: {
            id: d.evaluationId,
            eventId: d.eventId,
            openedAt: m.at,
            status: 'to_do',
          },
        },
      },
      d.eventId,
      (e) => ({ ...e, evaluationId: d.evaluationId }),
    ),
  'evaluation.completed': (s, d, m) => {
    const ev = lookup(s.evaluations, d.evaluationId);
    return ev
      ? {
          ...s,
          evaluations: {
            ...s.evaluations,
            [ev.id]: {
              ...ev,
              status: 'done',
              doneAt: m.at,
              doneBy: m.actor,
              summary: d.summary,
              ...(d.findings ? { findings: d.findings } : {}),
              ...(d.actions ? { actions: d.actions } : {}),
              ...(d.followUpAt ? { followUpAt: d.followUpAt } : {}),
            },
          },
        }
      : s;
  },
  'log.written': (s, d, m) => {
    const entry = {
      id: d.entryId,
      eventId: d.eventId,
      districtId: d.districtId,
      at: m.at,
      by: m.actor,
      text: d.text,
      ...(m.audience ? { audience: m.audience } : {}),
      ...(d.source ? { source: d.source } : {}),
    };
    const log =
      s.log.length >= STATE_LOG_TAIL
        ? [...s.log.slice(s.log.length - STATE_LOG_TAIL + 1), entry]
        : [...s.log, entry];
    return { ...s, log };
  },
  'task.created': (s, d, m) => ({
    ...s,
    tasks: {
      ...s.tasks,
      [d.taskId]: {
        id: d.taskId,
        eventId: d.eventId,
        title: d.title,
        description: d.description,
        assignee: d.assignee,
        deadline: d.deadline,
        status: 'open',
        createdAt: m.at,
        createdBy: m.actor,
        updatedAt: m.at,
      },
    },
  }),
  'task.updated': (s, d, m) => {
    const t = lookup(s.tasks, d.taskId);
    if (!t) return s;
    return {
      ...s,
      tasks: {
        ...s.tasks,
        [t.id]: {
          ...t,
          status: d.status ?? t.status,
          note: d.note ?? t.note,
          deadline: d.deadline ?? t.deadline,
          updatedAt: m.at,
        },
      },
    };
  },
  'district.reported': (s, d, m) => {
    const dist = lookup(s.districts, d.districtId);
    if (!dist) return s;
    const report: DistrictSituationReport = {
      id: d.reportId,
      districtId: d.districtId,
      ...reportBody(d, m),
      crisisSupport: d.crisisSupport,
      nextReportDue: d.nextReportDue,
      noChange: d.noChange,
    };
    const reportIds = [...dist.reportIds, d.reportId];
    const reports = { ...s.reports, [d.reportId]: report };
    while (reportIds.length > STATE_REPORTS_PER_DISTRICT)
      delete reports[reportIds.shift() as string];
    return {
      ...s,
      reports,
      districts: {
        ...s.districts,
        [d.districtId]: {
          ...dist,
          latestReportId: d.reportId,
          reportIds,
          confirmedAt: m.at,
          nextReportDue: d.nextReportDue,
        },
      },
    };
  },
  'marker.placed': (s, d, m) => ({
    ...s,
    markers: {
      ...s.markers,
      [d.markerId]: {
        id: d.markerId,
        kind: d.kind,
        label: d.label,
        districtId: d.districtId,
        eventId: d.eventId,
        lat: d.lat,
        lng: d.lng,
        placedBy: m.actor,
        at: m.at,
        removed: false,
      },
    },
  }),
  'marker.moved': (s, d, m) => {
    const mk = lookup(s.markers, d.markerId);
    return mk
      ? {
          ...s,
          markers: {
            ...s.markers,
            [mk.id]: { ...mk, lat: d.lat, lng: d.lng, districtId: d.districtId, at: m.at },
          },
        }
      : s;
  },
  'marker.removed': (s, d) => {
    if (!lookup(s.markers, d.markerId)) return s;
    const markers = { ...s.markers };
    delete markers[d.markerId];
    return { ...s, markers };
  },
};
