/** The evaluations (utvärderingar) of the events in scope and their findings. */
import { who, type ReportContext } from './context';
import type { EvaluationRow } from './types';

export function evaluationsOf(ctx: ReportContext): EvaluationRow[] {
  const titles = new Map<string, string>();
  for (const e of ctx.all) {
    if (e.type === 'event.opened') titles.set(e.data.eventId, e.data.title);
    if (e.type === 'event.updated' && e.data.title) titles.set(e.data.eventId, e.data.title);
  }
  const rows = new Map<string, EvaluationRow>();
  for (const e of ctx.events) {
    if (e.type === 'evaluation.opened')
      rows.set(e.data.evaluationId, {
        evaluationId: e.data.evaluationId,
        eventId: e.data.eventId,
        eventTitle: titles.get(e.data.eventId) ?? e.data.eventId,
        status: 'to_do',
        openedAt: e.at,
        doneAt: null,
        doneBy: null,
        summary: null,
      });
    else if (e.type === 'evaluation.completed') {
      const r = rows.get(e.data.evaluationId);
      if (r)
        Object.assign(r, {
          status: 'done',
          doneAt: e.at,
          doneBy: who(e.actor),
          summary: e.data.summary,
        });
    }
  }
  return [...rows.values()];
}
