/**
 * Informing is a duty with receipts (R210–R212). At serious level kommunstyrelsens presidium
 * and the chair are told; at extraordinary level the whole board. The notice names each
 * recipient; each marks it read in the console, and the decision shows who read it when.
 */
import { z } from 'zod';
import type { DecideContext } from '../define';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id } from '../../events/schemas';
import type { CityState } from '../../domain/state';
import { BOARD_POSITION_LABEL, boardMembers } from '../../domain/board';
import { lookup } from '../../domain/keyed';
import { refuse } from '../../errors';
import { forbid } from '../../policy/predicates';

export interface NoticeRecipientDraft {
  userId: string;
  name: string;
  as: string;
}

/**
 * R210: who must be told of a level decision. Serious: the chair and kommunstyrelsens presidium
 * (the chair and the 1st vice chair of the board hold those offices, security programme
 * 2009–2012, and every observer account of the presidium). Extraordinary: every member of the
 * board with an account.
 */
export function noticeRecipients(
  s: CityState,
  level: 'serious' | 'extraordinary',
): NoticeRecipientDraft[] {
  const out = new Map<string, NoticeRecipientDraft>();
  const add = (userId: string | undefined, as: string) => {
    const u = userId ? lookup(s.users, userId) : undefined;
    if (u && u.active && !out.has(u.userId))
      out.set(u.userId, { userId: u.userId, name: u.name, as });
  };
  for (const u of Object.values(s.users))
    if (u.role === 'chair') add(u.userId, 'Krisledningsnämndens ordförande');
  for (const m of boardMembers(s)) {
    if (level === 'extraordinary')
      add(m.userId, `Krisledningsnämnden, ${BOARD_POSITION_LABEL[m.position].toLowerCase()}`);
    else if (m.position === 'chair' || m.position === 'first_vice_chair')
      add(m.userId, 'Kommunstyrelsens presidium');
  }
  if (level === 'serious')
    for (const u of Object.values(s.users))
      if (u.role === 'observer' && /presidi/i.test(u.userId + u.name))
        add(u.userId, 'Kommunstyrelsens presidium');
  return [...out.values()];
}

/** The notice that goes with a level decision, if anybody is to be told (R210). */
export function levelNotice(
  s: CityState,
  ctx: DecideContext,
  decisionId: string,
  eventId: string,
  level: 'serious' | 'extraordinary',
): EventDraft[] {
  const recipients = noticeRecipients(s, level).filter((r) => r.userId !== ctx.actor.userId);
  if (recipients.length === 0) return [];
  const title = lookup(s.events, eventId)?.title ?? 'Händelsen';
  const text =
    level === 'serious'
      ? `${title} är en allvarlig händelse (beslut av ${ctx.actor.name}).`
      : `${title} är en extraordinär händelse; krisledningsnämnden träder i funktion (beslut av ${ctx.actor.name}).`;
  return [
    draft('notice.sent', { noticeId: ctx.newId('ntc'), decisionId, eventId, text, recipients }),
  ];
}

export const markNoticeRead = defineCommand({
  label: 'Markera underrättelse som läst',
  payload: z.object({ noticeId: Id }).strict(),
  // R211: only a recipient marks it read, for themself.
  authorize: (a, p, s) => {
    const n = lookup(s.lifecycle.notices, p.noticeId);
    if (!n) return null; // decide says it does not exist
    return n.recipients.some((r) => r.userId === a.userId)
      ? null
      : forbid('Underrättelsen är inte ställd till dig.');
  },
  decide: (p, s, ctx) => {
    const n = lookup(s.lifecycle.notices, p.noticeId);
    if (!n) return refuse('NOT_FOUND', 'Underrättelsen finns inte.');
    if (n.recipients.find((r) => r.userId === ctx.actor.userId)?.readAt)
      return refuse('CONFLICT', 'Du har redan läst underrättelsen.');
    return [draft('notice.read', p)];
  },
});

export const NOTICE_COMMANDS = { 'notice.markRead': markNoticeRead } as const;
