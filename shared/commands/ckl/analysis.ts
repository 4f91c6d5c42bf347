/** Analysis (analys): unit reports, the situation report (lägesrapport) and consequences. */
import { z } from 'zod';
import { defineCommand, recordIn, type VersionChain } from '../define';
import { draft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import { DistrictStatus } from '../../domain/vocabulary';
import { refuse } from '../../errors';
import { actsAs, isOfficerOfUnit, when } from '../../policy/predicates';
import { compileSituationPicture } from '../../views/ckl';
import { unitById } from '../../domain/units';
import { sitrepBody } from '../../domain/ckl';
import { publishToFollowers } from '../share';
import { lookup } from '../../domain/keyed';
import type { Actor } from '../../domain/actor';

import { CKL_INTERNAL, Optional, Text, Title, fnPolicy, requireActive } from './common';

/** An administration's or company's situation reports: each names the one it replaces (R27). */
export const UNIT_REPORTS: VersionChain = {
  name: 'unit',
  recordOf: recordIn('unitId'),
  basedOn: 'basedOnReportId',
  produced: (ev) => {
    if (ev.type !== 'unit.reported') return null;
    const d = ev.data as { unitId: string; reportId: string };
    return { record: d.unitId, version: d.reportId };
  },
  latest: (s, unitId) => lookup(s.ckl.unitReports, unitId)?.id,
};

/** R27 (R2): only the unit's own säkerhetssamordnare reports for it. */
const unitOfficerOnly = (a: Actor, p: { unitId: string }) =>
  when(
    isOfficerOfUnit(a, p.unitId),
    'Du kan bara rapportera för din egen förvaltning eller ditt eget bolag.',
  );

/** R17: the unit's report changed since the officer began; the refusal names the latest. */
const unitReportMoved = (latest: string | null) =>
  refuse('STALE', 'Enhetens läge har ändrats sedan du började. Jämför med den senaste rapporten.', {
    latestReportId: latest,
  });

export const reportUnit = defineCommand({
  label: 'Lämna lägesrapport för enheten',
  chain: UNIT_REPORTS,
  payload: z
    .object({
      unitId: Id,
      /** The report this one replaces, as the officer saw it (R17, R27). */
      basedOnReportId: Id.nullable(),
      status: DistrictStatus,
      happened: Text('Beskriv vad som har hänt.'),
      consequences: Optional,
      actions: Optional,
      needs: Optional,
      nextReportDue: IsoTime,
    })
    .strict(),
  authorize: unitOfficerOnly,
  decide: (p, s, ctx) => {
    if (!unitById(p.unitId)) return refuse('NOT_FOUND', 'Förvaltningen eller bolaget finns inte.');
    const latest = lookup(s.ckl.unitReports, p.unitId)?.id ?? null;
    if (latest !== p.basedOnReportId) return unitReportMoved(latest);
    const { basedOnReportId: _b, ...rest } = p;
    return [draft('unit.reported', { ...rest, reportId: ctx.newId('urep'), noChange: false })];
  },
});

export const confirmUnitNoChange = defineCommand({
  label: 'Inget nytt att rapportera för enheten',
  chain: UNIT_REPORTS,
  payload: z
    .object({ unitId: Id, basedOnReportId: Id.nullable(), nextReportDue: IsoTime })
    .strict(),
  authorize: unitOfficerOnly,
  decide: (p, s, ctx) => {
    const prev = lookup(s.ckl.unitReports, p.unitId);
    if (!prev)
      return refuse(
        'CONFLICT',
        'Det finns ingen tidigare rapport att bekräfta. Lämna en lägesrapport.',
      );
    if (prev.id !== p.basedOnReportId) return unitReportMoved(prev.id);
    return [
      draft('unit.reported', {
        reportId: ctx.newId('urep'),
        unitId: p.unitId,
        status: prev.status,
        happened: prev.happened,
        consequences: prev.consequences,
        actions: prev.actions,
        needs: prev.needs,
        nextReportDue: p.nextReportDue,
        noChange: true,
      }),
    ];
  },
});

export const draftSitrep = defineCommand({
  label: 'Skriv samlad lägesbild',
  payload: z
    .object({
      eventId: Id.optional(),
      title: Title,
      situation: Text('Beskriv läget.'),
      forecast: Optional,
      consequences: Optional,
      needs: Optional,
      recommendations: Optional,
    })
    .strict(),
  authorize: fnPolicy('analysis'),
  // R29: a new version of the event's (or the city's) report, with the sources it was built on.
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'analysis', p.eventId);
    if (bad) return bad;
    const series = p.eventId ?? 'city';
    const version =
      Math.max(
        0,
        ...Object.values(s.ckl.sitreps)
          .filter((r) => r.series === series)
          .map((r) => r.version),
      ) + 1;
    const pic = compileSituationPicture(s, ctx.now);
    // An event's report is built on its own areas; the city's on every area that reported.
    const e = p.eventId ? lookup(s.events, p.eventId) : undefined;
    const inScope = (districtId: string) =>
      !e ||
      e.affectedDistrictIds.includes(districtId) ||
      (e.owner.kind === 'district' && e.owner.id === districtId);
    const unitInScope = (unitId: string) =>
      !e ||
      e.affectedUnitIds.includes(unitId) ||
      (e.owner.kind === 'unit' && e.owner.id === unitId);
    const ds = pic.districts.filter((d) => inScope(d.districtId));
    const sources = {
      districtReportIds: ds.flatMap((d) => (d.reportId ? [d.reportId] : [])),
      unitReportIds: pic.units.flatMap((u) =>
        u.report && unitInScope(u.unitId) ? [u.report.id] : [],
      ),
      staleDistrictIds: ds.filter((d) => d.state === 'stale').map((d) => d.districtId),
      missingDistrictIds: ds
        .filter((d) => d.state === 'missing' && (e ? true : d.affected))
        .map((d) => d.districtId),
    };
    return [
      draft(
        'analysis.sitrepDrafted',
        { ...p, sitrepId: ctx.newId('sit'), series, version, sources },
        CKL_INTERNAL,
      ),
    ];
  },
});

