/** What the person is looking at (not domain state): selection, placement mode, route. */
import { create } from 'zustand';
import type { MarkerKind } from '../../../shared/domain/vocabulary';

export interface Placement {
  districtId: string;
  kind: MarkerKind;
  label: string;
}

export interface UiState {
  selectedDistrictId: string | null;
  selectedEventId: string | null;
  placing: Placement | null;
  /** The map's centre, so a marker can be placed without a pointer (pan with the arrow keys). */
  mapCenter: { lat: number; lng: number } | null;
  selectDistrict(id: string | null): void;
  selectEvent(id: string | null): void;
  startPlacing(p: Placement | null): void;
}

export const useUi = create<UiState>()((set) => ({
  selectedDistrictId: null,
  selectedEventId: null,
  placing: null,
  mapCenter: null,
  selectDistrict: (id) => set({ selectedDistrictId: id, selectedEventId: null }),
  selectEvent: (id) => set({ selectedEventId: id }),
  startPlacing: (p) => set({ placing: p }),
}));
