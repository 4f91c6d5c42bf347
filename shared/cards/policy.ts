/** R174: who may tick a card's steps. */
import type { Actor } from '../domain/actor';
import type { CityState } from '../domain/state';
import { actsAs } from '../policy/predicates';
import { worksIn } from '../policy/ckl';
import type { CardInstance } from './model';

/** The card's holder: the role (or whoever acts for it), in the card's own area. */
export function holdsCard(a: Actor, s: CityState, now: string, inst: CardInstance): boolean {
  const h = inst.card.holder;
  if (h.kind === 'named') return a.userId === inst.userId;
  if (h.kind === 'function') return worksIn(a, s, now, h.fn);
  if (!actsAs(a, s, now, h.role)) return false;
  if (h.role === 'district_officer')
    return inst.districtId === undefined ? !inst.unitId : a.districtId === inst.districtId;
  if (h.role === 'unit_officer')
    return inst.unitId === undefined ? !inst.districtId : a.unitId === inst.unitId;
  return true;
}

/** The holder, and the CKL lead and the director, who follow every card of an event. */
export const mayTickCard = (a: Actor, s: CityState, now: string, inst: CardInstance): boolean =>
  holdsCard(a, s, now, inst) || actsAs(a, s, now, 'ckl_lead', 'director');

/** R178: who sees all open cards of an event with their progress. */
export const overseesCards = (a: Actor, s: CityState, now: string): boolean =>
  actsAs(a, s, now, 'ckl_lead', 'director');

/** R235: who edits, retires, imports and exports cards: an administrator or the security chief. */
export const mayEditCards = (a: Actor, s: CityState, now: string): boolean =>
  actsAs(a, s, now, 'admin', 'security_chief');

export const EDIT_CARDS_REFUSAL =
  'Endast en administratör eller säkerhetschefen kan ändra åtgärdskort.';
