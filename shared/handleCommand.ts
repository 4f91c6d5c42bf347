import { z } from 'zod';
import { commandDef, isCommandType } from './commands';
import type { DecideContext } from './commands';
import type { Actor } from './domain/actor';
import { isSystem } from './domain/actor';
import type { CityState } from './domain/state';
import type { EventDraft } from './events';
import { isRefusal, refuse, type Refusal } from './errors';
import { lookup } from './domain/keyed';

z.config(z.locales.sv());

/** Swedish names of payload fields, so a validation error says which field is wrong. */
const FIELD_LABEL: Record<string, string> = {
  title: 'Rubrik',
  description: 'Beskrivning',
  basis: 'Beslutsunderlag',
  informed: 'Informerade',
  what: 'Beslut',
  happened: 'Vad har hänt',
  consequences: 'Konsekvenser',
  actions: 'Åtgärder',
  needs: 'Behov',
  nextReportDue: 'Nästa rapport',
  status: 'Status',
  crisisSupport: 'Krisstöd',
  text: 'Text',
  label: 'Benämning',
  lat: 'Latitud',
  lng: 'Longitud',
  deadline: 'Tidsfrist',
  reason: 'Motivering',
  eventId: 'Händelse',
  districtId: 'Stadsdelsområde',
  id: 'Kommandots id',
  type: 'Kommandotyp',
  payload: 'Innehåll',
  space: 'Rum',
  actingFor: 'Agerar för',
};

/** Types in words a duty officer understands (zod's own Swedish says "fick undefined"). */
const EXPECTED_LABEL: Record<string, string> = {
  string: 'en text',
  number: 'ett tal',
  int: 'ett heltal',
  boolean: 'ja eller nej',
  array: 'en lista',
  object: 'ett objekt',
};

export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Ogiltigt kommando.';
  if (issue.code === 'unrecognized_keys') return `Okänt fält: ${issue.keys.join(', ')}.`;
  const field = issue.path
    .map((p) => (typeof p === 'string' ? (lookup(FIELD_LABEL, p) ?? p) : `#${String(p)}`))
    .join(' › ');
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    const missing = /undefined$/.test(issue.message);
    const wanted = lookup(EXPECTED_LABEL, issue.expected) ?? 'av en annan typ';
    message = missing ? `saknas (ska vara ${wanted}).` : `ska vara ${wanted}.`;
  }
  return field ? `${field}: ${message}` : `Kommandot ${message}`;
}

export interface CommandInput {
  type: string;
  payload: unknown;
}

/**
 * The whole decision for one command, pure: validate, authorise, decide. The server wraps it
 * with authentication, idempotency, storage and broadcast; nothing here does I/O.
 */
export function handleCommand(
  actor: Actor,
  cmd: CommandInput,
  state: CityState,
  ctx: Omit<DecideContext, 'actor'>,
): EventDraft[] | Refusal {
  if (!isCommandType(cmd.type))
    return refuse('UNKNOWN_COMMAND', `Okänt kommando: ${String(cmd.type).slice(0, 60)}.`);
  const def = commandDef(cmd.type);
  const parsed = def.payload.safeParse(cmd.payload ?? {});
  if (!parsed.success) return refuse('INVALID', describeIssues(parsed.error));
  // R64: an ended exercise's log is closed; it can be read, replayed and reported on.
  if (state.exercise.control?.status === 'ended')
    return refuse('CONFLICT', 'Övningen är avslutad; den kan bara läsas.');
  if (!isSystem(actor)) {
    const profile = lookup(state.users, actor.userId);
    if (profile && !profile.active) return refuse('FORBIDDEN', 'Ditt konto är inaktiverat.');
    const verdict = def.authorize(actor, parsed.data, state, ctx.now);
    if (verdict) return verdict;
  }
  const result = def.decide(parsed.data, state, { ...ctx, actor });
  if (isRefusal(result)) return result;
  if (result.length === 0) return refuse('CONFLICT', 'Kommandot ändrar ingenting.');
  return result;
}

/** Only the policy verdict (who may), for the UI to hide or disable what a person cannot do. */
export function mayIssue(
  actor: Actor,
  type: string,
  payload: unknown,
  state: CityState,
  now: string,
): Refusal | null {
  if (!isCommandType(type)) return refuse('UNKNOWN_COMMAND', 'Okänt kommando.');
  const def = commandDef(type);
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success) return null;
  return def.authorize(actor, parsed.data, state, now);
}
