/**
 * The live core's commands: escalation, decisions, districts, markers, log, tasks,
 * delegations and accounts. Rule numbers (R…) refer to docs/rules.md.
 */
import { z } from 'zod';
import { defineCommand, type DecideContext } from './define';
import { draft, type EventDraft } from '../events';
import { Id, IsoTime, TaskAssignee } from '../events/schemas';
import {
  CklFunction,
  CKL_FUNCTIONS,
  CrisisSupportState,
  DecisionKind,
  DelegableRole,
  DistrictStatus,
  HeightenedAlertLevel,
  Level,
  LEVEL_LABEL,
  CKL_FUNCTION_LABEL,
  HEIGHTENED_ALERT_LABEL,
  MarkerKind,
  Role,
  TaskStatus,
  levelRank,
  DEPUTY_LABEL,
} from '../domain/vocabulary';
import type { CityState, CrisisEvent } from '../domain/state';
import { refuse, type Refusal } from '../errors';
import {
  actsAs,
  allow,
  forbid,
  isOfficerOfDistrict,
  isOfficerOfUnit,
  isReadOnly,
  mayEditDistrict,
  ownsEvent,
  when,
} from '../policy/predicates';
import { unitById } from '../domain/units';
import { WarningRefSchema } from '../warnings/model';
import { SYSTEM_ACTOR } from '../domain/actor';
import { lookup } from '../domain/keyed';

const Title = z
  .string()
  .trim()
  .min(1, 'Ange en rubrik.')
  .max(200, 'Rubriken får vara högst 200 tecken.');
const LongText = z.string().trim().max(4000, 'Texten får vara högst 4000 tecken.');
const Basis = z.string().trim().min(1, 'Ange beslutsunderlag.').max(4000);
const Informed = z.array(z.string().trim().min(1).max(200)).max(30).default([]);
/** Every decision names its basis and who was informed (R4). */
const DecisionInput = z
  .object({ basis: Basis, what: LongText.optional(), informed: Informed })
  .strict();
type DecisionInput = z.output<typeof DecisionInput>;
const Lat = z.number().min(58.5).max(60.5);
const Lng = z.number().min(17).max(19.5);

function findEvent(s: CityState, id: string): CrisisEvent | Refusal {
  const e = lookup(s.events, id);
  if (!e) return refuse('NOT_FOUND', 'Händelsen finns inte.');
  return e;
}
function openEvent(s: CityState, id: string): CrisisEvent | Refusal {
  const e = findEvent(s, id);
  if ('refused' in e) return e;
  if (e.status !== 'open') return refuse('CONFLICT', 'Händelsen är avslutad.');
  return e;
}
const isRef = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'refused' in x;

function decisionDraft(
  ctx: DecideContext,
  kind: DecisionKind,
  input: DecisionInput,
  what: string,
  eventId?: string,
): { id: string; draft: EventDraft } {
  const id = ctx.newId('dec');
  const text = input.what ? `${what}. ${input.what}` : what;
  return {
    id,
    draft: draft('decision.recorded', {
      decisionId: id,
      kind,
      eventId,
      basis: input.basis,
      what: text,
      informed: input.informed,
    }),
  };
}

function checkDistricts(s: CityState, ids: readonly string[]): Refusal | null {
  for (const id of ids)
    if (!lookup(s.districts, id)) return refuse('INVALID', `Okänt stadsdelsområde: ${id}.`);
  return null;
}
function checkUnits(ids: readonly string[]): Refusal | null {
  for (const id of ids)
    if (!unitById(id)) return refuse('INVALID', `Okänd förvaltning eller bolag: ${id}.`);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Events (händelser) and escalation
// ---------------------------------------------------------------------------------------------

const Area = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('district'), id: Id }).strict(),
  z.object({ kind: z.literal('unit'), id: Id }).strict(),
  z.object({ kind: z.literal('central') }).strict(),
]);

