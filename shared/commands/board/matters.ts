/**
 * The board's open matters (R193): what a kallelse puts on the agenda and what the chair's
 * screen lists as waiting for the board.
 */
import type { AgendaKind } from '../../domain/board';
import { URGENT_REPORT_REMINDER_MS } from '../../domain/board';
import type { CityState, DecisionRecord } from '../../domain/state';
import { lookup, present } from '../../domain/keyed';

export interface OpenMatter {
  kind: AgendaKind;
  title: string;
  ref?: string;
}

const short = (t: string, n = 120) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

/** The chair's urgent decisions not yet reported to the board, oldest first. */
export const unreportedUrgent = (s: CityState): DecisionRecord[] =>
  s.decisionOrder
    .map((id) => lookup(s.decisions, id))
    .filter(present)
    .filter((d) => d.kind === 'urgent_decision' && !d.reportedToBoard);

/** Unreported urgent decisions with how long each has waited and whether it is past "snarast". */
export function urgentReportsDue(
  s: CityState,
  now: string,
): { decision: DecisionRecord; waitedMs: number; overdue: boolean }[] {
  return unreportedUrgent(s).map((decision) => {
    const waitedMs = Date.parse(now) - Date.parse(decision.at);
    return { decision, waitedMs, overdue: waitedMs >= URGENT_REPORT_REMINDER_MS };
  });
}

/** Everything waiting for the board, in the order a protocol takes it. */
export function openMatters(s: CityState): OpenMatter[] {
  const out: OpenMatter[] = [];
  for (const d of unreportedUrgent(s))
    out.push({ kind: 'urgent_report', title: `Anmälan: ${short(d.what)}`, ref: d.id });
  for (const p of Object.values(s.board.proposals))
    if (p.status === 'open')
      out.push({
        kind: 'takeover_proposal',
        title: `Övertagande från ${p.scope.fromBoard}: ${short(p.scope.part)}`,
        ref: p.id,
      });
  for (const i of Object.values(s.board.information))
    if (!i.notedAt)
      out.push({
        kind: 'director_information',
        title: `Information från stadsdirektören: ${short(i.text)}`,
        ref: i.id,
      });
  return out;
}
