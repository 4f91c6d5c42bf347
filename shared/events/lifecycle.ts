/** Events of the decision lifecycle (R205, R210–R212). */
import { z } from 'zod';
import { Id, IsoTime } from './schemas';
import { ChannelKind } from '../domain/alarm';

export const AreaRefSchema = z.object({ kind: z.enum(['district', 'unit']), id: Id }).strict();

export const LIFECYCLE_EVENTS = {
  'presidency.unavailable': z.object({
    position: z.enum(['chair', 'first_vice_chair']),
    reason: z.string(),
  }),
  'presidency.available': z.object({ position: z.enum(['chair', 'first_vice_chair']) }),
  'liaison.localNamed': z.object({
    eventId: Id,
    area: AreaRefSchema,
    personName: z.string(),
    contact: z.string(),
    namedBy: z.string(),
  }),
  'notice.sent': z.object({
    noticeId: Id,
    decisionId: Id,
    eventId: Id.optional(),
    text: z.string(),
    recipients: z.array(z.object({ userId: Id, name: z.string(), as: z.string() })),
  }),
  /** By the recipient in the console; or, by the system, through the one-time read link (R273). */
  'notice.read': z.object({
    noticeId: Id,
    userId: Id.optional(),
    via: z.enum(['console', 'link']).optional(),
  }),
  /**
   * What one delivery job did for one recipient (R271): the console carried it (they were
   * signed in), or a channel outside the console did, said as it happened (`via`: the outbox
   * stood in for a channel without a provider), or it failed and why.
   */
  'notice.sendRecorded': z.object({
    noticeId: Id,
    userId: Id,
    /** 1 = the notice, 2 = the reminder (R272). */
    n: z.union([z.literal(1), z.literal(2)]),
    channel: ChannelKind,
    via: ChannelKind.optional(),
    ok: z.boolean(),
    error: z.string().max(500).optional(),
  }),
  /** R272: the recipients still unread when the reminder fell due. */
  'notice.reminded': z.object({ noticeId: Id, userIds: z.array(Id), due: IsoTime }),
} as const;
