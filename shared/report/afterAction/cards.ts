/**
 * Action cards of the period (åtgärdskort): every card of the event, and for each step when it
 * was done and by whom, which were late, skipped (not applicable) or never done. The cards are
 * derived from the visible log by the same reducer the consoles run.
 */
import type { StoredEvent } from '../../events';
import { emptyState, type CityState } from '../../domain/state';
import { applyEvent } from '../../reducer';
import { tableValues } from '../../domain/table';
import { CKL_FUNCTION_LABEL, ROLE_LABEL } from '../../domain/vocabulary';
import type { CardInstance } from '../../cards/model';
import { who, type ReportContext } from './context';
import type { CardReportRow, CardStepRow } from './types';

/** The reader's log may skip events they may not see; the cards are derived over the gaps. */
function foldVisible(all: readonly StoredEvent[]): CityState {
  let s = emptyState(all[0]?.space ?? 'real');
  for (const e of all) {
    try {
      s = applyEvent({ ...s, seq: e.seq - 1 }, e);
    } catch {
      // An event whose context the reader cannot see changes nothing here.
    }
  }
  return s;
}

function holderLabel(inst: CardInstance, ctx: ReportContext): string {
  const h = inst.card.holder;
  if (h.kind === 'role')
    return h.role === 'district_officer' && inst.districtId
      ? `${ROLE_LABEL[h.role]} ${ctx.districtName(inst.districtId)}`
      : ROLE_LABEL[h.role];
  if (h.kind === 'function') return `${CKL_FUNCTION_LABEL[h.fn]}sfunktionen`;
  return inst.userId ? ctx.userName(inst.userId) : 'Namngiven person';
}

function stepRows(inst: CardInstance, end: string): CardStepRow[] {
  return inst.card.steps.map((step, i) => {
    const st = inst.steps[i];
    const outcome =
      st.status === 'done' ? 'done' : st.status === 'not_applicable' ? 'skipped' : 'never';
    const late =
      st.dueAt !== undefined &&
      ((outcome === 'done' && st.at !== undefined && st.at > st.dueAt) ||
        (outcome === 'never' && end > st.dueAt));
    return {
      stepId: step.id,
      text: step.text,
      outcome,
      at: st.at ?? null,
      by: st.by ? who(st.by) : null,
      dueAt: st.dueAt ?? null,
      late,
      reason: st.reason ?? null,
      fromLog: st.fulfilledBySeq !== undefined,
    };
  });
}

export function cardsOf(ctx: ReportContext): CardReportRow[] {
  const s = foldVisible(ctx.all);
  return tableValues(s.cards.instances)
    .filter((i) => (ctx.eventId ? i.eventId === ctx.eventId : true))
    .filter((i) => i.openedAt <= ctx.end)
    .map((i) => {
      const steps = stepRows(i, ctx.end);
      return {
        instanceId: i.id,
        cardId: i.card.id,
        version: i.card.version,
        title: i.card.title,
        holder: holderLabel(i, ctx),
        openedAt: i.openedAt,
        eventId: i.eventId ?? null,
        steps,
        done: steps.filter((x) => x.outcome === 'done').length,
        skipped: steps.filter((x) => x.outcome === 'skipped').length,
        never: steps.filter((x) => x.outcome === 'never').length,
        late: steps.filter((x) => x.late).length,
      };
    });
}
