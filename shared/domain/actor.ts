import type { DelegableRole, Role } from './vocabulary';

/** The signed-in person a command comes from, as the server knows them. */
export interface Actor {
  userId: string;
  name: string;
  role: Role;
  districtId?: string;
  unitId?: string;
  /** Set when the person acts for a deciding role through a recorded delegation. */
  actingFor?: DelegableRole;
}

/** The system itself (timers, start-up); it is never a user and passes no role check. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', name: 'Systemet', role: 'admin' };
export const isSystem = (a: Actor): boolean => a.userId === SYSTEM_ACTOR.userId;
