/**
 * Sharing an approved situation report with a partner outside the city, and revoking it
 * (R90–R99). `share.create` carries only the token's keyed hash: the console sends it through
 * `POST /api/shares`, where the server makes the token and shows it once (R91).
 */
import { z } from 'zod';
import { defineCommand } from './define';
import { draft, type EventDraft } from '../events';
import { Id, IsoTime } from '../events/schemas';
import type { CityState } from '../domain/state';
import type { SituationReportVersion } from '../domain/ckl';
import {
  SHARE_AUDIENCE,
  SHARE_MAX_DAYS,
  ShareRecipientInput,
  TokenHash,
  type ShareRecipient,
} from '../domain/share';
import { tableGet, tableHas } from '../domain/table';
import { refuse, type Refusal } from '../errors';
import { when } from '../policy/predicates';
import { mayShare } from '../policy/share';
import { followersOf, freezeReport, own } from '../views/share';

const FORBIDDEN = 'Endast analysfunktionen och stabschefen delar lägesbilden med samverkansparter.';
const DAY_MS = 86_400_000;

function recipientOf(
  s: CityState,
  p: z.output<typeof ShareRecipientInput>,
): ShareRecipient | Refusal {
  if (p.kind === 'other') return { kind: 'other', name: p.name };
  const actor = own(s.ckl.actors, p.actorId);
  if (!actor) return refuse('NOT_FOUND', 'Aktören finns inte i aktörsregistret.');
  if (!actor.active) return refuse('CONFLICT', 'Aktören är markerad som inaktiv i registret.');
  return { kind: 'actor', actorId: actor.id, name: actor.name };
}

const isRefusal = (x: unknown): x is Refusal =>
  typeof x === 'object' && x !== null && 'refused' in x;

export const createShare = defineCommand({
  label: 'Dela lägesbild med samverkanspart',
  payload: z
    .object({
      sitrepId: Id,
      /** Follow the series: the link shows each new approved version (R90). */
      follow: z.boolean().default(false),
      recipient: ShareRecipientInput,
      expiresAt: IsoTime,
      tokenHash: TokenHash,
    })
    .strict(),
  authorize: (a, _p, s, now) => when(mayShare(a, s, now), FORBIDDEN),
  decide: (p, s, ctx) => {
    const r = own(s.ckl.sitreps, p.sitrepId);
    if (!r) return refuse('NOT_FOUND', 'Lägesbilden finns inte.');
    // R92: only what the CKL lead approved leaves the city; never a draft or returned version.
    if (r.status !== 'approved')
      return refuse(
        'CONFLICT',
        r.status === 'superseded'
          ? 'Den här versionen är ersatt av en nyare. Dela den senast godkända.'
          : 'Endast en godkänd lägesbild kan delas. Utkast lämnar aldrig staden.',
      );
    const expires = Date.parse(p.expiresAt);
    const now = Date.parse(ctx.now);
    if (expires <= now) return refuse('INVALID', 'Länkens giltighetstid måste ligga i framtiden.');
    if (expires > now + SHARE_MAX_DAYS * DAY_MS)
      return refuse('INVALID', `En länk kan gälla högst ${SHARE_MAX_DAYS} dagar.`);
    const recipient = recipientOf(s, p.recipient);
    if (isRefusal(recipient)) return recipient;
    if (tableHas(s.shares.byToken, p.tokenHash))
      return refuse('CONFLICT', 'Länken finns redan. Skapa en ny delning.');
    const out: EventDraft[] = [];
    if (!tableHas(s.shares.reports, r.id))
      out.push(
        draft(
          'share.reportPublished',
          { report: freezeReport(s, r, r.approvedAt ?? ctx.now) },
          SHARE_AUDIENCE,
        ),
      );
    out.push(
      draft(
        'share.created',
        {
          shareId: ctx.newId('shr'),
          tokenHash: p.tokenHash,
          sitrepId: r.id,
          series: r.series,
          ...(r.eventId ? { eventId: r.eventId } : {}),
          follow: p.follow,
          fromVersion: r.version,
          recipient,
          expiresAt: new Date(expires).toISOString(),
        },
        SHARE_AUDIENCE,
      ),
    );
    return out;
  },
});

export const revokeShare = defineCommand({
  label: 'Återkalla delad länk',
  payload: z
    .object({
      shareId: Id,
      reason: z.string().trim().max(400, 'Högst 400 tecken.').default(''),
    })
    .strict(),
  authorize: (a, _p, s, now) => when(mayShare(a, s, now), FORBIDDEN),
  decide: (p, s) => {
    const sh = tableGet(s.shares.shares, p.shareId);
    if (!sh) return refuse('NOT_FOUND', 'Delningen finns inte.');
    if (sh.revoked) return refuse('CONFLICT', 'Länken är redan återkallad.');
    return [draft('share.revoked', p, SHARE_AUDIENCE)];
  },
});

/**
 * R90: approving a version publishes it to the open shares that follow its series, in the
 * same command, frozen as it is approved. Nothing when nobody follows the series.
 */
export function publishToFollowers(
  s: CityState,
  r: SituationReportVersion,
  now: string,
): EventDraft[] {
  if (followersOf(s, r.series, now).length === 0) return [];
  return [draft('share.reportPublished', { report: freezeReport(s, r, now) }, SHARE_AUDIENCE)];
}

export const SHARE_COMMANDS = {
  'share.create': createShare,
  'share.revoke': revokeShare,
} as const;
