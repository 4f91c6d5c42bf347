/**
 * The card instances the log implies (R171, R176): run by the reducer after every event, so the
 * server and every console derive the same cards from the same log, with no command of their
 * own to open them.
 */
import { lookup } from '../domain/keyed';
import type { StoredEvent } from '../events';
import type { CityState } from '../domain/state';
import { tableGet, tableHas, tableSet, tableValues, type Table } from '../domain/table';
import {
  emptyCardsState,
  instanceKey,
  type CardDefinition,
  type CardInstance,
  type FulfilledBy,
  type StepState,
} from './model';
import { triggersOf, type TriggerHit } from './triggers';
import { activeCards } from './library';

const addMinutes = (iso: string, min: number) =>
  new Date(Date.parse(iso) + min * 60_000).toISOString();

/** An area's card goes to that kind of area's officer: a unit's disruption is not a TiB's. */
function areaFits(c: CardDefinition, t: TriggerHit): boolean {
  if (c.holder.kind !== 'role') return true;
  if (c.holder.role === 'district_officer') return t.unitId === undefined;
  if (c.holder.role === 'unit_officer') return t.districtId === undefined;
  return true;
}

const matchesCard = (c: CardDefinition, t: TriggerHit): boolean =>
  c.trigger === t.trigger &&
  areaFits(c, t) &&
  (t.trigger !== 'function_activated' || (c.holder.kind === 'function' && c.holder.fn === t.fn));

function openInstance(c: CardDefinition, t: TriggerHit, ev: StoredEvent): CardInstance {
  const steps: StepState[] = c.steps.map((st) => ({
    id: st.id,
    status: 'open',
    ...(st.deadlineMinutes ? { dueAt: addMinutes(ev.at, st.deadlineMinutes) } : {}),
  }));
  return {
    id: instanceKey(ev.seq, c.id),
    card: c,
    trigger: t.trigger,
    triggerSeq: ev.seq,
    openedAt: ev.at,
    ...(t.eventId ? { eventId: t.eventId } : {}),
    ...(t.districtId ? { districtId: t.districtId } : {}),
    ...(t.unitId ? { unitId: t.unitId } : {}),
    ...(t.userId ? { userId: t.userId } : {}),
    steps,
  };
}

const field = (data: unknown, key: string): unknown =>
  typeof data === 'object' && data !== null
    ? lookup(data as Record<string, unknown>, key)
    : undefined;

/** R176: the action the step names, on the card's own event and area when the action has one. */
function fulfils(f: FulfilledBy, inst: CardInstance, ev: StoredEvent): boolean {
  if (f.type !== ev.type) return false;
  if (f.kind !== undefined && field(ev.data, 'kind') !== f.kind) return false;
  if (f.informed !== undefined) {
    const informed = field(ev.data, 'informed');
    const needle = f.informed.toLowerCase();
    if (!Array.isArray(informed)) return false;
    if (!informed.some((x) => typeof x === 'string' && x.toLowerCase().includes(needle)))
      return false;
  }
  for (const key of ['eventId', 'districtId', 'userId'] as const) {
    const mine = inst[key];
    const theirs = field(ev.data, key);
    if (mine !== undefined && typeof theirs === 'string' && theirs !== mine) return false;
  }
  return true;
}

function autoTick(inst: CardInstance, ev: StoredEvent): CardInstance {
  let changed = false;
  const steps = inst.steps.map((st, i) => {
    const f = inst.card.steps[i]?.fulfilledBy;
    if (st.status !== 'open' || !f || !fulfils(f, inst, ev)) return st;
    changed = true;
    return {
      ...st,
      status: 'done' as const,
      at: ev.at,
      by: ev.actor,
      fulfilledBySeq: ev.seq,
      fulfilledByType: ev.type,
      ...(ev.audience ? { audience: ev.audience } : {}),
    };
  });
  return changed ? { ...inst, steps } : inst;
}

const isOpen = (inst: CardInstance) => inst.steps.some((st) => st.status === 'open');

/**
 * Ticks what this event fulfils, then opens the cards it triggers: the newest version of each
 * card that is not retired (R236, R237), unless a library is given.
 */
export function deriveCards(
  before: CityState,
  after: CityState,
  ev: StoredEvent,
  given?: readonly CardDefinition[],
): CityState {
  const cards = after.cards ?? emptyCardsState();
  let instances: Table<CardInstance> = cards.instances;
  for (const inst of tableValues(instances)) {
    if (!isOpen(inst)) continue;
    const next = autoTick(inst, ev);
    if (next !== inst) instances = tableSet(instances, inst.id, next);
  }
  const hits = triggersOf(before, ev);
  const library = hits.length > 0 ? (given ?? activeCards(after)) : [];
  for (const t of hits)
    for (const c of library) {
      if (!matchesCard(c, t)) continue;
      const id = instanceKey(ev.seq, c.id);
      if (!tableHas(instances, id)) instances = tableSet(instances, id, openInstance(c, t, ev));
    }
  return instances === cards.instances ? after : { ...after, cards: { ...cards, instances } };
}

export const cardInstance = (s: CityState, id: string): CardInstance | undefined =>
  s.cards ? tableGet(s.cards.instances, id) : undefined;
