/**
 * What a share shows (R90–R99), derived from the state: the frozen reports a link may open and
 * how one is frozen from an approved version. Pure; the server renders it, the console previews
 * and lists it.
 */
import type { CityState, DistrictSituationReport } from '../domain/state';
import { sitrepBody, type SituationReportVersion } from '../domain/ckl';
import type { Share, SharedDistrict, SharedReport } from '../domain/share';
import { shareStatus } from '../domain/share';
import { tableGet, tableValues } from '../domain/table';
import { lookup } from '../domain/keyed';

/** A record's own entry under a key that came from outside (never its prototype's). */
export const own = <T>(rec: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(rec, key) ? lookup(rec, key) : undefined;

/**
 * R92: the version as it may leave the city. Only the approved text, the event's title and
 * level, and per district the status and time of the report the version was compiled from
 * (its sources), with what the sources said was stale or missing. Nothing else of the state.
 */
export function freezeReport(
  s: CityState,
  r: SituationReportVersion,
  approvedAt: string,
): SharedReport {
  const e = r.eventId ? own(s.events, r.eventId) : undefined;
  const bySource = new Map<string, DistrictSituationReport>();
  let unresolved = 0;
  for (const id of r.sources.districtReportIds) {
    const rep = own(s.reports, id);
    if (rep) bySource.set(rep.districtId, rep);
    else unresolved++;
  }
  const stale = new Set(r.sources.staleDistrictIds);
  const missing = new Set(r.sources.missingDistrictIds);
  const listed =
    s.division?.districts ??
    Object.values(s.districts).map((d) => ({ id: d.districtId, name: d.name }));
  const districts = listed.map((d): SharedDistrict => {
    const name = own(s.districts, d.id)?.name ?? d.name;
    const rep = bySource.get(d.id);
    if (rep)
      return {
        districtId: d.id,
        name,
        state: stale.has(d.id) ? 'stale' : 'fresh',
        status: rep.status,
        reportedAt: rep.at,
        nextReportDue: rep.nextReportDue,
      };
    if (missing.has(d.id)) return { districtId: d.id, name, state: 'missing' };
    // A source report the state no longer holds (a very old version): which district it was
    // from is not known, so say so rather than guess.
    return { districtId: d.id, name, state: unresolved > 0 ? 'unknown' : 'outside' };
  });
  return {
    sitrepId: r.id,
    series: r.series,
    version: r.version,
    ...(e ? { eventId: e.id, eventTitle: e.title, eventLevel: e.level } : {}),
    ...sitrepBody(r),
    approvedAt,
    districts: districts.sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  };
}

/** The share a token hash opens, in this state. */
export function shareByTokenHash(s: CityState, hash: string): Share | undefined {
  const id = tableGet(s.shares.byToken, hash);
  return id === undefined ? undefined : tableGet(s.shares.shares, id);
}

/**
 * The reports a share opens, newest first: its own version, or for a following share every
 * version of the series published since it was made. The first is what the page shows.
 */
export function sharedReports(s: CityState, sh: Share): SharedReport[] {
  if (!sh.follow) {
    const r = tableGet(s.shares.reports, sh.sitrepId);
    return r ? [r] : [];
  }
  const ids = tableGet(s.shares.series, sh.series) ?? [];
  return ids
    .map((id) => tableGet(s.shares.reports, id))
    .filter((r): r is SharedReport => r !== undefined && r.version >= sh.fromVersion)
    .sort((a, b) => b.version - a.version);
}

/** Whether a version newer than `version` of the series has been approved since. */
export function newerApproved(s: CityState, series: string, version: number): boolean {
  return Object.values(s.ckl.sitreps).some(
    (r) =>
      r.series === series &&
      r.version > version &&
      (r.status === 'approved' || r.status === 'superseded'),
  );
}

/** Shares still open at `now` that follow a series (a new approval there is published). */
export const followersOf = (s: CityState, series: string, now: string): Share[] =>
  tableValues(s.shares.shares).filter(
    (sh) => sh.follow && sh.series === series && shareStatus(sh, now) === 'active',
  );

/** Every share, newest first. */
export const allShares = (s: CityState): Share[] =>
  tableValues(s.shares.shares).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
