/**
 * Escalation through the levels (nivåer): asking for central support, serious, CKL activation
 * and the extraordinary-event proposal (rules in docs/rules.md). Deciding central support, the
 * chair's judgement and lowering are in ../lifecycle (R200–R203).
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id } from '../../events/schemas';
import { CklFunction, LEVEL_LABEL, CKL_FUNCTION_LABEL } from '../../domain/vocabulary';
import { refuse } from '../../errors';
import { actsAs, ownsEvent, when } from '../../policy/predicates';
import { lookup } from '../../domain/keyed';
import { levelNotice } from '../lifecycle/notices';
import { Basis, DecisionInput, decisionDraft, isRef, openEvent } from './common';

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
      // R210: the presidium and the chair are told, with receipts.
      ...levelNotice(s, ctx, d.id, e.id, 'serious'),
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
