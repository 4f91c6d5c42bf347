/**
 * System commands: tokens, dispatch results and timers (R43, R47, R51, R52). Issued by the
 * server as SYSTEM_ACTOR; their policy refuses everyone else.
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import { ChannelKind, recipientOf } from '../../domain/alarm';
import { refuse } from '../../errors';
import { lookup } from '../../domain/keyed';
import { systemOnly } from './policy';
import { ALARM_MESSAGE } from './sends';
import { callReserves, deadlineAfter, working } from './working';

// System: tokens, dispatch results, timers (R43, R47, R51, R52)
// ---------------------------------------------------------------------------------------------

export const issueToken = defineCommand({
  label: 'Skapa svarslänk',
  payload: z
    .object({
      alarmId: Id,
      key: z.string().max(200),
      tokenHash: z.string().min(16).max(128),
      expiresAt: IsoTime,
    })
    .strict(),
  authorize: systemOnly,
  decide: (p, s) => {
    const r = recipientOf(lookup(s.alarm.alarms, p.alarmId), p.key);
    if (!r) return refuse('NOT_FOUND', 'Mottagaren finns inte.');
    if (r.tokenHash) return refuse('CONFLICT', 'Svarslänken finns redan.');
    return [draft('alarm.tokenIssued', p)];
  },
});

export const recordSend = defineCommand({
  label: 'Registrera utskick',
  payload: z
    .object({
      ...ALARM_MESSAGE,
      via: ChannelKind.optional(),
      ok: z.boolean(),
      delivered: z.boolean().default(false),
      attempt: z.number().int().positive(),
      error: z.string().max(500).optional(),
      retryAt: IsoTime.optional(),
      resumed: z.boolean().optional(),
      possiblyTwice: z.boolean().optional(),
    })
    .strict(),
  authorize: systemOnly,
  decide: (p, s) => {
    const r = recipientOf(lookup(s.alarm.alarms, p.alarmId), p.key);
    if (!r) return refuse('NOT_FOUND', 'Mottagaren finns inte.');
    const rec = lookup(r.sends, `${p.n}:${p.channel}`);
    if (rec?.status === 'sent') return refuse('CONFLICT', 'Redan skickat.');
    return [draft('alarm.sendRecorded', p)];
  },
});

export const alarmTimeout = defineCommand({
  label: 'Svarstiden gick ut',
  payload: z
    .object({
      alarmId: Id,
      key: z.string().max(200),
      stage: z.union([z.literal(1), z.literal(2)]),
      deadline: IsoTime,
    })
    .strict(),
  authorize: systemOnly,
  decide: (p, s, ctx) => {
    const al = lookup(s.alarm.alarms, p.alarmId);
    const r = recipientOf(al, p.key);
    if (!al || !r) return refuse('NOT_FOUND', 'Mottagaren finns inte.');
    // A timer acts only on the deadline it was set for: a stale or repeated one has no effect.
    if (al.status !== 'active' || r.deadline !== p.deadline)
      return refuse('CONFLICT', 'Timern gäller inte längre.');
    const lp = lookup(al.lists, r.listId);
    if (!lp || lp.staffedAt) return refuse('CONFLICT', 'Listan är redan bemannad.');
    if (p.stage === 1) {
      if (!['queued', 'sent', 'delivered'].includes(r.state))
        return refuse('CONFLICT', 'Personen har redan svarat eller påmints.');
      return [
        draft('alarm.reminded', {
          alarmId: al.id,
          key: r.key,
          deadline: deadlineAfter(ctx.now, lp.timeoutSeconds),
        }),
      ];
    }
    if (r.state !== 'reminded') return refuse('CONFLICT', 'Personen har redan svarat.');
    const w = working(al, r.key);
    const reserves = callReserves(s, w, r.listId, ctx.now, r.key);
    const replaced = reserves.some((d) => d.type === 'alarm.recipientQueued');
    return [
      draft('alarm.silent', {
        alarmId: al.id,
        key: r.key,
        outcome: replaced ? 'replaced' : 'no_answer',
      }),
      ...reserves,
    ];
  },
});

// ---------------------------------------------------------------------------------------------
