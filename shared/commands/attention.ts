/** Acknowledging what was addressed to me (R226): recorded, so the sender sees "kvitterad". */
import { z } from 'zod';
import { defineCommand } from './define';
import { draft } from '../events';
import { AttentionKey } from '../events/attention';
import { refuse } from '../errors';
import { forbid } from '../policy/predicates';
import { acknowledgedBy, attentionFor } from '../attention/addressed';

export const acknowledgeAttention = defineCommand({
  label: 'Kvittera',
  payload: z.object({ key: AttentionKey }).strict(),
  authorize: (a, p, s, now) => {
    const item = attentionFor(s, a, now).find((i) => i.key === p.key);
    if (!item || !item.needsAck)
      return forbid(
        'Det här väntar inte på din kvittering: det är inte riktat till dig eller redan avgjort.',
      );
    return null;
  },
  decide: (p, s, ctx) => {
    if (acknowledgedBy(s, p.key, ctx.actor.userId))
      return refuse('CONFLICT', 'Du har redan kvitterat detta.');
    const item = attentionFor(s, ctx.actor, ctx.now).find((i) => i.key === p.key);
    if (!item) return refuse('NOT_FOUND', 'Det finns inget att kvittera här.');
    return [draft('attention.acknowledged', { key: item.key, kind: item.kind })];
  },
});

export const ATTENTION_COMMANDS = { 'attention.acknowledge': acknowledgeAttention } as const;