export const openDisruption = defineCommand({
  label: 'Öppna störning',
  payload: z
    .object({
      title: Title,
      description: LongText.default(''),
      area: Area,
      affectedDistrictIds: z.array(Id).max(20).default([]),
      affectedUnitIds: z.array(Id).max(20).default([]),
      /** Opened from an official warning: its reference stays with the event (R139). */
      source: WarningRefSchema.optional(),
    })
    .strict(),
  // R5: any district or unit officer opens a disruption in their own area.
  authorize: (a, p, s, now) => {
    if (p.area.kind === 'district')
      return when(
        isOfficerOfDistrict(a, p.area.id) || actsAs(a, s, now, 'director', 'security_chief'),
        'Du kan bara öppna en störning i ditt eget stadsdelsområde.',
      );
    if (p.area.kind === 'unit')
      return when(
        isOfficerOfUnit(a, p.area.id) || actsAs(a, s, now, 'director', 'security_chief'),
        'Du kan bara öppna en störning i din egen förvaltning eller ditt eget bolag.',
      );
    return when(
      actsAs(a, s, now, 'director', 'security_chief'),
      'Endast stadsdirektören eller säkerhetschefen kan öppna en störning för hela staden.',
    );
  },
  decide: (p, s, ctx) => {
    const affectedDistrictIds = [
      ...new Set([...(p.area.kind === 'district' ? [p.area.id] : []), ...p.affectedDistrictIds]),
    ];
    const affectedUnitIds = [
      ...new Set([...(p.area.kind === 'unit' ? [p.area.id] : []), ...p.affectedUnitIds]),
    ];
    const bad = checkDistricts(s, affectedDistrictIds) ?? checkUnits(affectedUnitIds);
    if (bad) return bad;
    return [
      draft('event.opened', {
        eventId: ctx.newId('evt'),
        title: p.title,
        description: p.description,
        owner: p.area,
        affectedDistrictIds,
        affectedUnitIds,
        ...(p.source ? { source: p.source } : {}),
      }),
    ];
  },
});

export const updateEvent = defineCommand({
  label: 'Uppdatera händelse',
  payload: z
    .object({
      eventId: Id,
      title: Title.optional(),
      description: LongText.optional(),
      affectedDistrictIds: z.array(Id).max(20).optional(),
      affectedUnitIds: z.array(Id).max(20).optional(),
    })
    .strict(),
  authorize: (a, p, s, now) => {
    const e = lookup(s.events, p.eventId);
    return when(
      (e !== undefined && ownsEvent(a, e)) ||
        actsAs(a, s, now, 'director', 'security_chief', 'ckl_lead'),
      'Endast den ansvariga enheten, stadsdirektören, säkerhetschefen eller stabschefen kan uppdatera händelsen.',
    );
  },
  decide: (p, s) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    const bad =
      checkDistricts(s, p.affectedDistrictIds ?? []) ?? checkUnits(p.affectedUnitIds ?? []);
    if (bad) return bad;
    return [draft('event.updated', p)];
  },
});

export const requestCentralSupport = defineCommand({
  label: 'Begär centralt stöd',
  payload: z
    .object({
      eventId: Id,
      reason: z.string().trim().min(1, 'Ange vad ni behöver stöd med.').max(4000),
    })
    .strict(),
  authorize: (a, p, s) => {
    const e = lookup(s.events, p.eventId);
    return when(
      e !== undefined && ownsEvent(a, e),
      'Endast den enhet som äger händelsen kan begära centralt stöd.',
    );
  },
  decide: (p, s) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    if (e.centralSupport.status === 'requested')
      return refuse('CONFLICT', 'Centralt stöd är redan begärt och väntar på beslut.');
    // R166: granted support is in place; asking again would put the decision up anew.
    if (e.centralSupport.status === 'granted')
      return refuse('CONFLICT', 'Centralt stöd är redan beviljat för händelsen.');
    return [draft('event.centralSupportRequested', p)];
  },
});

export const decideCentralSupport = defineCommand({
  label: 'Besluta om centralt stöd',
  payload: z.object({ eventId: Id, granted: z.boolean(), decision: DecisionInput }).strict(),
  // R6: central support is decided by the director, in second hand the security chief.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'director', 'security_chief'),
      'Endast stadsdirektören eller säkerhetschefen beslutar om centralt stöd.',
    ),
  decide: (p, s, ctx) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    const d = decisionDraft(
      ctx,
      'central_support',
      p.decision,
      p.granted ? 'Centralt stöd beviljas' : 'Centralt stöd beviljas inte',
      e.id,
    );
    return [
      d.draft,
      draft('event.centralSupportDecided', { eventId: e.id, granted: p.granted, decisionId: d.id }),
    ];
  },
});

