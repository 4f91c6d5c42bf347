/**
 * The record that a message is about to be handed to a channel (R128). The server's alarm
 * worker makes it durable before every send, so a worker that dies mid-send leaves behind
 * exactly which hand-overs have an unknown outcome; the one that resumes them gives the
 * provider the same idempotency key (R129). Sent by the system actor only.
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id } from '../../events/schemas';
import { ChannelKind, recipientOf, sendKey } from '../../domain/alarm';
import { lookup } from '../../domain/keyed';
import { refuse } from '../../errors';
import { systemOnly } from './policy';

/** Which message a send record is about: one alarm, one person, message n, one channel. */
export const ALARM_MESSAGE = {
  alarmId: Id,
  key: z.string().max(200),
  n: z.number().int().min(1).max(3),
  channel: ChannelKind,
};

export const recordSendStart = defineCommand({
  label: 'Påbörja utskick',
  payload: z
    .object({
      ...ALARM_MESSAGE,
      attempt: z.number().int().positive(),
      idempotencyKey: z.string().min(1).max(500),
    })
    .strict(),
  authorize: systemOnly,
  decide: (p, s) => {
    const rec = lookup(
      recipientOf(lookup(s.alarm.alarms, p.alarmId), p.key)?.sends,
      sendKey(p.n, p.channel),
    );
    if (!rec) return refuse('NOT_FOUND', 'Utskicket finns inte.');
    if (rec.status === 'sent' || rec.status === 'gave_up')
      return refuse('CONFLICT', 'Utskicket är redan avslutat.');
    if (rec.attempts >= p.attempt || (rec.started ?? 0) >= p.attempt)
      return refuse('CONFLICT', 'Försöket är redan påbörjat.');
    return [draft('alarm.sendStarted', p)];
  },
});
