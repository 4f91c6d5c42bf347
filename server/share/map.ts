/**
 * The district map of a shared report as an SVG drawn on the server from the real borders: no
 * script, no tiles, no requests, so it fits a page whose CSP allows nothing but its own style
 * sheet, and it prints. Colours are classes (share.css); each district also says its state in
 * words (its title, and the table beside the map), never by colour alone.
 */
import type { SharedDistrict } from '../../shared/domain/share';
import { SHARED_DISTRICT_STATE_LABEL } from '../../shared/domain/share';
import { DISTRICT_STATUS_LABEL } from '../../shared/domain/vocabulary';
import { districtIdFromName } from '../../shared/domain/division';
import { esc } from '../export/htmlKit';

type Ring = [number, number][];
interface DivisionFeature {
  properties: { name: string };
  geometry:
    { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}
export interface DivisionGeoJson {
  features: DivisionFeature[];
}

export interface Outline {
  id: string;
  name: string;
  d: string;
  label: [number, number];
}

export const WIDTH = 1000;
/** Points closer than this (in SVG units) to the last kept one are dropped. */
const TOLERANCE = 1.2;

export interface ProjectedDivision {
  outlines: Outline[];
  height: number;
  /** A [lng, lat] point in the map's SVG units. */
  project: (p: [number, number]) => [number, number];
}

const cache = new WeakMap<object, ProjectedDivision>();

/**
 * Projects the division once (equirectangular, scaled by the cosine of the mid latitude: at
 * Stockholm's size the distortion is far below a line's width).
 */
export function outlinesOf(geo: DivisionGeoJson): ProjectedDivision {
  const hit = cache.get(geo);
  if (hit) return hit;
  const rings = (f: DivisionFeature): Ring[][] =>
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const f of geo.features)
    for (const poly of rings(f))
      for (const [x, y] of poly[0]) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = WIDTH / ((maxX - minX) * k);
  const height = Math.round((maxY - minY) * scale);
  const px = ([x, y]: [number, number]): [number, number] => [
    (x - minX) * k * scale,
    (maxY - y) * scale,
  ];
  const outlines = geo.features.map((f): Outline => {
    let best: { area: number; cx: number; cy: number } = { area: -1, cx: 0, cy: 0 };
    const parts: string[] = [];
    for (const poly of rings(f))
      for (const [ri, ring] of poly.entries()) {
        const pts: [number, number][] = [];
        for (const c of ring) {
          const p = px(c);
          const last = pts.at(-1);
          if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= TOLERANCE) pts.push(p);
        }
        if (pts.length < 3) continue;
        parts.push(`M${pts.map(([x, y]) => `${x.toFixed(1)} ${y.toFixed(1)}`).join('L')}Z`);
        if (ri === 0) {
          // The label goes at the centroid of the largest outer ring.
          let a = 0;
          let cx = 0;
          let cy = 0;
          for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
            const cross = pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
            a += cross;
            cx += (pts[j][0] + pts[i][0]) * cross;
            cy += (pts[j][1] + pts[i][1]) * cross;
          }
          if (Math.abs(a) > best.area)
            best = { area: Math.abs(a), cx: cx / (3 * a), cy: cy / (3 * a) };
        }
      }
    return {
      id: districtIdFromName(f.properties.name),
      name: f.properties.name,
      d: parts.join(''),
      label: [best.cx, best.cy],
    };
  });
  const out = { outlines, height, project: px };
  cache.set(geo, out);
  return out;
}

/** A district's state and status in words, for its title and the legend. */
export function districtWords(d: SharedDistrict | undefined): string {
  if (!d) return SHARED_DISTRICT_STATE_LABEL.outside;
  if (d.status) {
    const status = DISTRICT_STATUS_LABEL[d.status];
    return d.state === 'stale' ? `${status} (rapporten var inaktuell)` : status;
  }
  return SHARED_DISTRICT_STATE_LABEL[d.state];
}

const cls = (d: SharedDistrict | undefined): string => {
  if (!d || d.state === 'outside') return 'd d-outside';
  if (!d.status) return `d d-${d.state}`;
  return `d s-${d.status}${d.state === 'stale' ? ' d-stale' : ''}`;
};

/** The map: one path per district, filled by status; stale reports hatched and outlined. */
export function districtMapSvg(
  geo: DivisionGeoJson,
  districts: readonly SharedDistrict[],
  opts: { titleId: string; descId: string; title: string },
): string {
  const { outlines, height } = outlinesOf(geo);
  const byId = new Map(districts.map((d) => [d.districtId, d]));
  const paths = outlines
    .map((o) => {
      const d = byId.get(o.id);
      return `<path class="${cls(d)}" d="${o.d}"><title>${esc(`${o.name}: ${districtWords(d)}`)}</title></path>`;
    })
    .join('');
  const labels = outlines
    .map(
      (o) =>
        `<text class="map-label${(byId.get(o.id)?.state ?? 'outside') === 'outside' ? ' is-outside' : ''}" x="${o.label[0].toFixed(0)}" y="${o.label[1].toFixed(0)}">${esc(o.name)}</text>`,
    )
    .join('');
  return (
    `<svg class="district-map" viewBox="-10 -10 ${WIDTH + 20} ${height + 20}" role="img" aria-labelledby="${opts.titleId} ${opts.descId}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${opts.titleId}">${esc(opts.title)}</title>` +
    `<desc id="${opts.descId}">Stadsdelsområdenas läge enligt lägesbilden. Samma uppgifter finns i tabellen under kartan.</desc>` +
    `<defs><pattern id="hatch" width="14" height="14" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line class="hatch-line" x1="0" y1="0" x2="0" y2="14"/></pattern></defs>` +
    `<g class="districts">${paths}</g>` +
    `<g class="stale-overlay">${outlines
      .filter((o) => byId.get(o.id)?.state === 'stale')
      .map((o) => `<path class="hatch" d="${o.d}"/>`)
      .join('')}</g>` +
    `<g class="labels" aria-hidden="true">${labels}</g>` +
    `</svg>`
  );
}
