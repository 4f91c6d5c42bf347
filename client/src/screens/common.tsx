import type { ComponentProps, ReactNode } from 'react';
import type { FeatureCollection } from 'geojson';
import { openEvents } from '../../../shared/views';
import { DistrictMap } from '../map/DistrictMap';
import { DistrictPanel } from '../components/DistrictPanel';
import { EventPage } from '../components/EventPage';
import { RegionBoundary } from '../components/RegionBoundary';
import { useCityState } from '../hooks';
import { useUi } from '../store/ui';
import { lookup } from '../../../shared/domain/keyed';
import type { WarningFeature } from '../../../shared/warnings';

export interface MapData {
  geojson: FeatureCollection | null;
  tileUrl: string | null;
  /** Whose the tiles are (MAP_TILE_ATTRIBUTION), shown on the map. */
  tileAttribution?: string | null;
}

/** The city map once its outline has loaded (once, for every screen), and a line until then. */
export function LoadedMap({
  map,
  ...drawn
}: { map: MapData } & Omit<
  ComponentProps<typeof DistrictMap>,
  'geojson' | 'tileUrl' | 'tileAttribution'
>) {
  return map.geojson ? (
    <DistrictMap
      geojson={map.geojson}
      tileUrl={map.tileUrl}
      tileAttribution={map.tileAttribution}
      {...drawn}
    />
  ) : (
    <p className="muted">Laddar kartan…</p>
  );
}

/** What every role screen gets: the map data (loaded once) so screens stay simple. */
export interface ScreenProps {
  map: MapData;
}

/** The right-hand panel: the chosen event, else the chosen district, else the role's default. */
export function SidePanel({
  defaultDistrictId,
  defaultToTopEvent,
  fallback,
}: {
  defaultDistrictId?: string;
  defaultToTopEvent?: boolean;
  fallback?: ReactNode;
}) {
  const state = useCityState();
  const eventId = useUi((u) => u.selectedEventId);
  const districtId = useUi((u) => u.selectedDistrictId);
  const selectEvent = useUi((u) => u.selectEvent);
  if (eventId && lookup(state.events, eventId))
    return <EventPage eventId={eventId} onClose={() => selectEvent(null)} />;
  if (districtId) return <DistrictPanel districtId={districtId} />;
  if (defaultDistrictId) return <DistrictPanel districtId={defaultDistrictId} />;
  const top = defaultToTopEvent ? openEvents(state)[0] : undefined;
  if (top) return <EventPage eventId={top.id} />;
  return (
    <>
      {fallback ?? (
        <p className="muted panel-hint">
          Välj ett stadsdelsområde på kartan eller i listan, eller en händelse, för att se detaljer.
        </p>
      )}
    </>
  );
}

/** Three columns: what the role works with, the map, and the detail panel. */
export function ScreenLayout({
  left,
  right,
  map,
  label,
  warnings,
  onSelectWarning,
}: {
  left: ReactNode;
  right: ReactNode;
  map: MapData;
  label: string;
  /** Official warnings drawn on the map (the warnings workspace). */
  warnings?: WarningFeature[];
  onSelectWarning?: (id: string) => void;
}) {
  return (
    <div className="screen" aria-label={label}>
      <div className="col col-left">
        <RegionBoundary region="Listorna">{left}</RegionBoundary>
      </div>
      <div className="col col-map">
        <RegionBoundary region="Kartan">
          <LoadedMap map={map} warnings={warnings} onSelectWarning={onSelectWarning} />
        </RegionBoundary>
      </div>
      <aside className="col col-right" aria-label="Detaljer">
        <RegionBoundary region="Detaljpanelen">{right}</RegionBoundary>
      </aside>
    </div>
  );
}
