/** Events of action cards (R170–R179, R235–R244). Cards open in the reducer; ticks and edits are logged. */
import { z } from 'zod';
import { Id } from './schemas';
import { CardDefinition } from '../cards/model';

export const CARD_EVENTS = {
  'card.stepTicked': z.object({
    instanceId: z.string().min(1).max(160),
    stepId: Id,
    status: z.enum(['done', 'not_applicable']),
    reason: z.string().optional(),
  }),
  /** A new version of a card (R236): the whole card, its version one above the one it replaces. */
  'card.saved': z.object({ card: CardDefinition }),
  /** A card no trigger opens any more (R237); running instances keep going. */
  'card.retired': z.object({
    cardId: z.string().min(1).max(60),
    version: z.number().int().positive(),
    reason: z.string().max(1000).optional(),
  }),
} as const;
