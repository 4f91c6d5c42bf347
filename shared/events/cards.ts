/** Events of action cards (R170–R179). Cards open in the reducer; only a tick is logged. */
import { z } from 'zod';
import { Id } from './schemas';

export const CARD_EVENTS = {
  'card.stepTicked': z.object({
    instanceId: z.string().min(1).max(160),
    stepId: Id,
    status: z.enum(['done', 'not_applicable']),
    reason: z.string().optional(),
  }),
} as const;