export const raiseToSerious = defineCommand({
  label: 'Höj till allvarlig händelse',
  payload: z.object({ eventId: Id, decision: DecisionInput }).strict(),
  // R7: only the director raises an event to serious.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'director'),
      'Endast stadsdirektören kan höja en händelse till allvarlig händelse.',
    ),
  decide: (p, s, ctx) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    if (e.level !== 'disruption')
      return refuse('CONFLICT', `Händelsen är redan ${LEVEL_LABEL[e.level].toLowerCase()}.`);
    const d = decisionDraft(
      ctx,
      'level_raised',
      p.decision,
      'Händelsen höjs till allvarlig händelse',
      e.id,
    );
    return [
      d.draft,
      draft('event.levelChanged', { eventId: e.id, level: 'serious', decisionId: d.id }),
    ];
  },
});

export const activateCkl = defineCommand({
  label: 'Aktivera CKL',
  payload: z
    .object({
      eventId: Id,
      functions: z.array(CklFunction).min(1, 'Välj minst en funktion.').max(4),
      decision: DecisionInput,
    })
    .strict(),
  // R9: only the director activates all or part of CKL.
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'director'), 'Endast stadsdirektören kan aktivera CKL.'),
  decide: (p, s, ctx) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    if (e.level === 'disruption')
      return refuse(
        'CONFLICT',
        'CKL aktiveras vid allvarlig eller extraordinär händelse. Höj nivån först.',
      );
    const fns = [...new Set(p.functions)].filter((f) => !e.ckl[f]);
    if (fns.length === 0) return refuse('CONFLICT', 'De valda funktionerna är redan aktiverade.');
    const names = fns.map((f) => CKL_FUNCTION_LABEL[f].toLowerCase()).join(', ');
    const d = decisionDraft(ctx, 'ckl_activation', p.decision, `CKL aktiveras: ${names}`, e.id);
    return [d.draft, draft('ckl.activated', { eventId: e.id, functions: fns, decisionId: d.id })];
  },
});

export const deactivateCkl = defineCommand({
  label: 'Avaktivera CKL',
  payload: z
    .object({ eventId: Id, functions: z.array(CklFunction).min(1).max(4), decision: DecisionInput })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'director'), 'Endast stadsdirektören kan avaktivera CKL.'),
  decide: (p, s, ctx) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    if (e.level === 'extraordinary')
      return refuse(
        'CONFLICT',
        'Vid extraordinär händelse är CKL fullt aktiverad. Sänk nivån först.',
      );
    const fns = [...new Set(p.functions)].filter((f) => e.ckl[f]);
    if (fns.length === 0) return refuse('CONFLICT', 'De valda funktionerna är inte aktiverade.');
    const names = fns.map((f) => CKL_FUNCTION_LABEL[f].toLowerCase()).join(', ');
    const d = decisionDraft(ctx, 'ckl_deactivation', p.decision, `CKL avaktiveras: ${names}`, e.id);
    return [d.draft, draft('ckl.deactivated', { eventId: e.id, functions: fns, decisionId: d.id })];
  },
});

export const proposeExtraordinary = defineCommand({
  label: 'Föreslå extraordinär händelse',
  payload: z.object({ eventId: Id, basis: Basis }).strict(),
  // R8: the director proposes; the chair decides.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'director'),
      'Endast stadsdirektören kan föreslå att en händelse är extraordinär.',
    ),
  decide: (p, s, ctx) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    if (e.level === 'extraordinary') return refuse('CONFLICT', 'Händelsen är redan extraordinär.');
    if (e.pendingProposalId)
      return refuse('CONFLICT', 'Ett förslag väntar redan på ordförandens beslut.');
    const proposalId = ctx.newId('prop');
    const d = decisionDraft(
      ctx,
      'extraordinary_proposal',
      { basis: p.basis, informed: ['Krisledningsnämndens ordförande'] },
      'Stadsdirektören föreslår att händelsen bedöms som extraordinär',
      e.id,
    );
    return [d.draft, draft('proposal.made', { proposalId, eventId: e.id, basis: p.basis })];
  },
});

