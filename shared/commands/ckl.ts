/**
 * The CKL lead's tools and the four functions at work (issue 4). Rule numbers (R20–R39) refer
 * to docs/rules.md. Policy (who) is in `authorize`; whether the state allows it (activation,
 * status) is in `decide`.
 */
import { z } from 'zod';
import { defineCommand } from './define';
import { draft, type EventDraft } from '../events';
import { Id, IsoTime } from '../events/schemas';
import { CKL_FUNCTION_LABEL, DistrictStatus, type CklFunction } from '../domain/vocabulary';
import type { Audience, CityState, CrisisEvent } from '../domain/state';
import {
  ActorSector,
  AgendaItem,
  CapInfo,
  ContactChannel,
  CostCategory,
  MediaTone,
  Presence,
  ShiftPost,
  StaffSite,
  STAFF_SITE_LABEL,
  SupplyCategory,
  TargetGroup,
  type InfoMessage,
} from '../domain/ckl';
import { refuse, type Refusal } from '../errors';
import { actsAs, isOfficerOfUnit, when } from '../policy/predicates';
import {
  mayApproveMessage,
  mayDecideDirection,
  STAFF_SUPPORT_REQUESTERS,
  worksIn,
} from '../policy/ckl';
import { cklActive, compileSituationPicture, isFunctionActive } from '../views/ckl';
import { personKey } from '../reducer/ckl';
import { unitById } from '../domain/units';
import { publishToFollowers } from './share';
import { lookup } from '../domain/keyed';

// ---------------------------------------------------------------------------------------------
// Shapes and helpers
// ---------------------------------------------------------------------------------------------

const Title = z.string().trim().min(1, 'Ange en rubrik.').max(200, 'Högst 200 tecken.');
const Short = (msg: string) => z.string().trim().min(1, msg).max(200, 'Högst 200 tecken.');
const Text = (msg: string) => z.string().trim().min(1, msg).max(4000, 'Högst 4000 tecken.');
const Optional = z.string().trim().max(4000, 'Högst 4000 tecken.').default('');
const Route = z
  .object({
    channel: ContactChannel,
    value: Short('Ange kontaktvägen.'),
    note: z.string().trim().max(200).optional(),
  })
  .strict();
const Minutes = z
  .number()
  .int()
  .min(15, 'Minst 15 minuter.')
  .max(7 * 24 * 60);

/** Restricted to the crisis staff; the leading roles see it anyway (shared/visibility.ts). */
export const CKL_INTERNAL: Audience = {
  roles: ['ckl_liaison', 'ckl_information', 'ckl_admin'],
};
/** R34: a colleague's need of crisis support is seen by the administrative function only. */
export const STAFF_SUPPORT_AUDIENCE: Audience = { roles: ['ckl_admin'] };

const FN_FORBIDDEN = (fn: CklFunction) =>
  `Endast ${CKL_FUNCTION_LABEL[fn].toLowerCase()}sfunktionen och stabschefen kan göra detta.`;
const fnPolicy =
  (fn: CklFunction) => (a: Parameters<typeof worksIn>[0], _p: unknown, s: CityState, now: string) =>
    when(worksIn(a, s, now, fn), FN_FORBIDDEN(fn));

const NOT_ACTIVE = (fn: CklFunction, onEvent: boolean) =>
  refuse(
    'CONFLICT',
    `${CKL_FUNCTION_LABEL[fn]}sfunktionen är inte aktiverad${onEvent ? ' för händelsen' : ''}. Stadsdirektören aktiverar CKL.`,
  );

/** R21: a function's work needs the function activated (on the named event, or on any open one). */
function requireActive(s: CityState, fn: CklFunction, eventId?: string): Refusal | null {
  if (eventId) {
    const e = lookup(s.events, eventId);
    if (!e) return refuse('NOT_FOUND', 'Händelsen finns inte.');
    if (e.status !== 'open') return refuse('CONFLICT', 'Händelsen är avslutad.');
  }
  return isFunctionActive(s, fn, eventId) ? null : NOT_ACTIVE(fn, eventId !== undefined);
}

function openEventWithCkl(s: CityState, eventId: string): CrisisEvent | Refusal {
  const e = lookup(s.events, eventId);
  if (!e) return refuse('NOT_FOUND', 'Händelsen finns inte.');
  if (e.status !== 'open') return refuse('CONFLICT', 'Händelsen är avslutad.');
  if (!cklActive(s, eventId))
    return refuse(
      'CONFLICT',
      'CKL är inte aktiverad för händelsen. Stadsdirektören aktiverar CKL.',
    );
  return e;
}

const isRef = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'refused' in x;
const addMinutes = (iso: string, min: number) =>
  new Date(Date.parse(iso) + min * 60_000).toISOString();

// ---------------------------------------------------------------------------------------------
// The CKL lead (stabschef): direction decisions and the briefing cadence. Tasks are core.
// ---------------------------------------------------------------------------------------------

