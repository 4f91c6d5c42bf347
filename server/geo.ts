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
import {
  buildGazetteer,
  featureContains,
  type BorderCollection,
  type Gazetteer,
} from '../shared/map/gazetteer';

export const DIVISIONS_DIR = path.join(PROJECT_ROOT, 'shared', 'data', 'divisions');

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
  const geojson = JSON.parse(geojsonText) as BorderCollection;
  const division = divisionFromGeoJson(id, meta.name, geojson);
  const districts = geojson.features.map((f) => ({ id: districtIdFromName(f.properties.name), f }));
  // The same point-in-border test as the gazetteer's, so a search and a placed marker agree.
  const districtAt = (lat: number, lng: number): string | undefined =>
    districts.find((d) => featureContains(d.f, lat, lng))?.id;
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
