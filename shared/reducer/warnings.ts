import type { EventData } from '../events';
import type { CityState } from '../domain/state';
import type { StoredEvent } from '../events';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;

export const warningAppliers = {
  'warnings.attentionSet': (s: CityState, d: EventData<'warnings.attentionSet'>, m: Meta) => ({
    ...s,
    warningAttention: { roles: [...new Set(d.roles)], setAt: m.at, setBy: m.actor },
  }),
};