export const decideDirection = defineCommand({
  label: 'Inriktningsbeslut',
  payload: z
    .object({
      eventId: Id,
      /** The consequence analysis and option the decision is based on, if any. */
      analysisId: Id.optional(),
      optionId: Id.optional(),
      basis: Text('Ange beslutsunderlag.'),
      what: Text('Ange inriktningen.'),
      informed: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
    })
    .strict(),
  // R23: the CKL lead or the director decides the direction.
  authorize: (a, _p, s, now) =>
    when(
      mayDecideDirection(a, s, now),
      'Endast stabschefen eller stadsdirektören fattar inriktningsbeslut.',
    ),
  decide: (p, s, ctx) => {
    const e = openEventWithCkl(s, p.eventId);
    if (isRef(e)) return e;
    let what = p.what;
    if (p.analysisId) {
      const an = lookup(s.ckl.analyses, p.analysisId);
      if (!an || an.eventId !== e.id) return refuse('NOT_FOUND', 'Analysen finns inte.');
      if (an.decision) return refuse('CONFLICT', 'Analysen har redan lett till ett beslut.');
      if (p.optionId) {
        const opt = an.options.find((o) => o.id === p.optionId);
        if (!opt) return refuse('NOT_FOUND', 'Alternativet finns inte i analysen.');
        what = `${opt.title}: ${p.what}`;
      }
    } else if (p.optionId) return refuse('INVALID', 'Ett alternativ hör till en analys.');
    const decisionId = ctx.newId('dec');
    const out: EventDraft[] = [
      draft('decision.recorded', {
        decisionId,
        kind: 'direction',
        eventId: e.id,
        basis: p.basis,
        what,
        informed: p.informed,
      }),
    ];
    if (p.analysisId)
      out.push(
        draft('ckl.analysisDecided', {
          analysisId: p.analysisId,
          decisionId,
          optionId: p.optionId,
        }),
      );
    return out;
  },
});

export const setBriefing = defineCommand({
  label: 'Planera stabsgenomgång',
  payload: z
    .object({
      nextAt: IsoTime,
      intervalMinutes: Minutes.optional(),
      place: z.string().trim().max(200).optional(),
    })
    .strict(),
  // R24: the lead sets the cadence.
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'ckl_lead'), 'Endast stabschefen planerar stabsgenomgångar.'),
  decide: (p, s, ctx) => {
    if (!cklActive(s))
      return refuse(
        'CONFLICT',
        'CKL är inte aktiverad. Stabsgenomgångar hålls när CKL är i arbete.',
      );
    if (p.nextAt < ctx.now)
      return refuse('INVALID', 'Nästa stabsgenomgång kan inte ligga i det förflutna.');
    return [draft('ckl.briefingScheduled', p)];
  },
});

export const recordBriefing = defineCommand({
  label: 'Stabsgenomgång genomförd',
  payload: z
    .object({ summary: Text('Sammanfatta genomgången.'), nextAt: IsoTime.optional() })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'ckl_lead'), 'Endast stabschefen registrerar stabsgenomgångar.'),
  decide: (p, s, ctx) => {
    if (!cklActive(s))
      return refuse(
        'CONFLICT',
        'CKL är inte aktiverad. Stabsgenomgångar hålls när CKL är i arbete.',
      );
    const interval = s.ckl.briefing.intervalMinutes;
    const nextAt = p.nextAt ?? (interval ? addMinutes(ctx.now, interval) : undefined);
    if (nextAt && nextAt < ctx.now)
      return refuse('INVALID', 'Nästa stabsgenomgång kan inte ligga i det förflutna.');
    return [draft('ckl.briefingHeld', { summary: p.summary, nextAt })];
  },
});

// ---------------------------------------------------------------------------------------------
// Liaison (samverkan)
// ---------------------------------------------------------------------------------------------

