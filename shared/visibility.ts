/**
 * Who receives what (R18). An item without an audience is seen by everyone in the space; a
 * restricted one by its own districts or units and the central roles.
 */
import type { Actor } from './domain/actor';
import type { Audience, CityState } from './domain/state';
import type { Role } from './domain/vocabulary';
import { CONTACT_DETAILS_AUDIENCE } from './domain/alarm';

/** Roles that see every restricted item: they lead the city's crisis work. */
const SEES_ALL: readonly Role[] = [
  'chair',
  'director',
  'security_chief',
  'ckl_lead',
  'ckl_analysis',
  'admin',
];

export function canSee(
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
  audience: Audience | undefined,
): boolean {
  if (!audience) return true;
  if (SEES_ALL.includes(actor.role)) return true;
  if (audience.roles?.includes(actor.role)) return true;
  if (actor.districtId && audience.districtIds?.includes(actor.districtId)) return true;
  if (actor.unitId && audience.unitIds?.includes(actor.unitId)) return true;
  return false;
}

/** A key that is the same for every actor who sees exactly the same things. */
export function visibilityClass(actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>): string {
  if (SEES_ALL.includes(actor.role)) return 'all';
  return `${actor.role}|${actor.districtId ?? ''}|${actor.unitId ?? ''}`;
}

/** The state as this actor may see it (for snapshots). */
export function redactState(
  state: CityState,
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
): CityState {
  if (SEES_ALL.includes(actor.role)) return state;
  const log = state.log.filter((e) => canSee(actor, e.audience));
  // R49: phone numbers and e-mail addresses only to who may see them.
  const alarm = canSee(actor, CONTACT_DETAILS_AUDIENCE)
    ? state.alarm
    : { ...state.alarm, contactDetails: {} };
  return log.length === state.log.length && alarm === state.alarm
    ? state
    : { ...state, log, alarm };
}
