import { z } from 'zod';

/** A district (stadsdelsområde) as the division file defines it. */
export interface District {
  id: string;
  name: string;
}

export interface Division {
  id: string;
  name: string;
  districts: District[];
}

export const DIVISIONS = {
  'sdo-11-2023': {
    file: 'stockholm_stadsdelsomraden_11_2023.geojson',
    name: 'Stadsdelsområden (11, från 2023-07-01)',
  },
  'sdn-13-2020': {
    file: 'stockholm_stadsdelsnamndsomraden_13_2020-2023.geojson',
    name: 'Stadsdelsnämndsområden (13, 2020–2023)',
  },
} as const;
export type DivisionId = keyof typeof DIVISIONS;
export const DEFAULT_DIVISION: DivisionId = 'sdo-11-2023';
export const isDivisionId = (s: string): s is DivisionId => s in DIVISIONS;

/** Stable id from a district name: "Enskede-Årsta-Vantör" → "enskede-arsta-vantor". */
export function districtIdFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const DivisionGeoJson = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ name: z.string().min(1) }).passthrough(),
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']) }).passthrough(),
      }),
    )
    .min(1),
});

/** Reads a division from its GeoJSON; the file is the source of truth for names and borders. */
export function divisionFromGeoJson(id: string, name: string, geojson: unknown): Division {
  const parsed = DivisionGeoJson.parse(geojson);
  const districts = parsed.features
    .map((f) => ({ id: districtIdFromName(f.properties.name), name: f.properties.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return { id, name, districts };
}