export const registerActor = defineCommand({
  label: 'Registrera aktör',
  payload: z
    .object({
      name: Short('Ange aktörens namn.'),
      sector: ActorSector,
      routes: z.array(Route).max(20).default([]),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  // R21: the register is preparation: it is kept up to date whether or not CKL is activated.
  decide: (p, s, ctx) => {
    const taken = Object.values(s.ckl.actors).some(
      (x) => x.name.toLowerCase() === p.name.toLowerCase(),
    );
    if (taken) return refuse('CONFLICT', 'Aktören finns redan i registret.');
    return [draft('liaison.actorRegistered', { ...p, actorId: ctx.newId('act') })];
  },
});

export const updateActor = defineCommand({
  label: 'Uppdatera aktör',
  payload: z
    .object({
      actorId: Id,
      name: Short('Ange aktörens namn.').optional(),
      sector: ActorSector.optional(),
      routes: z.array(Route).max(20).optional(),
      active: z.boolean().optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) => {
    if (!lookup(s.ckl.actors, p.actorId))
      return refuse('NOT_FOUND', 'Aktören finns inte i registret.');
    if (Object.keys(p).length === 1) return refuse('INVALID', 'Inget att ändra.');
    return [draft('liaison.actorUpdated', p)];
  },
});

const knownActor = (s: CityState, id: string): Refusal | null =>
  lookup(s.ckl.actors, id) ? null : refuse('NOT_FOUND', 'Aktören finns inte i registret.');

export const logContact = defineCommand({
  label: 'Logga kontakt',
  payload: z
    .object({
      actorId: Id,
      eventId: Id.optional(),
      direction: z.enum(['in', 'out']),
      channel: ContactChannel,
      summary: Text('Beskriv kontakten.'),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s, ctx) =>
    knownActor(s, p.actorId) ??
    requireActive(s, 'liaison', p.eventId) ?? [
      draft('liaison.contactLogged', { ...p, contactId: ctx.newId('con') }),
    ],
});

export const placeRepresentative = defineCommand({
  label: 'Placera representant',
  payload: z
    .object({
      actorId: Id,
      eventId: Id.optional(),
      person: Short('Ange vem som placeras.'),
      location: Short('Ange var representanten finns.'),
      until: IsoTime.optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s, ctx) =>
    knownActor(s, p.actorId) ??
    requireActive(s, 'liaison', p.eventId) ?? [
      draft('liaison.representativePlaced', { ...p, representativeId: ctx.newId('rep') }),
    ],
});

export const withdrawRepresentative = defineCommand({
  label: 'Ta hem representant',
  payload: z.object({ representativeId: Id }).strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) => {
    const r = lookup(s.ckl.representatives, p.representativeId);
    if (!r) return refuse('NOT_FOUND', 'Representanten finns inte.');
    if (r.withdrawnAt) return refuse('CONFLICT', 'Representanten är redan hemtagen.');
    return [draft('liaison.representativeWithdrawn', p)];
  },
});

export const makeRequest = defineCommand({
  label: 'Begär expertis eller resurs',
  payload: z
    .object({
      actorId: Id,
      eventId: Id,
      kind: z.enum(['expertise', 'resource']),
      what: Text('Beskriv vad som behövs.'),
      neededBy: IsoTime.optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s, ctx) =>
    knownActor(s, p.actorId) ??
    requireActive(s, 'liaison', p.eventId) ?? [
      draft('liaison.requestMade', { ...p, requestId: ctx.newId('req') }),
    ],
});

export const answerRequest = defineCommand({
  label: 'Registrera svar på begäran',
  payload: z
    .object({
      requestId: Id,
      outcome: z.enum(['granted', 'partly_granted', 'declined']),
      answer: Text('Ange svaret.'),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  // R25: a request is answered once.
  decide: (p, s) => {
    const r = lookup(s.ckl.requests, p.requestId);
    if (!r) return refuse('NOT_FOUND', 'Begäran finns inte.');
    if (r.status !== 'open') return refuse('CONFLICT', 'Begäran är redan besvarad.');
    return [draft('liaison.requestAnswered', p)];
  },
});

export const scheduleConference = defineCommand({
  label: 'Kalla till samverkanskonferens',
  payload: z
    .object({
      eventId: Id,
      at: IsoTime,
      title: z.string().trim().max(200).default('Samverkanskonferens'),
      cadenceMinutes: Minutes.optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'liaison', p.eventId);
    if (bad) return bad;
    return [
      draft('liaison.conferenceScheduled', {
        conferenceId: ctx.newId('conf'),
        eventId: p.eventId,
        title: p.title || 'Samverkanskonferens',
        at: p.at,
        cadenceMinutes: p.cadenceMinutes,
      }),
    ];
  },
});

function conferenceIn(
  s: CityState,
  id: string,
  statuses: readonly string[],
  msg: string,
): Refusal | null {
  const c = lookup(s.ckl.conferences, id);
  if (!c) return refuse('NOT_FOUND', 'Konferensen finns inte.');
  return statuses.includes(c.status) ? null : refuse('CONFLICT', msg);
}

export const startConference = defineCommand({
  label: 'Öppna samverkanskonferens',
  payload: z.object({ conferenceId: Id }).strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) =>
    conferenceIn(s, p.conferenceId, ['scheduled'], 'Konferensen är inte planerad.') ??
    requireActive(s, 'liaison', lookup(s.ckl.conferences, p.conferenceId)!.eventId) ?? [
      draft('liaison.conferenceStarted', p),
    ],
});

export const rollCall = defineCommand({
  label: 'Upprop',
  payload: z
    .object({
      conferenceId: Id,
      entries: z
        .array(z.object({ actorId: Id, presence: Presence }).strict())
        .min(1, 'Ange minst en aktör.')
        .max(60),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  // R26: the roll-call lists actors from the register, while the conference is running.
  decide: (p, s) => {
    const bad = conferenceIn(s, p.conferenceId, ['in_progress'], 'Konferensen pågår inte.');
    if (bad) return bad;
    for (const e of p.entries) {
      const unknown = knownActor(s, e.actorId);
      if (unknown) return unknown;
    }
    return p.entries.map((e) =>
      draft('liaison.rollCalled', {
        conferenceId: p.conferenceId,
        actorId: e.actorId,
        presence: e.presence,
      }),
    );
  },
});

export const minuteConference = defineCommand({
  label: 'Protokollför dagordningspunkt',
  payload: z
    .object({ conferenceId: Id, item: AgendaItem, text: Text('Skriv protokollet.') })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) =>
    conferenceIn(s, p.conferenceId, ['in_progress'], 'Konferensen pågår inte.') ?? [
      draft('liaison.minuted', p),
    ],
});

export const closeConference = defineCommand({
  label: 'Avsluta samverkanskonferens',
  payload: z
    .object({
      conferenceId: Id,
      jointDirection: Text('Ange den gemensamma inriktningen.'),
      /** Overrides the cadence for the next conference. */
      nextAt: IsoTime.optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  // R26: a conference closes with the agreed joint direction; its cadence schedules the next.
  decide: (p, s, ctx) => {
    const bad = conferenceIn(s, p.conferenceId, ['in_progress'], 'Konferensen pågår inte.');
    if (bad) return bad;
    const c = lookup(s.ckl.conferences, p.conferenceId)!; // conferenceIn found it
    const present = Object.values(c.rollCall).filter((x) => x === 'present').length;
    if (present === 0)
      return refuse(
        'CONFLICT',
        'Gör upprop innan konferensen avslutas: ingen aktör är närvarande.',
      );
    const out: EventDraft[] = [];
    let nextId: string | undefined;
    const eventOpen = lookup(s.events, c.eventId)?.status === 'open';
    if (eventOpen && (p.nextAt || c.cadenceMinutes)) {
      let at = p.nextAt;
      if (!at && c.cadenceMinutes) {
        at = addMinutes(c.scheduledAt, c.cadenceMinutes);
        if (at <= ctx.now) at = addMinutes(ctx.now, c.cadenceMinutes);
      }
      nextId = ctx.newId('conf');
      out.push(
        draft('liaison.conferenceScheduled', {
          conferenceId: nextId,
          eventId: c.eventId,
          title: c.title,
          at: at as string,
          cadenceMinutes: c.cadenceMinutes,
        }),
      );
    }
    return [
      draft('liaison.conferenceClosed', {
        conferenceId: c.id,
        jointDirection: p.jointDirection,
        nextId,
      }),
      ...out,
    ];
  },
});

export const cancelConference = defineCommand({
  label: 'Ställ in samverkanskonferens',
  payload: z.object({ conferenceId: Id, reason: Text('Ange varför.') }).strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) =>
    conferenceIn(
      s,
      p.conferenceId,
      ['scheduled'],
      'Endast en planerad konferens kan ställas in.',
    ) ?? [draft('liaison.conferenceCancelled', p)],
});

// ---------------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------------

export const reportUnit = defineCommand({
  label: 'Lämna lägesrapport för enheten',
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
  // R27 (R2): only the unit's own säkerhetssamordnare reports for it.
  authorize: (a, p) =>
    when(
      isOfficerOfUnit(a, p.unitId),
      'Du kan bara rapportera för din egen förvaltning eller ditt eget bolag.',
    ),
  decide: (p, s, ctx) => {
    if (!unitById(p.unitId)) return refuse('NOT_FOUND', 'Förvaltningen eller bolaget finns inte.');
    const latest = lookup(s.ckl.unitReports, p.unitId)?.id ?? null;
    if (latest !== p.basedOnReportId)
      return refuse(
        'STALE',
        'Enhetens läge har ändrats sedan du började. Jämför med den senaste rapporten.',
        { latestReportId: latest },
      );
    const { basedOnReportId: _b, ...rest } = p;
    return [draft('unit.reported', { ...rest, reportId: ctx.newId('urep'), noChange: false })];
  },
});

export const confirmUnitNoChange = defineCommand({
  label: 'Inget nytt att rapportera för enheten',
  payload: z
    .object({ unitId: Id, basedOnReportId: Id.nullable(), nextReportDue: IsoTime })
    .strict(),
  authorize: (a, p) =>
    when(
      isOfficerOfUnit(a, p.unitId),
      'Du kan bara rapportera för din egen förvaltning eller ditt eget bolag.',
    ),
  decide: (p, s, ctx) => {
    const prev = lookup(s.ckl.unitReports, p.unitId);
    if (!prev)
      return refuse(
        'CONFLICT',
        'Det finns ingen tidigare rapport att bekräfta. Lämna en lägesrapport.',
      );
    if (prev.id !== p.basedOnReportId)
      return refuse(
        'STALE',
        'Enhetens läge har ändrats sedan du började. Jämför med den senaste rapporten.',
        { latestReportId: prev.id },
      );
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
        title: r.title,
        situation: r.situation,
        forecast: r.forecast,
        consequences: r.consequences,
        needs: r.needs,
        recommendations: r.recommendations,
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

// ---------------------------------------------------------------------------------------------
// Information
// ---------------------------------------------------------------------------------------------

const MessageFields = {
  headline: Title,
  body: Text('Skriv meddelandet.'),
  instruction: Optional,
  channels: z.array(Short('Ange kanal.')).max(10).default([]),
  areaDistrictIds: z.array(Id).max(20).optional(),
  cap: CapInfo.default({
    category: 'Safety',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Likely',
  }),
};

function checkAreas(s: CityState, ids: readonly string[]): Refusal | null {
  for (const id of ids)
    if (!lookup(s.districts, id)) return refuse('INVALID', `Okänt stadsdelsområde: ${id}.`);
  return null;
}

export const draftMessage = defineCommand({
  label: 'Skriv meddelande',
  payload: z
    .object({
      eventId: Id.optional(),
      targetGroup: TargetGroup,
      /** A published message this one updates. */
      replaces: Id.optional(),
      ...MessageFields,
    })
    .strict(),
  authorize: fnPolicy('information'),
  // R30: drafts are internal to the crisis staff until published.
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'information', p.eventId);
    if (bad) return bad;
    let version = 1;
    if (p.replaces) {
      const old = lookup(s.ckl.messages, p.replaces);
      if (!old || old.status !== 'published')
        return refuse('CONFLICT', 'Endast ett publicerat meddelande kan uppdateras.');
      version = old.version + 1;
    }
    const areaDistrictIds =
      p.areaDistrictIds ??
      (p.eventId ? (lookup(s.events, p.eventId)?.affectedDistrictIds ?? []) : []);
    const areaBad = checkAreas(s, areaDistrictIds);
    if (areaBad) return areaBad;
    return [
      draft(
        'information.messageDrafted',
        {
          messageId: ctx.newId('msg'),
          eventId: p.eventId,
          targetGroup: p.targetGroup,
          headline: p.headline,
          body: p.body,
          instruction: p.instruction,
          channels: p.channels,
          areaDistrictIds,
          cap: p.cap,
          replaces: p.replaces,
          version,
        },
        CKL_INTERNAL,
      ),
    ];
  },
});

const editable = (m: InfoMessage | undefined): Refusal | null =>
  !m
    ? refuse('NOT_FOUND', 'Meddelandet finns inte.')
    : m.status === 'published' || m.status === 'withdrawn'
      ? refuse(
          'CONFLICT',
          'Meddelandet är publicerat eller återkallat. Skriv ett nytt som uppdaterar det.',
        )
      : null;

export const reviseMessage = defineCommand({
  label: 'Ändra meddelande',
  payload: z
    .object({
      messageId: Id,
      headline: Title.optional(),
      body: Text('Skriv meddelandet.').optional(),
      instruction: z.string().trim().max(4000).optional(),
      channels: z.array(Short('Ange kanal.')).max(10).optional(),
      areaDistrictIds: z.array(Id).max(20).optional(),
      cap: CapInfo.optional(),
    })
    .strict(),
  authorize: fnPolicy('information'),
  // R30: a changed message is a new version and needs a new approval.
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    const bad = editable(m) ?? checkAreas(s, p.areaDistrictIds ?? []);
    if (bad) return bad;
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    return [
      draft(
        'information.messageDrafted',
        {
          messageId: m.id,
          eventId: m.eventId,
          targetGroup: m.targetGroup,
          headline: p.headline ?? m.headline,
          body: p.body ?? m.body,
          instruction: p.instruction ?? m.instruction,
          channels: p.channels ?? m.channels,
          areaDistrictIds: p.areaDistrictIds ?? m.areaDistrictIds,
          cap: p.cap ?? m.cap,
          replaces: m.replaces,
          version: m.version + 1,
        },
        CKL_INTERNAL,
      ),
    ];
  },
});

const APPROVE_FORBIDDEN =
  'Du får inte godkänna meddelandet. Meddelanden till allmänheten och media godkänns av stabschefen eller stadsdirektören, aldrig av den som skrivit dem.';

function approverPolicy(a: Parameters<typeof worksIn>[0], id: string, s: CityState, now: string) {
  const m = lookup(s.ckl.messages, id);
  if (!m)
    return when(
      actsAs(a, s, now, 'ckl_lead', 'director') || a.role === 'ckl_information',
      APPROVE_FORBIDDEN,
    );
  return when(mayApproveMessage(a, s, now, m), APPROVE_FORBIDDEN);
}

export const approveMessage = defineCommand({
  label: 'Godkänn meddelande',
  payload: z.object({ messageId: Id }).strict(),
  // R31: only those entitled approve, never the drafter.
  authorize: (a, p, s, now) => approverPolicy(a, p.messageId, s, now),
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    if (m.status !== 'draft')
      return refuse(
        'CONFLICT',
        m.status === 'returned'
          ? 'Meddelandet är återremitterat och måste ändras först.'
          : 'Meddelandet är inte ett utkast.',
      );
    return [draft('information.messageApproved', p, CKL_INTERNAL)];
  },
});

export const returnMessage = defineCommand({
  label: 'Återremittera meddelande',
  payload: z.object({ messageId: Id, reason: Text('Ange vad som ska ändras.') }).strict(),
  authorize: (a, p, s, now) => approverPolicy(a, p.messageId, s, now),
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    if (m.status !== 'draft' && m.status !== 'approved')
      return refuse('CONFLICT', 'Endast ett utkast eller godkänt meddelande kan återremitteras.');
    return [draft('information.messageReturned', p, CKL_INTERNAL)];
  },
});

export const publishMessage = defineCommand({
  label: 'Markera som publicerat',
  payload: z.object({ messageId: Id }).strict(),
  authorize: fnPolicy('information'),
  // R30: one voice: nothing is published before it is approved.
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    if (m.status !== 'approved')
      return refuse('CONFLICT', 'Meddelandet måste godkännas innan det publiceras.');
    const out: EventDraft[] = [
      draft('information.messagePublished', {
        messageId: m.id,
        eventId: m.eventId,
        targetGroup: m.targetGroup,
        headline: m.headline,
        body: m.body,
        instruction: m.instruction,
        channels: m.channels,
        areaDistrictIds: m.areaDistrictIds,
        cap: m.cap,
        replaces: m.replaces,
        version: m.version,
        draftedAt: m.draftedAt,
        draftedBy: m.draftedBy,
        approvedAt: m.approvedAt as string,
        approvedBy: m.approvedBy as NonNullable<InfoMessage['approvedBy']>,
      }),
    ];
    return out;
  },
});

export const withdrawMessage = defineCommand({
  label: 'Återkalla meddelande',
  payload: z.object({ messageId: Id, reason: Text('Ange varför.') }).strict(),
  authorize: fnPolicy('information'),
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    if (m.status === 'withdrawn') return refuse('CONFLICT', 'Meddelandet är redan återkallat.');
    // A published message's withdrawal is public; a draft's stays inside the staff.
    return [
      draft('information.messageWithdrawn', p, m.status === 'published' ? undefined : CKL_INTERNAL),
    ];
  },
});

export const schedulePressConference = defineCommand({
  label: 'Planera presskonferens',
  payload: z
    .object({
      eventId: Id.optional(),
      at: IsoTime,
      place: Short('Ange plats.'),
      topic: Short('Ange ämne.'),
      spokespersons: z.array(Short('Ange talesperson.')).max(10).default([]),
    })
    .strict(),
  authorize: fnPolicy('information'),
  decide: (p, s, ctx) =>
    requireActive(s, 'information', p.eventId) ?? [
      draft('information.pressConferenceScheduled', { ...p, pressId: ctx.newId('press') }),
    ],
});

export const recordPressConference = defineCommand({
  label: 'Registrera presskonferens',
  payload: z
    .object({ pressId: Id, status: z.enum(['held', 'cancelled']), notes: Optional })
    .strict(),
  authorize: fnPolicy('information'),
  decide: (p, s) => {
    const pc = lookup(s.ckl.pressConferences, p.pressId);
    if (!pc) return refuse('NOT_FOUND', 'Presskonferensen finns inte.');
    if (pc.status !== 'scheduled')
      return refuse('CONFLICT', 'Presskonferensen är redan registrerad.');
    return [draft('information.pressConferenceRecorded', p)];
  },
});

export const logMedia = defineCommand({
  label: 'Logga mediebevakning',
  payload: z
    .object({
      eventId: Id.optional(),
      source: Short('Ange källa.'),
      summary: Text('Sammanfatta vad som sägs.'),
      tone: MediaTone,
      actionNeeded: z.boolean().default(false),
    })
    .strict(),
  authorize: fnPolicy('information'),
  decide: (p, s, ctx) =>
    requireActive(s, 'information', p.eventId) ?? [
      draft('information.mediaLogged', { ...p, noteId: ctx.newId('med') }),
    ],
});

// ---------------------------------------------------------------------------------------------
// Administration
// ---------------------------------------------------------------------------------------------

export const addShift = defineCommand({
  label: 'Lägg till pass',
  payload: z
    .object({
      post: ShiftPost,
      person: Short('Ange vem som har passet.'),
      userId: Id.optional(),
      from: IsoTime,
      to: IsoTime,
      eventId: Id.optional(),
    })
    .strict(),
  authorize: fnPolicy('admin'),
  // R36: a shift ends after it starts, and one person holds one shift at a time.
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'admin', p.eventId);
    if (bad) return bad;
    if (Date.parse(p.to) <= Date.parse(p.from))
      return refuse('INVALID', 'Avlösningen måste ligga efter passets början.');
    if (p.userId && !lookup(s.users, p.userId)) return refuse('NOT_FOUND', 'Personen finns inte.');
    const key = personKey(p.person, p.userId);
    const clash = Object.values(s.ckl.shifts).find(
      (x) =>
        !x.cancelled && personKey(x.person, x.userId) === key && x.from < p.to && p.from < x.to,
    );
    if (clash)
      return refuse(
        'CONFLICT',
        `${p.person} har redan ett pass som överlappar (${clash.from.slice(11, 16)}–${clash.to.slice(11, 16)}).`,
      );
    return [draft('administration.shiftAdded', { ...p, shiftId: ctx.newId('shift') })];
  },
});

export const cancelShift = defineCommand({
  label: 'Ställ in pass',
  payload: z.object({ shiftId: Id, reason: Text('Ange varför.') }).strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s) => {
    const x = lookup(s.ckl.shifts, p.shiftId);
    if (!x) return refuse('NOT_FOUND', 'Passet finns inte.');
    if (x.cancelled) return refuse('CONFLICT', 'Passet är redan inställt.');
    return [draft('administration.shiftCancelled', p)];
  },
});

/** Kronor with at most two decimals, stored as whole öre so sums stay exact. */
const Amount = z
  .number()
  .positive('Beloppet måste vara större än noll.')
  .max(10_000_000_000, 'Beloppet är orimligt stort.')
  .refine((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6, 'Högst två decimaler.');

/** R33: costs are tracked for an event the function works on, or one closed after CKL. */
function costEvent(s: CityState, eventId: string): Refusal | null {
  const e = lookup(s.events, eventId);
  if (!e) return refuse('NOT_FOUND', 'Händelsen finns inte.');
  if (e.status === 'closed') return e.cklEverActivated ? null : NOT_ACTIVE('admin', true);
  return isFunctionActive(s, 'admin', eventId) ? null : NOT_ACTIVE('admin', true);
}

export const recordCost = defineCommand({
  label: 'Registrera kostnad',
  payload: z
    .object({
      eventId: Id,
      category: CostCategory,
      kind: Short('Ange kostnadsslag.'),
      amountSek: Amount,
      description: Optional,
    })
    .strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s, ctx) =>
    costEvent(s, p.eventId) ?? [
      draft('administration.costRecorded', {
        costId: ctx.newId('cost'),
        eventId: p.eventId,
        category: p.category,
        kind: p.kind,
        amountOre: Math.round(p.amountSek * 100),
        description: p.description,
      }),
    ],
});

export const voidCost = defineCommand({
  label: 'Makulera kostnad',
  payload: z.object({ eventId: Id, costId: Id, reason: Text('Ange varför.') }).strict(),
  authorize: fnPolicy('admin'),
  // R33: a cost is never edited; a wrong one is voided with a reason and entered again.
  decide: (p, s) => {
    const entry = lookup(s.ckl.costs, p.eventId)?.entries.find((e) => e.id === p.costId);
    if (!entry) return refuse('NOT_FOUND', 'Kostnadsposten finns inte bland de senaste posterna.');
    if (entry.voided) return refuse('CONFLICT', 'Kostnadsposten är redan makulerad.');
    return [
      draft('administration.costVoided', {
        costId: entry.id,
        eventId: entry.eventId,
        category: entry.category,
        amountOre: entry.amountOre,
        reason: p.reason,
      }),
    ];
  },
});

export const requestStaffSupport = defineCommand({
  label: 'Begär krisstöd för medarbetare',
  payload: z
    .object({
      person: Short('Ange vem stödet gäller.'),
      need: Text('Beskriv behovet.'),
      urgent: z.boolean().default(false),
    })
    .strict(),
  // R34: anyone in the crisis organisation may ask on a colleague's behalf.
  authorize: (a, _p, s, now) =>
    when(
      STAFF_SUPPORT_REQUESTERS.includes(a.role) || actsAs(a, s, now, 'ckl_lead'),
      'Krisstöd för medarbetare i krisorganisationen begärs av krisledningen eller CKL.',
    ),
  decide: (p, s, ctx) =>
    requireActive(s, 'admin') ?? [
      draft(
        'administration.staffSupportRequested',
        { ...p, requestId: ctx.newId('sup') },
        STAFF_SUPPORT_AUDIENCE,
      ),
    ],
});

export const handleStaffSupport = defineCommand({
  label: 'Hantera krisstöd',
  payload: z
    .object({ requestId: Id, status: z.enum(['arranged', 'closed']), note: Optional })
    .strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s) => {
    const r = lookup(s.ckl.staffSupport, p.requestId);
    if (!r) return refuse('NOT_FOUND', 'Begäran finns inte.');
    if (r.status === 'closed') return refuse('CONFLICT', 'Begäran är redan avslutad.');
    return [draft('administration.staffSupportHandled', p, STAFF_SUPPORT_AUDIENCE)];
  },
});

