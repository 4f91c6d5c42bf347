/**
 * The crisis board (krisledningsnämnden): its members, its meetings and protocols, and the
 * takeovers of other boards' areas it decides (R190–R199 in docs/rules.md).
 *
 * The board is borgarrådsberedningen (security programme 2009–2012, "Krisledningsnämnden"):
 * the chair is kommunstyrelsens ordförande, the 1st vice chair kommunstyrelsens 1:e vice
 * ordförande, the 2nd vice chair the chair of Storstockholms brandförsvarsförbund, then the
 * other members. A member's phone and e-mail live in the contact directory (the alarm
 * machinery's contacts, R49), so the board is convened through the same channels as any call
 * list.
 */
import { z } from 'zod';
import type { ActorRef } from './refs';
import { lookup } from './keyed';

export const BOARD_POSITIONS = [
  'chair', // ordförande
  'first_vice_chair', // 1:e vice ordförande
  'second_vice_chair', // 2:e vice ordförande
  'member', // ledamot
] as const;
export const BoardPosition = z.enum(BOARD_POSITIONS);
export type BoardPosition = z.infer<typeof BoardPosition>;
export const BOARD_POSITION_LABEL: Record<BoardPosition, string> = {
  chair: 'Ordförande',
  first_vice_chair: '1:e vice ordförande',
  second_vice_chair: '2:e vice ordförande',
  member: 'Ledamot',
};
/** Positions one member at a time holds; any number are ledamöter. */
export const SINGLE_POSITIONS: readonly BoardPosition[] = [
  'chair',
  'first_vice_chair',
  'second_vice_chair',
];

export interface BoardMember {
  id: string;
  name: string;
  position: BoardPosition;
  /** The office that makes them a member, e.g. "Kommunstyrelsens ordförande", "Borgarråd". */
  title?: string;
  /** The account, when the member signs in (to answer a kallelse, to attest a protocol). */
  userId?: string;
  /** The entry in the contact directory that holds phone and e-mail (R49). */
  contactId?: string;
  active: boolean;
  updatedAt: string;
  /**
   * The seq of the event that last changed the member: a change names the one it started from
   * (R190). Absent in a state kept before it was, which counts as 0.
   */
  updatedSeq?: number;
  /** Who made that change, so a refused change can say who came first. */
  updatedBy?: string;
}

/** How a member takes part in a meeting (kommunallagen 6 kap. 24 §: also at a distance). */
export const ATTENDANCE = ['in_person', 'remote', 'absent'] as const;
export const Attendance = z.enum(ATTENDANCE);
export type Attendance = z.infer<typeof Attendance>;
export const ATTENDANCE_LABEL: Record<Attendance, string> = {
  in_person: 'Närvarande på plats',
  remote: 'Närvarande på distans',
  absent: 'Frånvarande',
};

/** How a meeting is held. */
export const MEETING_FORMS = ['in_person', 'remote', 'mixed'] as const;
export const MeetingForm = z.enum(MEETING_FORMS);
export type MeetingForm = z.infer<typeof MeetingForm>;
export const MEETING_FORM_LABEL: Record<MeetingForm, string> = {
  in_person: 'På plats',
  remote: 'På distans',
  mixed: 'På plats och på distans',
};

export const MEETING_STATUSES = [
  'convened',
  'in_session',
  'closed',
  'attested',
  'cancelled',
] as const;
export const MeetingStatus = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatus>;
export const MEETING_STATUS_LABEL: Record<MeetingStatus, string> = {
  convened: 'Kallat',
  in_session: 'Pågår',
  closed: 'Avslutat, protokoll att justera',
  attested: 'Protokollet justerat',
  cancelled: 'Inställt',
};

/** Where an agenda item comes from (the open matters, R193). */
export const AGENDA_KINDS = [
  'urgent_report', // the chair's urgent decision, to be reported (anmälan)
  'takeover_proposal', // a proposed takeover of another board's area
  'takeover_end', // a proposal to end a takeover
  'director_information', // the director's information about the event
  'end_function', // the board's function to end
  'other',
] as const;
export const AgendaKind = z.enum(AGENDA_KINDS);
export type AgendaKind = z.infer<typeof AgendaKind>;
export const AGENDA_KIND_LABEL: Record<AgendaKind, string> = {
  urgent_report: 'Anmälan av brådskande beslut',
  takeover_proposal: 'Förslag om övertagande av verksamhetsområde',
  takeover_end: 'Förslag om att avsluta övertagande',
  director_information: 'Information från stadsdirektören',
  end_function: 'Nämndens verksamhet upphör',
  other: 'Övrigt ärende',
};

/** What the board did with an item; the protocol's paragraph says it in words. */
export const ITEM_OUTCOMES = ['decided', 'reported', 'noted', 'remitted', 'rejected'] as const;
export const ItemOutcome = z.enum(ITEM_OUTCOMES);
export type ItemOutcome = z.infer<typeof ItemOutcome>;
export const ITEM_OUTCOME_LABEL: Record<ItemOutcome, string> = {
  decided: 'Beslutat',
  reported: 'Anmält',
  noted: 'Antecknat till protokollet',
  remitted: 'Återremitterat',
  rejected: 'Avslaget',
};

/** A takeover's scope: which board, which part, which districts and units it touches. */
export const TakeoverScope = z
  .object({
    /** The board whose area is taken over, e.g. "Trafiknämnden". */
    fromBoard: z.string().trim().min(1, 'Ange vilken nämnd området tas över från.').max(200),
    /** Which part, "to the extent necessary" (LEH 2006:544, 2 kap.). */
    part: z.string().trim().min(1, 'Ange vilken del av verksamheten som tas över.').max(1000),
    unitIds: z.array(z.string().min(1).max(80)).max(30).default([]),
    districtIds: z.array(z.string().min(1).max(80)).max(30).default([]),
    from: z.string().datetime({ offset: true }),
  })
  .strict();
