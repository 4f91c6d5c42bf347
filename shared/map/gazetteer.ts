/**
 * The gazetteer (ortnamnsregister) the map searches: every district of the configured division,
 * every stadsdel (neighbourhood) and the former district names, each with the point and the box
 * computed from the bundled real borders (shared/data/divisions/README.md says where they come
 * from). No coordinate is typed in by hand: a name is only found where a border file has it
 * (R248). Named places people put on the map (markers) are searched beside it, from the state.
 */
import { districtIdFromName } from '../domain/division';

type Ring = [number, number][];
interface BorderFeature {
  properties: Record<string, unknown> & { name: string };
  geometry:
    { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}
export interface BorderCollection {
  features: BorderFeature[];
}

export const GAZETTEER_KINDS = ['district', 'neighbourhood', 'former_district', 'place'] as const;
export type GazetteerKind = (typeof GAZETTEER_KINDS)[number];
export const GAZETTEER_KIND_LABEL: Record<GazetteerKind, string> = {
  district: 'Stadsdelsområde',
  neighbourhood: 'Stadsdel',
  former_district: 'Tidigare stadsdelsnämndsområde',
  place: 'Plats på kartan',
};

export interface GazetteerEntry {
  id: string;
  name: string;
  kind: GazetteerKind;
  /** The district (of the configured division) it lies in, by name, when known. */
  within?: string;
  /** A point inside the area: [lat, lng]. */
  at: [number, number];
  /** [[south, west], [north, east]]. */
  bounds: [[number, number], [number, number]];
}

export interface Gazetteer {
  /** Where the names and borders come from, shown beside the search. */
  source: string;
  entries: GazetteerEntry[];
}

export const GAZETTEER_SOURCE =
  'Namn och gränser: Stockholms stad, Stadsbyggnadskontoret och stadens öppna data (Stadskarta, CC0)';

const ringsOf = (f: BorderFeature): Ring[][] =>
  f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;

function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function featureContains(f: BorderFeature, lat: number, lng: number): boolean {
  return ringsOf(f).some(
    (rings) => inRing(lng, lat, rings[0]) && !rings.slice(1).some((h) => inRing(lng, lat, h)),
  );
}

/**
 * A point inside the area, near its middle: the centroid of the largest outer ring when it lies
 * inside, else the middle of the widest inside stretch of the horizontal line through it (a
 * crescent-shaped area's centroid can fall outside it).
 */
export function pointInside(f: BorderFeature): [number, number] {
  let best: { area: number; ring: Ring } = { area: -1, ring: [] };
  for (const poly of ringsOf(f)) {
    const ring = poly[0];
    let a = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
      a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    if (Math.abs(a) > best.area) best = { area: Math.abs(a), ring };
  }
  const ring = best.ring;
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += cross;
    cx += (ring[j][0] + ring[i][0]) * cross;
    cy += (ring[j][1] + ring[i][1]) * cross;
  }
  const lng = cx / (3 * a);
  const lat = cy / (3 * a);
  if (featureContains(f, lat, lng)) return [round(lat), round(lng)];
  // The widest stretch of the line at the centroid's latitude that lies inside the area.
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
  }
  xs.sort((p, q) => p - q);
  let mid = ring[0][0];
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2)
    if (xs[i + 1] - xs[i] > width) {
      width = xs[i + 1] - xs[i];
      mid = (xs[i] + xs[i + 1]) / 2;
    }
  return [round(lat), round(mid)];
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

function boundsOf(f: BorderFeature): GazetteerEntry['bounds'] {
  let s = Infinity;
  let w = Infinity;
  let n = -Infinity;
  let e = -Infinity;
  for (const poly of ringsOf(f))
    for (const [x, y] of poly[0]) {
      s = Math.min(s, y);
      n = Math.max(n, y);
      w = Math.min(w, x);
      e = Math.max(e, x);
    }
  return [
    [round(s), round(w)],
    [round(n), round(e)],
  ];
}