export const setStaffSite = defineCommand({
  label: 'Ange stabens lokal',
  payload: z.object({ site: StaffSite, note: Optional }).strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s) => {
    const bad = requireActive(s, 'admin');
    if (bad) return bad;
    if (s.ckl.staffSite?.site === p.site && s.ckl.staffSite.note === p.note)
      return refuse('CONFLICT', `Staben är redan på: ${STAFF_SITE_LABEL[p.site].toLowerCase()}.`);
    return [draft('administration.staffSiteSet', p)];
  },
});

export const recordMovement = defineCommand({
  label: 'Registrera in- eller utpassering',
  payload: z
    .object({
      person: Short('Ange vem.'),
      userId: Id.optional(),
      site: StaffSite,
      direction: z.enum(['in', 'out']),
    })
    .strict(),
  authorize: fnPolicy('admin'),
  // R35: one person is in one place at a time; only someone inside can leave.
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'admin');
    if (bad) return bad;
    const here = lookup(s.ckl.presence, personKey(p.person, p.userId));
    if (p.direction === 'out') {
      if (!here || here.site !== p.site)
        return refuse(
          'CONFLICT',
          `${p.person} är inte inpasserad på ${STAFF_SITE_LABEL[p.site].toLowerCase()}.`,
        );
      return [draft('administration.movementRecorded', { ...p, movementId: ctx.newId('mov') })];
    }
    if (here?.site === p.site)
      return refuse(
        'CONFLICT',
        `${p.person} är redan inpasserad på ${STAFF_SITE_LABEL[p.site].toLowerCase()}.`,
      );
    const out: EventDraft[] = [];
    if (here)
      out.push(
        draft('administration.movementRecorded', {
          movementId: ctx.newId('mov'),
          person: here.person,
          userId: here.userId,
          site: here.site,
          direction: 'out',
        }),
      );
    out.push(draft('administration.movementRecorded', { ...p, movementId: ctx.newId('mov') }));
    return out;
  },
});

