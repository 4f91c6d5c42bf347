import type { CityState } from '../../shared/domain/state';
import {
  CRISIS_SUPPORT_LABEL,
  DISTRICT_STATUS_LABEL,
  LEVEL_LABEL,
  MARKER_KIND_LABEL,
} from '../../shared/domain/vocabulary';
import { districtFeatures } from './districtFeatures';
import { isExerciseSpace } from '../../shared/domain/exercise';
import { lookup } from '../../shared/domain/keyed';

interface DivisionFeature {
  type: 'Feature';
  properties: { name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/**
 * The map of a situation as GeoJSON (RFC 7946): each district's border with its status and
 * latest report, each place and incident as a point. Coordinates are WGS84 [lng, lat]; the
 * borders come from the division file as they are (counter-clockwise outer rings).
 */
export function situationGeoJson(
  s: CityState,
  division: { features: DivisionFeature[] },
  generatedAt: string,
): { type: 'FeatureCollection'; features: unknown[] } {
  const exercise = isExerciseSpace(s.space);
  const openEvents = Object.values(s.events).filter((e) => e.status === 'open');
  const districts = districtFeatures(division, (id, name) => {
    const d = lookup(s.districts, id);
    const rep = d?.latestReportId ? lookup(s.reports, d.latestReportId) : undefined;
    const events = openEvents.filter((e) => e.affectedDistrictIds.includes(id));
    return {
      exercise,
      districtId: id,
      name,
      status: rep?.status ?? null,
      statusLabel: rep ? DISTRICT_STATUS_LABEL[rep.status] : 'Ingen rapport',
      reportedAt: rep?.at ?? null,
      confirmedAt: d?.confirmedAt ?? null,
      nextReportDue: d?.nextReportDue ?? null,
      overdue: d?.nextReportDue !== undefined && d.nextReportDue < generatedAt,
      happened: rep?.happened ?? null,
      needs: rep?.needs ?? null,
      crisisSupport: rep?.crisisSupport ?? null,
      crisisSupportLabel: rep ? CRISIS_SUPPORT_LABEL[rep.crisisSupport] : null,
      openEvents: events.map((e) => ({
        eventId: e.id,
        title: e.title,
        level: e.level,
        levelLabel: LEVEL_LABEL[e.level],
      })),
    };
  });
  const markers = Object.values(s.markers)
    .filter((m) => !m.removed)
    .map((m) => ({
      type: 'Feature' as const,
      id: `marker:${m.id}`,
      geometry: {
        type: 'Point' as const,
        coordinates: [Number(m.lng.toFixed(6)), Number(m.lat.toFixed(6))],
      },
      properties: {
        kind: m.kind,
        kindLabel: MARKER_KIND_LABEL[m.kind],
        exercise,
        markerId: m.id,
        label: m.label,
        districtId: m.districtId,
        eventId: m.eventId ?? null,
        placedAt: m.at,
        placedBy: m.placedBy.name,
      },
    }));
  return { type: 'FeatureCollection', features: [...districts, ...markers] };
}
