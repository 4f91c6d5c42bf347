import { commandDef, isCommandType, type CommandPayload, type CommandType } from '../commands';
import type { Actor } from '../domain/actor';
import { isSystem } from '../domain/actor';
import type { CityState } from '../domain/state';
import { lookup } from '../domain/keyed';
import { isRefusal, refuse, type Refusal } from '../errors';
import { describeIssues } from '../commands/issues';

/** Whether a person may issue a command now; a refusal says why, in Swedish. */
export type Capability = { allowed: true } | { allowed: false; reason: Refusal };

const ALLOWED: Capability = { allowed: true };
const refused = (reason: Refusal): Capability => ({ allowed: false, reason });

/** Who asks to do what, with which payload, when; the typed form ties a payload to its type. */
type Question<T extends string = string, P = unknown> = [
  state: CityState,
  actor: Actor,
  type: T,
  payload: P,
  now: string,
];

/**
 * The one answer to "may this person issue this command now" (R232, R233): the server's check
 * before it decides a command, the console's before it offers a button, and an HTTP route's
 * before it reads a body. It refuses by default: an unknown type, or a payload its schema
 * does not accept, is refused before any policy runs, since a policy asked about a payload it
 * cannot read has nothing to allow.
 */
export function capability<K extends CommandType>(
  ...args: Question<K, CommandPayload<K>>
): Capability;
export function capability(...args: Question): Capability;
export function capability(...args: Question): Capability {
  const c = checked(...args);
  return isRefusal(c) ? refused(c) : ALLOWED;
}

/** The capability check, keeping the parsed payload for the caller that goes on to decide. */
export function checked(
  ...[state, actor, type, payload, now]: Question
): Refusal | { type: CommandType; payload: unknown } {
  if (!isCommandType(type))
    return refuse('UNKNOWN_COMMAND', `Okänt kommando: ${String(type).slice(0, 60)}.`);
  const def = commandDef(type);
  const parsed = def.payload.safeParse(payload ?? {});
  if (!parsed.success) return refuse('INVALID', describeIssues(parsed.error));
  // R64: an ended exercise's log is closed; it can be read, replayed and reported on.
  if (state.exercise.control?.status === 'ended')
    return refuse('CONFLICT', 'Övningen är avslutad; den kan bara läsas.');
  if (!isSystem(actor)) {
    const profile = lookup(state.users, actor.userId);
    if (profile && !profile.active) return refuse('FORBIDDEN', 'Ditt konto är inaktiverat.');
    const verdict = def.authorize(actor, parsed.data, state, now);
    if (verdict) return verdict;
  }
  return { type, payload: parsed.data };
}
