/** Who may administer and start alarms (R40, R41, R48, R54, R55 in docs/rules.md). */
import type { Actor } from '../../domain/actor';
import type { CityState } from '../../domain/state';
import { type CallList } from '../../domain/alarm';
import { actsAs, forbid, when, type Verdict } from '../../policy/predicates';

/** R40: the contact directory, call lists, templates and plans are kept by administrators. */
export const mayAdministerAlarm = (a: Actor, s: CityState, now: string): Verdict =>
  when(
    actsAs(a, s, now, 'admin', 'ckl_admin'),
    'Endast en administratör eller administrativa funktionen kan ändra kontakter, larmlistor och mallar.',
  );

/** R41: director, security chief and CKL lead alarm any list; a TiB only their own district's. */
export function mayAlarmList(a: Actor, s: CityState, now: string, list: CallList): boolean {
  if (actsAs(a, s, now, 'director', 'security_chief', 'ckl_lead')) return true;
  const t = list.target;
  // R191: the chair convenes the board through its call list.
  if (t.kind === 'board') return actsAs(a, s, now, 'chair');
  return (
    a.role === 'district_officer' &&
    !!a.districtId &&
    (t.kind === 'district' || t.kind === 'crisis_support') &&
    t.districtId === a.districtId
  );
}
export const ALARM_FORBIDDEN =
  'Endast stadsdirektören, säkerhetschefen eller stabschefen kan larma – en TiB bara sitt eget stadsdelsområdes listor.';

export const systemOnly = (): Verdict => forbid('Det här kommandot används bara av systemet.');

// ---------------------------------------------------------------------------------------------
