/** R173, R178: what a running card shows: its steps by deadline, progress and what is late. */
import type { CityState } from '../domain/state';
import { tableValues } from '../domain/table';
import type { CardInstance, CardStep, StepState } from './model';

export interface CardProgress {
  settled: number;
  total: number;
  overdue: number;
}

export const isOverdue = (st: StepState, now: string): boolean =>
  st.status === 'open' && st.dueAt !== undefined && st.dueAt < now;

/** A step done late: settled after its deadline. */
export const wasLate = (st: StepState): boolean =>
  st.status === 'done' && st.dueAt !== undefined && st.at !== undefined && st.at > st.dueAt;

export function cardProgress(inst: CardInstance, now: string): CardProgress {
  return {
    settled: inst.steps.filter((st) => st.status !== 'open').length,
    total: inst.steps.length,
    overdue: inst.steps.filter((st) => isOverdue(st, now)).length,
  };
}

/** "3 av 7, 1 försenad". */
export function progressText(p: CardProgress): string {
  const base = `${p.settled} av ${p.total}`;
  if (p.overdue === 0) return base;
  return `${base}, ${p.overdue} ${p.overdue === 1 ? 'försenad' : 'försenade'}`;
}

export const isCardOpen = (inst: CardInstance): boolean =>
  inst.steps.some((st) => st.status === 'open');

/** Steps in panel order: open ones first by deadline (none last), then the settled ones. */
export function orderedSteps(inst: CardInstance): { step: CardStep; state: StepState }[] {
  const rows = inst.card.steps.map((step, i) => ({ step, state: inst.steps[i], i }));
  const key = (r: (typeof rows)[number]) =>
    r.state.status !== 'open' ? 2 : r.state.dueAt === undefined ? 1 : 0;
  return rows
    .sort(
      (a, b) =>
        key(a) - key(b) || (a.state.dueAt ?? '').localeCompare(b.state.dueAt ?? '') || a.i - b.i,
    )
    .map(({ step, state }) => ({ step, state }));
}

/** The next deadline of an open card, for ordering cards. */
export const nextDue = (inst: CardInstance): string | undefined =>
  inst.steps
    .filter((st) => st.status === 'open' && st.dueAt)
    .map((st) => st.dueAt as string)
    .sort()[0];

export const allInstances = (s: CityState): CardInstance[] =>
  s.cards ? tableValues(s.cards.instances) : [];

export const cardsOfEvent = (s: CityState, eventId: string): CardInstance[] =>
  allInstances(s).filter((i) => i.eventId === eventId);
