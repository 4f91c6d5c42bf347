/** Districts (geografiskt områdesansvar): situation reports and map markers. */
import { z } from 'zod';
import { defineCommand, recordIn, type DecideContext, type VersionChain } from '../define';
import { draft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import { CrisisSupportState, DistrictStatus, MarkerKind } from '../../domain/vocabulary';
import type { CityState } from '../../domain/state';
import { refuse, type Refusal } from '../../errors';
import { mayEditDistrict, when } from '../../policy/predicates';
import { lookup } from '../../domain/keyed';
import { Lat, Lng, LongText, Title } from './common';

const ReportFields = {
  districtId: Id,
  /** The report this one replaces, as the officer saw it; a mismatch is a conflict (R17). */
  basedOnReportId: Id.nullable(),
  nextReportDue: IsoTime,
};

/** A district's situation reports: each names the one it replaces (R17). */
export const DISTRICT_REPORTS: VersionChain = {
  name: 'district',
  recordOf: recordIn('districtId'),
  basedOn: 'basedOnReportId',
  produced: (ev) => {
    if (ev.type !== 'district.reported') return null;
    const d = ev.data as { districtId: string; reportId: string };
    return { record: d.districtId, version: d.reportId };
  },
  latest: (s, districtId) => lookup(s.districts, districtId)?.latestReportId ?? undefined,
};

function staleReport(s: CityState, districtId: string, basedOn: string | null): Refusal | null {
  const latest = lookup(s.districts, districtId)?.latestReportId ?? null;
  if (latest === basedOn) return null;
  return refuse(
    'STALE',
    'Stadsdelsområdets läge har ändrats sedan du började. Jämför med den senaste rapporten.',
    {
      latestReportId: latest,
    },
  );
}

export const fileSituationReport = defineCommand({
  label: 'Lämna lägesrapport',
  chain: DISTRICT_REPORTS,
  payload: z
    .object({
      ...ReportFields,
      status: DistrictStatus,
      happened: LongText.min(1, 'Beskriv vad som har hänt.'),
      consequences: LongText.default(''),
      actions: LongText.default(''),
      needs: LongText.default(''),
      crisisSupport: CrisisSupportState,
    })
    .strict(),
  // R2/R16: only the district's own duty officer reports its situation.
  authorize: (a, p) =>
    when(mayEditDistrict(a, p.districtId), 'Du kan bara rapportera för ditt eget stadsdelsområde.'),
  decide: (p, s, ctx) => {
    if (!lookup(s.districts, p.districtId))
      return refuse('NOT_FOUND', 'Stadsdelsområdet finns inte.');
    const stale = staleReport(s, p.districtId, p.basedOnReportId);
    if (stale) return stale;
    const { basedOnReportId: _b, ...rest } = p;
    return [draft('district.reported', { ...rest, reportId: ctx.newId('rep'), noChange: false })];
  },
});

export const confirmNoChange = defineCommand({
  label: 'Inget nytt att rapportera',
  chain: DISTRICT_REPORTS,
  payload: z.object(ReportFields).strict(),
  authorize: (a, p) =>
    when(mayEditDistrict(a, p.districtId), 'Du kan bara rapportera för ditt eget stadsdelsområde.'),
  decide: (p, s, ctx) => {
    const dist = lookup(s.districts, p.districtId);
    if (!dist) return refuse('NOT_FOUND', 'Stadsdelsområdet finns inte.');
    const prev = dist.latestReportId ? lookup(s.reports, dist.latestReportId) : undefined;
    if (!prev)
      return refuse(
        'CONFLICT',
        'Det finns ingen tidigare rapport att bekräfta. Lämna en lägesrapport.',
      );
    const stale = staleReport(s, p.districtId, p.basedOnReportId);
    if (stale) return stale;
    return [
      draft('district.reported', {
        reportId: ctx.newId('rep'),
        districtId: p.districtId,
        status: prev.status,
        happened: prev.happened,
        consequences: prev.consequences,
        actions: prev.actions,
        needs: prev.needs,
        crisisSupport: prev.crisisSupport,
        nextReportDue: p.nextReportDue,
        noChange: true,
      }),
    ];
  },
});

function pointInDistrict(
  ctx: DecideContext,
  districtId: string,
  lat: number,
  lng: number,
  s: CityState,
): Refusal | null {
  if (!ctx.districtAt) return null;
  const at = ctx.districtAt(lat, lng);
  if (at === districtId) return null;
  const name = lookup(s.districts, districtId)?.name ?? districtId;
  return refuse('INVALID', `Platsen ligger inte inom ${name}.`);
}

export const placeMarker = defineCommand({
  label: 'Placera markering',
  payload: z
    .object({
      kind: MarkerKind,
      label: Title,
      districtId: Id,
      eventId: Id.optional(),
      lat: Lat,
      lng: Lng,
    })
    .strict(),
  authorize: (a, p) =>
    when(
      mayEditDistrict(a, p.districtId),
      'Du kan bara placera markeringar i ditt eget stadsdelsområde.',
    ),
  decide: (p, s, ctx) => {
    if (!lookup(s.districts, p.districtId))
      return refuse('NOT_FOUND', 'Stadsdelsområdet finns inte.');
    if (p.eventId && !lookup(s.events, p.eventId))
      return refuse('NOT_FOUND', 'Händelsen finns inte.');
    const outside = pointInDistrict(ctx, p.districtId, p.lat, p.lng, s);
    if (outside) return outside;
    return [draft('marker.placed', { ...p, markerId: ctx.newId('mk') })];
  },
});

export const moveMarker = defineCommand({
  label: 'Flytta markering',
  payload: z.object({ markerId: Id, lat: Lat, lng: Lng }).strict(),
  authorize: (a, p, s) => {
    const m = lookup(s.markers, p.markerId);
    return when(
      m !== undefined && mayEditDistrict(a, m.districtId),
      'Du kan bara flytta markeringar i ditt eget stadsdelsområde.',
    );
  },
  decide: (p, s, ctx) => {
    const m = lookup(s.markers, p.markerId);
    if (!m) return refuse('NOT_FOUND', 'Markeringen finns inte.');
    const outside = pointInDistrict(ctx, m.districtId, p.lat, p.lng, s);
    if (outside) return outside;
    return [draft('marker.moved', { ...p, districtId: m.districtId })];
  },
});

export const removeMarker = defineCommand({
  label: 'Ta bort markering',
  payload: z.object({ markerId: Id }).strict(),
  authorize: (a, p, s) => {
    const m = lookup(s.markers, p.markerId);
    return when(
      m !== undefined && mayEditDistrict(a, m.districtId),
      'Du kan bara ta bort markeringar i ditt eget stadsdelsområde.',
    );
  },
  decide: (p, s) =>
    lookup(s.markers, p.markerId)
      ? [draft('marker.removed', p)]
      : refuse('NOT_FOUND', 'Markeringen finns inte.'),
});
