import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DIVISIONS,
  districtIdFromName,
  divisionFromGeoJson,
  type Division,
  type DivisionId,
} from '../shared/domain/division';
import { PROJECT_ROOT } from './paths';
import { buildGazetteer, type BorderCollection, type Gazetteer } from '../shared/map/gazetteer';

type Ring = [number, number][];
interface Feature {
  properties: { name: string };
  geometry:
    { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export const DIVISIONS_DIR = path.join(PROJECT_ROOT, 'shared', 'data', 'divisions');

function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export interface LoadedDivision {
  division: Division;
  geojson: unknown;
  geojsonText: string;
  /** Which district a point lies in, from the real borders. */
  districtAt: (lat: number, lng: number) => string | undefined;
}

export function loadDivision(id: DivisionId): LoadedDivision {
  const meta = DIVISIONS[id];
  const geojsonText = readFileSync(path.join(DIVISIONS_DIR, meta.file), 'utf8');
  const geojson = JSON.parse(geojsonText) as { features: Feature[] };
  const division = divisionFromGeoJson(id, meta.name, geojson);
  const polys = geojson.features.map((f) => ({
    id: districtIdFromName(f.properties.name),
    polygons: f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
  }));
  const districtAt = (lat: number, lng: number): string | undefined =>
    polys.find((p) =>
      p.polygons.some(
        (rings) => inRing(lng, lat, rings[0]) && !rings.slice(1).some((h) => inRing(lng, lat, h)),
      ),
    )?.id;
  return { division, geojson, geojsonText, districtAt };
}

export const NEIGHBOURHOODS_FILE = 'stockholm_stadsdelar_117.geojson';

/** The 117 stadsdelar (neighbourhoods) as bundled, for the map's layer and the gazetteer. */
export function loadNeighbourhoodsText(): string {
  return readFileSync(path.join(DIVISIONS_DIR, NEIGHBOURHOODS_FILE), 'utf8');
}

/**
 * The gazetteer of the configured division (R248): its districts, the stadsdelar and, with the
 * 2023 division, the names of the 2020 one it replaced (Norrmalm, Rinkeby-Kista …).
 */
export function loadGazetteer(id: DivisionId, neighbourhoodsText: string): Gazetteer {
  const read = (d: DivisionId) =>
    JSON.parse(
      readFileSync(path.join(DIVISIONS_DIR, DIVISIONS[d].file), 'utf8'),
    ) as BorderCollection;
  return buildGazetteer({
    division: read(id),
    neighbourhoods: JSON.parse(neighbourhoodsText) as BorderCollection,
    ...(id === 'sdo-11-2023' ? { former: read('sdn-13-2020') } : {}),
  });
}
