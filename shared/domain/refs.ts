/** Who did something, and who may see it: the two references every domain module shares. */
import type { DelegableRole, Role } from './vocabulary';

/** Who did something, as recorded on every event (audit). */
export interface ActorRef {
  userId: string;
  name: string;
  role: Role;
  /** The deciding role this account acted for through a delegation (tjänstgörande, vice). */
  actingFor?: DelegableRole;
}

/** Restricts who may see an item; absent means everyone in the space. */
export interface Audience {
  districtIds?: string[];
  unitIds?: string[];
  roles?: Role[];
}
