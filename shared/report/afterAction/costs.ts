/**
 * Costs (kostnader) recorded by the administrative function, in öre as the events carry them
 * (`amountOre`). A voided entry stays in the rows, marked, and leaves the sums — the same rule
 * the reducer applies to the state's exact totals (R33).
 */
import { who, type ReportContext } from './context';
import type { CostFigures, CostRow } from './types';

export function costsOf(ctx: ReportContext): CostFigures {
  const rows = new Map<string, CostRow>();
  for (const e of ctx.events) {
    if (e.type === 'administration.costRecorded')
      rows.set(e.data.costId, {
        costId: e.data.costId,
        eventId: e.data.eventId,
        at: e.at,
        by: who(e.actor),
        category: e.data.category,
        kind: e.data.kind,
        description: e.data.description,
        amountOre: e.data.amountOre,
        voided: null,
      });
    else if (e.type === 'administration.costVoided') {
      const r = rows.get(e.data.costId);
      if (r && !r.voided) r.voided = { at: e.at, reason: e.data.reason };
    }
  }
  const list = [...rows.values()];
  const live = list.filter((r) => !r.voided);
  const sum = (rs: CostRow[]) => rs.reduce((n, r) => n + r.amountOre, 0);
  const damageOre = sum(live.filter((r) => r.category === 'damage'));
  const responseOre = sum(live.filter((r) => r.category === 'response'));
  return {
    rows: list,
    damageOre,
    responseOre,
    totalOre: damageOre + responseOre,
    voidedCount: list.length - live.length,
  };
}