export const withdrawProposal = defineCommand({
  label: 'Dra tillbaka förslag',
  payload: z
    .object({ proposalId: Id, reason: z.string().trim().min(1, 'Ange varför.').max(2000) })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'director'), 'Endast stadsdirektören kan dra tillbaka sitt förslag.'),
  decide: (p, s) => {
    const prop = lookup(s.proposals, p.proposalId);
    if (!prop) return refuse('NOT_FOUND', 'Förslaget finns inte.');
    if (prop.status !== 'pending') return refuse('CONFLICT', 'Förslaget är redan avgjort.');
    return [
      draft('proposal.resolved', {
        proposalId: prop.id,
        status: 'withdrawn',
        resolution: p.reason,
      }),
    ];
  },
});

export const declareExtraordinary = defineCommand({
  label: 'Besluta extraordinär händelse',
  payload: z
    .object({
      proposalId: Id,
      /** The second, deliberate step of the chair's two-step confirmation. */
      confirm: z.literal(true, { message: 'Beslutet måste bekräftas.' }),
      decision: DecisionInput,
    })
    .strict(),
  // R8: extraordinary is the chair's decision, on the director's proposal.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'chair'),
      'Endast krisledningsnämndens ordförande kan besluta att en händelse är extraordinär.',
    ),
  decide: (p, s, ctx) => {
    const prop = lookup(s.proposals, p.proposalId);
    if (!prop) return refuse('NOT_FOUND', 'Förslaget finns inte.');
    if (prop.status !== 'pending') return refuse('CONFLICT', 'Förslaget är redan avgjort.');
    const e = openEvent(s, prop.eventId);
    if (isRef(e)) return e;
    const d = decisionDraft(
      ctx,
      'extraordinary_declaration',
      p.decision,
      'Händelsen är en extraordinär händelse; krisledningsnämnden träder i funktion och CKL aktiveras i sin helhet',
      e.id,
    );
    const missing = CKL_FUNCTIONS.filter((f) => !e.ckl[f]);
    return [
      d.draft,
      draft('proposal.resolved', { proposalId: prop.id, status: 'declared', resolution: d.id }),
      draft('event.levelChanged', { eventId: e.id, level: 'extraordinary', decisionId: d.id }),
      ...(missing.length
        ? [draft('ckl.activated', { eventId: e.id, functions: missing, decisionId: d.id })]
        : []),
    ];
  },
});

export const rejectProposal = defineCommand({
  label: 'Avslå förslag',
  payload: z
    .object({ proposalId: Id, reason: z.string().trim().min(1, 'Ange motivering.').max(2000) })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'chair'), 'Endast krisledningsnämndens ordförande kan avslå förslaget.'),
  decide: (p, s) => {
    const prop = lookup(s.proposals, p.proposalId);
    if (!prop) return refuse('NOT_FOUND', 'Förslaget finns inte.');
    if (prop.status !== 'pending') return refuse('CONFLICT', 'Förslaget är redan avgjort.');
    return [
      draft('proposal.resolved', { proposalId: prop.id, status: 'rejected', resolution: p.reason }),
    ];
  },
});

export const lowerLevel = defineCommand({
  label: 'Sänk nivå',
  payload: z.object({ eventId: Id, to: Level, decision: DecisionInput }).strict(),
  // R10: lowering is a decision by whoever decided the level it leaves.
  authorize: (a, p, s, now) => {
    const e = lookup(s.events, p.eventId);
    if (e?.level === 'extraordinary')
      return when(
        actsAs(a, s, now, 'chair'),
        'Endast krisledningsnämndens ordförande kan sänka en extraordinär händelse.',
      );
    return when(
      actsAs(a, s, now, 'director'),
      'Endast stadsdirektören kan sänka nivån på en allvarlig händelse.',
    );
  },
  decide: (p, s, ctx) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    if (levelRank(p.to) >= levelRank(e.level))
      return refuse('CONFLICT', 'Välj en lägre nivå än den nuvarande.');
    const d = decisionDraft(
      ctx,
      'level_lowered',
      p.decision,
      `Händelsen sänks till ${LEVEL_LABEL[p.to].toLowerCase()}`,
      e.id,
    );
    return [d.draft, draft('event.levelChanged', { eventId: e.id, level: p.to, decisionId: d.id })];
  },
});

