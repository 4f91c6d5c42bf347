/** The applier of a card tick (R175); opening and self-ticking is in shared/cards/derive.ts. */
import type { EventData, StoredEvent } from '../events';
import type { CARD_EVENTS } from '../events/cards';
import type { CityState } from '../domain/state';
import { tableUpdate } from '../domain/table';
import { emptyCardsState } from '../cards/model';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type CardAppliers = {
  [K in keyof typeof CARD_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

export const cardAppliers: CardAppliers = {
  'card.stepTicked': (s, d, m) => {
    const cards = s.cards ?? emptyCardsState();
    const instances = tableUpdate(cards.instances, d.instanceId, (inst) => ({
      ...inst,
      steps: inst.steps.map((st) =>
        st.id === d.stepId && st.status === 'open'
          ? {
              ...st,
              status: d.status,
              at: m.at,
              by: m.actor,
              ...(d.reason ? { reason: d.reason } : {}),
            }
          : st,
      ),
    }));
    return instances === cards.instances ? s : { ...s, cards: { ...cards, instances } };
  },
};
