/**
 * The console's screens as a small table keyed by role and workspace. A feature adds a row
 * (e.g. a CKL function's workspace) and it appears as a tab for the roles it names; the first
 * route a role may use is its home screen.
 */
import { lazy, type ComponentType } from 'react';
import type { Role } from '../../shared/domain/vocabulary';
import type { ScreenProps } from './screens/common';
import { OfficerScreen } from './screens/OfficerScreen';
import { ChairScreen } from './screens/ChairScreen';
import { LeadershipScreen, OverviewScreen } from './screens/LeadershipScreen';
import { CklLeadScreen } from './screens/ckl/LeadScreen';
import { LiaisonScreen } from './screens/ckl/LiaisonScreen';
import { AnalysisScreen } from './screens/ckl/AnalysisScreen';
import { InformationScreen } from './screens/ckl/InformationScreen';
import { AdminScreen } from './screens/ckl/AdminScreen';
import { AlarmScreen } from './screens/alarm/AlarmScreen';
import { DutyScreen } from './screens/alarm/DutyScreen';
import { ExerciseScreen } from './screens/exercise/ExerciseScreen';
import { ReplayScreen } from './screens/replay/ReplayScreen';
import { WarningsScreen } from './screens/warnings/WarningsScreen';
import { EvaluationScreen } from './screens/lifecycle/EvaluationScreen';
import { DelegationScreen } from './screens/lifecycle/DelegationScreen';
import { LocalLiaisonScreen } from './screens/lifecycle/LocalLiaisonScreen';
import { LibraryScreen } from './screens/library/LibraryScreen';
import { BoardScreen } from './screens/board/BoardScreen';
import { LogScreen } from './screens/log/LogScreen';

/*
 * The administrators' screens (call lists, accounts, the card library) are used at a desk and
 * never by the people on call: they load when first opened, so a phone's first load and the
 * app shell it keeps offline carry only the screens of a crisis.
 */
const AlarmAdminScreen = lazy(() =>
  import('./screens/alarm/AlarmAdminScreen').then((m) => ({ default: m.AlarmAdminScreen })),
);
const AccountsScreen = lazy(() =>
  import('./screens/account/AccountsScreen').then((m) => ({ default: m.AccountsScreen })),
);
const CardEditorScreen = lazy(() =>
  import('./screens/cards/CardEditorScreen').then((m) => ({ default: m.CardEditorScreen })),
);

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
  { id: 'stab', label: 'Stab (CKL)', roles: ['ckl_lead'], Screen: CklLeadScreen },
  {
    id: 'samverkan',
    label: 'Samverkan',
    roles: ['ckl_liaison', 'ckl_lead'],
    Screen: LiaisonScreen,
  },
  { id: 'analys', label: 'Analys', roles: ['ckl_analysis', 'ckl_lead'], Screen: AnalysisScreen },
  {
    id: 'information',
    label: 'Information',
    roles: ['ckl_information', 'ckl_lead'],
    Screen: InformationScreen,
  },
  {
    id: 'administration',
    label: 'Administration',
    roles: ['ckl_admin', 'ckl_lead'],
    Screen: AdminScreen,
  },
  {
    id: 'larm',
    label: 'Larm och inkallning',
    roles: [
      'director',
      'security_chief',
      'ckl_lead',
      'district_officer',
      'chair',
      'ckl_admin',
      'admin',
    ],
    Screen: AlarmScreen,
  },
  { id: 'larmadmin', label: 'Larmlistor', roles: ['admin', 'ckl_admin'], Screen: AlarmAdminScreen },
  {
    id: 'samverkanspersoner',
    label: 'Lokala samverkanspersoner',
    roles: ['unit_officer', 'district_officer', 'director', 'ckl_liaison', 'ckl_lead'],
    Screen: LocalLiaisonScreen,
  },
  {
    id: 'utvardering',
    label: 'Utvärdering',
    roles: ['director', 'security_chief', 'ckl_lead'],
    Screen: EvaluationScreen,
  },
  {
    id: 'ersattare',
    label: 'Ersättare',
    roles: ['chair', 'director', 'security_chief', 'ckl_lead', 'admin'],
    Screen: DelegationScreen,
  },
  {
    id: 'namnd',
    label: 'Krisledningsnämnden',
    roles: ['chair', 'board_member', 'director', 'security_chief', 'ckl_admin', 'admin'],
    Screen: BoardScreen,
  },
  { id: 'konton', label: 'Konton', roles: ['admin'], Screen: AccountsScreen },
  {
    id: 'atgardskort',
    label: 'Åtgärdskort',
    roles: ['admin', 'security_chief'],
    Screen: CardEditorScreen,
  },
  { id: 'bemanning', label: 'Bemanning', roles: 'all', Screen: DutyScreen },
  { id: 'ovning', label: 'Övning', roles: 'all', Screen: ExerciseScreen },
  { id: 'varningar', label: 'Varningar', roles: 'all', Screen: WarningsScreen },
  { id: 'bibliotek', label: 'Dokument', roles: 'all', Screen: LibraryScreen },
  { id: 'logg', label: 'Logg', roles: 'all', Screen: LogScreen },
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

/**
 * A deputy acting for a role gets that role's screen too. A role's own workspaces come before
 * the ones everybody has, so a row added at the end of the table is still its role's home.
 */
export function routesFor(role: Role, actingFor: Role | null): RouteDef[] {
  const mine = ROUTES.filter(
    (r) =>
      r.roles !== 'all' &&
      (r.roles.includes(role) || (actingFor !== null && r.roles.includes(actingFor))),
  );
  return [...mine, ...ROUTES.filter((r) => r.roles === 'all')];
}
