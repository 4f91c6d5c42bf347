/** Answers to an alarm, in the console and by link (R41–R48). */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id } from '../../events/schemas';
import type { CityState } from '../../domain/state';
import {
  ANSWERABLE_STATES,
  WAITING_STATES,
  type Alarm,
  type LinkToken,
  recipientOf,
} from '../../domain/alarm';
import { refuse, type Refusal } from '../../errors';
import { allow, when } from '../../policy/predicates';
import { tableGet, tableValues } from '../../domain/table';
import { lookup } from '../../domain/keyed';
import { mayAlarmList, systemOnly } from './policy';
import { callReserves, staffing, working } from './working';

const Answer = z.enum(['coming', 'cannot']);
const Eta = z
  .number()
  .int()
  .min(0)
  .max(24 * 60, 'Ange ankomsttid i minuter (högst 24 timmar).');
const Comment = z.string().trim().max(400).optional();

function answerDrafts(
  s: CityState,
  al: Alarm | undefined,
  key: string,
  answer: z.output<typeof Answer>,
  via: 'link' | 'console' | 'recorded',
  now: string,
  extra: { etaMinutes?: number; comment?: string; tokenHash?: string },
): EventDraft[] | Refusal {
  if (!al) return refuse('NOT_FOUND', 'Larmet finns inte.');
  const r = tableGet(al.recipients, key);
  if (!r) return refuse('NOT_FOUND', 'Personen är inte larmad i det här larmet.');
  if (al.status === 'cancelled')
    return refuse('CONFLICT', 'Larmet är avbrutet. Du behöver inte komma.');
  if (r.state === 'stood_down')
    return refuse('CONFLICT', 'Funktionen är redan bemannad. Du behöver inte komma – tack.');
  if (!ANSWERABLE_STATES.includes(r.state))
    return refuse('CONFLICT', 'Du har redan svarat på det här larmet.');
  if (answer === 'coming' && extra.etaMinutes === undefined)
    return refuse('INVALID', 'Ange när du beräknas vara på plats (minuter).');
  const out: EventDraft[] = [
    draft('alarm.answered', {
      alarmId: al.id,
      key,
      answer,
      via,
      ...(answer === 'coming' ? { etaMinutes: extra.etaMinutes } : {}),
      ...(extra.comment ? { comment: extra.comment } : {}),
      ...(extra.tokenHash ? { tokenHash: extra.tokenHash } : {}),
    }),
  ];
  if (al.status !== 'active') return out;
  const w = working(al, key);
  if (answer === 'coming') {
    w.filled.set(r.listId, (w.filled.get(r.listId) ?? 0) + 1);
    out.push(...staffing(w, r.listId));
  } else if (WAITING_STATES.includes(r.state)) {
    // R42: "cannot come" calls the next reserve at once.
    out.push(...callReserves(s, w, r.listId, now, key));
  }
  return out;
}

export const respondToAlarm = defineCommand({
  label: 'Svara på larm',
  payload: z
    .object({
      alarmId: Id,
      /** Whose answer: absent means the signed-in person's own. */
      key: z.string().max(200).optional(),
      answer: Answer,
      etaMinutes: Eta.optional(),
      comment: Comment,
    })
    .strict(),
  // R48: a person answers for themself; who may alarm the list records an answer given by phone.
  authorize: (a, p, s, now) => {
    const al = lookup(s.alarm.alarms, p.alarmId);
    if (!al) return allow;
    const key = p.key ?? ownKey(s, al, a.userId);
    const r = key ? tableGet(al.recipients, key) : undefined;
    if (!r) return allow;
    const own = tableGet(s.alarm.contacts, r.contactId)?.userId === a.userId;
    if (own) return allow;
    const list = lookup(s.alarm.lists, r.listId);
    return when(
      !!list && mayAlarmList(a, s, now, list),
      'Du kan bara svara för dig själv, eller registrera svar på listor som du får larma.',
    );
  },
  decide: (p, s, ctx) => {
    const al = lookup(s.alarm.alarms, p.alarmId);
    const key = p.key ?? (al ? ownKey(s, al, ctx.actor.userId) : undefined);
    if (!key) return refuse('NOT_FOUND', 'Du är inte larmad i det här larmet.');
    const r = recipientOf(al, key);
    const own = !!r && tableGet(s.alarm.contacts, r.contactId)?.userId === ctx.actor.userId;
    return answerDrafts(s, al, key, p.answer, own ? 'console' : 'recorded', ctx.now, p);
  },
});

function ownKey(s: CityState, al: Alarm, userId: string): string | undefined {
  return tableValues(al.recipients).find(
    (r) =>
      tableGet(s.alarm.contacts, r.contactId)?.userId === userId &&
      ANSWERABLE_STATES.includes(r.state),
  )?.key;
}

/** R47: the one-time link is the credential: it must exist, be unused and be unexpired. */
export function checkLinkToken(s: CityState, tokenHash: string, now: string): Refusal | null {
  const t = tableGet(s.alarm.tokens, tokenHash);
  if (!t)
    return refuse(
      'NOT_FOUND',
      'Länken är okänd. Den kan ha skrivits av fel eller tillhöra ett gammalt larm.',
    );
  if (t.usedAt) return refuse('CONFLICT', 'Länken har redan använts. Ditt svar är registrerat.');
  if (t.expiresAt <= now)
    return refuse(
      'CONFLICT',
      'Länken har gått ut. Ring larmcentralen eller din chef för att svara.',
    );
  return null;
}

export const answerByLink = defineCommand({
  label: 'Svara via länk',
  payload: z
    .object({
      tokenHash: z.string().min(16).max(128),
      answer: Answer,
      etaMinutes: Eta.optional(),
      comment: Comment,
    })
    .strict(),
  authorize: systemOnly,
  decide: (p, s, ctx) => {
    const bad = checkLinkToken(s, p.tokenHash, ctx.now);
    if (bad) return bad;
    const t = tableGet(s.alarm.tokens, p.tokenHash) as LinkToken; // checkLinkToken found it
    return answerDrafts(s, lookup(s.alarm.alarms, t.alarmId), t.key, p.answer, 'link', ctx.now, p);
  },
});

export const openLink = defineCommand({
  label: 'Länk öppnad',
  payload: z.object({ tokenHash: z.string().min(16).max(128) }).strict(),
  authorize: systemOnly,
  decide: (p, s, ctx) => {
    const bad = checkLinkToken(s, p.tokenHash, ctx.now);
    if (bad) return bad;
    const t = tableGet(s.alarm.tokens, p.tokenHash) as LinkToken; // checkLinkToken found it
    const r = recipientOf(lookup(s.alarm.alarms, t.alarmId), t.key);
    if (!r || (r.state !== 'sent' && r.state !== 'queued'))
      return refuse('CONFLICT', 'Redan levererat.');
    return [draft('alarm.linkOpened', { alarmId: t.alarmId, key: t.key })];
  },
});

// ---------------------------------------------------------------------------------------------
