/** An exercise's script as played: each inject, when it was planned, and what became of it. */
import { clockToMs, msToClock, INJECT_KIND_LABEL } from '../../exercise/scenario';
import type { ReportContext } from './context';
import type { InjectRow } from './types';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export function injectsOf(ctx: ReportContext): InjectRow[] {
  const rows = new Map<string, InjectRow>();
  for (const e of ctx.events) {
    if (e.type === 'exercise.injectAdded') {
      const i = e.data.inject;
      rows.set(i.id, {
        injectId: i.id,
        planned: msToClock(clockToMs(i.at)),
        kind: INJECT_KIND_LABEL[i.kind],
        title:
          i.kind === 'event'
            ? i.title
            : i.kind === 'marker'
              ? i.label
              : i.kind === 'message'
                ? `${i.from}: ${i.subject || clip(i.text, 90)}`
                : i.kind === 'warning'
                  ? `Varning: ${i.headline}`
                  : `Lägesrapport ${ctx.districtName(i.district)}`,
        status: 'pending',
        deliveredAt: null,
        live: e.data.live,
      });
    } else if (e.type === 'exercise.injectDelivered') {
      const r = rows.get(e.data.injectId);
      if (r) Object.assign(r, { status: 'delivered', deliveredAt: e.at });
    } else if (e.type === 'exercise.injectSkipped') {
      const r = rows.get(e.data.injectId);
      if (r) r.status = 'skipped';
    }
  }
  return [...rows.values()].sort((a, b) => clockToMs(a.planned) - clockToMs(b.planned));
}
