/**
 * Who acts for whom without a delegation (R207, R208): the 1st, then the 2nd vice chair acts
 * as chair while the chair (and the 1st vice chair) is recorded unavailable; the person on the
 * duty roster for the director's or the security chief's duty is tjänstgörande for it.
 */
import type { CityState } from '../domain/state';
import type { DelegableRole } from '../domain/vocabulary';
import { memberInPosition } from '../domain/board';
import { onDuty } from '../domain/alarm';

/** The duty-roster keys of the deciding roles held on duty (tjänstgörande). */
export const ROLE_DUTY: Partial<Record<DelegableRole, string>> = {
  director: 'director',
  security_chief: 'security_chief',
};

/** The account that acts as chair by succession now, if the chair is recorded unavailable. */
export function chairBySuccession(s: CityState): string | undefined {
  const away = s.lifecycle?.unavailable ?? {};
  if (!away.chair) return undefined;
  const first = memberInPosition(s, 'first_vice_chair');
  if (first?.userId && first.active && !away.first_vice_chair) return first.userId;
  const second = memberInPosition(s, 'second_vice_chair');
  return second?.userId && second.active ? second.userId : undefined;
}

/** R207, R208: whether the account acts for the role by succession or by the duty roster. */
export function actsBySuccession(
  s: CityState,
  userId: string,
  role: DelegableRole,
  now: string,
): boolean {
  if (role === 'chair') return chairBySuccession(s) === userId;
  const duty = ROLE_DUTY[role];
  return duty !== undefined && onDuty(s.alarm, duty, now).some((sh) => sh.userId === userId);
}
