/**
 * A marker on the console's map (R245): its kind's bundled SVG symbol (shape and sign, never
 * colour alone, never an emoji), its name written beside it, and a popup with its details.
 */
import L from 'leaflet';
import { MARKER_KIND_LABEL, type MarkerKind } from '../../../shared/domain/vocabulary';
import type { CityState, MapMarker } from '../../../shared/domain/state';
import { markerSvg } from '../../../shared/map/markerIcons';
import { lookup } from '../../../shared/domain/keyed';
import { dayTime } from '../format';

/** The layer list's names for the marker kinds (plural: a layer holds many). */
export const MARKER_LAYER_LABEL: Record<MarkerKind, string> = {
  incident: 'Incidenter',
  crisis_support_centre: 'Krisstödscenter',
  evacuation_site: 'Evakueringsplatser',
  trygghetspunkt: 'Trygghetspunkter',
};

export function markerIcon(kind: MarkerKind, movable: boolean): L.DivIcon {
  return L.divIcon({
    className: `map-marker mk-${kind}${movable ? ' movable' : ''}`,
    html: markerSvg(kind),
    iconSize: [28, 28],
    iconAnchor: [14, 14],
    popupAnchor: [0, -12],
    tooltipAnchor: [14, 0],
  });
}

/** The name beside the marker: always shown, so the map reads without opening anything. */
export function markerLabel(m: MapMarker): HTMLElement {
  const el = document.createElement('span');
  el.className = 'marker-label-text';
  el.dataset.marker = m.id;
  el.textContent = m.label;
  return el;
}

/** The popup: what it is, where, for which event, who placed it and when. */
export function markerPopup(m: MapMarker, s: CityState): HTMLElement {
  const el = document.createElement('div');
  el.className = 'marker-popup';
  el.dataset.marker = m.id;
  const h = document.createElement('h3');
  const icon = document.createElement('span');
  icon.className = 'marker-popup-icon';
  icon.innerHTML = markerSvg(m.kind, { size: 20 });
  h.append(icon, ` ${m.label}`);
  const dl = document.createElement('dl');
  const row = (term: string, value: string) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  };
  row('Typ', MARKER_KIND_LABEL[m.kind]);
  row('Område', lookup(s.districts, m.districtId)?.name ?? m.districtId);
  const ev = m.eventId ? lookup(s.events, m.eventId) : undefined;
  if (ev) row('Händelse', ev.title);
  row('Placerad', `${dayTime(m.at)} av ${m.placedBy.name}`);
  row('Position', `${m.lat.toFixed(5)}, ${m.lng.toFixed(5)}`);
  el.append(h, dl);
  return el;
}

/** The overlay's name in the layer list: the kind's symbol and its plural name. */
export function markerLayerName(kind: MarkerKind): string {
  return `<span class="layer-name">${markerSvg(kind, { size: 18 })} ${MARKER_LAYER_LABEL[kind]}</span>`;
}
