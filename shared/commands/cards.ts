/** Ticking a step of an action card (R174, R175). */
import { lookup } from '../domain/keyed';
import { z } from 'zod';
import { defineCommand } from './define';
import { draft } from '../events';
import { Id } from '../events/schemas';
import { refuse } from '../errors';
import { when } from '../policy/predicates';
import { cardInstance } from '../cards/derive';
import { mayTickCard } from '../cards/policy';

export const tickStep = defineCommand({
  label: 'Bocka av steg',
  payload: z
    .object({
      instanceId: z.string().min(1).max(160),
      stepId: Id,
      status: z.enum(['done', 'not_applicable']).default('done'),
      reason: z.string().trim().max(1000).optional(),
    })
    .strict()
    .refine((p) => p.status === 'done' || (p.reason ?? '').length > 0, {
      message: 'Ange varför steget inte är tillämpligt.',
      path: ['reason'],
    }),
  authorize: (a, p, s, now) => {
    const inst = cardInstance(s, p.instanceId);
    if (!inst) return null;
    return when(
      mayTickCard(a, s, now, inst),
      'Endast kortets innehavare, den som agerar för hen, stabschefen eller stadsdirektören kan bocka av steg.',
    );
  },
  decide: (p, s) => {
    const inst = cardInstance(s, p.instanceId);
    if (!inst) return refuse('NOT_FOUND', 'Åtgärdskortet finns inte här.');
    const st = inst.steps.find((x) => x.id === p.stepId);
    if (!st) return refuse('NOT_FOUND', 'Steget finns inte på kortet.');
    if (st.status !== 'open') return refuse('CONFLICT', 'Steget är redan avbockat.');
    const e = inst.eventId ? lookup(s.events, inst.eventId) : undefined;
    if (e && e.status === 'closed') return refuse('CONFLICT', 'Händelsen är avslutad.');
    return [
      draft('card.stepTicked', {
        instanceId: inst.id,
        stepId: st.id,
        status: p.status,
        ...(p.status === 'not_applicable' ? { reason: p.reason } : {}),
      }),
    ];
  },
});

export const CARD_COMMANDS = { 'card.tickStep': tickStep } as const;
