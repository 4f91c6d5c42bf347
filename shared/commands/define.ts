import type { z } from 'zod';
import type { Actor } from '../domain/actor';
import type { CityState } from '../domain/state';
import type { EventDraft } from '../events';
import type { Refusal } from '../errors';
import type { DivisionFacts, Scenario } from '../exercise/scenario';
import type { UploadFacts } from '../files/model';

/** What exercise commands need from the server: the scenario files and the divisions. */
export interface ExerciseCatalog {
  scenario(id: string): Scenario | undefined;
  division(id: string): (DivisionFacts & { name: string }) | undefined;
}

/** What the server adds to a decision: time, ids, and facts only it knows. */
export interface DecideContext {
  actor: Actor;
  now: string;
  newId: (prefix: string) => string;
  /** The district a point lies in, when the server knows the borders. */
  districtAt?: (lat: number, lng: number) => string | undefined;
  /** Scenarios and divisions, where the server offers exercise mode. */
  exercises?: ExerciseCatalog;
  /** The file that came with the command, as the upload route hashed and sniffed it (R217). */
  upload?: UploadFacts;
}

/**
 * One command: its payload schema, who may send it (the policy, from named predicates)
 * and what it does (events to append, or a refusal because the state does not allow it).
 */
export interface CommandDef<P extends z.ZodType> {
  payload: P;
  /** Swedish label for the command, for refusals and the audit view. */
  label: string;
  authorize: (a: Actor, p: z.output<P>, s: CityState, now: string) => Refusal | null;
  decide: (p: z.output<P>, s: CityState, ctx: DecideContext) => EventDraft[] | Refusal;
}

export const defineCommand = <P extends z.ZodType>(def: CommandDef<P>): CommandDef<P> => def;
