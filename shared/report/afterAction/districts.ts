/**
 * How fresh the districts' situation reports were: how many came, the longest silence, and how
 * often a report came after the time the previous one promised (R-freshness in the console).
 */
import type { StoredEvent } from '../../events';
import { DISTRICT_STATUSES, type DistrictStatus } from '../../domain/vocabulary';
import { msBetween, type ReportContext } from './context';
import type { DistrictFreshness } from './types';

type Report = Extract<StoredEvent, { type: 'district.reported' }>;

export function districtsOf(ctx: ReportContext): DistrictFreshness[] {
  const ids = new Set<string>();
  for (const e of ctx.events) {
    if (e.type === 'event.opened') for (const d of e.data.affectedDistrictIds) ids.add(d);
    if (e.type === 'district.reported') ids.add(e.data.districtId);
  }
  const rank = (s: DistrictStatus) => DISTRICT_STATUSES.indexOf(s);
  const out = [...ids].map((id): DistrictFreshness => {
    const reps = ctx.events.filter(
      (e): e is Report => e.type === 'district.reported' && e.data.districtId === id,
    );
    let longest: number | null = null;
    let overdueCount = 0;
    let overdueMs = 0;
    let prevAt = ctx.start;
    let due: string | undefined;
    for (const r of reps) {
      if (prevAt) longest = Math.max(longest ?? 0, msBetween(prevAt, r.at));
      if (due && Date.parse(r.at) > Date.parse(due)) {
        overdueCount++;
        overdueMs += msBetween(due, r.at);
      }
      prevAt = r.at;
      due = r.data.nextReportDue;
    }
    if (prevAt) longest = Math.max(longest ?? 0, msBetween(prevAt, ctx.end));
    const staleAtEnd = due !== undefined && Date.parse(due) < Date.parse(ctx.end);
    if (staleAtEnd && due) {
      overdueCount++;
      overdueMs += msBetween(due, ctx.end);
    }
    const worst = reps.reduce<DistrictStatus | null>(
      (w, r) => (w === null || rank(r.data.status) > rank(w) ? r.data.status : w),
      null,
    );
    return {
      districtId: id,
      name: ctx.districtName(id),
      reports: reps.length,
      noChange: reps.filter((r) => r.data.noChange).length,
      firstAt: reps[0]?.at ?? null,
      lastAt: reps.at(-1)?.at ?? null,
      worstStatus: worst,
      longestGapMs: longest,
      overdueCount,
      overdueMs,
      staleAtEnd,
    };
  });
  return out.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}
