/**
 * The decision lifecycle's own state: the local liaison persons named at extraordinary level
 * (R205) and the notices that carry the duty to inform (R210–R212).
 */
import type { ActorRef } from './refs';
import type { ChannelKind } from './alarm';

export type AreaKind = 'district' | 'unit';
export interface AreaRef {
  kind: AreaKind;
  id: string;
}
export const areaKey = (a: AreaRef): string => `${a.kind}:${a.id}`;
export const liaisonKey = (eventId: string, a: AreaRef): string => `${eventId}~${areaKey(a)}`;

/** A lokal samverkansperson, named by the administration's or company's director (R205). */
export interface LocalLiaison {
  eventId: string;
  area: AreaRef;
  personName: string;
  /** Telephone or other route the crisis staff reaches them by. */
  contact: string;
  /** The förvaltnings- or bolagsdirektör who named them. */
  namedBy: string;
  at: string;
  recordedBy: ActorRef;
}

/** One hand-over of a notice or its reminder to one recipient (R271, R272). */
export interface NoticeSend {
  n: 1 | 2;
  channel: ChannelKind;
  /** The channel that really carried it, when another than asked for (the outbox stood in). */
  via?: ChannelKind;
  ok: boolean;
  error?: string;
  at: string;
}

/** One person a notice was sent to, and when they received and read it (R210–R212, R271–R273). */
export interface NoticeRecipient {
  userId: string;
  name: string;
  /** Why they are told: "Kommunstyrelsens presidium", "Krisledningsnämndens ordförande"… */
  as: string;
  /** When it first reached them: shown in their console, or delivered by a real channel. */
  deliveredAt?: string;
  /** Where they read it: in the console, or through the read link in the SMS or e-mail. */
  via?: 'console' | 'link';
  readAt?: string;
  /** Every hand-over, in order (R271). */
  sends?: NoticeSend[];
  /** When the reminder went out (R272). */
  remindedAt?: string;
}

/** A notice that carries the duty to inform: who must know of a decision (R210). */
export interface Notice {
  id: string;
  decisionId: string;
  eventId?: string;
  text: string;
  at: string;
  recipients: NoticeRecipient[];
}

/** The presidency positions whose holder can be recorded unavailable (R207). */
export const ABSENT_POSITIONS = ['chair', 'first_vice_chair'] as const;
export type AbsentPosition = (typeof ABSENT_POSITIONS)[number];

/** The chair (or the 1st vice chair) recorded unavailable: who recorded it, when, why (R207). */
export interface Unavailability {
  position: AbsentPosition;
  reason: string;
  at: string;
  by: ActorRef;
}

export interface LifecycleState {
  /** Keyed by position; absent when the holder is available. */
  unavailable?: Partial<Record<AbsentPosition, Unavailability>>;
  localLiaisons: Record<string, LocalLiaison>;
  notices: Record<string, Notice>;
  noticeOrder: string[];
}

export const emptyLifecycleState = (): LifecycleState => ({
  localLiaisons: {},
  notices: {},
  noticeOrder: [],
});

/** How many notices the live state keeps; the log keeps them all. */
export const NOTICES_KEPT = 200;
