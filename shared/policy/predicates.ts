/**
 * The authority rules as small named predicates (docs/rules.md). Each command's rule in
 * shared/commands composes these; nothing else decides who may do what.
 */
import type { Actor } from '../domain/actor';
import type { CityState, CrisisEvent } from '../domain/state';
import type { DelegableRole, Role } from '../domain/vocabulary';
import { refuse, type Refusal } from '../errors';
import { actsBySuccession } from './succession';

export const CENTRAL_ROLES: readonly Role[] = ['chair', 'director', 'security_chief', 'ckl_lead'];
export const CKL_ROLES: readonly Role[] = [
  'ckl_lead',
  'ckl_liaison',
  'ckl_analysis',
  'ckl_information',
  'ckl_admin',
];

/** R14: a delegation makes its holder act for the role until it is revoked or runs out. */
export function delegationActive(
  s: CityState,
  userId: string,
  role: DelegableRole,
  now: string,
): boolean {
  return Object.values(s.delegations).some(
    (d) => d.toUserId === userId && d.role === role && !d.revokedAt && (!d.until || d.until > now),
  );
}

/**
 * The role a person decides as: their own, or the one they act for through a live delegation,
 * as vice chair by succession (R207) or as tjänstgörande on the duty roster (R208).
 */
export function actsAs(a: Actor, s: CityState, now: string, ...roles: Role[]): boolean {
  if (roles.includes(a.role)) return true;
  return (
    a.actingFor !== undefined &&
    roles.includes(a.actingFor) &&
    (delegationActive(s, a.userId, a.actingFor, now) ||
      actsBySuccession(s, a.userId, a.actingFor, now))
  );
}

/** R2 ansvarsprincipen: a district officer edits only their own district. */
export const isOfficerOfDistrict = (a: Actor, districtId: string): boolean =>
  a.role === 'district_officer' && a.districtId === districtId;

/** R2: a unit officer edits only their own unit. */
export const isOfficerOfUnit = (a: Actor, unitId: string): boolean =>
  a.role === 'unit_officer' && a.unitId === unitId;

/** Whoever may edit a district's picture: its own duty officer (R2). */
export const mayEditDistrict = (a: Actor, districtId: string): boolean =>
  isOfficerOfDistrict(a, districtId);

/** The officer of the area that owns an event. */
export function ownsEvent(a: Actor, e: CrisisEvent): boolean {
  if (e.owner.kind === 'district') return isOfficerOfDistrict(a, e.owner.id);
  if (e.owner.kind === 'unit') return isOfficerOfUnit(a, e.owner.id);
  return false;
}

/**
 * R3: observers read. A board member outside the chair reads too: the board acts through its
 * meetings (shared/commands/board), not through the console's other commands.
 */
export const isReadOnly = (a: Actor): boolean => a.role === 'observer' || a.role === 'board_member';

/** R19: who may run the tamper check on demand (those who answer for the log's integrity). */
export const mayVerifyLog = (a: Pick<Actor, 'role'>): boolean =>
  a.role === 'admin' || a.role === 'director' || a.role === 'security_chief';

export const allow = null;
export type Verdict = Refusal | null;
export const forbid = (message: string): Refusal => refuse('FORBIDDEN', message);

/** Helper: allowed when the predicate holds, otherwise refused with the reason. */
export const when = (ok: boolean, reason: string): Verdict => (ok ? allow : forbid(reason));
