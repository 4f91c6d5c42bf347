/**
 * Sharing the situation picture with partners outside the city (delning): a link to an approved
 * situation report that a partner opens without an account. Rules R90–R99 (docs/rules.md).
 *
 * What leaves the city is frozen when it is approved for sharing (`SharedReport`): the approved
 * text and, per district, the status and time of the report the version was compiled from.
 * The state holds the shares and those frozen reports, bounded; the full history is the log.
 */
import { z } from 'zod';
import type { ActorRef, Audience } from './refs';
import type { DistrictStatus, Level } from './vocabulary';
import type { SitrepBody } from './ckl';
import { emptyTable, type Table } from './table';

/** R98: shares are the crisis staff's business: liaison and the roles that see everything. */
export const SHARE_AUDIENCE: Audience = { roles: ['ckl_liaison'] };

/** R90: the longest a link may stay open. */
export const SHARE_MAX_DAYS = 90;
/** How many published versions of one series the state keeps (the feed's length). */
export const SHARE_FEED_ENTRIES = 50;
/** Finished (revoked or expired) shares the state keeps before the oldest leave it. */
export const SHARE_RECORD_CAP = 500;

/** R91: the keyed hash of a token, as the log holds it (hex SHA-256). */
export const TokenHash = z.string().regex(/^[0-9a-f]{64}$/, 'Länkens kontrollsumma har fel form.');

export const ShareRecipientInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('actor'), actorId: z.string().min(1).max(80) }).strict(),
  z
    .object({
      kind: z.literal('other'),
      name: z
        .string()
        .trim()
        .min(1, 'Ange mottagaren.')
        .max(200, 'Mottagarens namn får vara högst 200 tecken.'),
    })
    .strict(),
]);

/** Who the link was given to; an actor's name is kept as it was when the link was made. */
export interface ShareRecipient {
  kind: 'actor' | 'other';
  actorId?: string;
  name: string;
}

export interface Share {
  id: string;
  tokenHash: string;
  /** The report named when the share was made. */
  sitrepId: string;
  /** Its series: the event id, or 'city'. */
  series: string;
  eventId?: string;
  /** True: the link follows each new approved version of the series; false: it stays on one. */
  follow: boolean;
  /** The version current when the share was made (a following share's feed starts there). */
  fromVersion: number;
  recipient: ShareRecipient;
  createdAt: string;
  createdBy: ActorRef;
  expiresAt: string;
  revoked?: { at: string; by: ActorRef; reason: string };
}

/** Where a district stood in a shared report. `outside`: not part of the report's scope. */
export const SHARED_DISTRICT_STATES = ['fresh', 'stale', 'missing', 'unknown', 'outside'] as const;
export type SharedDistrictState = (typeof SHARED_DISTRICT_STATES)[number];
export const SHARED_DISTRICT_STATE_LABEL: Record<SharedDistrictState, string> = {
  fresh: 'Aktuell rapport',
  stale: 'Rapporten var inaktuell',
  missing: 'Rapport saknades',
  unknown: 'Uppgift saknas',
  outside: 'Ingår inte i lägesbilden',
};

export interface SharedDistrict {
  districtId: string;
  name: string;
  state: SharedDistrictState;
  status?: DistrictStatus;
  /** When the district's report (or its "no change" confirmation) was filed. */
  reportedAt?: string;
  nextReportDue?: string;
}

/** R92: one approved version as it may leave the city, frozen when it was published. */
export interface SharedReport extends SitrepBody {
  sitrepId: string;
  series: string;
  version: number;
  eventId?: string;
  eventTitle?: string;
  eventLevel?: Level;
  approvedAt: string;
  districts: SharedDistrict[];
}

export interface ShareState {
  shares: Table<Share>;
  /** Token hash → share id. */
  byToken: Table<string>;
  /** Published (frozen) reports by sitrep id. */
  reports: Table<SharedReport>;
  /** Per series, the published sitrep ids in the order they were approved (bounded). */
  series: Table<string[]>;
}

export const emptyShareState = (): ShareState => ({
  shares: emptyTable(),
  byToken: emptyTable(),
  reports: emptyTable(),
  series: emptyTable(),
});

export type ShareStatus = 'active' | 'expired' | 'revoked';
export const SHARE_STATUS_LABEL: Record<ShareStatus, string> = {
  active: 'Aktiv',
  expired: 'Utgången',
  revoked: 'Återkallad',
};

/** R94: a share is open until it is revoked or its expiry has passed (asked at `now`). */
export function shareStatus(sh: Pick<Share, 'revoked' | 'expiresAt'>, now: string): ShareStatus {
  if (sh.revoked) return 'revoked';
  return Date.parse(sh.expiresAt) <= Date.parse(now) ? 'expired' : 'active';
}