export const closeEvent = defineCommand({
  label: 'Avsluta händelse',
  payload: z.object({ eventId: Id, decision: DecisionInput }).strict(),
  authorize: (a, p, s, now) => {
    const e = lookup(s.events, p.eventId);
    if (e?.level === 'extraordinary')
      return when(
        actsAs(a, s, now, 'chair'),
        'En extraordinär händelse avslutas av krisledningsnämndens ordförande.',
      );
    if (e?.level === 'serious')
      return when(
        actsAs(a, s, now, 'director'),
        'En allvarlig händelse avslutas av stadsdirektören.',
      );
    return when(
      (e !== undefined && ownsEvent(a, e)) || actsAs(a, s, now, 'director', 'security_chief'),
      'Endast den ansvariga enheten, stadsdirektören eller säkerhetschefen kan avsluta störningen.',
    );
  },
  decide: (p, s, ctx) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    const d = decisionDraft(ctx, 'event_closed', p.decision, 'Händelsen avslutas', e.id);
    const out: EventDraft[] = [d.draft];
    if (e.pendingProposalId)
      out.push(
        draft('proposal.resolved', {
          proposalId: e.pendingProposalId,
          status: 'withdrawn',
          resolution: 'Händelsen avslutades',
        }),
      );
    out.push(draft('event.closed', { eventId: e.id, decisionId: d.id }));
    // R11: an event on which CKL was activated must be evaluated.
    if (e.cklEverActivated)
      out.push(draft('evaluation.opened', { evaluationId: ctx.newId('eval'), eventId: e.id }));
    return out;
  },
});

export const completeEvaluation = defineCommand({
  label: 'Slutför utvärdering',
  payload: z
    .object({
      evaluationId: Id,
      summary: z.string().trim().min(1, 'Sammanfatta utvärderingen.').max(8000),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'director', 'ckl_lead', 'security_chief'),
      'Endast stadsdirektören, säkerhetschefen eller stabschefen kan slutföra en utvärdering.',
    ),
  decide: (p, s) => {
    const ev = lookup(s.evaluations, p.evaluationId);
    if (!ev) return refuse('NOT_FOUND', 'Utvärderingen finns inte.');
    if (ev.status === 'done') return refuse('CONFLICT', 'Utvärderingen är redan slutförd.');
    return [draft('evaluation.completed', p)];
  },
});

// ---------------------------------------------------------------------------------------------
// The crisis board (krisledningsnämnden) and höjd beredskap
// ---------------------------------------------------------------------------------------------

export const takeUrgentDecision = defineCommand({
  label: 'Brådskande beslut',
  payload: z
    .object({
      eventId: Id.optional(),
      decision: DecisionInput.extend({ what: LongText.min(1, 'Ange vad som beslutas.') }),
    })
    .strict(),
  // R12: the chair decides urgent matters on the board's behalf while the board is in function.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'chair'),
      'Endast krisledningsnämndens ordförande kan fatta brådskande beslut på nämndens vägnar.',
    ),
  decide: (p, s, ctx) => {
    if (!s.boardInFunction)
      return refuse(
        'CONFLICT',
        'Krisledningsnämnden är inte i funktion (ingen extraordinär händelse pågår).',
      );
    if (p.eventId && !lookup(s.events, p.eventId))
      return refuse('NOT_FOUND', 'Händelsen finns inte.');
    const id = ctx.newId('dec');
    return [
      draft('decision.recorded', {
        decisionId: id,
        kind: 'urgent_decision',
        eventId: p.eventId,
        basis: p.decision.basis,
        what: p.decision.what,
        informed: p.decision.informed,
      }),
    ];
  },
});

export const reportUrgentDecision = defineCommand({
  label: 'Anmäl brådskande beslut till nämnden',
  payload: z
    .object({
      decisionId: Id,
      reference: z.string().trim().min(1, 'Ange sammanträde eller diarienummer.').max(200),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'chair'),
      'Endast ordföranden anmäler sina brådskande beslut till nämnden.',
    ),
  decide: (p, s) => {
    const d = lookup(s.decisions, p.decisionId);
    if (!d || d.kind !== 'urgent_decision')
      return refuse('NOT_FOUND', 'Det brådskande beslutet finns inte.');
    if (d.reportedToBoard) return refuse('CONFLICT', 'Beslutet är redan anmält till nämnden.');
    return [draft('board.urgentDecisionReported', p)];
  },
});

