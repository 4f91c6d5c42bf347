import type { ActorRef, Audience } from './refs';
import type {
  CklFunction,
  CrisisSupportState,
  DecisionKind,
  DelegableRole,
  DistrictStatus,
  HeightenedAlertLevel,
  Level,
  MarkerKind,
  Role,
  TaskStatus,
} from './vocabulary';
import { emptyCklState, type CklState } from './ckl';
import { emptyExerciseState, type ExerciseState } from './exercise';
import { emptyAlarmState, type AlarmState } from './alarm';
import { emptyShareState, type ShareState } from './share';
import type { WarningRef } from '../warnings/model';
import { emptyCardsState, type CardsState } from '../cards/model';
import { emptyLifecycleState, type LifecycleState } from './lifecycle';
import { emptyBoardState, type BoardState } from './board';
import { emptyFilesState, type FilesState } from '../files/model';
import type { AttentionState } from '../attention/model';

export type { ActorRef, Audience } from './refs';

export interface UserProfile {
  userId: string;
  name: string;
  role: Role;
  districtId?: string;
  unitId?: string;
  active: boolean;
  /**
   * Seq of the event that last re-enabled the account: sessions issued before it stay ended
   * (R114), so disabling and enabling again never brings an old cookie back.
   */
  sessionsFromSeq?: number;
}

export interface LevelChange {
  level: Level;
  at: string;
  decisionId: string;
}

/** A händelse: one crisis event with its own level. */
export interface CrisisEvent {
  id: string;
  title: string;
  description: string;
  /** The official warning it was opened from, if any (R139). */
  source?: WarningRef;
  level: Level;
  status: 'open' | 'closed';
  /** The area that owns it (ansvarsprincipen). */
  owner: { kind: 'district' | 'unit'; id: string } | { kind: 'central' };
  affectedDistrictIds: string[];
  affectedUnitIds: string[];
  openedAt: string;
  openedBy: ActorRef;
  updatedAt: string;
  levelHistory: LevelChange[];
  /** Activated CKL functions, with when. */
  ckl: Partial<Record<CklFunction, { activatedAt: string; decisionId: string }>>;
  /** True once any CKL function was ever activated: closing then requires an evaluation. */
  cklEverActivated: boolean;
  centralSupport: {
    status: 'none' | 'requested' | 'granted' | 'declined';
    requestedAt?: string;
    reason?: string;
    decisionId?: string;
  };
  pendingProposalId?: string;
  closedAt?: string;
  evaluationId?: string;
}

export interface DecisionRecord {
  id: string;
  kind: DecisionKind;
  eventId?: string;
  decidedBy: ActorRef;
  at: string;
  basis: string;
  what: string;
  informed: string[];
  /** Whose initiative it was (R200, R201). */
  initiative?: DecisionInitiative;
  /** The affected units consulted before deciding (R202). */
  consulted?: string[];
  /** Decided in second hand, and why the one who normally decides was not reached (R202). */
  secondHand?: { reason: string };
  /** Urgent decisions (brådskande beslut) must be reported to the board. */
  reportedToBoard?: { at: string; by: ActorRef; reference: string };
}

/** The director's proposal to the chair to declare an event extraordinary. */
export interface ExtraordinaryProposal {
  id: string;
  eventId: string;
  proposedBy: ActorRef;
  at: string;
  basis: string;
  status: 'pending' | 'declared' | 'rejected' | 'withdrawn';
  resolvedAt?: string;
  resolution?: string;
}

/** A dagbok line. */
export interface LogEntry {
  id: string;
  eventId?: string;
  districtId?: string;
  at: string;
  by: ActorRef;
  text: string;
  audience?: Audience;
  /** The official warning this entry records as decision basis (R139). */
  source?: WarningRef;
}

export interface Task {
  id: string;
  eventId?: string;
  title: string;
  description: string;
  assignee:
    | { kind: 'function'; fn: CklFunction }
    | { kind: 'user'; userId: string }
    | { kind: 'district'; districtId: string };
  deadline?: string;
  status: TaskStatus;
  createdAt: string;
  createdBy: ActorRef;
  updatedAt: string;
  note?: string;
}

/** A structured situation report from a district (lägesrapport). */
export interface DistrictSituationReport {
  id: string;
  districtId: string;
  at: string;
  by: ActorRef;
  status: DistrictStatus;
  happened: string;
  consequences: string;
  actions: string;
  needs: string;
  crisisSupport: CrisisSupportState;
  nextReportDue: string;
  /** A "no change" confirmation repeats the previous report and only refreshes freshness. */
  noChange: boolean;
}

export interface DistrictSituation {
  districtId: string;
  name: string;
  latestReportId?: string;
  reportIds: string[];
  /** Updated whenever a report or no-change confirmation arrives. */
  confirmedAt?: string;
  nextReportDue?: string;
}

