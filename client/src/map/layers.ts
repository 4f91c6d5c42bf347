/**
 * The map's layer list (R246): the districts, the stadsdelar (fetched the first time they are
 * shown), each marker kind and the warning areas as overlays, and — only when the server
 * configures one (R247) — a background tile layer beside "Ingen bakgrund".
 */
import L from 'leaflet';
import { MARKER_KINDS, type MarkerKind } from '../../../shared/domain/vocabulary';
import * as api from '../api';
import { properCase } from '../../../shared/map/gazetteer';
import { markerLayerName } from './markers';
import { setEntry } from '../../../shared/domain/keyed';

export interface MapLayers {
  control: L.Control.Layers;
  markerGroups: Map<MarkerKind, L.LayerGroup>;
  neighbourhoods: L.LayerGroup;
}

function neighbourhoodLayer(group: L.LayerGroup, onError: () => void): void {
  let loaded = false;
  group.on('add', () => {
    if (loaded) return;
    loaded = true;
    api
      .neighbourhoods()
      .then((geo) => {
        const layer = L.geoJSON(geo, {
          pane: 'neighbourhoods',
          style: { className: 'neighbourhood-area', weight: 1.5, dashArray: '4 4', fill: false },
          onEachFeature: (f, l) => {
            const name = properCase(String(f.properties?.name ?? ''));
            l.bindTooltip(name, { className: 'neighbourhood-tooltip', sticky: true });
          },
        });
        group.addLayer(layer);
      })
      .catch(() => {
        loaded = false;
        onError();
      });
  });
}

/** Builds the overlays and the list (collapsed behind a 44 px button on a phone). */
export function addLayers(
  map: L.Map,
  o: {
    districts: L.Layer;
    warnings: L.LayerGroup;
    tileUrl: string | null;
    tileAttribution: string | null;
    onError: (message: string) => void;
  },
): MapLayers {
  map.createPane('neighbourhoods').classList.add('neighbourhoods-pane');
  const markerGroups = new Map<MarkerKind, L.LayerGroup>();
  const overlays: Record<string, L.Layer> = {
    '<span class="layer-name">Stadsdelsområden</span>': o.districts,
  };
  const neighbourhoods = L.layerGroup();
  neighbourhoodLayer(neighbourhoods, () => o.onError('Stadsdelarna kunde inte laddas.'));
  overlays['<span class="layer-name">Stadsdelar</span>'] = neighbourhoods;
  for (const kind of MARKER_KINDS) {
    const g = L.layerGroup().addTo(map);
    markerGroups.set(kind, g);
    setEntry(overlays, markerLayerName(kind), g);
  }
  overlays['<span class="layer-name">Varningsområden</span>'] = o.warnings;
  const base: Record<string, L.Layer> = {};
  if (o.tileUrl) {
    const tiles = L.tileLayer(o.tileUrl, {
      maxZoom: 18,
      ...(o.tileAttribution ? { attribution: o.tileAttribution } : {}),
    }).addTo(map);
    base['<span class="layer-name">Bakgrundskarta</span>'] = tiles;
    base['<span class="layer-name">Ingen bakgrund</span>'] = L.layerGroup();
  }
  const control = L.control
    .layers(base, overlays, { collapsed: true, position: 'topright' })
    .addTo(map);
  const box = control.getContainer();
  if (box) {
    box.setAttribute('data-testid', 'map-layers');
    const toggle = box.querySelector('.leaflet-control-layers-toggle');
    toggle?.setAttribute('title', 'Kartlager');
    toggle?.setAttribute('aria-label', 'Kartlager: välj vad kartan visar');
    const list = box.querySelector('.leaflet-control-layers-list');
    list?.setAttribute('aria-label', 'Kartlager');
    list?.setAttribute('role', 'group');
  }
  return { control, markerGroups, neighbourhoods };
}
