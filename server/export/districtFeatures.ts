import { districtIdFromName } from '../../shared/domain/division';

interface BorderFeature<G> {
  properties: { name: string };
  geometry: G;
}

/**
 * A GeoJSON Feature per district border, as the situation export and the shared report both
 * write it: the id and `kind` the same in each, so a reader can join one file to the other.
 */
export function districtFeatures<G, P extends object>(
  division: { features: BorderFeature<G>[] },
  properties: (id: string, name: string) => P,
) {
  return division.features.map((f) => {
    const id = districtIdFromName(f.properties.name);
    return {
      type: 'Feature' as const,
      id: `district:${id}`,
      geometry: f.geometry,
      properties: { kind: 'district', ...properties(id, f.properties.name) },
    };
  });
}
