/** Named predicates for the CKL functions (docs/rules.md R20–R39). */
import type { Actor } from '../domain/actor';
import type { CityState } from '../domain/state';
import type { InfoMessage } from '../domain/ckl';
import { FUNCTION_ROLE, type CklFunction, type Role } from '../domain/vocabulary';
import { actsAs } from './predicates';
import { lookup } from '../domain/keyed';

/** R20: the function's own members and the CKL lead (or the lead's deputy) change its data. */
export const worksIn = (a: Actor, s: CityState, now: string, fn: CklFunction): boolean =>
  a.role === FUNCTION_ROLE[fn] || actsAs(a, s, now, 'ckl_lead');

/** R23: direction decisions (inriktningsbeslut) are the CKL lead's, or the director's. */
export const mayDecideDirection = (a: Actor, s: CityState, now: string): boolean =>
  actsAs(a, s, now, 'ckl_lead', 'director');

/** Whether the message's event, or else the city, is at extraordinary level. */
export function atExtraordinary(s: CityState, m: Pick<InfoMessage, 'eventId'>): boolean {
  const e = m.eventId ? lookup(s.events, m.eventId) : undefined;
  return e ? e.status === 'open' && e.level === 'extraordinary' : s.boardInFunction;
}

/**
 * R31: who approves a message. Never its own drafter. Public and media messages: the CKL lead
 * or the director. Staff messages: also another member of the information function, except at
 * extraordinary level, where city hall owns all crisis communication and every message is
 * approved by the CKL lead or the director.
 */
export function mayApproveMessage(
  a: Actor,
  s: CityState,
  now: string,
  m: Pick<InfoMessage, 'targetGroup' | 'eventId' | 'draftedBy'>,
): boolean {
  if (a.userId === m.draftedBy.userId) return false;
  if (actsAs(a, s, now, 'ckl_lead', 'director')) return true;
  return m.targetGroup === 'staff' && !atExtraordinary(s, m) && a.role === 'ckl_information';
}

/** R34: whoever works in or leads the crisis organisation can ask support for a colleague. */
export const STAFF_SUPPORT_REQUESTERS: readonly Role[] = [
  'chair',
  'director',
  'security_chief',
  'ckl_lead',
  'ckl_liaison',
  'ckl_analysis',
  'ckl_information',
  'ckl_admin',
];
