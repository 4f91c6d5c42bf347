/**
 * The console's screens as a small table keyed by role and workspace. A feature adds a row
 * (e.g. a CKL function's workspace) and it appears as a tab for the roles it names; the first
 * route a role may use is its home screen.
 */
import type { ComponentType } from 'react';
import type { Role } from '../../shared/domain/vocabulary';
import type { ScreenProps } from './screens/common';
import { OfficerScreen } from './screens/OfficerScreen';
import { ChairScreen } from './screens/ChairScreen';
import { LeadershipScreen, OverviewScreen } from './screens/LeadershipScreen';
import { ExerciseScreen } from './screens/exercise/ExerciseScreen';
import { ReplayScreen } from './screens/replay/ReplayScreen';

export interface RouteDef {
  /** The hash path: #/<id>. */
  id: string;
  label: string;
  roles: readonly Role[] | 'all';
  Screen: ComponentType<ScreenProps>;
}

export const ROUTES: RouteDef[] = [
  { id: 'tib', label: 'Mitt stadsdelsområde', roles: ['district_officer'], Screen: OfficerScreen },
  { id: 'ordforande', label: 'Ordförande', roles: ['chair'], Screen: ChairScreen },
  {
    id: 'ledning',
    label: 'Ledning',
    roles: ['director', 'security_chief', 'ckl_lead'],
    Screen: LeadershipScreen,
  },
  { id: 'oversikt', label: 'Översikt', roles: 'all', Screen: OverviewScreen },
  { id: 'ovning', label: 'Övning', roles: 'all', Screen: ExerciseScreen },
  {
    id: 'replay',
    label: 'Uppspelning',
    roles: [
      'chair',
      'director',
      'security_chief',
      'ckl_lead',
      'ckl_liaison',
      'ckl_analysis',
      'ckl_information',
      'ckl_admin',
      'admin',
    ],
    Screen: ReplayScreen,
  },
];

/** A deputy acting for a role gets that role's screen too. */
export function routesFor(role: Role, actingFor: Role | null): RouteDef[] {
  return ROUTES.filter(
    (r) =>
      r.roles === 'all' ||
      r.roles.includes(role) ||
      (actingFor !== null && r.roles.includes(actingFor)),
  );
}
