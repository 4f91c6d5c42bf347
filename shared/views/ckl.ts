/**
 * Pure derived views over the state for the CKL workspaces. Nothing here is stored: "overdue",
 * "stale" and "missing" depend on the time the console asks at.
 */
import type { CityState, CrisisEvent, Task } from '../domain/state';
import type { CklFunction, DistrictStatus } from '../domain/vocabulary';
import { CKL_FUNCTIONS, DISTRICT_STATUSES } from '../domain/vocabulary';
import type { ShiftPost, SupplyItem, UnitSituationReport } from '../domain/ckl';
import { dutyPost } from '../domain/alarm';
import { unitById } from '../domain/units';
import { lookup } from '../domain/keyed';

/** R22: a task is overdue when its deadline has passed and it is not done or cancelled. */
export function overdueTasks(state: CityState, now: string): Task[] {
  return Object.values(state.tasks)
    .filter(
      (t) =>
        t.deadline !== undefined &&
        t.deadline < now &&
        (t.status === 'open' || t.status === 'in_progress'),
    )
    .sort((a, b) => (a.deadline as string).localeCompare(b.deadline as string));
}

export interface FunctionStatus {
  fn: CklFunction;
  active: boolean;
  /** The open events it is activated on, with since when. */
  events: { eventId: string; title: string; since: string }[];
}

/** R21: which functions are activated, on which open events; an inactive one requires nothing. */
export function functionStatus(state: CityState): FunctionStatus[] {
  const open = Object.values(state.events).filter((e) => e.status === 'open');
  return CKL_FUNCTIONS.map((fn) => {
    const events = open
      .filter((e) => e.ckl[fn])
      .map((e) => ({ eventId: e.id, title: e.title, since: e.ckl[fn]!.activatedAt }));
    return { fn, active: events.length > 0, events };
  });
}

export const isFunctionActive = (state: CityState, fn: CklFunction, eventId?: string): boolean =>
  eventId
    ? lookup(state.events, eventId)?.status === 'open' &&
      lookup(state.events, eventId)?.ckl[fn] !== undefined
    : Object.values(state.events).some((e) => e.status === 'open' && e.ckl[fn] !== undefined);

/** CKL is at work when at least one function is activated on an open event. */
export const cklActive = (state: CityState, eventId?: string): boolean =>
  CKL_FUNCTIONS.some((fn) => isFunctionActive(state, fn, eventId));

export interface PictureDistrict {
  districtId: string;
  name: string;
  /** Affected by an open event. */
  affected: boolean;
  state: 'fresh' | 'stale' | 'missing';
  status?: DistrictStatus;
  reportId?: string;
  reportedAt?: string;
  ageMinutes?: number;
  nextReportDue?: string;
  needs?: string;
  happened?: string;
  crisisSupport?: string;
}

export interface PictureUnit {
  unitId: string;
  name: string;
  affected: boolean;
  state: 'fresh' | 'stale' | 'missing';
  report?: UnitSituationReport;
  ageMinutes?: number;
}

export interface SituationPicture {
  at: string;
  openEvents: Pick<CrisisEvent, 'id' | 'title' | 'level' | 'affectedDistrictIds'>[];
  districts: PictureDistrict[];
  units: PictureUnit[];
  /** Districts/units whose next report is overdue, and affected ones that never reported. */
  stale: string[];
  missing: string[];
  worstStatus: DistrictStatus;
  needs: { from: string; text: string }[];
}

const minutesBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

/**
 * R28: the joint situation picture (lägesbild) from each district's and unit's latest report.
 * A report is stale once its own "next report" time has passed; an affected area without any
 * report is missing. Unaffected districts without a report are listed but not counted missing.
 */
