import type { StoredEvent, EventType, EventData } from '../events';
import type { CityState } from '../domain/state';
import { coreAppliers } from './core';
import { cklAppliers } from './ckl';
import { exerciseAppliers } from './exercise';
import { alarmAppliers } from './alarm';
import { shareAppliers } from './share';
import { warningAppliers } from './warnings';
import { cardAppliers } from './cards';
import { lifecycleAppliers } from './lifecycle';
import { boardAppliers } from './board';
import { fileAppliers } from './files';
import { attentionAppliers } from './attention';
import { deriveCards } from '../cards/derive';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;

/** Every event type has exactly one applier: a missing one fails the type check. */
const APPLIERS: { [K in EventType]: (s: CityState, d: EventData<K>, m: Meta) => CityState } = {
  ...coreAppliers,
  ...cklAppliers,
  ...exerciseAppliers,
  ...alarmAppliers,
  ...shareAppliers,
  ...warningAppliers,
  ...cardAppliers,
  ...lifecycleAppliers,
  ...boardAppliers,
  ...fileAppliers,
  ...attentionAppliers,
};

/** The one reducer, run by the server and by every console: (state, event) → state. */
export function applyEvent(state: CityState, event: StoredEvent): CityState {
  if (event.seq !== state.seq + 1) {
    throw new Error(`event ${event.seq} does not follow ${state.seq} in space ${state.space}`);
  }
  const apply = APPLIERS[event.type] as (s: CityState, d: unknown, m: Meta) => CityState;
  const next = deriveCards(state, apply(state, event.data, event), event);
  return { ...next, seq: event.seq };
}

export function applyEvents(state: CityState, events: readonly StoredEvent[]): CityState {
  let s = state;
  for (const e of events) s = applyEvent(s, e);
  return s;
}

/**
 * A batch as a console receives it (`events`, `{from, to}`): the events it may see, in order,
 * the range covering the ones left out (R18). Events it already has are skipped; the state
 * ends at `to`.
 */
export function applyBatch(
  state: CityState,
  events: readonly StoredEvent[],
  to: number,
): CityState {
  let s = state;
  for (const e of events) if (e.seq > s.seq) s = applyEvent({ ...s, seq: e.seq - 1 }, e);
  return { ...s, seq: to };
}
