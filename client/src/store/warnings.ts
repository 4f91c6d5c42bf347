/**
 * The official warnings the console shows: the live set (pushed over the socket, fetched on
 * connect) and each exercise's own set. A live warning first seen while the console runs that
 * touches Stockholm county becomes a notice for the roles the administrator chose (R135).
 */
import { create } from 'zustand';
import type { WarningCollectionMessage } from '../../../shared/protocol';
import { touchesStockholmCounty, type WarningFeature } from '../../../shared/warnings';

export interface WarningNotice {
  key: string;
  feature: WarningFeature;
  at: string;
}

interface WarningsState {
  live: WarningCollectionMessage | null;
  scenario: Record<string, WarningCollectionMessage>;
  /** Feature ids already seen; null until the first set arrived (nothing is "new" then). */
  known: Set<string> | null;
  notices: WarningNotice[];
  selected: string | null;
  setLive(c: WarningCollectionMessage): void;
  setScenario(space: string, c: WarningCollectionMessage): void;
  dismiss(key: string): void;
  select(id: string | null): void;
}

const touches = (f: WarningFeature) =>
  touchesStockholmCounty({ counties: f.properties.counties, geometry: f.geometry });

export const useWarnings = create<WarningsState>((set, get) => ({
  live: null,
  scenario: {},
  known: null,
  notices: [],
  selected: null,
  setLive: (c) => {
    const prev = get().live;
    if (prev && c.version < prev.version) return;
    const known = get().known;
    const fresh = known === null ? [] : c.features.filter((f) => !known.has(f.id) && touches(f));
    const nextKnown = new Set(known ?? []);
    for (const f of c.features) nextKnown.add(f.id);
    const at = new Date().toISOString();
    set({
      live: c,
      known: nextKnown,
      notices: [
        ...get().notices.filter((n) => c.features.some((f) => f.id === n.feature.id)),
        ...fresh.map((feature) => ({ key: `${feature.id}@${at}`, feature, at })),
      ],
    });
  },
  setScenario: (space, c) => set({ scenario: { ...get().scenario, [space]: c } }),
  dismiss: (key) => set({ notices: get().notices.filter((n) => n.key !== key) }),
  select: (id) => set({ selected: id }),
}));