export function compileSituationPicture(state: CityState, now: string): SituationPicture {
  const open = Object.values(state.events).filter((e) => e.status === 'open');
  const affectedD = new Set(open.flatMap((e) => e.affectedDistrictIds));
  const affectedU = new Set(open.flatMap((e) => e.affectedUnitIds));
  for (const e of open) {
    if (e.owner.kind === 'district') affectedD.add(e.owner.id);
    if (e.owner.kind === 'unit') affectedU.add(e.owner.id);
  }
  const districts: PictureDistrict[] = Object.values(state.districts)
    .map((d): PictureDistrict => {
      const r = d.latestReportId ? lookup(state.reports, d.latestReportId) : undefined;
      const affected = affectedD.has(d.districtId);
      if (!r) return { districtId: d.districtId, name: d.name, affected, state: 'missing' };
      const due = d.nextReportDue ?? r.nextReportDue;
      return {
        districtId: d.districtId,
        name: d.name,
        affected,
        state: due < now ? 'stale' : 'fresh',
        status: r.status,
        reportId: r.id,
        reportedAt: d.confirmedAt ?? r.at,
        ageMinutes: minutesBetween(d.confirmedAt ?? r.at, now),
        nextReportDue: due,
        needs: r.needs,
        happened: r.happened,
        crisisSupport: r.crisisSupport,
      };
    })
    .sort((a, b) => Number(b.affected) - Number(a.affected) || a.name.localeCompare(b.name, 'sv'));
  const unitIds = new Set([...affectedU, ...Object.keys(state.ckl.unitReports)]);
  const units: PictureUnit[] = [...unitIds]
    .map((unitId): PictureUnit => {
      const report = lookup(state.ckl.unitReports, unitId);
      const name = unitById(unitId)?.name ?? unitId;
      const affected = affectedU.has(unitId);
      if (!report) return { unitId, name, affected, state: 'missing' };
      return {
        unitId,
        name,
        affected,
        state: report.nextReportDue < now ? 'stale' : 'fresh',
        report,
        ageMinutes: minutesBetween(report.at, now),
      };
    })
    .sort((a, b) => Number(b.affected) - Number(a.affected) || a.name.localeCompare(b.name, 'sv'));
  const statuses = [
    ...districts.map((d) => d.status),
    ...units.map((u) => u.report?.status),
  ].filter((x): x is DistrictStatus => x !== undefined);
  const worstStatus = statuses.reduce<DistrictStatus>(
    (w, st) => (DISTRICT_STATUSES.indexOf(st) > DISTRICT_STATUSES.indexOf(w) ? st : w),
    'normal',
  );
  return {
    at: now,
    openEvents: open.map((e) => ({
      id: e.id,
      title: e.title,
      level: e.level,
      affectedDistrictIds: e.affectedDistrictIds,
    })),
    districts,
    units,
    stale: [
      ...districts.filter((d) => d.state === 'stale').map((d) => d.districtId),
      ...units.filter((u) => u.state === 'stale').map((u) => u.unitId),
    ],
    missing: [
      ...districts.filter((d) => d.state === 'missing' && d.affected).map((d) => d.districtId),
      ...units.filter((u) => u.state === 'missing' && u.affected).map((u) => u.unitId),
    ],
    worstStatus,
    needs: [
      ...districts.filter((d) => d.needs).map((d) => ({ from: d.name, text: d.needs as string })),
      ...units
        .filter((u) => u.report?.needs)
        .map((u) => ({ from: u.name, text: u.report?.needs as string })),
    ],
  };
}

/** The briefing (stabsgenomgång) as everyone sees it: next time and whether it is late. */
export function nextBriefing(
  state: CityState,
  now: string,
): { nextAt?: string; overdue: boolean; minutesUntil?: number } {
  const nextAt = state.ckl.briefing.nextAt;
  if (!nextAt) return { overdue: false };
  return {
    nextAt,
    overdue: nextAt < now,
    minutesUntil: Math.round((Date.parse(nextAt) - Date.parse(now)) / 60_000),
  };
}

/** A shift of the CKL roster: a duty-schedule shift whose duty is a CKL post (R250). */
export interface RosterShift {
  id: string;
  post: ShiftPost;
  person: string;
  userId?: string;
  contactId?: string;
  from: string;
  to: string;
}

/**
 * Who is on duty now, and the next reliefs (avlösning), per post: read from the duty schedule,
 * the one source Bemanning and the call-in board read too (R250).
 */
export function rosterNow(
  state: CityState,
  now: string,
): { onDuty: RosterShift[]; upcoming: RosterShift[]; uncovered: string[] } {
  const live: RosterShift[] = [];
  for (const sh of Object.values(state.alarm.duty)) {
    const post = dutyPost(sh.duty);
    if (post)
      live.push({
        id: sh.id,
        post,
        person: sh.personName,
        ...(sh.userId ? { userId: sh.userId } : {}),
        ...(sh.contactId ? { contactId: sh.contactId } : {}),
        from: sh.from,
        to: sh.to,
      });
  }
  const at = Date.parse(now);
  const onDuty = live
    .filter((s) => Date.parse(s.from) <= at && at < Date.parse(s.to))
    .sort((a, b) => a.to.localeCompare(b.to));
  const upcoming = live
    .filter((s) => Date.parse(s.from) > at)
    .sort((a, b) => a.from.localeCompare(b.from));
  const covered = new Set<string>(onDuty.map((s) => s.post));
  const activeFns = functionStatus(state)
    .filter((f) => f.active)
    .map((f) => f.fn as string);
  const uncovered = [...(activeFns.length ? ['lead'] : []), ...activeFns].filter(
    (p) => !covered.has(p),
  );
  return { onDuty, upcoming, uncovered };
}

export const lowSupplies = (state: CityState): SupplyItem[] =>
  Object.values(state.ckl.supplies).filter(
    (i) => i.minimum !== undefined && i.quantity < i.minimum,
  );

/** Sum in kronor for display; the state counts öre to stay exact. */
export const kronor = (ore: number): string =>
  (ore / 100).toLocaleString('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
