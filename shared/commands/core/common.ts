/** Shapes and guards shared by the live core's commands (docs/rules.md numbers the rules). */
import { z } from 'zod';
import { type DecideContext } from '../define';
import { draft, type EventDraft } from '../../events';
import { DecisionKind } from '../../domain/vocabulary';
import type { CityState, CrisisEvent, DecisionInitiative } from '../../domain/state';
import { refuse, type Refusal } from '../../errors';
import { unitById } from '../../domain/units';
import { lookup } from '../../domain/keyed';

export const Title = z
  .string()
  .trim()
  .min(1, 'Ange en rubrik.')
  .max(200, 'Rubriken får vara högst 200 tecken.');
export const LongText = z.string().trim().max(4000, 'Texten får vara högst 4000 tecken.');
export const Basis = z.string().trim().min(1, 'Ange beslutsunderlag.').max(4000);
export const Informed = z.array(z.string().trim().min(1).max(200)).max(30).default([]);
/** Every decision names its basis and who was informed (R4). */
export const DecisionInput = z
  .object({ basis: Basis, what: LongText.optional(), informed: Informed })
  .strict();
export type DecisionInput = z.output<typeof DecisionInput>;
export const Lat = z.number().min(58.5).max(60.5);
export const Lng = z.number().min(17).max(19.5);

export function findEvent(s: CityState, id: string): CrisisEvent | Refusal {
  const e = lookup(s.events, id);
  if (!e) return refuse('NOT_FOUND', 'Händelsen finns inte.');
  return e;
}
export function openEvent(s: CityState, id: string): CrisisEvent | Refusal {
  const e = findEvent(s, id);
  if ('refused' in e) return e;
  if (e.status !== 'open') return refuse('CONFLICT', 'Händelsen är avslutad.');
  return e;
}
export const isRef = (x: unknown): x is Refusal =>
  typeof x === 'object' && x !== null && 'refused' in x;

/** What a decision record may add beyond basis, what and informed (R200–R202). */
export interface DecisionExtras {
  initiative?: DecisionInitiative;
  consulted?: string[];
  secondHand?: { reason: string };
}

export function decisionDraft(
  ctx: DecideContext,
  kind: DecisionKind,
  input: DecisionInput,
  what: string,
  eventId?: string,
  extras: DecisionExtras = {},
): { id: string; draft: EventDraft } {
  const id = ctx.newId('dec');
  const text = input.what ? `${what}. ${input.what}` : what;
  return {
    id,
    draft: draft('decision.recorded', {
      decisionId: id,
      kind,
      eventId,
      basis: input.basis,
      what: text,
      informed: input.informed,
      ...extras,
    }),
  };
}

export function checkDistricts(s: CityState, ids: readonly string[]): Refusal | null {
  for (const id of ids)
    if (!lookup(s.districts, id)) return refuse('INVALID', `Okänt stadsdelsområde: ${id}.`);
  return null;
}
export function checkUnits(ids: readonly string[]): Refusal | null {
  for (const id of ids)
    if (!unitById(id)) return refuse('INVALID', `Okänd förvaltning eller bolag: ${id}.`);
  return null;
}