export const takeOverArea = defineCommand({
  label: 'Överta verksamhetsområde',
  payload: z
    .object({
      eventId: Id,
      area: z.string().trim().min(1, 'Ange vilket område som tas över.').max(300),
      decision: DecisionInput,
    })
    .strict(),
  // R13: the board, in function, may take over all or part of another board's area.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'chair'),
      'Endast krisledningsnämndens ordförande kan besluta om övertagande av verksamhetsområde.',
    ),
  decide: (p, s, ctx) => {
    if (!s.boardInFunction)
      return refuse(
        'CONFLICT',
        'Krisledningsnämnden är inte i funktion (ingen extraordinär händelse pågår).',
      );
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    return [
      decisionDraft(ctx, 'takeover', p.decision, `Krisledningsnämnden tar över: ${p.area}`, e.id)
        .draft,
    ];
  },
});

export const recordHeightenedAlert = defineCommand({
  label: 'Registrera höjd beredskap',
  payload: z
    .object({
      level: HeightenedAlertLevel,
      governmentDecisionRef: z
        .string()
        .trim()
        .min(1, 'Ange regeringsbeslutets beteckning.')
        .max(200),
      text: z.string().trim().min(1, 'Ange vad regeringen beslutat.').max(4000),
      decision: DecisionInput,
    })
    .strict(),
  // R15: höjd beredskap is the government's decision; the city records it.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'director', 'security_chief'),
      'Endast stadsdirektören eller säkerhetschefen registrerar regeringens beslut om höjd beredskap.',
    ),
  decide: (p, s, ctx) => {
    if (p.level === s.heightenedAlert.level)
      return refuse(
        'CONFLICT',
        `Staden har redan: ${HEIGHTENED_ALERT_LABEL[p.level].toLowerCase()}.`,
      );
    const d = decisionDraft(
      ctx,
      'heightened_alert',
      p.decision,
      `${HEIGHTENED_ALERT_LABEL[p.level]} enligt regeringsbeslut ${p.governmentDecisionRef}`,
    );
    return [
      d.draft,
      draft('heightenedAlert.recorded', {
        level: p.level,
        governmentDecisionRef: p.governmentDecisionRef,
        text: p.text,
        decisionId: d.id,
      }),
    ];
  },
});

// ---------------------------------------------------------------------------------------------
// Deputies (R14)
// ---------------------------------------------------------------------------------------------

export const grantDelegation = defineCommand({
  label: 'Delegera roll',
  payload: z
    .object({ role: DelegableRole, toUserId: Id, basis: Basis, until: IsoTime.optional() })
    .strict(),
  authorize: (a, p, s, now) =>
    // R117: an administrator delegates others' roles, never one to himself (he would become
    // the chair by his own hand); the holder has the role already.
    p.toUserId === a.userId
      ? refuse('FORBIDDEN', 'Du kan inte delegera en roll till dig själv.')
      : when(
          (a.role === p.role && !a.actingFor) || actsAs(a, s, now, 'admin'),
          'Endast den som innehar rollen (eller en administratör) kan delegera den.',
        ),
  decide: (p, s, ctx) => {
    const u = lookup(s.users, p.toUserId);
    if (!u || !u.active) return refuse('NOT_FOUND', 'Mottagaren finns inte eller är inaktiverad.');
    if (p.until && p.until <= ctx.now) return refuse('INVALID', 'Slutdatumet har redan passerat.');
    const delegationId = ctx.newId('del');
    const d = decisionDraft(
      ctx,
      'delegation',
      { basis: p.basis, informed: [u.name] },
      `${u.name} är ${DEPUTY_LABEL[p.role]}`,
    );
    return [
      d.draft,
      draft('delegation.granted', {
        delegationId,
        role: p.role,
        toUserId: p.toUserId,
        basis: p.basis,
        until: p.until,
      }),
    ];
  },
});

