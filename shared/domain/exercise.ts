/**
 * Exercise mode (övningsläge): an exercise is its own space with its own log. These types are
 * the `exercise` key of CityState: in the real space the list of exercises (the fact that
 * they exist, nothing of their content), in an exercise space its control state.
 * Rules R60–R69 in docs/rules.md.
 */
import type { ActorRef, Audience } from './refs';
import type { Inject, MessageChannel } from '../exercise/scenario';
import type { Actor } from './actor';

/** Every exercise space is named `exercise-<id>`; nothing else may use the prefix (R61). */
export const EXERCISE_SPACE_PREFIX = 'exercise-';
export const isExerciseSpace = (space: string): boolean => space.startsWith(EXERCISE_SPACE_PREFIX);
export const exerciseSpaceName = (exerciseId: string): string =>
  `${EXERCISE_SPACE_PREFIX}${exerciseId}`;

/** The word that marks everything an exercise sends or prints (R63). */
export const EXERCISE_MARK = 'ÖVNING';

/**
 * The text a channel (SMS, e-mail, push, printed page) sends for a message from `space`:
 * prefixed ÖVNING when the space is an exercise, never twice (R63).
 */
export function markForSpace(space: string, text: string): string {
  if (!isExerciseSpace(space)) return text;
  return text.startsWith(EXERCISE_MARK) ? text : `${EXERCISE_MARK} – ${text}`;
}

/** The actor exercise control plays injects as (motspel); a system actor, never a user. */
export const EXERCISE_CONTROL_ACTOR: Actor = {
  userId: 'system',
  name: 'Övningsledningen (motspel)',
  role: 'admin',
};

/** An exercise as the real space knows it. */
export interface ExerciseSummary {
  id: string;
  name: string;
  space: string;
  scenarioId?: string;
  scenarioTitle?: string;
  divisionId: string;
  participants: string[];
  allowRealChannels: boolean;
  timeScale: number;
  startedAt: string;
  startedBy: ActorRef;
  status: 'running' | 'ended';
  endedAt?: string;
  endedBy?: ActorRef;
}

export type InjectStatus = 'pending' | 'delivered' | 'skipped';

export interface InjectState {
  inject: Inject;
  atMs: number;
  status: InjectStatus;
  live: boolean;
  addedBy?: ActorRef;
  deliveredAt?: string;
  skippedAt?: string;
}

/** A message from an external actor, as played into the exercise. */
export interface ExerciseMessage {
  id: string;
  injectId?: string;
  from: string;
  channel: MessageChannel;
  subject?: string;
  text: string;
  eventId?: string;
  at: string;
  audience?: Audience;
}

/** The control state of one exercise, inside its own space. */
export interface ExerciseControl {
  exerciseId: string;
  name: string;
  realSpace: string;
  leader: ActorRef;
  scenarioId?: string;
  scenarioTitle?: string;
  objectives: string[];
  timeScale: number;
  allowRealChannels: boolean;
  startedAt: string;
  status: 'running' | 'paused' | 'ended';
  pausedAt?: string;
  /** Wall-clock time spent paused before the current pause, ms. */
  pausedMs: number;
  endedAt?: string;
  injects: Record<string, InjectState>;
  /** Play order: by time, then as added. */
  injectOrder: string[];
  /** The latest messages (bounded); the log has them all. */
  messages: ExerciseMessage[];
}

export interface ExerciseState {
  /** Real space: every exercise started, by id. */
  exercises: Record<string, ExerciseSummary>;
  /** Exercise space: its control state; null in the real space. */
  control: ExerciseControl | null;
}

export const emptyExerciseState = (): ExerciseState => ({ exercises: {}, control: null });
export const STATE_EXERCISE_MESSAGES = 500;

/** Exercise time elapsed at wall-clock `now`: paused time does not count; scaled (R65). */
export function exerciseElapsedMs(c: ExerciseControl, now: string): number {
  const end = c.endedAt ?? c.pausedAt ?? now;
  const wall = Date.parse(end) - Date.parse(c.startedAt) - c.pausedMs;
  return Math.max(0, wall) * c.timeScale;
}

/** Wall-clock ms from `now` until the exercise clock reaches `atMs` (0 if already due). */
export function wallMsUntil(c: ExerciseControl, atMs: number, now: string): number {
  return Math.max(0, Math.ceil((atMs - exerciseElapsedMs(c, now)) / c.timeScale));
}
