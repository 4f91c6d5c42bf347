/** The applier of an acknowledgement (R226): who acknowledged which item, and when. */
import type { EventData, StoredEvent } from '../events';
import type { ATTENTION_EVENTS } from '../events/attention';
import type { CityState } from '../domain/state';
import { emptyTable, tableGet, tableSet } from '../domain/table';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type AttentionAppliers = {
  [K in keyof typeof ATTENTION_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

export const attentionAppliers: AttentionAppliers = {
  'attention.acknowledged': (s, d, m) => {
    const acks = s.attention?.acks ?? emptyTable();
    const have = tableGet(acks, d.key) ?? [];
    if (have.some((k) => k.by.userId === m.actor.userId)) return s;
    return {
      ...s,
      attention: { acks: tableSet(acks, d.key, [...have, { by: m.actor, at: m.at }]) },
    };
  },
};
