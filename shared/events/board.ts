/** Events of the crisis board: members, meetings, protocols and takeovers (R190–R199). */
import { z } from 'zod';
import { Id, IsoTime } from './schemas';
import {
  AgendaKind,
  Attendance,
  BoardPosition,
  ItemOutcome,
  MeetingForm,
  TakeoverScope,
} from '../domain/board';

const AgendaItemSchema = z
  .object({ itemId: Id, kind: AgendaKind, title: z.string(), ref: Id.optional() })
  .strict();

export const BOARD_EVENTS = {
  'board.memberSaved': z.object({
    memberId: Id,
    name: z.string(),
    position: BoardPosition,
    title: z.string().optional(),
    userId: Id.optional(),
    contactId: Id.optional(),
  }),
  'board.memberRemoved': z.object({ memberId: Id }),
  /** R191: the kallelse; its answers are the alarm's (`kallelseAlarmId`). */
  'board.meetingConvened': z.object({
    meetingId: Id,
    eventId: Id.optional(),
    startsAt: IsoTime,
    form: MeetingForm,
    place: z.string(),
    kallelseAlarmId: Id.optional(),
    memberCount: z.number().int().positive(),
    agenda: z.array(AgendaItemSchema).max(100),
  }),
  'board.agendaItemAdded': z.object({ meetingId: Id, item: AgendaItemSchema }),
  'board.attendanceRecorded': z.object({ meetingId: Id, memberId: Id, attendance: Attendance }),
  'board.meetingOpened': z.object({ meetingId: Id, attesterId: Id }),
  'board.itemResolved': z.object({
    meetingId: Id,
    itemId: Id,
    outcome: ItemOutcome,
    paragraph: z.number().int().positive(),
    text: z.string(),
    decisionId: Id.optional(),
  }),
  'board.meetingClosed': z.object({ meetingId: Id }),
  'board.meetingCancelled': z.object({ meetingId: Id, reason: z.string() }),
  'board.protocolAttested': z.object({ meetingId: Id, memberId: Id }),
  'board.takeoverProposed': z.object({
    proposalId: Id,
    eventId: Id.optional(),
    scope: TakeoverScope,
    basis: z.string(),
  }),
  'board.takeoverProposalWithdrawn': z.object({ proposalId: Id }),
  'board.informationGiven': z.object({
    informationId: Id,
    eventId: Id.optional(),
    text: z.string(),
  }),
  'board.takeoverStarted': z.object({
    takeoverId: Id,
    eventId: Id.optional(),
    scope: TakeoverScope,
    decisionId: Id,
    source: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('meeting'),
          meetingId: Id,
          paragraph: z.number().int().positive(),
        })
        .strict(),
      z.object({ kind: z.literal('urgent') }).strict(),
    ]),
  }),
  'board.takeoverEnded': z.object({ takeoverId: Id, decisionId: Id }),
  'board.functionEnded': z.object({ meetingId: Id, decisionId: Id }),
  /** R195: a reminder to the chair of urgent decisions not yet reported to the board. */
  'board.urgentReportReminded': z.object({ decisionIds: z.array(Id).min(1).max(200) }),
} as const;