export const revokeDelegation = defineCommand({
  label: 'Återkalla delegering',
  payload: z.object({ delegationId: Id }).strict(),
  authorize: (a, p, s, now) => {
    const d = lookup(s.delegations, p.delegationId);
    return when(
      (d !== undefined && a.role === d.role) || actsAs(a, s, now, 'admin'),
      'Endast den som innehar rollen (eller en administratör) kan återkalla delegeringen.',
    );
  },
  decide: (p, s) => {
    const d = lookup(s.delegations, p.delegationId);
    if (!d) return refuse('NOT_FOUND', 'Delegeringen finns inte.');
    if (d.revokedAt) return refuse('CONFLICT', 'Delegeringen är redan återkallad.');
    return [draft('delegation.revoked', p)];
  },
});

// ---------------------------------------------------------------------------------------------
// Districts: situation reports and map markers (geografiskt områdesansvar)
// ---------------------------------------------------------------------------------------------

const ReportFields = {
  districtId: Id,
  /** The report this one replaces, as the officer saw it; a mismatch is a conflict (R17). */
  basedOnReportId: Id.nullable(),
  nextReportDue: IsoTime,
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

// ---------------------------------------------------------------------------------------------
// Log (dagbok) and tasks (uppdrag)
// ---------------------------------------------------------------------------------------------

export const writeLog = defineCommand({
  label: 'Skriv i loggen',
  payload: z
    .object({
      eventId: Id.optional(),
      districtId: Id.optional(),
      text: z
        .string()
        .trim()
        .min(1, 'Skriv något.')
        .max(4000, 'Texten får vara högst 4000 tecken.'),
      /** A confidential note is seen only by its district and the central roles (R18). */
      confidential: z.boolean().default(false),
      /** An official warning recorded as decision basis (R139). */
      source: WarningRefSchema.optional(),
    })
    .strict(),
  authorize: (a, p) => {
    if (isReadOnly(a)) return forbid('Du har läsbehörighet och kan inte skriva i loggen.');
    if (p.districtId && a.role === 'district_officer')
      return when(
        isOfficerOfDistrict(a, p.districtId),
        'Du kan bara skriva i ditt eget stadsdelsområdes logg.',
      );
    if (p.districtId)
      return when(a.role !== 'unit_officer', 'Du kan inte skriva i ett stadsdelsområdes logg.');
    return allow;
  },
  decide: (p, s, ctx) => {
    if (p.eventId && !lookup(s.events, p.eventId))
      return refuse('NOT_FOUND', 'Händelsen finns inte.');
    if (p.districtId && !lookup(s.districts, p.districtId))
      return refuse('NOT_FOUND', 'Stadsdelsområdet finns inte.');
    if (p.confidential && !p.districtId && !ctx.actor.unitId)
      return refuse(
        'INVALID',
        'En sekretessmarkerad anteckning hör till ett stadsdelsområde eller en enhet.',
      );
    const audience = p.confidential
      ? p.districtId
        ? { districtIds: [p.districtId] }
        : { unitIds: [ctx.actor.unitId as string] }
      : undefined;
    return [
      draft(
        'log.written',
        {
          entryId: ctx.newId('log'),
          eventId: p.eventId,
          districtId: p.districtId,
          text: p.text,
          ...(p.source ? { source: p.source } : {}),
        },
        audience,
      ),
    ];
  },
});

export const createTask = defineCommand({
  label: 'Ge uppdrag',
  payload: z
    .object({
      eventId: Id.optional(),
      title: Title,
      description: LongText.default(''),
      assignee: TaskAssignee,
      deadline: IsoTime.optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'ckl_lead', 'director'),
      'Endast stabschefen eller stadsdirektören kan ge uppdrag.',
    ),
  decide: (p, s, ctx) => {
    if (p.eventId && !lookup(s.events, p.eventId))
      return refuse('NOT_FOUND', 'Händelsen finns inte.');
    if (p.assignee.kind === 'user' && !lookup(s.users, p.assignee.userId))
      return refuse('NOT_FOUND', 'Personen finns inte.');
    if (p.assignee.kind === 'district' && !lookup(s.districts, p.assignee.districtId))
      return refuse('NOT_FOUND', 'Stadsdelsområdet finns inte.');
    return [draft('task.created', { ...p, taskId: ctx.newId('task') })];
  },
});

const FUNCTION_OF_ROLE: Partial<Record<z.output<typeof Role>, z.output<typeof CklFunction>>> = {
  ckl_liaison: 'liaison',
  ckl_analysis: 'analysis',
  ckl_information: 'information',
  ckl_admin: 'admin',
};

export const updateTask = defineCommand({
  label: 'Uppdatera uppdrag',
  payload: z
    .object({
      taskId: Id,
      status: TaskStatus.optional(),
      note: LongText.optional(),
      deadline: IsoTime.optional(),
    })
    .strict(),
  authorize: (a, p, s, now) => {
    const t = lookup(s.tasks, p.taskId);
    if (actsAs(a, s, now, 'ckl_lead', 'director')) return allow;
    if (!t) return forbid('Du kan inte ändra det här uppdraget.');
    if (p.deadline)
      return forbid('Endast stabschefen eller stadsdirektören kan ändra tidsfristen.');
    const mine =
      (t.assignee.kind === 'user' && t.assignee.userId === a.userId) ||
      (t.assignee.kind === 'function' && FUNCTION_OF_ROLE[a.role] === t.assignee.fn) ||
      (t.assignee.kind === 'district' && isOfficerOfDistrict(a, t.assignee.districtId));
    return when(mine, 'Du kan bara uppdatera uppdrag som är givna till dig eller din funktion.');
  },
  decide: (p, s) => {
    const t = lookup(s.tasks, p.taskId);
    if (!t) return refuse('NOT_FOUND', 'Uppdraget finns inte.');
    if (p.status === undefined && p.note === undefined && p.deadline === undefined)
      return refuse('INVALID', 'Inget att ändra.');
    return [draft('task.updated', p)];
  },
});

// ---------------------------------------------------------------------------------------------
// Accounts (the profile part; credentials live in the account store, never in the log)
// ---------------------------------------------------------------------------------------------

export const registerUser = defineCommand({
  label: 'Registrera användare',
  payload: z
    .object({
      userId: z
        .string()
        .regex(
          /^[a-z0-9._-]{2,40}$/,
          'Användarnamnet får bestå av a–z, 0–9, punkt, bindestreck och understreck.',
        ),
      name: z.string().trim().min(1, 'Ange namn.').max(120),
      role: Role,
      districtId: Id.optional(),
      unitId: Id.optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'admin'), 'Endast en administratör kan registrera användare.'),
  decide: (p, s) => {
    // R71: the system's own id passes no role check, so no person may hold it.
    if (p.userId === SYSTEM_ACTOR.userId)
      return refuse('INVALID', 'Användarnamnet är reserverat för systemet.');
    if (lookup(s.users, p.userId)) return refuse('CONFLICT', 'Användarnamnet är upptaget.');
    if (p.role === 'district_officer' && (!p.districtId || !lookup(s.districts, p.districtId)))
      return refuse('INVALID', 'En TiB måste höra till ett stadsdelsområde.');
    if (p.role === 'unit_officer' && (!p.unitId || !unitById(p.unitId)))
      return refuse(
        'INVALID',
        'En säkerhetssamordnare måste höra till en förvaltning eller ett bolag.',
      );
    return [draft('user.registered', p)];
  },
});

export const disableUser = defineCommand({
  label: 'Inaktivera användare',
  payload: z.object({ userId: Id }).strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'admin'), 'Endast en administratör kan inaktivera användare.'),
  decide: (p, s, ctx) => {
    const u = lookup(s.users, p.userId);
    if (!u) return refuse('NOT_FOUND', 'Användaren finns inte.');
    if (!u.active) return refuse('CONFLICT', 'Användaren är redan inaktiverad.');
    if (u.userId === ctx.actor.userId)
      return refuse('CONFLICT', 'Du kan inte inaktivera dig själv.');
    return [draft('user.disabled', p)];
  },
});

export const enableUser = defineCommand({
  label: 'Aktivera användare',
  payload: z.object({ userId: Id }).strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'admin'), 'Endast en administratör kan aktivera användare.'),
  decide: (p, s) => {
    const u = lookup(s.users, p.userId);
    if (!u) return refuse('NOT_FOUND', 'Användaren finns inte.');
    if (u.active) return refuse('CONFLICT', 'Användaren är redan aktiv.');
    return [draft('user.enabled', p)];
  },
});
