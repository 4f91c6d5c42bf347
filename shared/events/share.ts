/** Events of sharing the situation picture with partners (R90–R99). */
import { z } from 'zod';
import { Id, IsoTime } from './schemas';
import { DistrictStatus, Level } from '../domain/vocabulary';
import { SHARED_DISTRICT_STATES, TokenHash } from '../domain/share';
import { SitrepBodySchema } from './ckl';

export const SharedReportSchema = z
  .object({
    sitrepId: Id,
    series: Id,
    version: z.number().int().positive(),
    eventId: Id.optional(),
    eventTitle: z.string().optional(),
    eventLevel: Level.optional(),
    ...SitrepBodySchema,
    approvedAt: IsoTime,
    districts: z
      .array(
        z
          .object({
            districtId: Id,
            name: z.string(),
            state: z.enum(SHARED_DISTRICT_STATES),
            status: DistrictStatus.optional(),
            reportedAt: IsoTime.optional(),
            nextReportDue: IsoTime.optional(),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();

export const SHARE_EVENTS = {
  /** R92: an approved version frozen as it may leave the city. */
  'share.reportPublished': z.object({ report: SharedReportSchema }),
  'share.created': z.object({
    shareId: Id,
    tokenHash: TokenHash,
    sitrepId: Id,
    series: Id,
    eventId: Id.optional(),
    follow: z.boolean(),
    fromVersion: z.number().int().positive(),
    recipient: z
      .object({ kind: z.enum(['actor', 'other']), actorId: Id.optional(), name: z.string() })
      .strict(),
    expiresAt: IsoTime,
  }),
  'share.revoked': z.object({ shareId: Id, reason: z.string() }),
} as const;
