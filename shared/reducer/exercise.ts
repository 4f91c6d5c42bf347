import type { EventData, StoredEvent } from '../events';
import type { EXERCISE_EVENTS } from '../events/exercise';
import type { CityState } from '../domain/state';
import {
  STATE_EXERCISE_MESSAGES,
  type ExerciseControl,
  type ExerciseState,
} from '../domain/exercise';
import { clockToMs } from '../exercise/scenario';
import { lookup } from '../domain/keyed';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type ExerciseAppliers = {
  [K in keyof typeof EXERCISE_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

const withExercise = (s: CityState, ex: ExerciseState): CityState => ({ ...s, exercise: ex });

function patchControl(s: CityState, f: (c: ExerciseControl) => ExerciseControl): CityState {
  const c = s.exercise.control;
  return c ? withExercise(s, { ...s.exercise, control: f(c) }) : s;
}

/** Inserts an inject id keeping play order: by exercise time, then as added. */
function insertOrdered(c: ExerciseControl, id: string, atMs: number): string[] {
  const order = c.injectOrder.filter((x) => x !== id);
  let i = order.length;
  while (i > 0 && (lookup(c.injects, order[i - 1])?.atMs ?? 0) > atMs) i--;
  return [...order.slice(0, i), id, ...order.slice(i)];
}

export const exerciseAppliers: ExerciseAppliers = {
  'exercise.started': (s, d, m) =>
    withExercise(s, {
      ...s.exercise,
      exercises: {
        ...s.exercise.exercises,
        [d.exerciseId]: {
          id: d.exerciseId,
          name: d.name,
          space: d.space,
          scenarioId: d.scenarioId,
          scenarioTitle: d.scenarioTitle,
          divisionId: d.divisionId,
          participants: d.participants,
          allowRealChannels: d.allowRealChannels,
          timeScale: d.timeScale,
          startedAt: m.at,
          startedBy: m.actor,
          status: 'running',
        },
      },
    }),
  'exercise.ended': (s, d, m) => {
    const ex = lookup(s.exercise.exercises, d.exerciseId);
    if (!ex) return s;
    return withExercise(s, {
      ...s.exercise,
      exercises: {
        ...s.exercise.exercises,
        [ex.id]: { ...ex, status: 'ended', endedAt: m.at, endedBy: m.actor },
      },
    });
  },
  'exercise.configured': (s, d, m) =>
    withExercise(s, {
      ...s.exercise,
      control: {
        exerciseId: d.exerciseId,
        name: d.name,
        realSpace: d.realSpace,
        leader: d.leader,
        scenarioId: d.scenarioId,
        scenarioTitle: d.scenarioTitle,
        objectives: d.objectives,
        timeScale: d.timeScale,
        allowRealChannels: d.allowRealChannels,
        startedAt: m.at,
        status: 'running',
        pausedMs: 0,
        injects: {},
        injectOrder: [],
        messages: [],
      },
    }),
  'exercise.injectAdded': (s, d, m) =>
    patchControl(s, (c) => {
      const atMs = clockToMs(d.inject.at);
      const next = {
        ...c,
        injects: {
          ...c.injects,
          [d.inject.id]: {
            inject: d.inject,
            atMs,
            status: 'pending' as const,
            live: d.live,
            ...(d.live ? { addedBy: m.actor } : {}),
          },
        },
      };
      return { ...next, injectOrder: insertOrdered(next, d.inject.id, atMs) };
    }),
  'exercise.injectDelivered': (s, d, m) =>
    patchControl(s, (c) => {
      const inj = lookup(c.injects, d.injectId);
      if (!inj) return c;
      return {
        ...c,
        injects: { ...c.injects, [d.injectId]: { ...inj, status: 'delivered', deliveredAt: m.at } },
      };
    }),
  'exercise.injectSkipped': (s, d, m) =>
    patchControl(s, (c) => {
      const inj = lookup(c.injects, d.injectId);
      if (!inj) return c;
      return {
        ...c,
        injects: { ...c.injects, [d.injectId]: { ...inj, status: 'skipped', skippedAt: m.at } },
      };
    }),
  'exercise.paused': (s, _d, m) =>
    patchControl(s, (c) =>
      c.status === 'running' ? { ...c, status: 'paused', pausedAt: m.at } : c,
    ),
  'exercise.resumed': (s, _d, m) =>
    patchControl(s, (c) =>
      c.status === 'paused' && c.pausedAt
        ? {
            ...c,
            status: 'running',
            pausedAt: undefined,
            pausedMs: c.pausedMs + (Date.parse(m.at) - Date.parse(c.pausedAt)),
          }
        : c,
    ),
  'exercise.message': (s, d, m) =>
    patchControl(s, (c) => {
      const msg = {
        id: d.messageId,
        injectId: d.injectId,
        from: d.from,
        channel: d.channel,
        subject: d.subject,
        text: d.text,
        eventId: d.eventId,
        at: m.at,
        ...(m.audience ? { audience: m.audience } : {}),
      };
      const messages =
        c.messages.length >= STATE_EXERCISE_MESSAGES
          ? [...c.messages.slice(c.messages.length - STATE_EXERCISE_MESSAGES + 1), msg]
          : [...c.messages, msg];
      return { ...c, messages };
    }),
  'exercise.closed': (s, _d, m) =>
    patchControl(s, (c) => ({
      ...c,
      status: 'ended',
      endedAt: m.at,
      // A pause that is still on when the exercise ends stops the clock where it stood.
      pausedMs: c.pausedAt ? c.pausedMs + (Date.parse(m.at) - Date.parse(c.pausedAt)) : c.pausedMs,
      pausedAt: undefined,
    })),
};
