/**
 * CKL per crisis event: which functions were activated and deactivated when, by whom, and how
 * fast each was staffed — measured on the alarms of the event whose call lists staff that
 * function (the first "coming", the quota filled), never on who happened to act next.
 */
import { CKL_FUNCTIONS, CKL_FUNCTION_LABEL, type CklFunction } from '../../domain/vocabulary';
import { msBetween, who, type ReportContext } from './context';
import { listTargets } from './alarms';
import type { AlarmFigures, CklFunctionRow, CklSummary, EventSummary } from './types';

export function cklOf(
  ctx: ReportContext,
  events: readonly EventSummary[],
  alarms: readonly AlarmFigures[],
): CklSummary[] {
  const targets = listTargets(ctx);
  return events.map((ev) => {
    const activated = new Map<CklFunction, { at: string; by: string }>();
    const deactivated = new Map<CklFunction, string>();
    for (const e of ctx.events) {
      if (e.type === 'ckl.activated' && e.data.eventId === ev.eventId)
        for (const f of e.data.functions) {
          if (!activated.has(f)) activated.set(f, { at: e.at, by: who(e.actor) });
          deactivated.delete(f);
        }
      if (e.type === 'ckl.deactivated' && e.data.eventId === ev.eventId)
        for (const f of e.data.functions) deactivated.set(f, e.at);
    }
    const functions: CklFunctionRow[] = CKL_FUNCTIONS.map((fn) => {
      const act = activated.get(fn);
      const lists = alarms
        .filter((a) => a.eventId === ev.eventId)
        .flatMap((a) =>
          a.lists
            .filter((l) => {
              const t = targets.get(l.listId);
              return t?.kind === 'ckl' && t.fn === fn;
            })
            .map((l) => ({ alarm: a, list: l })),
        );
      const firstComing = lists
        .flatMap(({ alarm, list }) =>
          alarm.people.filter(
            (p) => p.listId === list.listId && p.state === 'acknowledged' && p.answeredAt,
          ),
        )
        .map((p) => p.answeredAt as string)
        .sort((x, y) => Date.parse(x) - Date.parse(y))[0];
      const staffed = lists
        .filter(({ list }) => list.quotaAfterMs !== null)
        .map(({ alarm, list }) => Date.parse(alarm.startedAt) + (list.quotaAfterMs as number))
        .sort((x, y) => x - y)[0];
      return {
        fn,
        label: CKL_FUNCTION_LABEL[fn],
        activatedAt: act?.at ?? null,
        activatedBy: act?.by ?? null,
        deactivatedAt: deactivated.get(fn) ?? null,
        firstComingAfterMs: act && firstComing ? msBetween(act.at, firstComing) : null,
        staffedAfterMs: act && staffed !== undefined ? staffed - Date.parse(act.at) : null,
        alarmed: lists.length > 0,
      };
    });
    const first = [...activated.values()]
      .map((a) => a.at)
      .sort((x, y) => Date.parse(x) - Date.parse(y))[0];
    return {
      eventId: ev.eventId,
      title: ev.title,
      activated: activated.size > 0,
      firstActivatedAt: first ?? null,
      functions,
    };
  });
}
