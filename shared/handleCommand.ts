import type { DecideContext } from './commands';
import { commandDef } from './commands';
import type { Actor } from './domain/actor';
import type { CityState } from './domain/state';
import type { EventDraft } from './events';
import { isRefusal, refuse, type Refusal } from './errors';
import { capability, checked } from './policy/capability';

export { describeIssues } from './commands/issues';

export interface CommandInput {
  type: string;
  payload: unknown;
}

/**
 * The whole decision for one command, pure: the capability check (schema, then policy), then
 * the decision. The server wraps it with authentication, idempotency, storage and broadcast;
 * nothing here does I/O.
 */
export function handleCommand(
  actor: Actor,
  cmd: CommandInput,
  state: CityState,
  ctx: Omit<DecideContext, 'actor'>,
): EventDraft[] | Refusal {
  const check = checked(state, actor, cmd.type, cmd.payload, ctx.now);
  if (isRefusal(check)) return check;
  const result = commandDef(check.type).decide(check.payload, state, { ...ctx, actor });
  if (isRefusal(result)) return result;
  if (result.length === 0) return refuse('CONFLICT', 'Kommandot ändrar ingenting.');
  return result;
}

/**
 * The capability verdict as a refusal or null, for callers that branch on the refusal. A
 * payload its schema refuses is refused here too, never taken as allowed.
 */
export function mayIssue(
  actor: Actor,
  type: string,
  payload: unknown,
  state: CityState,
  now: string,
): Refusal | null {
  const c = capability(state, actor, type, payload, now);
  return c.allowed ? null : c.reason;
}
