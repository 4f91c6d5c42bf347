/** Events of exercise mode (R60–R69). */
import { z } from 'zod';
import { Id } from './schemas';
import { InjectSchema, MessageChannel } from '../exercise/scenario';
import { DelegableRole, Role } from '../domain/vocabulary';

const ActorRefData = z.object({
  userId: Id,
  name: z.string(),
  role: Role,
  actingFor: DelegableRole.optional(),
});

export const EXERCISE_EVENTS = {
  /** Real space: an exercise exists (and nothing of its content). */
  'exercise.started': z.object({
    exerciseId: Id,
    name: z.string(),
    space: z.string(),
    scenarioId: Id.optional(),
    scenarioTitle: z.string().optional(),
    divisionId: z.string(),
    participants: z.array(Id),
    allowRealChannels: z.boolean(),
    timeScale: z.number().positive(),
  }),
  /** Real space: the exercise is over. */
  'exercise.ended': z.object({ exerciseId: Id }),
  /** Exercise space genesis: what the exercise is, who leads it. */
  'exercise.configured': z.object({
    exerciseId: Id,
    name: z.string(),
    realSpace: z.string(),
    leader: ActorRefData,
    scenarioId: Id.optional(),
    scenarioTitle: z.string().optional(),
    objectives: z.array(z.string()),
    timeScale: z.number().positive(),
    allowRealChannels: z.boolean(),
  }),
  'exercise.injectAdded': z.object({ inject: InjectSchema, live: z.boolean() }),
  'exercise.injectDelivered': z.object({ injectId: Id, kind: z.string(), title: z.string() }),
  'exercise.injectSkipped': z.object({ injectId: Id }),
  'exercise.paused': z.object({}),
  'exercise.resumed': z.object({}),
  'exercise.message': z.object({
    messageId: Id,
    injectId: Id.optional(),
    from: z.string(),
    channel: MessageChannel,
    subject: z.string().optional(),
    text: z.string(),
    eventId: Id.optional(),
  }),
  /** Exercise space: the end, after which the space only reads (R64). */
  'exercise.closed': z.object({ exerciseId: Id }),
} as const;