export type TakeoverScope = z.output<typeof TakeoverScope>;

export interface TakeoverProposal {
  id: string;
  eventId?: string;
  scope: TakeoverScope;
  basis: string;
  proposedBy: ActorRef;
  at: string;
  status: 'open' | 'decided' | 'remitted' | 'rejected' | 'withdrawn';
}

export interface DirectorInformation {
  id: string;
  eventId?: string;
  text: string;
  by: ActorRef;
  at: string;
  /** The meeting whose protocol notes it. */
  notedAt?: { meetingId: string; paragraph: number };
}

export interface AgendaItem {
  id: string;
  kind: AgendaKind;
  title: string;
  /** The urgent decision, the takeover proposal or takeover, or the information it is about. */
  ref?: string;
  outcome?: {
    kind: ItemOutcome;
    at: string;
    /** Protocol paragraph (§). */
    paragraph: number;
    text: string;
    decisionId?: string;
  };
}

export interface MeetingAttendance {
  memberId: string;
  attendance: Attendance;
  at: string;
  by: ActorRef;
}

export interface Attestation {
  memberId: string;
  userId: string;
  name: string;
  at: string;
}

export interface BoardMeeting {
  id: string;
  status: MeetingStatus;
  eventId?: string;
  startsAt: string;
  form: MeetingForm;
  place: string;
  convenedAt: string;
  convenedBy: ActorRef;
  /** The kallelse sent through the alarm channels (its answers are the alarm's recipients). */
  kallelseAlarmId?: string;
  agenda: AgendaItem[];
  attendance: Record<string, MeetingAttendance>;
  /** The member who attests the protocol with the chair (justerare). */
  attesterId?: string;
  openedAt?: string;
  closedAt?: string;
  /** Attestations so far: the chairing member and the justerare. */
  attestations: Attestation[];
  attestedAt?: string;
  /** Members of the board when it was convened: the quorum counts these. */
  memberCount: number;
  /** Who chaired it (the chair, or the vice chair acting for the chair). */
  chairedBy?: ActorRef;
  nextParagraph: number;
}

export interface Takeover {
  id: string;
  eventId?: string;
  scope: TakeoverScope;
  decisionId: string;
  /** A board decision at a meeting, or the chair's urgent decision on the board's behalf. */
  source: { kind: 'meeting'; meetingId: string; paragraph: number } | { kind: 'urgent' };
  decidedAt: string;
  endedAt?: string;
  endDecisionId?: string;
}

export interface BoardState {
  members: Record<string, BoardMember>;
  memberOrder: string[];
  meetings: Record<string, BoardMeeting>;
  meetingOrder: string[];
  proposals: Record<string, TakeoverProposal>;
  information: Record<string, DirectorInformation>;
  takeovers: Record<string, Takeover>;
  takeoverOrder: string[];
  /** When the board entered function and, once its own decision ended it, when that was. */
  inFunctionSince?: string;
  functionEnded?: { at: string; decisionId: string; meetingId: string };
}

export const emptyBoardState = (): BoardState => ({
  members: {},
  memberOrder: [],
  meetings: {},
  meetingOrder: [],
  proposals: {},
  information: {},
  takeovers: {},
  takeoverOrder: [],
});

/** The call list the kallelse goes out on; kept in step with the roster when convening. */
export const BOARD_LIST_ID = 'list_board';

/** Active members in roster order: chair, 1st and 2nd vice chair, then the ledamöter. */
export function boardMembers(s: { board: BoardState }): BoardMember[] {
  const rank = (p: BoardPosition) => BOARD_POSITIONS.indexOf(p);
  return s.board.memberOrder
    .map((id) => lookup(s.board.members, id))
    .filter((m): m is BoardMember => !!m && m.active)
    .sort((a, b) => rank(a.position) - rank(b.position));
}

/** The member holding a position (chair, 1st or 2nd vice chair), if any. */
export const memberInPosition = (
  s: { board: BoardState },
  position: BoardPosition,
): BoardMember | undefined => boardMembers(s).find((m) => m.position === position);

/** The member an account belongs to, if any. */
export const memberOfUser = (s: { board: BoardState }, userId: string): BoardMember | undefined =>
  boardMembers(s).find((m) => m.userId === userId);

/**
 * Quorum (beslutförhet): a board may deal with matters only when more than half of its members
 * are present (kommunallagen 2017:725, 6 kap. 27 §); a member present at a distance counts
 * (6 kap. 24 §). The programmes say nothing else, so the law's rule is the console's (R192).
 */
export const quorumOf = (memberCount: number): number => Math.floor(memberCount / 2) + 1;

export function presentCount(m: BoardMeeting): number {
  return Object.values(m.attendance).filter((a) => a.attendance !== 'absent').length;
}

export const hasQuorum = (m: BoardMeeting): boolean => presentCount(m) >= quorumOf(m.memberCount);

/**
 * "Snarast" (the programme's word for reporting an urgent decision to the board): the console
 * reminds the chair when an urgent decision has waited this long unreported, and again at each
 * further interval, until a meeting records it as reported (R195). The law (LEH 2006:544,
 * 2 kap.) asks for the board's next meeting; four hours is short enough that a board in
 * function hears of it the same day.
 */
export const URGENT_REPORT_REMINDER_MS = 4 * 3600_000;
