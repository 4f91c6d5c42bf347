/**
 * The notices' way out of the console (R271–R273): the server's notice job records what each
 * hand-over did, raises the reminder when it falls due, and records a read through the
 * one-time read link. Issued by the server as SYSTEM_ACTOR; their policy refuses everyone else.
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import { LIFECYCLE_EVENTS } from '../../events/lifecycle';
import type { Notice } from '../../domain/lifecycle';
import { lookup } from '../../domain/keyed';
import { refuse } from '../../errors';
import { systemOnly } from '../alarm/policy';
import { NOTICE_REMIND_MINUTES } from '../../views/lifecycle';

/** R272: when a notice's reminder falls due. */
export const noticeReminderDue = (n: Pick<Notice, 'at'>): string =>
  new Date(Date.parse(n.at) + NOTICE_REMIND_MINUTES * 60_000).toISOString();

const recipientIn = (n: Notice | undefined, userId: string) =>
  n?.recipients.find((r) => r.userId === userId);

export const recordNoticeSend = defineCommand({
  label: 'Registrera utskick av underrättelse',
  // The command records the event as given, so its payload is the event's schema, strict.
  payload: LIFECYCLE_EVENTS['notice.sendRecorded'].strict(),
  authorize: systemOnly,
  decide: (p, s) => {
    const r = recipientIn(lookup(s.lifecycle.notices, p.noticeId), p.userId);
    if (!r) return refuse('NOT_FOUND', 'Mottagaren finns inte.');
    if (r.sends?.some((x) => x.n === p.n && x.channel === p.channel))
      return refuse('CONFLICT', 'Utskicket är redan registrerat.');
    return [draft('notice.sendRecorded', p)];
  },
});

export const remindNotice = defineCommand({
  label: 'Påminn om oläst underrättelse',
  payload: z.object({ noticeId: Id, due: IsoTime }).strict(),
  authorize: systemOnly,
  decide: (p, s, ctx) => {
    const n = lookup(s.lifecycle.notices, p.noticeId);
    if (!n) return refuse('NOT_FOUND', 'Underrättelsen finns inte.');
    // A timer acts only on the time it was set for, and not before it (R272; a second's slack
    // for clocks between nodes).
    if (p.due !== noticeReminderDue(n) || Date.parse(ctx.now) + 1000 < Date.parse(p.due))
      return refuse('CONFLICT', 'Påminnelsen är inte aktuell.');
    const userIds = n.recipients.filter((r) => !r.readAt && !r.remindedAt).map((r) => r.userId);
    if (userIds.length === 0) return refuse('CONFLICT', 'Alla har läst eller är påminda.');
    return [draft('notice.reminded', { noticeId: n.id, userIds, due: p.due })];
  },
});

export const recordNoticeLinkRead = defineCommand({
  label: 'Registrera läst via länk',
  payload: z.object({ noticeId: Id, userId: Id }).strict(),
  authorize: systemOnly,
  decide: (p, s) => {
    const r = recipientIn(lookup(s.lifecycle.notices, p.noticeId), p.userId);
    if (!r) return refuse('NOT_FOUND', 'Underrättelsen finns inte.');
    if (r.readAt) return refuse('CONFLICT', 'Underrättelsen är redan läst.');
    return [draft('notice.read', { noticeId: p.noticeId, userId: p.userId, via: 'link' })];
  },
});

export const NOTICE_DELIVERY_COMMANDS = {
  'notice.recordSend': recordNoticeSend,
  'notice.remind': remindNotice,
  'notice.recordLinkRead': recordNoticeLinkRead,
} as const;
