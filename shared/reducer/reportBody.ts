import type { StoredEvent } from '../events';
import type { DistrictSituationReport } from '../domain/state';

type ReportFields = Pick<
  DistrictSituationReport,
  'status' | 'happened' | 'consequences' | 'actions' | 'needs'
>;

/**
 * What a district's and a unit's situation report have in common, stamped with who filed it
 * and when: one place, so the two reports keep the same fields in the same order.
 */
export const reportBody = (d: ReportFields, m: Pick<StoredEvent, 'at' | 'actor'>) => ({
  at: m.at,
  by: m.actor,
  status: d.status,
  happened: d.happened,
  consequences: d.consequences,
  actions: d.actions,
  needs: d.needs,
});