export const returnSitrep = defineCommand({
  label: 'Återremittera lägesbild',
  payload: z.object({ sitrepId: Id, comment: Text('Ange vad som ska ändras.') }).strict(),
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'ckl_lead'),
      'Endast stabschefen godkänner eller återremitterar lägesbilden.',
    ),
  decide: (p, s) => {
    const r = lookup(s.ckl.sitreps, p.sitrepId);
    if (!r) return refuse('NOT_FOUND', 'Lägesbilden finns inte.');
    if (r.status !== 'draft') return refuse('CONFLICT', 'Endast ett utkast kan återremitteras.');
    return [draft('analysis.sitrepReturned', p, CKL_INTERNAL)];
  },
});

/** Where an approved situation report goes (R29). */
export const SITREP_RECIPIENTS = ['Krisledningsnämndens ordförande', 'Stadsdelsområdena'];

export const approveSitrep = defineCommand({
  label: 'Godkänn och skicka lägesbild',
  payload: z.object({ sitrepId: Id }).strict(),
  // R29: the CKL lead approves; approval sends it to the chair and the districts (and, R90, to
  // the partners whose links follow the series).
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'ckl_lead'), 'Endast stabschefen godkänner lägesbilden.'),
  decide: (p, s, ctx) => {
    const r = lookup(s.ckl.sitreps, p.sitrepId);
    if (!r) return refuse('NOT_FOUND', 'Lägesbilden finns inte.');
    if (r.status !== 'draft') return refuse('CONFLICT', 'Endast ett utkast kan godkännas.');
    const newer = Object.values(s.ckl.sitreps).some(
      (x) => x.series === r.series && x.version > r.version,
    );
    if (newer) return refuse('CONFLICT', 'Det finns en nyare version. Godkänn den i stället.');
    return [
      draft('analysis.sitrepApproved', {
        sitrepId: r.id,
        series: r.series,
        eventId: r.eventId,
        version: r.version,
        ...sitrepBody(r),
        sources: r.sources,
        draftedAt: r.draftedAt,
        draftedBy: r.draftedBy,
        sentTo: SITREP_RECIPIENTS,
      }),
      ...publishToFollowers(s, r, ctx.now),
    ];
  },
});

export const recordConsequences = defineCommand({
  label: 'Konsekvensanalys',
  payload: z
    .object({
      eventId: Id,
      title: Title,
      consequences: Text('Beskriv konsekvenserna.'),
      horizon: z.string().trim().max(200).default(''),
      options: z
        .array(z.object({ title: Title, description: Optional }).strict())
        .max(10)
        .default([]),
      /** Index into options of the option the function recommends. */
      recommended: z.number().int().min(0).optional(),
    })
    .strict(),
  authorize: fnPolicy('analysis'),
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'analysis', p.eventId);
    if (bad) return bad;
    if (p.recommended !== undefined && p.recommended >= p.options.length)
      return refuse('INVALID', 'Det rekommenderade alternativet finns inte.');
    const analysisId = ctx.newId('ana');
    const options = p.options.map((o, i) => ({ id: `${analysisId}-${i + 1}`, ...o }));
    return [
      draft('analysis.consequencesRecorded', {
        analysisId,
        eventId: p.eventId,
        title: p.title,
        consequences: p.consequences,
        horizon: p.horizon,
        options,
        recommendedOptionId: p.recommended !== undefined ? options[p.recommended].id : undefined,
      }),
    ];
  },
});
