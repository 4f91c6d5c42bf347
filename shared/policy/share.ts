/** Named predicates for sharing the situation picture with partners (docs/rules.md R90–R99). */
import type { Actor } from '../domain/actor';
import type { CityState } from '../domain/state';
import { SHARE_AUDIENCE } from '../domain/share';
import { canSee } from '../visibility';
import { worksIn } from './ckl';

/** R90: the analysis function and the CKL lead (or the lead's deputy) share and revoke. */
export const mayShare = (a: Actor, s: CityState, now: string): boolean =>
  worksIn(a, s, now, 'analysis');

/** R98: the share list and its openings are seen by liaison and the roles that see everything. */
export const maySeeShares = (a: Pick<Actor, 'role' | 'districtId' | 'unitId'>): boolean =>
  canSee(a, SHARE_AUDIENCE);
