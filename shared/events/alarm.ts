/** Events of alarm and call-in, duty schedules and handovers (R40–R59). */
import { z } from 'zod';
import { Id, IsoTime } from './schemas';
import { Level, Role } from '../domain/vocabulary';
import { ChannelKind, ListTarget } from '../domain/alarm';

const Summary = z.object({
  since: IsoTime.optional(),
  decisions: z.array(z.object({ id: Id, at: IsoTime, what: z.string(), by: z.string() })),
  openTasks: z.array(
    z.object({
      id: Id,
      title: z.string(),
      status: z.string(),
      deadline: IsoTime.optional(),
      overdue: z.boolean(),
    }),
  ),
  situation: z.array(
    z.object({
      districtId: Id,
      name: z.string(),
      status: z.string(),
      at: IsoTime,
      needs: z.string(),
    }),
  ),
  unanswered: z.array(z.object({ kind: z.string(), text: z.string(), since: IsoTime.optional() })),
  alarms: z.array(
    z.object({
      id: Id,
      title: z.string(),
      status: z.string(),
      filled: z.number(),
      quota: z.number(),
    }),
  ),
});

export const ALARM_EVENTS = {
  'alarm.contactSaved': z.object({
    contactId: Id,
    name: z.string(),
    userId: Id.optional(),
    role: Role.optional(),
    title: z.string().optional(),
    districtId: Id.optional(),
    unitId: Id.optional(),
    available: z.boolean(),
  }),
  /** Carries phone and e-mail; its audience keeps it from who may not see them (R49). */
  'alarm.contactDetailsSaved': z.object({
    contactId: Id,
    phone: z.string().optional(),
    email: z.string().optional(),
  }),
  'alarm.contactRemoved': z.object({ contactId: Id }),
  'alarm.listSaved': z.object({
    listId: Id,
    name: z.string(),
    target: ListTarget,
    members: z.array(Id),
    quota: z.number().int().positive(),
    timeoutSeconds: z.number().positive(),
    channels: z.array(ChannelKind),
  }),
  'alarm.listRemoved': z.object({ listId: Id }),
  'alarm.templateSaved': z.object({ templateId: Id, name: z.string(), text: z.string() }),
  'alarm.planSaved': z.object({
    level: Level,
    listIds: z.array(Id),
    templateId: Id.optional(),
  }),
  'alarm.started': z.object({
    alarmId: Id,
    title: z.string(),
    message: z.string(),
    eventId: Id.optional(),
    level: Level.optional(),
    exercise: z.boolean(),
    realChannels: z.boolean(),
    lists: z.array(
      z.object({
        listId: Id,
        name: z.string(),
        quota: z.number().int().positive(),
        timeoutSeconds: z.number().positive(),
        order: z.array(Id),
      }),
    ),
  }),
  'alarm.recipientQueued': z.object({
    alarmId: Id,
    key: z.string(),
    listId: Id,
    contactId: Id,
    name: z.string(),
    orderIndex: z.number().int().nonnegative(),
    channels: z.array(ChannelKind),
    deadline: IsoTime,
    reserveFor: z.string().optional(),
  }),
  'alarm.tokenIssued': z.object({
    alarmId: Id,
    key: z.string(),
    tokenHash: z.string(),
    expiresAt: IsoTime,
  }),
  /**
   * About to hand message n to a channel (R128): durable before the send. `idempotencyKey` is
   * what the provider is given, the same for every attempt of this message on this channel.
   */
  'alarm.sendStarted': z.object({
    alarmId: Id,
    key: z.string(),
    n: z.number().int().min(1).max(3),
    channel: ChannelKind,
    attempt: z.number().int().positive(),
    idempotencyKey: z.string().max(500),
  }),
  'alarm.sendRecorded': z.object({
    alarmId: Id,
    key: z.string(),
    n: z.number().int().min(1).max(3),
    channel: ChannelKind,
    /** The channel that really carried it: the outbox when it stood in (no provider, exercise). */
    via: ChannelKind.optional(),
    ok: z.boolean(),
    delivered: z.boolean(),
    attempt: z.number().int().positive(),
    error: z.string().optional(),
    retryAt: IsoTime.optional(),
    /** The hand-over was started by a worker that died or lost its job before recording it. */
    resumed: z.boolean().optional(),
    /** Resumed over a channel that takes no idempotency key: the person may have it twice (R129). */
    possiblyTwice: z.boolean().optional(),
  }),
  'alarm.linkOpened': z.object({ alarmId: Id, key: z.string() }),
  'alarm.reminded': z.object({ alarmId: Id, key: z.string(), deadline: IsoTime }),
  'alarm.answered': z.object({
    alarmId: Id,
    key: z.string(),
    answer: z.enum(['coming', 'cannot']),
    etaMinutes: z.number().int().nonnegative().optional(),
    comment: z.string().optional(),
    via: z.enum(['link', 'console', 'recorded']),
    tokenHash: z.string().optional(),
  }),
  'alarm.silent': z.object({
    alarmId: Id,
    key: z.string(),
    outcome: z.enum(['replaced', 'no_answer']),
  }),
  'alarm.listStaffed': z.object({ alarmId: Id, listId: Id, stoodDown: z.array(z.string()) }),
  'alarm.listExhausted': z.object({ alarmId: Id, listId: Id }),
  'alarm.staffed': z.object({ alarmId: Id }),
  'alarm.cancelled': z.object({ alarmId: Id, reason: z.string(), stoodDown: z.array(z.string()) }),
  /** The in-console notification: reaches the person's console (their account). */
  'alarm.consoleNotified': z.object({
    alarmId: Id,
    key: z.string(),
    userId: Id,
    n: z.number().int(),
    text: z.string(),
  }),
  /** What would have been sent, when no provider is configured or an exercise keeps it local. */
  'alarm.outboxed': z.object({
    alarmId: Id,
    key: z.string(),
    channel: ChannelKind,
    to: z.string(),
    n: z.number().int(),
    text: z.string(),
    /** The message carried a personal answer link; the link itself is never logged (R86). */
    withLink: z.boolean().optional(),
  }),
  'duty.shiftSaved': z.object({
    shiftId: Id,
    duty: z.string(),
    personName: z.string(),
    userId: Id.optional(),
    contactId: Id.optional(),
    from: IsoTime,
    to: IsoTime,
  }),
  'duty.shiftRemoved': z.object({ shiftId: Id }),
  'handover.created': z.object({
    handoverId: Id,
    duty: z.string(),
    toUserId: Id,
    note: z.string(),
    summary: Summary,
  }),
  'handover.acknowledged': z.object({ handoverId: Id }),
} as const;
