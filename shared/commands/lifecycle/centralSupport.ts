/**
 * Central support (centralt stöd) on a disruption (R202, R203). 2009–2012: "Beslut om centralt
 * stöd fattas av stadsdirektören, och i andra hand av stadens säkerhetschef i samråd med berörda
 * förvaltningar och bolag"; at serious level "av stadsdirektör i samråd med berörda".
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id } from '../../events/schemas';
import { CKL_FUNCTION_LABEL, CklFunction } from '../../domain/vocabulary';
import type { Actor } from '../../domain/actor';
import type { CityState } from '../../domain/state';
import { refuse } from '../../errors';
import { actsAs, forbid, when } from '../../policy/predicates';
import { lookup } from '../../domain/keyed';
import { DecisionInput, isRefusalLike, openEventOf, recordDecision } from './common';

const SECOND_HAND_ONLY_AT_DISRUPTION =
  'Vid allvarlig eller extraordinär händelse beslutar stadsdirektören om centralt stöd. Säkerhetschefen beslutar bara vid en störning, i andra hand.';

/** The security chief decides only in second hand: not as the director, and only at disruption. */
const inSecondHand = (a: Actor, s: CityState, now: string): boolean =>
  !actsAs(a, s, now, 'director') && actsAs(a, s, now, 'security_chief');

export const decideCentralSupport = defineCommand({
  label: 'Besluta om centralt stöd',
  payload: z
    .object({
      eventId: Id,
      granted: z.boolean(),
      decision: DecisionInput,
      /** The affected administrations and companies consulted (samråd). */
      consulted: z
        .array(z.string().trim().min(1).max(200))
        .min(1, 'Ange vilka berörda förvaltningar och bolag som har hörts (samråd).')
        .max(30),
      /** Why the director could not be reached: the security chief's second hand. */
      directorUnreachable: z.string().trim().min(1).max(2000).optional(),
      /** Part of CKL the support activates (e.g. information for coordinated information). */
      cklFunctions: z.array(CklFunction).max(4).default([]),
    })
    .strict(),
  authorize: (a, p, s, now) => {
    if (actsAs(a, s, now, 'director'))
      return when(
        !p.directorUnreachable,
        'Du beslutar som stadsdirektör; beslutet fattas inte i andra hand.',
      );
    if (!actsAs(a, s, now, 'security_chief'))
      return forbid(
        'Endast stadsdirektören, eller i andra hand säkerhetschefen, beslutar om centralt stöd.',
      );
    const e = lookup(s.events, p.eventId);
    if (e && e.level !== 'disruption') return forbid(SECOND_HAND_ONLY_AT_DISRUPTION);
    return when(
      !!p.directorUnreachable,
      'Säkerhetschefen beslutar bara i andra hand: ange att och varför stadsdirektören inte gick att nå.',
    );
  },
  decide: (p, s, ctx) => {
    const e = openEventOf(s, p.eventId);
    if (isRefusalLike(e)) return e;
    const secondHand = inSecondHand(ctx.actor, s, ctx.now);
    // The level may have risen since the console asked; the policy holds at decision time too.
    if (secondHand && e.level !== 'disruption')
      return refuse('FORBIDDEN', SECOND_HAND_ONLY_AT_DISRUPTION);
    const fns = [...new Set(p.cklFunctions)].filter((f) => !e.ckl[f]);
    if (!p.granted && p.cklFunctions.length)
      return refuse('INVALID', 'Ett avslag aktiverar inga CKL-funktioner.');
    if (p.cklFunctions.length && fns.length === 0)
      return refuse('CONFLICT', 'De valda funktionerna är redan aktiverade.');
    const names = fns.map((f) => CKL_FUNCTION_LABEL[f].toLowerCase()).join(', ');
    const what = p.granted
      ? `Centralt stöd beviljas${
          fns.length
            ? `; CKL aktiveras i del: ${names}${e.level === 'disruption' ? ' (händelsen förblir en störning)' : ''}`
            : ''
        }`
      : 'Centralt stöd beviljas inte';
    const d = recordDecision(ctx, 'central_support', p.decision, what, e.id, {
      consulted: p.consulted,
      ...(secondHand ? { secondHand: { reason: p.directorUnreachable as string } } : {}),
    });
    const out: EventDraft[] = [
      d.draft,
      draft('event.centralSupportDecided', { eventId: e.id, granted: p.granted, decisionId: d.id }),
    ];
    if (fns.length)
      out.push(draft('ckl.activated', { eventId: e.id, functions: fns, decisionId: d.id }));
    return out;
  },
});

export const CENTRAL_SUPPORT_COMMANDS = {
  'event.decideCentralSupport': decideCentralSupport,
} as const;