export interface MapMarker {
  id: string;
  kind: MarkerKind;
  label: string;
  districtId: string;
  eventId?: string;
  lat: number;
  lng: number;
  placedBy: ActorRef;
  at: string;
  removed: boolean;
}

export interface Delegation {
  id: string;
  role: DelegableRole;
  toUserId: string;
  grantedBy: ActorRef;
  at: string;
  basis: string;
  until?: string;
  revokedAt?: string;
}

export interface Evaluation {
  id: string;
  eventId: string;
  openedAt: string;
  status: 'to_do' | 'done';
  doneAt?: string;
  doneBy?: ActorRef;
  summary?: string;
  findings?: string[];
  actions?: EvaluationAction[];
  followUpAt?: string;
}

export interface EvaluationAction {
  what: string;
  owner: string;
  due?: string;
}

export type DecisionInitiative =
  | { kind: 'own' }
  | {
      kind: 'proposal';
      proposalId?: string;
      proposedBy: { userId: string; name: string; role: Role };
    };

export interface HeightenedAlert {
  level: HeightenedAlertLevel;
  governmentDecisionRef?: string;
  text?: string;
  since?: string;
  decisionId?: string;
}

/** The whole projection of one space (the real one, or one exercise). */
export interface CityState {
  /** Last applied sequence number; 0 before anything. */
  seq: number;
  space: string;
  division: { id: string; name: string; districts: { id: string; name: string }[] } | null;
  users: Record<string, UserProfile>;
  events: Record<string, CrisisEvent>;
  decisions: Record<string, DecisionRecord>;
  decisionOrder: string[];
  proposals: Record<string, ExtraordinaryProposal>;
  log: LogEntry[];
  tasks: Record<string, Task>;
  districts: Record<string, DistrictSituation>;
  reports: Record<string, DistrictSituationReport>;
  markers: Record<string, MapMarker>;
  delegations: Record<string, Delegation>;
  evaluations: Record<string, Evaluation>;
  heightenedAlert: HeightenedAlert;
  /** True while the crisis board is in function (an extraordinary event is open). */
  boardInFunction: boolean;
  /** The central crisis staff at work (shared/domain/ckl.ts). */
  ckl: CklState;
  /** Exercise mode: the list of exercises (real space) or one exercise's control. */
  exercise: ExerciseState;
  /** Alarm and call-in, duty schedules, handovers (shared/domain/alarm.ts). */
  alarm: AlarmState;
  /** Links to approved situation reports shared with partners (shared/domain/share.ts). */
  shares: ShareState;
  /**
   * Who a new official warning touching Stockholm county draws the attention of (R135);
   * absent until an administrator sets it (DEFAULT_ATTENTION_ROLES then).
   */
  warningAttention?: { roles: Role[]; setAt: string; setBy: ActorRef };
  /** Running action cards (shared/cards/). */
  cards: CardsState;
  /** Local liaison persons and the notices of the duty to inform (shared/domain/lifecycle.ts). */
  lifecycle: LifecycleState;
  /** The crisis board's members, meetings, protocols and takeovers (shared/domain/board.ts). */
  board: BoardState;
  /** Attachments and the document library (shared/files/); absent in states of shape 5. */
  files?: FilesState;
  /** Who acknowledged what was addressed to them (shared/attention/); absent until the first. */
  attention?: AttentionState;
}

/**
 * The shape of CityState. Raised whenever a stored state (a server snapshot, a console's
 * cached copy) of the older shape cannot be read as the new one; such a state is then not
 * used and the log is replayed instead. 2: alarm recipients and answer tokens in Tables;
 * 3: alarm contacts and contact details too; 4: shares; 5: action cards; 6: the seq an
 * account was last re-enabled at; 7: the crisis board; 8: local liaisons and notices; 9: files
 * (attachments and the library); 10: acknowledgements; 11: alarm send records; 12: the card
 * library (saved and retired cards); 13: one staffing model (the CKL roster's shifts live in
 * the duty schedule); 14: notice hand-overs and reminders; 15: a card step ticked by a
 * restricted event keeps its audience, and a board member the seq it was last saved at.
 */
export const STATE_VERSION = 15;

export function emptyState(space: string): CityState {
  return {
    seq: 0,
    space,
    division: null,
    users: {},
    events: {},
    decisions: {},
    decisionOrder: [],
    proposals: {},
    log: [],
    tasks: {},
    districts: {},
    reports: {},
    markers: {},
    delegations: {},
    evaluations: {},
    heightenedAlert: { level: 'none' },
    boardInFunction: false,
    ckl: emptyCklState(),
    exercise: emptyExerciseState(),
    alarm: emptyAlarmState(),
    shares: emptyShareState(),
    cards: emptyCardsState(),
    lifecycle: emptyLifecycleState(),
    board: emptyBoardState(),
    files: emptyFilesState(),
  };
}
