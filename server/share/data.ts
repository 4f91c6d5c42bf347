/**
 * The shared report as data: JSON (the same as the page) and GeoJSON (RFC 7946: each district's
 * border with its state in the report). Nothing beyond what the page shows (R92).
 */
import { EXERCISE_MARK } from '../../shared/domain/exercise';
import { DISTRICT_STATUS_LABEL, LEVEL_LABEL } from '../../shared/domain/vocabulary';
import type { SharedReport } from '../../shared/domain/share';
import { districtFeatures } from '../export/districtFeatures';
import { documentTitle, type ShareDocument } from './document';
import { districtWords, type DivisionGeoJson } from './map';
import { ageAtApproval } from './page';

/** The exercise notice every data format carries (R97); null in the real space. */
const notice = (doc: ShareDocument) =>
  doc.exercise ? `${EXERCISE_MARK} – det här är en övning, inte ett verkligt läge.` : null;

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 60_000));

function reportJson(r: SharedReport) {
  return {
    version: r.version,
    title: r.title,
    approvedAt: r.approvedAt,
    event: r.eventTitle
      ? {
          title: r.eventTitle,
          level: r.eventLevel ?? null,
          levelLabel: r.eventLevel ? LEVEL_LABEL[r.eventLevel] : null,
        }
      : null,
    situation: r.situation,
    forecast: r.forecast,
    consequences: r.consequences,
    needs: r.needs,
    recommendations: r.recommendations,
    districts: r.districts.map((d) => ({
      districtId: d.districtId,
      name: d.name,
      state: d.state,
      status: d.status ?? null,
      statusLabel: d.status ? DISTRICT_STATUS_LABEL[d.status] : null,
      description: districtWords(d),
      reportedAt: d.reportedAt ?? null,
      ageMinutesAtApproval: minutes(ageAtApproval(d, r.approvedAt)),
      nextReportDue: d.nextReportDue ?? null,
    })),
  };
}

export function shareJson(doc: ShareDocument) {
  return {
    kind: 'lagesbild',
    publisher: 'Stockholms stad, central krisledning',
    title: documentTitle(doc),
    exercise: doc.exercise,
    notice: notice(doc),
    ...(doc.exerciseName ? { exerciseName: doc.exerciseName } : {}),
    share: {
      recipient: doc.recipient,
      expiresAt: doc.expiresAt,
      follows: doc.follow ? 'latest' : 'version',
      superseded: doc.superseded,
    },
    report: reportJson(doc.report),
    links: doc.links,
  };
}

export function shareGeoJson(doc: ShareDocument, geo: DivisionGeoJson) {
  const r = doc.report;
  const byId = new Map(r.districts.map((d) => [d.districtId, d]));
  return {
    type: 'FeatureCollection' as const,
    features: districtFeatures(geo, (id, name) => {
      const d = byId.get(id);
      return {
        exercise: doc.exercise,
        notice: notice(doc),
        report: documentTitle(doc),
        version: r.version,
        approvedAt: r.approvedAt,
        districtId: id,
        name,
        state: d?.state ?? 'outside',
        status: d?.status ?? null,
        statusLabel: d?.status ? DISTRICT_STATUS_LABEL[d.status] : null,
        description: districtWords(d),
        reportedAt: d?.reportedAt ?? null,
        ageMinutesAtApproval: d ? minutes(ageAtApproval(d, r.approvedAt)) : null,
        nextReportDue: d?.nextReportDue ?? null,
      };
    }),
  };
}