export const recordSupply = defineCommand({
  label: 'Registrera förnödenhet',
  payload: z
    .object({
      itemId: Id.optional(),
      name: Short('Ange vad.'),
      category: SupplyCategory,
      quantity: z.number().min(0, 'Antalet kan inte vara negativt.').max(1_000_000),
      unit: Short('Ange enhet.'),
      site: StaffSite,
      minimum: z.number().min(0).max(1_000_000).optional(),
    })
    .strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'admin');
    if (bad) return bad;
    if (p.itemId && !lookup(s.ckl.supplies, p.itemId))
      return refuse('NOT_FOUND', 'Förnödenheten finns inte.');
    return [draft('administration.supplyRecorded', { ...p, itemId: p.itemId ?? ctx.newId('sup') })];
  },
});

/** Every CKL command by wire type, with the function (or lead) that owns it. */
export const CKL_COMMANDS = {
  'ckl.decideDirection': decideDirection,
  'ckl.setBriefing': setBriefing,
  'ckl.recordBriefing': recordBriefing,
  'ckl.approveSitrep': approveSitrep,
  'ckl.returnSitrep': returnSitrep,
  'liaison.registerActor': registerActor,
  'liaison.updateActor': updateActor,
  'liaison.logContact': logContact,
  'liaison.placeRepresentative': placeRepresentative,
  'liaison.withdrawRepresentative': withdrawRepresentative,
  'liaison.request': makeRequest,
  'liaison.answerRequest': answerRequest,
  'liaison.scheduleConference': scheduleConference,
  'liaison.startConference': startConference,
  'liaison.rollCall': rollCall,
  'liaison.minute': minuteConference,
  'liaison.closeConference': closeConference,
  'liaison.cancelConference': cancelConference,
  'unit.report': reportUnit,
  'unit.confirmNoChange': confirmUnitNoChange,
  'analysis.draftSitrep': draftSitrep,
  'analysis.recordConsequences': recordConsequences,
  'information.draftMessage': draftMessage,
  'information.reviseMessage': reviseMessage,
  'information.approveMessage': approveMessage,
  'information.returnMessage': returnMessage,
  'information.publishMessage': publishMessage,
  'information.withdrawMessage': withdrawMessage,
  'information.schedulePressConference': schedulePressConference,
  'information.recordPressConference': recordPressConference,
  'information.logMedia': logMedia,
  'administration.addShift': addShift,
  'administration.cancelShift': cancelShift,
  'administration.recordCost': recordCost,
  'administration.voidCost': voidCost,
  'administration.requestStaffSupport': requestStaffSupport,
  'administration.handleStaffSupport': handleStaffSupport,
  'administration.setStaffSite': setStaffSite,
  'administration.recordMovement': recordMovement,
  'administration.recordSupply': recordSupply,
} as const;
