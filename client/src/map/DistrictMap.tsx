/**
 * The map of geografiskt områdesansvar: the districts drawn from the configured division,
 * coloured AND labelled by status and freshness; markers for incidents and places. Works with
 * no tile server; a background layer is added only when the server configures one.
 * Kept thin on purpose: what it shows comes from shared/views, who may edit from the policy.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import type { Feature, FeatureCollection } from 'geojson';
import { districtIdFromName } from '../../../shared/domain/division';
import {
  DISTRICT_STATUS_LABEL,
  MARKER_KIND_LABEL,
  MARKER_KINDS,
  type DistrictStatus,
} from '../../../shared/domain/vocabulary';
import {
  districtMarkers,
  districtViews,
  formatAge,
  type DistrictView,
} from '../../../shared/views';
import type { CityState } from '../../../shared/domain/state';
import { useCityState, useNow } from '../hooks';
import { consoleStore, mayDo, useConsole } from '../store/console';
import { useUi } from '../store/ui';
import { STATUS_SYMBOL } from '../components/bits';
import { Icon, iconElement } from '../components/Icon';
import type { WarningFeature } from '../../../shared/warnings';
import { WARNING_FILL, WARNING_SYMBOL, warningLabelText } from './warningStyle';
import { markerIcon, markerLabel, markerPopup, MARKER_LAYER_LABEL } from './markers';
import { addLayers } from './layers';
import { MapSearch } from './MapSearch';
import './map.css';
import type { GazetteerEntry } from '../../../shared/map/gazetteer';
import { MarkerSymbol } from './MarkerSymbol';
import type { MapMarker } from '../../../shared/domain/state';
import { lookup } from '../../../shared/domain/keyed';

export const ATTRIBUTION = 'Gränser: Stockholms stad, Stadsbyggnadskontoret (öppna data)';

const FILL: Record<DistrictStatus | 'none', string> = {
  none: '#e4e7eb',
  normal: '#cfe8cf',
  strained: '#fbe39a',
  severe: '#f6b26b',
  critical: '#e06666',
};

function labelFor(v: DistrictView): HTMLElement {
  const el = document.createElement('div');
  el.className = `map-label${v.overdue ? ' is-overdue' : ''}`;
  const name = document.createElement('strong');
  name.textContent = v.name;
  const status = document.createElement('span');
  status.textContent = `${STATUS_SYMBOL[v.status ?? 'none']} ${
    v.status ? DISTRICT_STATUS_LABEL[v.status] : 'Ingen rapport'
  }${v.ageMinutes !== null ? ` · ${formatAge(v.ageMinutes)}` : ''}`;
  el.append(name, document.createElement('br'), status);
  if (v.overdue) {
    const od = document.createElement('span');
    od.className = 'map-overdue';
    od.append(iconElement('warning'), ' FÖRSENAD');
    el.append(document.createElement('br'), od);
  }
  el.dataset.district = v.id;
  el.dataset.status = v.status ?? 'none';
  return el;
}

export function DistrictMap({
  geojson,
  tileUrl,
  tileAttribution = null,
  state: given,
  now: givenNow,
  label,
  warnings,
  onSelectWarning,
}: {
  geojson: FeatureCollection;
  tileUrl: string | null;
  /** Whose the tiles are, shown in the attribution when there is a tile layer (R247). */
  tileAttribution?: string | null;
  /**
   * A state to draw instead of the live one (replay): the map is then read-only — nothing
   * can be placed or moved — and ages are counted from `now` (the replay clock).
   */
  state?: CityState;
  now?: string;
  label?: string;
  /** Official warnings to draw over the districts (those with an area), labelled by level. */
  warnings?: WarningFeature[];
  onSelectWarning?: (id: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layers = useRef(new Map<string, L.Path & { getBounds(): L.LatLngBounds }>());
  const markerGroups = useRef<Map<MapMarker['kind'], L.LayerGroup> | null>(null);
  const warningLayer = useRef<L.LayerGroup | null>(null);
  const searchLayer = useRef<L.LayerGroup | null>(null);
  /** The markers as last drawn, for popups built when they open. */
  const markerData = useRef(new Map<string, MapMarker>());
  const markerObjs = useRef(
    new Map<string, { marker: L.Marker; key: string; dragging: boolean }>(),
  );
  const live = useCityState();
  const tickNow = useNow();
  const readOnly = given !== undefined;
  const state = given ?? live;
  const stateRef = useRef(state);
  stateRef.current = state;
  const now = givenNow ?? tickNow;
  const selected = useUi((u) => u.selectedDistrictId);
  const placing = useUi((u) => u.placing);
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  // Bumped whenever the map is (re)built: its new layers must be styled and given markers even
  // if the state has not changed since.
  const [mapGeneration, setMapGeneration] = useState(0);

  useEffect(() => {
    if (!host.current) return;
    const map = L.map(host.current, {
      attributionControl: false,
      zoomSnap: 0.25,
      minZoom: 9,
      maxZoom: 18,
      keyboard: true,
    });
    // District labels sit below the markers so a marker is never hidden under a label.
    map.createPane('district-labels').classList.add('district-labels-pane');
    // Warning areas over the districts, under their labels and the markers.
    map.createPane('warnings').classList.add('warnings-pane');
    L.control.attribution({ prefix: false }).addAttribution(ATTRIBUTION).addTo(map);
    const gj = L.geoJSON(geojson, {
      // A class per district, so the area itself (not only its label) can be found on the page.
      style: (f) => ({
        className: `district-area district-${districtIdFromName(String(f?.properties?.name ?? ''))}`,
      }),
      onEachFeature: (f: Feature, layer) => {
        const id = districtIdFromName(String(f.properties?.name ?? ''));
        layers.current.set(id, layer as L.Path & { getBounds(): L.LatLngBounds });
        layer.on('click', () => {
          if (!useUi.getState().placing) useUi.getState().selectDistrict(id);
        });
      },
    }).addTo(map);
    // All of Stockholm in view: the districts' own bounds, fitted again whenever the map's box
    // changes (the layout settles after the first paint) until the person moves the map.
    const bounds = gj.getBounds();
    let fitting = false;
    let moved = false;
    const fit = () => {
      fitting = true;
      map.fitBounds(bounds, { padding: [10, 10], animate: false });
      fitting = false;
    };
    fit();
    map.on('zoomstart movestart', () => {
      if (!fitting) moved = true;
    });
    warningLayer.current = L.layerGroup().addTo(map);
    const added = addLayers(map, {
      districts: gj,
      warnings: warningLayer.current,
      tileUrl,
      tileAttribution,
      onError: (msg) => consoleStore.getState().announce(msg),
    });
    markerGroups.current = added.markerGroups;
    searchLayer.current = L.layerGroup().addTo(map);
    map.on('click', (e: L.LeafletMouseEvent) => {
      const p = useUi.getState().placing;
      if (!p || readOnly) return;
      consoleStore.getState().send(`marker:${p.districtId}`, 'marker.place', {
        kind: p.kind,
        label: p.label,
        districtId: p.districtId,
        lat: Math.round(e.latlng.lat * 1e6) / 1e6,
        lng: Math.round(e.latlng.lng * 1e6) / 1e6,
      });
      useUi.getState().startPlacing(null);
    });
    const centre = () => {
      const c = map.getCenter();
      useUi.setState({ mapCenter: { lat: c.lat, lng: c.lng } });
    };
    map.on('moveend', centre);
    centre();
    mapRef.current = map;
    setMapGeneration((g) => g + 1);
    // The map's box changes with the layout; Leaflet must be told.
    const ro =
      typeof ResizeObserver !== 'undefined'
        ? new ResizeObserver(() => {
            fitting = true;
            map.invalidateSize({ animate: false });
            fitting = false;
            if (!moved) fit();
          })
        : null;
    ro?.observe(host.current);
    const current = layers.current;
    const markers = markerObjs.current;
    const data = markerData.current;
    return () => {
      ro?.disconnect();
      map.remove();
      mapRef.current = null;
      current.clear();
      markers.clear();
      data.clear();
    };
  }, [geojson, tileUrl, tileAttribution, readOnly]);

  // Style and label every district from the shared views.
  useEffect(() => {
    for (const v of districtViews(state, now)) {
      const layer = layers.current.get(v.id);
      if (!layer) continue;
      const isSel = v.id === selected;
      layer.setStyle({
        fillColor: FILL[v.status ?? 'none'],
        fillOpacity: 0.75,
        color: v.overdue ? '#8a1c1c' : isSel ? '#0b3d91' : '#3c4652',
        weight: isSel ? 4 : v.overdue ? 3 : 1.2,
        dashArray: v.overdue ? '8 5' : undefined,
      });
      if (isSel) layer.bringToFront();
      const label = labelFor(v);
      if (layer.getTooltip()) layer.setTooltipContent(label);
      else
        layer.bindTooltip(label, {
          permanent: true,
          direction: 'center',
          // A little above the middle, where a district's central place (and its marker) often is.
          offset: [0, -14],
          className: 'district-tooltip',
          interactive: false,
          pane: 'district-labels',
        });
    }
  }, [state, now, selected, mapGeneration]);

  // Markers: draggable only where the shared policy lets this person move them. Kept by id so
  // a drag in progress survives new events; a refused move snaps back to the stored place.
  const acks = useConsole((s) => s.acks);
  useEffect(() => {
    const groups = markerGroups.current;
    if (!groups) return;
    const groupOf = (k: MapMarker['kind']) => groups.get(k) as L.LayerGroup;
    const live = new Set<string>();
    for (const m of districtMarkers(state)) {
      live.add(m.id);
      const movable =
        !readOnly &&
        mayDo(
          { me, actingFor },
          state,
          'marker.move',
          { markerId: m.id, lat: m.lat, lng: m.lng },
          now,
        );
      const before = markerData.current.get(m.id);
      markerData.current.set(m.id, m);
      // A new kind, label or permission makes a new marker: its icon, name and drag differ.
      const key = `${m.kind}|${movable}|${m.label}`;
      let entry = markerObjs.current.get(m.id);
      if (entry && entry.key !== key) {
        groupOf((before ?? m).kind).removeLayer(entry.marker);
        entry = undefined;
      }
      if (!entry) {
        const mk = L.marker([m.lat, m.lng], {
          icon: markerIcon(m.kind, movable),
          draggable: movable,
          keyboard: true,
          title: `${MARKER_KIND_LABEL[m.kind]}: ${m.label}`,
          alt: `${MARKER_KIND_LABEL[m.kind]}: ${m.label}`,
        });
        mk.bindTooltip(markerLabel(m), {
          permanent: true,
          direction: 'right',
          className: 'marker-label',
          interactive: false,
        });
        // Built when it opens, from the marker as it is then.
        mk.bindPopup(() => markerPopup(markerData.current.get(m.id) ?? m, stateRef.current), {
          className: 'marker-popup-wrap',
          autoPanPadding: [20, 20],
        });
        mk.on('click', () => useUi.getState().selectDistrict(m.districtId));
        const own = { marker: mk, key, dragging: false };
        mk.on('dragstart', () => (own.dragging = true));
        if (movable)
          mk.on('dragend', () => {
            own.dragging = false;
            const p = mk.getLatLng();
            consoleStore.getState().send(`marker:${m.districtId}`, 'marker.move', {
              markerId: m.id,
              lat: Math.round(p.lat * 1e6) / 1e6,
              lng: Math.round(p.lng * 1e6) / 1e6,
            });
          });
        groupOf(m.kind).addLayer(mk);
        markerObjs.current.set(m.id, own);
      } else if (!entry.dragging) {
        const at = entry.marker.getLatLng();
        if (at.lat !== m.lat || at.lng !== m.lng) entry.marker.setLatLng([m.lat, m.lng]);
      }
    }
    for (const [id, entry] of markerObjs.current)
      if (!live.has(id)) {
        const m = markerData.current.get(id);
        if (m) groupOf(m.kind).removeLayer(entry.marker);
        markerObjs.current.delete(id);
        markerData.current.delete(id);
      }
    // Contract with the benchmark and the e2e tests (docs/benchmarks.md): the crisis is on
    // screen once a state has arrived and its districts and markers are drawn.
    if (state.seq > 0 && layers.current.size > 0)
      document.documentElement.setAttribute('data-ready', 'true');
  }, [state, me, actingFor, now, acks, readOnly, mapGeneration]);

  useEffect(() => {
    host.current?.classList.toggle('placing', placing !== null);
  }, [placing]);

  // Warning areas: coloured by level and always labelled with the level in words (R133).
  useEffect(() => {
    const group = warningLayer.current;
    if (!group) return;
    group.clearLayers();
    for (const w of warnings ?? []) {
      if (!w.geometry) continue;
      const p = w.properties;
      const layer = L.geoJSON(w as unknown as Feature, {
        pane: 'warnings',
        style: {
          color: WARNING_FILL[p.level],
          weight: 3,
          dashArray: p.notReal ? '2 6' : '10 6',
          fillColor: WARNING_FILL[p.level],
          fillOpacity: 0.18,
        },
      });
      const el = document.createElement('div');
      el.className = `warning-map-label wl-${p.level}`;
      el.dataset.warning = w.id;
      el.textContent = `${WARNING_SYMBOL[p.level]} ${warningLabelText(w)}`;
      layer.bindTooltip(el, {
        permanent: true,
        direction: 'center',
        className: 'warning-tooltip',
        interactive: false,
        pane: 'warnings',
      });
      layer.on('click', () => onSelectWarning?.(w.id));
      group.addLayer(layer);
    }
  }, [warnings, onSelectWarning, mapGeneration]);

  /** A search hit: the map moves there; a district is chosen, a place's popup opens (R248). */
  const goTo = useCallback((e: GazetteerEntry) => {
    const map = mapRef.current;
    const pins = searchLayer.current;
    if (!map || !pins) return;
    pins.clearLayers();
    map.fitBounds(e.bounds, { maxZoom: 15, padding: [24, 24], animate: false });
    const [kind, id] = [e.id.slice(0, e.id.indexOf(':')), e.id.slice(e.id.indexOf(':') + 1)];
    if (kind === 'district' && lookup(stateRef.current.districts, id)) {
      useUi.getState().selectDistrict(id);
      return;
    }
    const marker = kind === 'place' ? markerObjs.current.get(id)?.marker : undefined;
    if (marker) {
      marker.openPopup();
      return;
    }
    // A stadsdel or a former district: a pin with its name where the border file puts it.
    L.marker(e.at, {
      icon: L.divIcon({ className: 'search-pin', html: '', iconSize: [18, 18] }),
      keyboard: false,
      interactive: false,
    })
      .bindTooltip(e.name, { permanent: true, direction: 'top', className: 'search-pin-label' })
      .addTo(pins);
  }, []);

  return (
    <div className="map-wrap">
      <MapSearch state={state} onPick={goTo} />
      <div
        ref={host}
        className="map"
        data-testid="district-map"
        role="region"
        aria-label={
          label ??
          'Karta över stadsdelsområdena (geografiskt områdesansvar). Samma uppgifter finns i listan Stadsdelsområden.'
        }
      />
      <div className="map-legend" aria-hidden="true">
        {(['normal', 'strained', 'severe', 'critical'] as const).map((s) => (
          <span key={s} className="legend-item">
            <span className={`swatch sw-${s}`} /> {STATUS_SYMBOL[s]} {DISTRICT_STATUS_LABEL[s]}
          </span>
        ))}
        <span className="legend-item">
          <span className="swatch sw-overdue" /> <Icon name="warning" /> Försenad rapport
        </span>
        {MARKER_KINDS.map((k) => (
          <span key={k} className="legend-item legend-kind">
            <MarkerSymbol kind={k} />
            {MARKER_LAYER_LABEL[k]}
          </span>
        ))}
      </div>
    </div>
  );
}
