/**
 * The map in the situation report (R249): the districts from the real borders, filled and
 * written with their status, late reports outlined in dashes, and every marker with its kind's
 * symbol and a number that the table "Platser och incidenter" repeats. Drawn on the server as
 * SVG: no script, no tiles, no request, so the PDF renderer (offline, scripts off) prints it.
 */
import type { CityState, MapMarker } from '../../shared/domain/state';
import {
  DISTRICT_STATUS_LABEL,
  MARKER_KINDS,
  MARKER_KIND_LABEL,
} from '../../shared/domain/vocabulary';
import type { DistrictStatus } from '../../shared/domain/vocabulary';
import { districtMarkers, districtViews } from '../../shared/views';
import { markerSvg } from '../../shared/map/markerIcons';
import { outlinesOf, WIDTH, type DivisionGeoJson } from '../share/map';
import { esc } from './htmlKit';

/** The console's fills, so paper and screen agree (the words say the same). */
const FILL: Record<DistrictStatus | 'none', string> = {
  none: '#e4e7eb',
  normal: '#cfe8cf',
  strained: '#fbe39a',
  severe: '#f6b26b',
  critical: '#e06666',
};

/** Markers in the order the table lists them; their number on the map is the index + 1. */
export const numberedMarkers = (s: CityState): MapMarker[] =>
  districtMarkers(s).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));

export function situationMapSvg(geo: DivisionGeoJson, s: CityState, now: string): string {
  const { outlines, height, project } = outlinesOf(geo);
  const views = new Map(districtViews(s, now).map((v) => [v.id, v]));
  const words = (id: string): string => {
    const v = views.get(id);
    if (!v?.status) return 'Ingen rapport';
    return `${DISTRICT_STATUS_LABEL[v.status]}${v.overdue ? ', försenad' : ''}`;
  };
  const areas = outlines
    .map((o) => {
      const v = views.get(o.id);
      const late = v?.overdue === true;
      return `<path class="sm-area" data-district="${esc(o.id)}" d="${o.d}" fill="${FILL[v?.status ?? 'none']}" stroke="${late ? '#8a1c1c' : '#3c4652'}" stroke-width="${late ? 4 : 1.5}"${late ? ' stroke-dasharray="10 6"' : ''}><title>${esc(`${o.name}: ${words(o.id)}`)}</title></path>`;
    })
    .join('');
  const labels = outlines
    .map((o) => {
      const [x, y] = o.label;
      return `<text class="sm-label" x="${x.toFixed(0)}" y="${y.toFixed(0)}"><tspan x="${x.toFixed(0)}" class="sm-name">${esc(o.name)}</tspan><tspan x="${x.toFixed(0)}" dy="17" class="sm-status">${esc(words(o.id))}</tspan></text>`;
    })
    .join('');
  const markers = numberedMarkers(s)
    .map((m, i) => {
      const [x, y] = project([m.lng, m.lat]);
      return (
        `<g class="sm-marker" data-marker="${esc(m.id)}"><title>${esc(`${i + 1}. ${MARKER_KIND_LABEL[m.kind]}: ${m.label}`)}</title>` +
        markerSvg(m.kind, { size: 30, x: Math.round(x - 15), y: Math.round(y - 15) }) +
        `<circle cx="${Math.round(x + 16)}" cy="${Math.round(y - 14)}" r="11" fill="#111827"/>` +
        `<text class="sm-num" x="${Math.round(x + 16)}" y="${Math.round(y - 10)}">${i + 1}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="situation-map" viewBox="-10 -10 ${WIDTH + 20} ${height + 20}" role="img" aria-labelledby="sm-title" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="sm-title">Karta: stadsdelsområdenas läge och platserna på kartan. Samma uppgifter finns i tabellerna.</title>` +
    `<g>${areas}</g><g aria-hidden="true">${labels}</g><g>${markers}</g></svg>`
  );
}

/**
 * The legend under the map: every status and every marker kind, in words beside the sign (the
 * swatches' colours are report.css classes: the page's CSP allows no inline style).
 */
export function situationMapLegend(): string {
  const statuses = (['normal', 'strained', 'severe', 'critical'] as const)
    .map(
      (st) => `<li><span class="sm-swatch sm-${st}"></span> ${esc(DISTRICT_STATUS_LABEL[st])}</li>`,
    )
    .join('');
  const kinds = MARKER_KINDS.map(
    (k) => `<li>${markerSvg(k, { size: 16 })} ${esc(MARKER_KIND_LABEL[k])}</li>`,
  ).join('');
  return `<ul class="sm-legend"><li><span class="sm-swatch sm-none"></span> Ingen rapport</li>${statuses}<li><span class="sm-swatch sm-late"></span> Försenad rapport</li>${kinds}</ul>`;
}
