/** What the person is looking at (not domain state): selection, placement mode, route. */
import { create } from 'zustand';
import type { MarkerKind } from '../../../shared/domain/vocabulary';

export interface Placement {
  districtId: string;
  kind: MarkerKind;
  label: string;
}

/** A queued report handed back to the report form to be merged by hand (conflict view). */
export interface MergeRequest {
  n: number;
  districtId: string;
  payload: Record<string, unknown>;
  basedOnReportId: string | null;
}

export interface UiState {
  selectedDistrictId: string | null;
  selectedEventId: string | null;
  placing: Placement | null;
  /** The map's centre, so a marker can be placed without a pointer (pan with the arrow keys). */
  mapCenter: { lat: number; lng: number } | null;
  merge: MergeRequest | null;
  selectDistrict(id: string | null): void;
  startMerge(m: Omit<MergeRequest, 'n'>): void;
  selectEvent(id: string | null): void;
  startPlacing(p: Placement | null): void;
}

export const useUi = create<UiState>()((set) => ({
  selectedDistrictId: null,
  selectedEventId: null,
  placing: null,
  mapCenter: null,
  merge: null,
  startMerge: (m) =>
    set((u) => ({
      merge: { ...m, n: (u.merge?.n ?? 0) + 1 },
      selectedDistrictId: m.districtId,
      selectedEventId: null,
    })),
  selectDistrict: (id) => set({ selectedDistrictId: id, selectedEventId: null }),
  selectEvent: (id) => set({ selectedEventId: id }),
  startPlacing: (p) => set({ placing: p }),
}));