/** Common nouns that stay in lower case after the first word of a place name (Swedish usage). */
const COMMON_WORDS = new Set([
  'gård',
  'strand',
  'villastad',
  'kyrka',
  'slott',
  'stan',
  'mossen',
  'industriomr',
]);

/**
 * "HÄSSELBY VILLASTAD" → "Hässelby villastad", "NORRA ÄNGBY" → "Norra Ängby" (the stadsdel file
 * spells names in capitals): every word capitalised but the common nouns after the first.
 */
export function properCase(name: string): string {
  return name
    .toLocaleLowerCase('sv')
    .split(' ')
    .map((w, i) =>
      i > 0 && COMMON_WORDS.has(w)
        ? w
        : w.replace(
            /(^|-)(\p{L})/gu,
            (_, sep: string, c: string) => sep + c.toLocaleUpperCase('sv'),
          ),
    )
    .join(' ');
}

/**
 * Builds the gazetteer from the bundled borders: the configured division's districts, the
 * stadsdelar (placed in the district most of their area lies in, from the file's own
 * majority fields) and the former division's names that the current one no longer has.
 */
export function buildGazetteer(input: {
  division: BorderCollection;
  neighbourhoods?: BorderCollection;
  former?: BorderCollection;
}): Gazetteer {
  const entries: GazetteerEntry[] = [];
  const districtNames = new Set(input.division.features.map((f) => f.properties.name));
  for (const f of input.division.features)
    entries.push({
      id: `district:${districtIdFromName(f.properties.name)}`,
      name: f.properties.name,
      kind: 'district',
      at: pointInside(f),
      bounds: boundsOf(f),
    });
  for (const f of input.neighbourhoods?.features ?? []) {
    const name = properCase(f.properties.name);
    const at = pointInside(f);
    const within =
      input.division.features.find((d) => featureContains(d, at[0], at[1]))?.properties.name ??
      undefined;
    entries.push({
      id: `neighbourhood:${districtIdFromName(name)}`,
      name,
      kind: 'neighbourhood',
      ...(within ? { within } : {}),
      at,
      bounds: boundsOf(f),
    });
  }
  for (const f of input.former?.features ?? []) {
    if (districtNames.has(f.properties.name)) continue;
    const at = pointInside(f);
    const within = input.division.features.find((d) => featureContains(d, at[0], at[1]))?.properties
      .name;
    entries.push({
      id: `former:${districtIdFromName(f.properties.name)}`,
      name: f.properties.name,
      kind: 'former_district',
      ...(within ? { within } : {}),
      at,
      bounds: boundsOf(f),
    });
  }
  return { source: GAZETTEER_SOURCE, entries };
}

/** Lower case without diacritics, so "hasselby" finds Hässelby and "sodermalm" Södermalm. */
export const fold = (s: string): string =>
  s.toLocaleLowerCase('sv').normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim();

const KIND_RANK: Record<GazetteerKind, number> = {
  district: 0,
  place: 1,
  neighbourhood: 2,
  former_district: 3,
};

/**
 * The entries a query finds (R248): a name that starts with it first, then one with a word
 * that starts with it, then one that holds it anywhere; within each, districts before places,
 * places before stadsdelar, then by name. At most `limit`.
 */
export function searchGazetteer(
  entries: readonly GazetteerEntry[],
  query: string,
  limit = 8,
): GazetteerEntry[] {
  const q = fold(query);
  if (q.length === 0) return [];
  const scored: { e: GazetteerEntry; score: number }[] = [];
  for (const e of entries) {
    const n = fold(e.name);
    const score = n.startsWith(q)
      ? 0
      : n.split(/[\s-]/).some((w) => w.startsWith(q))
        ? 1
        : n.includes(q)
          ? 2
          : -1;
    if (score >= 0) scored.push({ e, score });
  }
  return scored
    .sort(
      (a, b) =>
        a.score - b.score ||
        KIND_RANK[a.e.kind] - KIND_RANK[b.e.kind] ||
        a.e.name.localeCompare(b.e.name, 'sv'),
    )
    .slice(0, limit)
    .map((x) => x.e);
}
