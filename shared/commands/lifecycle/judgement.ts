/**
 * The chair's judgement of an extraordinary event and the lowering from it (R200, R201).
 * The 2020–2023 programme: "Det är krisledningsnämndens ordförande som bedömer att en händelse
 * är extraordinär"; 2009–2012: on the city director's proposal. The chair judges with or
 * without a pending proposal and the record says which.
 */
import { z } from 'zod';
import { defineCommand, type DecideContext } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id } from '../../events/schemas';
import { CKL_FUNCTIONS, LEVEL_LABEL, Level, levelRank } from '../../domain/vocabulary';
import type { CityState, CrisisEvent, DecisionInitiative } from '../../domain/state';
import { refuse, type Refusal } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { lookup } from '../../domain/keyed';
import { levelNotice } from './notices';
import {
  DecisionInput,
  isRefusalLike,
  openEventOf,
  recordDecision,
  type DecisionInput as DecisionInputT,
} from './common';

const DECLARED =
  'Händelsen är en extraordinär händelse; krisledningsnämnden träder i funktion och CKL aktiveras i sin helhet';
const CHAIR_ONLY =
  'Endast krisledningsnämndens ordförande (eller den vice ordförande som tjänstgör) bedömer att en händelse är extraordinär.';

/** The events that make an event extraordinary, on a proposal (resolved) or on the chair's own. */
function declare(
  ctx: DecideContext,
  e: CrisisEvent,
  decision: DecisionInputT,
  s: CityState,
): EventDraft[] {
  const prop = e.pendingProposalId ? lookup(s.proposals, e.pendingProposalId) : undefined;
  const initiative: DecisionInitiative =
    prop && prop.status === 'pending'
      ? {
          kind: 'proposal',
          proposalId: prop.id,
          proposedBy: {
            userId: prop.proposedBy.userId,
            name: prop.proposedBy.name,
            role: prop.proposedBy.role,
          },
        }
      : { kind: 'own' };
  const what =
    initiative.kind === 'proposal'
      ? `${DECLARED} (på förslag av ${initiative.proposedBy.name})`
      : `${DECLARED} (ordförandens egen bedömning, utan förslag från stadsdirektören)`;
  const d = recordDecision(ctx, 'extraordinary_declaration', decision, what, e.id, { initiative });
  const missing = CKL_FUNCTIONS.filter((f) => !e.ckl[f]);
  return [
    d.draft,
    ...(initiative.kind === 'proposal' && initiative.proposalId
      ? [
          draft('proposal.resolved', {
            proposalId: initiative.proposalId,
            status: 'declared',
            resolution: d.id,
          }),
        ]
      : []),
    draft('event.levelChanged', { eventId: e.id, level: 'extraordinary', decisionId: d.id }),
    ...(missing.length
      ? [draft('ckl.activated', { eventId: e.id, functions: missing, decisionId: d.id })]
      : []),
    ...levelNotice(s, ctx, d.id, e.id, 'extraordinary'),
  ];
}

const Confirm = z.literal(true, { message: 'Beslutet måste bekräftas.' });

/** R200: the chair's judgement on an event, whether or not the director has proposed it. */
export const judgeExtraordinary = defineCommand({
  label: 'Bedöm händelsen som extraordinär',
  payload: z.object({ eventId: Id, confirm: Confirm, decision: DecisionInput }).strict(),
  authorize: (a, _p, s, now) => when(actsAs(a, s, now, 'chair'), CHAIR_ONLY),
  decide: (p, s, ctx) => {
    const e = openEventOf(s, p.eventId);
    if (isRefusalLike(e)) return e;
    if (e.level === 'extraordinary') return refuse('CONFLICT', 'Händelsen är redan extraordinär.');
    return declare(ctx, e, p.decision, s);
  },
});

/** R8, R200: the chair decides on the director's proposal; the record names the proposal. */
export const declareExtraordinary = defineCommand({
  label: 'Besluta extraordinär händelse',
  payload: z.object({ proposalId: Id, confirm: Confirm, decision: DecisionInput }).strict(),
  authorize: (a, _p, s, now) => when(actsAs(a, s, now, 'chair'), CHAIR_ONLY),
  decide: (p, s, ctx) => {
    const prop = lookup(s.proposals, p.proposalId);
    if (!prop) return refuse('NOT_FOUND', 'Förslaget finns inte.');
    if (prop.status !== 'pending') return refuse('CONFLICT', 'Förslaget är redan avgjort.');
    const e = openEventOf(s, prop.eventId);
    if (isRefusalLike(e)) return e;
    return declare(ctx, e, p.decision, s);
  },
});

const LowerInitiative = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('own') }).strict(),
  z.object({ kind: z.literal('proposal'), userId: Id }).strict(),
]);

function initiativeOf(
  s: CityState,
  i: z.output<typeof LowerInitiative> | undefined,
): DecisionInitiative | undefined | Refusal {
  if (!i) return undefined;
  if (i.kind === 'own') return { kind: 'own' };
  const u = lookup(s.users, i.userId);
  if (!u) return refuse('NOT_FOUND', 'Den som föreslog finns inte bland användarna.');
  return { kind: 'proposal', proposedBy: { userId: u.userId, name: u.name, role: u.role } };
}

/** R10, R201: lowering is decided by whoever decides the level it leaves, with who proposed it. */
export const lowerLevel = defineCommand({
  label: 'Sänk nivå',
  payload: z
    .object({
      eventId: Id,
      to: Level,
      decision: DecisionInput,
      /** Who proposed the lowering, or the decider's own initiative; needed from extraordinary. */
      initiative: LowerInitiative.optional(),
    })
    .strict(),
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
    const e = openEventOf(s, p.eventId);
    if (isRefusalLike(e)) return e;
    if (levelRank(p.to) >= levelRank(e.level))
      return refuse('CONFLICT', 'Välj en lägre nivå än den nuvarande.');
    if (e.level === 'extraordinary' && !p.initiative)
      return refuse(
        'INVALID',
        'Ange vem som föreslog att den extraordinära händelsen sänks, eller att det är ditt eget initiativ.',
      );
    const initiative = initiativeOf(s, p.initiative);
    if (isRefusalLike(initiative)) return initiative;
    const by =
      initiative?.kind === 'proposal' ? ` (på förslag av ${initiative.proposedBy.name})` : '';
    const d = recordDecision(
      ctx,
      'level_lowered',
      p.decision,
      `Händelsen sänks till ${LEVEL_LABEL[p.to].toLowerCase()}${by}`,
      e.id,
      initiative ? { initiative } : {},
    );
    return [d.draft, draft('event.levelChanged', { eventId: e.id, level: p.to, decisionId: d.id })];
  },
});

export const JUDGEMENT_COMMANDS = {
  'event.judgeExtraordinary': judgeExtraordinary,
  'event.declareExtraordinary': declareExtraordinary,
  'event.lowerLevel': lowerLevel,
} as const;
