/**
 * Pure derived views of a space's state: what the console shows and what server exports can
 * reuse. No rule of who may do what lives here (that is shared/policy); only reading.
 */
import type {
  CityState,
  CrisisEvent,
  DecisionRecord,
  Delegation,
  DistrictSituation,
  DistrictSituationReport,
  ExtraordinaryProposal,
  LogEntry,
  MapMarker,
} from './domain/state';
import type { DelegableRole, DistrictStatus, Level } from './domain/vocabulary';
import { DELEGABLE_ROLES, LEVEL_LABEL, levelRank } from './domain/vocabulary';
import { unitById } from './domain/units';
import { delegationActive } from './policy/predicates';
import { actsBySuccession } from './policy/succession';
import { lookup } from './domain/keyed';

const ms = (iso: string): number => Date.parse(iso);

/** Whole minutes from `fromIso` to `nowIso` (never negative). */
export function minutesBetween(fromIso: string, nowIso: string): number {
  return Math.max(0, Math.floor((ms(nowIso) - ms(fromIso)) / 60_000));
}

/** "12 min", "3 h 05 min", "2 d 4 h": an age a tired reader takes in at a glance. */
export function formatAge(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  if (h < 48) return `${h} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** The open events, highest level first, then most recently changed. */
export function openEvents(s: CityState): CrisisEvent[] {
  return Object.values(s.events)
    .filter((e) => e.status === 'open')
    .sort(
      (a, b) =>
        levelRank(b.level) - levelRank(a.level) ||
        b.updatedAt.localeCompare(a.updatedAt) ||
        a.id.localeCompare(b.id),
    );
}

/** The city's level: the highest level of any open event, or null when nothing is open. */
export function cityLevel(s: CityState): Level | null {
  let best: Level | null = null;
  for (const e of Object.values(s.events))
    if (e.status === 'open' && (best === null || levelRank(e.level) > levelRank(best)))
      best = e.level;
  return best;
}

export function cityLevelLabel(s: CityState): string {
  const l = cityLevel(s);
  return l ? LEVEL_LABEL[l] : 'Normalläge – inga öppna händelser';
}

/** Who owns an event, in words (ansvarsprincipen). */
export function ownerLabel(s: CityState, e: CrisisEvent): string {
  switch (e.owner.kind) {
    case 'district':
      return lookup(s.districts, e.owner.id)?.name ?? e.owner.id;
    case 'unit':
      return unitById(e.owner.id)?.name ?? e.owner.id;
    case 'central':
      return 'Staden centralt';
    default: {
      const never: never = e.owner;
      return String(never);
    }
  }
}

export interface DistrictView {
  id: string;
  name: string;
  /** null until the district has reported at all. */
  status: DistrictStatus | null;
  latest?: DistrictSituationReport;
  /** Minutes since the last report or no-change confirmation. */
  ageMinutes: number | null;
  overdue: boolean;
  /** Minutes past the promised next report (0 when not overdue). */
  overdueMinutes: number;
  nextReportDue?: string;
}

/** A report is overdue when the time its last report promised has passed (or none was ever filed). */
export function isReportOverdue(d: DistrictSituation, nowIso: string): boolean {
  return d.nextReportDue !== undefined && ms(d.nextReportDue) < ms(nowIso);
}

export function districtView(s: CityState, districtId: string, nowIso: string): DistrictView {
  const d = lookup(s.districts, districtId);
  const name =
    d?.name ?? s.division?.districts.find((x) => x.id === districtId)?.name ?? districtId;
  if (!d)
    return {
      id: districtId,
      name,
      status: null,
      ageMinutes: null,
      overdue: false,
      overdueMinutes: 0,
    };
  const latest = d.latestReportId ? lookup(s.reports, d.latestReportId) : undefined;
  const overdue = isReportOverdue(d, nowIso);
  return {
    id: districtId,
    name,
    status: latest?.status ?? null,
    latest,
    ageMinutes: d.confirmedAt ? minutesBetween(d.confirmedAt, nowIso) : null,
    overdue,
    overdueMinutes: overdue && d.nextReportDue ? minutesBetween(d.nextReportDue, nowIso) : 0,
    nextReportDue: d.nextReportDue,
  };
}

export function districtViews(s: CityState, nowIso: string): DistrictView[] {
  const ids = s.division?.districts.map((d) => d.id) ?? Object.keys(s.districts);
  return ids.map((id) => districtView(s, id, nowIso));
}

/** The district's reports, newest first. */
export function districtHistory(s: CityState, districtId: string): DistrictSituationReport[] {
  const d = lookup(s.districts, districtId);
  if (!d) return [];
  return d.reportIds
    .map((id) => lookup(s.reports, id))
    .filter((r): r is DistrictSituationReport => r !== undefined)
    .reverse();
}

export function districtMarkers(s: CityState, districtId?: string): MapMarker[] {
  return Object.values(s.markers).filter(
    (m) => !m.removed && (districtId === undefined || m.districtId === districtId),
  );
}

/** The open events that concern a district (owned by it or naming it as affected). */
export function eventsForDistrict(s: CityState, districtId: string): CrisisEvent[] {
  return openEvents(s).filter(
    (e) =>
      (e.owner.kind === 'district' && e.owner.id === districtId) ||
      e.affectedDistrictIds.includes(districtId),
  );
}

export function pendingProposals(s: CityState): ExtraordinaryProposal[] {
  return Object.values(s.proposals)
    .filter((p) => p.status === 'pending')
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** Decisions, newest first. */
export function decisionLog(s: CityState, eventId?: string): DecisionRecord[] {
  const out: DecisionRecord[] = [];
  for (let i = s.decisionOrder.length - 1; i >= 0; i--) {
    const d = lookup(s.decisions, s.decisionOrder[i]);
    if (d && (eventId === undefined || d.eventId === eventId)) out.push(d);
  }
  return out;
}

export function urgentDecisions(s: CityState): DecisionRecord[] {
  return decisionLog(s).filter((d) => d.kind === 'urgent_decision');
}

/** Urgent decisions the chair has not yet reported to the board (R12). */
export function unreportedUrgentDecisions(s: CityState): DecisionRecord[] {
  return urgentDecisions(s).filter((d) => !d.reportedToBoard);
}

/** The event's log (dagbok), newest first. */
export function eventLog(s: CityState, eventId: string): LogEntry[] {
  return s.log.filter((l) => l.eventId === eventId).reverse();
}

export function eventTasks(s: CityState, eventId: string) {
  return Object.values(s.tasks)
    .filter((t) => t.eventId === eventId)
    .sort((a, b) => (a.deadline ?? '9').localeCompare(b.deadline ?? '9'));
}

export interface TimelineItem {
  at: string;
  kind: 'opened' | 'decision' | 'log' | 'level';
  text: string;
  by?: string;
}

/** One line per thing that happened to an event, newest first. */
export function eventTimeline(s: CityState, eventId: string): TimelineItem[] {
  const e = lookup(s.events, eventId);
  if (!e) return [];
  const items: TimelineItem[] = [
    { at: e.openedAt, kind: 'opened', text: `Händelsen öppnades: ${e.title}`, by: e.openedBy.name },
    ...e.levelHistory.map((l) => ({
      at: l.at,
      kind: 'level' as const,
      text: `Nivå: ${LEVEL_LABEL[l.level]}`,
    })),
    ...decisionLog(s, eventId).map((d) => ({
      at: d.at,
      kind: 'decision' as const,
      text: d.what,
      by: d.decidedBy.name,
    })),
    ...eventLog(s, eventId).map((l) => ({
      at: l.at,
      kind: 'log' as const,
      text: l.text,
      by: l.by.name,
    })),
  ];
  return items.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * The deciding roles a person may act for right now: through a recorded delegation (R14), as
 * vice chair by succession (R207) or on the duty roster (R208).
 */
export function actingRolesFor(s: CityState, userId: string, nowIso: string): DelegableRole[] {
  const roles = new Set<DelegableRole>();
  for (const d of Object.values(s.delegations) as Delegation[])
    if (d.toUserId === userId && delegationActive(s, userId, d.role, nowIso)) roles.add(d.role);
  for (const r of DELEGABLE_ROLES) if (actsBySuccession(s, userId, r, nowIso)) roles.add(r);
  return [...roles];
}
