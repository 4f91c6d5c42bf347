/**
 * The appliers of card ticks (R175) and card edits (R236, R237); opening and self-ticking is in
 * shared/cards/derive.ts.
 */
import type { EventData, StoredEvent } from '../events';
import type { CARD_EVENTS } from '../events/cards';
import type { CityState } from '../domain/state';
import { emptyTable, tableGet, tableSet, tableUpdate } from '../domain/table';
import { CARD_VERSIONS_KEPT, emptyCardsState, type CardRecord } from '../cards/model';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type CardAppliers = {
  [K in keyof typeof CARD_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

function withRecord(s: CityState, id: string, f: (r: CardRecord) => CardRecord): CityState {
  const cards = s.cards ?? emptyCardsState();
  const library = cards.library ?? emptyTable<CardRecord>();
  const next = f(tableGet(library, id) ?? { id, versions: [] });
  return { ...s, cards: { ...cards, library: tableSet(library, id, next) } };
}

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
  'card.saved': (s, d, m) =>
    withRecord(s, d.card.id, (r) => ({
      id: r.id,
      versions: [...r.versions, { card: d.card, at: m.at, by: m.actor }].slice(-CARD_VERSIONS_KEPT),
    })),
  'card.retired': (s, d, m) =>
    withRecord(s, d.cardId, (r) => ({
      ...r,
      retired: {
        at: m.at,
        by: m.actor,
        version: d.version,
        ...(d.reason ? { reason: d.reason } : {}),
      },
    })),
};
