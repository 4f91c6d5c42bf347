import { z } from 'zod';
import { CORE_EVENTS, AudienceSchema, IsoTime, Id } from './schemas';
import { EXERCISE_EVENTS } from './exercise';
import { ALARM_EVENTS } from './alarm';
import { Role, DelegableRole } from '../domain/vocabulary';
import { CKL_EVENTS } from './ckl';
import { SHARE_EVENTS } from './share';
import { WARNING_EVENTS } from './warnings';
import { CARD_EVENTS } from './cards';
import { LIFECYCLE_EVENTS } from './lifecycle';
import { BOARD_EVENTS } from './board';
import { FILE_EVENTS } from './files';
import { ATTENTION_EVENTS } from './attention';

/** All event schemas by type; feature modules add their own maps here. */
export const EVENT_SCHEMAS = {
  ...CORE_EVENTS,
  ...CKL_EVENTS,
  ...EXERCISE_EVENTS,
  ...ALARM_EVENTS,
  ...SHARE_EVENTS,
  ...WARNING_EVENTS,
  ...CARD_EVENTS,
  ...LIFECYCLE_EVENTS,
  ...BOARD_EVENTS,
  ...FILE_EVENTS,
  ...ATTENTION_EVENTS,
} as const;
export type EventType = keyof typeof EVENT_SCHEMAS;
export type EventData<K extends EventType> = z.infer<(typeof EVENT_SCHEMAS)[K]>;
export const isEventType = (t: string): t is EventType => Object.hasOwn(EVENT_SCHEMAS, t);

/** What a decision produces before the server stamps it. */
export type EventDraft = {
  [K in EventType]: { type: K; data: EventData<K>; audience?: z.infer<typeof AudienceSchema> };
}[EventType];

export const draft = <K extends EventType>(
  type: K,
  data: EventData<K>,
  audience?: z.infer<typeof AudienceSchema>,
): EventDraft => ({ type, data, ...(audience ? { audience } : {}) }) as EventDraft;

export const ActorRefSchema = z.object({
  userId: Id,
  name: z.string(),
  role: Role,
  actingFor: DelegableRole.optional(),
});

/** The envelope of every event in the log, as stored and as sent on the wire. */
export const StoredEventSchema = z.object({
  seq: z.number().int().positive(),
  space: z.string(),
  type: z.string(),
  data: z.unknown(),
  at: IsoTime,
  actor: ActorRefSchema,
  commandId: z.string(),
  audience: AudienceSchema.optional(),
  hash: z.string(),
});
export type StoredEvent = {
  [K in EventType]: {
    seq: number;
    space: string;
    type: K;
    data: EventData<K>;
    at: string;
    actor: z.infer<typeof ActorRefSchema>;
    commandId: string;
    audience?: z.infer<typeof AudienceSchema>;
    hash: string;
  };
}[EventType];

/** Parses an event read from storage or the wire; throws on anything unknown or malformed. */
export function parseStoredEvent(raw: unknown): StoredEvent {
  const env = StoredEventSchema.parse(raw);
  if (!isEventType(env.type)) throw new Error(`unknown event type ${env.type}`);
  const data = EVENT_SCHEMAS[env.type].parse(env.data);
  return { ...env, data } as StoredEvent;
}
