/**
 * Shapes, audiences and guards shared by the CKL functions' commands. Policy (who) is in
 * `authorize`; whether the state allows it (activation, status) is in `decide`.
 */
import { z } from 'zod';
import { CKL_FUNCTION_LABEL, type CklFunction } from '../../domain/vocabulary';
import type { Audience, CityState, CrisisEvent } from '../../domain/state';
import { ContactChannel } from '../../domain/ckl';
import { refuse, type Refusal } from '../../errors';
import { when } from '../../policy/predicates';
import { worksIn } from '../../policy/ckl';
import { cklActive, isFunctionActive } from '../../views/ckl';
import { lookup } from '../../domain/keyed';

export const Title = z.string().trim().min(1, 'Ange en rubrik.').max(200, 'Högst 200 tecken.');
export const Short = (msg: string) => z.string().trim().min(1, msg).max(200, 'Högst 200 tecken.');
export const Text = (msg: string) => z.string().trim().min(1, msg).max(4000, 'Högst 4000 tecken.');
export const Optional = z.string().trim().max(4000, 'Högst 4000 tecken.').default('');
export const Route = z
  .object({
    channel: ContactChannel,
    value: Short('Ange kontaktvägen.'),
    note: z.string().trim().max(200).optional(),
  })
  .strict();
export const Minutes = z
  .number()
  .int()
  .min(15, 'Minst 15 minuter.')
  .max(7 * 24 * 60);

/** Restricted to the crisis staff; the leading roles see it anyway (shared/visibility.ts). */
export const CKL_INTERNAL: Audience = {
  roles: ['ckl_liaison', 'ckl_information', 'ckl_admin'],
};
/** R34: a colleague's need of crisis support is seen by the administrative function only. */
export const STAFF_SUPPORT_AUDIENCE: Audience = { roles: ['ckl_admin'] };

export const FN_FORBIDDEN = (fn: CklFunction) =>
  `Endast ${CKL_FUNCTION_LABEL[fn].toLowerCase()}sfunktionen och stabschefen kan göra detta.`;
export const fnPolicy =
  (fn: CklFunction) => (a: Parameters<typeof worksIn>[0], _p: unknown, s: CityState, now: string) =>
    when(worksIn(a, s, now, fn), FN_FORBIDDEN(fn));

export const NOT_ACTIVE = (fn: CklFunction, onEvent: boolean) =>
  refuse(
    'CONFLICT',
    `${CKL_FUNCTION_LABEL[fn]}sfunktionen är inte aktiverad${onEvent ? ' för händelsen' : ''}. Stadsdirektören aktiverar CKL.`,
  );

/** R21: a function's work needs the function activated (on the named event, or on any open one). */
export function requireActive(s: CityState, fn: CklFunction, eventId?: string): Refusal | null {
  if (eventId) {
    const e = lookup(s.events, eventId);
    if (!e) return refuse('NOT_FOUND', 'Händelsen finns inte.');
    if (e.status !== 'open') return refuse('CONFLICT', 'Händelsen är avslutad.');
  }
  return isFunctionActive(s, fn, eventId) ? null : NOT_ACTIVE(fn, eventId !== undefined);
}

export function openEventWithCkl(s: CityState, eventId: string): CrisisEvent | Refusal {
  const e = lookup(s.events, eventId);
  if (!e) return refuse('NOT_FOUND', 'Händelsen finns inte.');
  if (e.status !== 'open') return refuse('CONFLICT', 'Händelsen är avslutad.');
  if (!cklActive(s, eventId))
    return refuse(
      'CONFLICT',
      'CKL är inte aktiverad för händelsen. Stadsdirektören aktiverar CKL.',
    );
  return e;
}

export const isRef = (x: unknown): x is Refusal =>
  typeof x === 'object' && x !== null && 'refused' in x;
export const addMinutes = (iso: string, min: number) =>
  new Date(Date.parse(iso) + min * 60_000).toISOString();
