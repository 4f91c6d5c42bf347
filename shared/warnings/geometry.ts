/**
 * Warning areas as GeoJSON: reading them from each feed's form, and asking whether a warning
 * touches Stockholm county (Stockholms län, SCB code 01) for the attention rule (R135).
 */
import { WarningGeometry, type Warning } from './model';

type Ring = [number, number][];

/** A CAP polygon ("lat,lon lat,lon …", closed) as a GeoJSON ring ([lon, lat]). */
export function capPolygonToRing(text: string): Ring | string {
  const pairs = text.trim().split(/\s+/);
  if (pairs.length < 4) return 'en polygon behöver minst fyra punkter';
  const ring: Ring = [];
  for (const p of pairs) {
    const [a, b, extra] = p.split(',');
    const lat = Number(a);
    const lon = Number(b);
    if (extra !== undefined || !Number.isFinite(lat) || !Number.isFinite(lon))
      return `trasig punkt "${p.slice(0, 40)}"`;
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
      return `punkten ${p.slice(0, 40)} ligger utanför jorden`;
    ring.push([lon, lat]);
  }
  const [f, l] = [ring[0], ring[ring.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) return 'polygonen är inte sluten';
  return ring;
}

/** Polygons (each a list of rings) as one geometry: null for none, MultiPolygon for several. */
export function combinePolygons(polys: Ring[][]): WarningGeometry | null {
  if (polys.length === 0) return null;
  if (polys.length === 1) return { type: 'Polygon', coordinates: polys[0] };
  return { type: 'MultiPolygon', coordinates: polys };
}

/**
 * A GeoJSON value as SMHI sends an area: a Feature, a FeatureCollection or a bare geometry.
 * Polygons and multipolygons are kept; anything else in it is broken geometry.
 */
export function readGeoJsonArea(
  v: unknown,
): { ok: true; polys: Ring[][] } | { ok: false; reason: string } {
  const polys: Ring[][] = [];
  const visit = (g: unknown, depth: number): string | null => {
    if (depth > 4) return 'för djupt nästlad geometri';
    if (g === null || g === undefined) return null;
    if (typeof g !== 'object') return 'geometrin är inget objekt';
    const o = g as { type?: unknown; features?: unknown; geometry?: unknown; geometries?: unknown };
    switch (o.type) {
      case 'FeatureCollection':
        if (!Array.isArray(o.features)) return 'FeatureCollection utan features';
        for (const f of o.features) {
          const e = visit(f, depth + 1);
          if (e) return e;
        }
        return null;
      case 'Feature':
        return visit(o.geometry, depth + 1);
      case 'GeometryCollection':
        if (!Array.isArray(o.geometries)) return 'GeometryCollection utan geometries';
        for (const x of o.geometries) {
          const e = visit(x, depth + 1);
          if (e) return e;
        }
        return null;
      case 'Polygon':
      case 'MultiPolygon': {
        const r = WarningGeometry.safeParse(g);
        if (!r.success) {
          const i = r.error.issues[0];
          return `trasig geometri (${i.path.join('.')}: ${i.message})`;
        }
        if (r.data.type === 'Polygon') polys.push(r.data.coordinates);
        else polys.push(...r.data.coordinates);
        return null;
      }
      default:
        return `geometritypen ${JSON.stringify(o.type)?.slice(0, 40)} kan inte visas som område`;
    }
  };
  const err = visit(v, 0);
  return err ? { ok: false, reason: err } : { ok: true, polys };
}

/** Stockholm county's bounding box, with a little margin (lon, lat). */
const STOCKHOLM_COUNTY_BOX = { minLon: 17.2, maxLon: 19.6, minLat: 58.7, maxLat: 60.3 };
/** Stockholm's city hall: inside any area that covers the city. */
const STOCKHOLM_CITY: [number, number] = [18.0686, 59.3293];
export const STOCKHOLM_COUNTY = '01';

function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Whether a warning touches Stockholm county: its county codes name 01 or the whole
 * country, or its area has a corner in the county or covers the city (R135).
 */
export function touchesStockholmCounty(w: Pick<Warning, 'counties' | 'geometry'>): boolean {
  if (w.counties.includes(STOCKHOLM_COUNTY) || w.counties.includes('00')) return true;
  if (!w.geometry) return false;
  const polys = w.geometry.type === 'Polygon' ? [w.geometry.coordinates] : w.geometry.coordinates;
  const b = STOCKHOLM_COUNTY_BOX;
  for (const rings of polys) {
    if (inRing(STOCKHOLM_CITY, rings[0])) return true;
    for (const [lon, lat] of rings[0])
      if (lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat) return true;
  }
  return false;
}
