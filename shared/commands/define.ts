import type { z } from 'zod';
import { lookup } from '../domain/keyed';
import type { Actor } from '../domain/actor';
import type { CityState } from '../domain/state';
import type { EventDraft, StoredEvent } from '../events';
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
 * A chain of versions of one record that commands are judged against (R17, R27): a report
 * names the report it replaces, and a mismatch is a conflict. Declared on the commands, so the
 * console's offline queue keeps each chain in order and re-bases a queued link on the version
 * its predecessor produced, with no list of its own (docs/console.md, "Offline").
 */
export interface VersionChain {
  /** The kind of record, for keys: `district`, `unit`. */
  name: string;
  /** Which record a payload is about, or null when it names none. */
  recordOf(payload: unknown): string | null;
  /** The payload field that names the version the command was written against. */
  basedOn: string;
  /** The record and version an event produced, when it is a version of this chain. */
  produced(ev: Pick<StoredEvent, 'type' | 'data'>): { record: string; version: string } | null;
  /** The record's latest version in a state. */
  latest(s: CityState, record: string): string | undefined;
}

/** A chain's `recordOf` that reads the record's id from one field of the payload. */
export const recordIn =
  (key: string) =>
  (payload: unknown): string | null => {
    if (typeof payload !== 'object' || payload === null) return null;
    const v = lookup(payload as Record<string, unknown>, key);
    return typeof v === 'string' ? v : null;
  };

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
  /** The version chain the command is judged against, if it is one (R17). */
  chain?: VersionChain;
}

export const defineCommand = <P extends z.ZodType>(def: CommandDef<P>): CommandDef<P> => def;
