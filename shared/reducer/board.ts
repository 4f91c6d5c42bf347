/** Appliers for the crisis board's events (R190–R199). */
import type { EventData, StoredEvent } from '../events';
import type { BOARD_EVENTS } from '../events/board';
import type { CityState } from '../domain/state';
import type {
  AgendaItem,
  BoardMeeting,
  BoardMember,
  BoardState,
  DirectorInformation,
  Takeover,
  TakeoverProposal,
} from '../domain/board';
import { drop, lookup, put } from '../domain/keyed';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type BoardAppliers = {
  [K in keyof typeof BOARD_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

/** How many meetings the live state keeps; the log keeps them all. */
export const MEETINGS_KEPT = 50;

const withBoard = (s: CityState, patch: Partial<BoardState>): CityState => ({
  ...s,
  board: { ...s.board, ...patch },
});

function patchMeeting(s: CityState, id: string, f: (m: BoardMeeting) => BoardMeeting): CityState {
  const m = lookup(s.board.meetings, id);
  return m ? withBoard(s, { meetings: put<BoardMeeting>(s.board.meetings, id, f(m)) }) : s;
}

const toItem = (i: { itemId: string; kind: AgendaItem['kind']; title: string; ref?: string }) => ({
  id: i.itemId,
  kind: i.kind,
  title: i.title,
  ...(i.ref ? { ref: i.ref } : {}),
});

export const boardAppliers: BoardAppliers = {
  'board.memberSaved': (s, d, m) => {
    const known = lookup(s.board.members, d.memberId);
    return withBoard(s, {
      members: put<BoardMember>(s.board.members, d.memberId, {
        id: d.memberId,
        name: d.name,
        position: d.position,
        ...(d.title ? { title: d.title } : {}),
        ...(d.userId ? { userId: d.userId } : {}),
        ...(d.contactId ? { contactId: d.contactId } : {}),
        active: true,
        updatedAt: m.at,
        updatedSeq: m.seq,
        updatedBy: m.actor.name,
      }),
      memberOrder: known ? s.board.memberOrder : [...s.board.memberOrder, d.memberId],
    });
  },
  'board.memberRemoved': (s, d, m) => {
    const known = lookup(s.board.members, d.memberId);
    return known
      ? withBoard(s, {
          members: put<BoardMember>(s.board.members, d.memberId, {
            ...known,
            active: false,
            updatedAt: m.at,
            updatedSeq: m.seq,
            updatedBy: m.actor.name,
          }),
        })
      : s;
  },
  'board.meetingConvened': (s, d, m) => {
    const meeting: BoardMeeting = {
      id: d.meetingId,
      status: 'convened',
      ...(d.eventId ? { eventId: d.eventId } : {}),
      startsAt: d.startsAt,
      form: d.form,
      place: d.place,
      convenedAt: m.at,
      convenedBy: m.actor,
      ...(d.kallelseAlarmId ? { kallelseAlarmId: d.kallelseAlarmId } : {}),
      agenda: d.agenda.map(toItem),
      attendance: {},
      attestations: [],
      memberCount: d.memberCount,
      nextParagraph: 1,
    };
    let order = [...s.board.meetingOrder, d.meetingId];
    let meetings = put<BoardMeeting>(s.board.meetings, d.meetingId, meeting);
    // Past the cap the oldest attested or cancelled meetings leave the state, never open ones.
    while (order.length > MEETINGS_KEPT) {
      const old = order.find((id) => {
        const st = lookup(meetings, id)?.status;
        return st === 'attested' || st === 'cancelled';
      });
      if (!old) break;
      order = order.filter((id) => id !== old);
      meetings = drop(meetings, old);
    }
    return withBoard(s, { meetings, meetingOrder: order });
  },
  'board.agendaItemAdded': (s, d) =>
    patchMeeting(s, d.meetingId, (mt) => ({ ...mt, agenda: [...mt.agenda, toItem(d.item)] })),
  'board.attendanceRecorded': (s, d, m) =>
    patchMeeting(s, d.meetingId, (mt) => ({
      ...mt,
      attendance: put(mt.attendance, d.memberId, {
        memberId: d.memberId,
        attendance: d.attendance,
        at: m.at,
        by: m.actor,
      }),
    })),
  'board.meetingOpened': (s, d, m) =>
    patchMeeting(s, d.meetingId, (mt) => ({
      ...mt,
      status: 'in_session',
      attesterId: d.attesterId,
      openedAt: m.at,
      chairedBy: m.actor,
    })),
  'board.itemResolved': (s, d, m) => {
    const next = patchMeeting(s, d.meetingId, (mt) => ({
      ...mt,
      nextParagraph: Math.max(mt.nextParagraph, d.paragraph + 1),
      agenda: mt.agenda.map((i) =>
        i.id === d.itemId
          ? {
              ...i,
              outcome: {
                kind: d.outcome,
                at: m.at,
                paragraph: d.paragraph,
                text: d.text,
                ...(d.decisionId ? { decisionId: d.decisionId } : {}),
              },
            }
          : i,
      ),
    }));
    const item = lookup(next.board.meetings, d.meetingId)?.agenda.find((i) => i.id === d.itemId);
    if (!item?.ref) return next;
    if (item.kind === 'takeover_proposal') {
      const p = lookup(next.board.proposals, item.ref);
      if (!p) return next;
      const status =
        d.outcome === 'decided' ? 'decided' : d.outcome === 'remitted' ? 'remitted' : 'rejected';
      return withBoard(next, {
        proposals: put<TakeoverProposal>(next.board.proposals, p.id, { ...p, status }),
      });
    }
    if (item.kind === 'director_information') {
      const info = lookup(next.board.information, item.ref);
      if (!info) return next;
      return withBoard(next, {
        information: put<DirectorInformation>(next.board.information, info.id, {
          ...info,
          notedAt: { meetingId: d.meetingId, paragraph: d.paragraph },
        }),
      });
    }
    return next;
  },
  'board.meetingClosed': (s, d, m) =>
    patchMeeting(s, d.meetingId, (mt) => ({ ...mt, status: 'closed', closedAt: m.at })),
  'board.meetingCancelled': (s, d, m) =>
    patchMeeting(s, d.meetingId, (mt) => ({ ...mt, status: 'cancelled', closedAt: m.at })),
  'board.protocolAttested': (s, d, m) =>
    patchMeeting(s, d.meetingId, (mt) => {
      const attestations = [
        ...mt.attestations,
        { memberId: d.memberId, userId: m.actor.userId, name: m.actor.name, at: m.at },
      ];
      return attestations.length >= 2
        ? { ...mt, attestations, status: 'attested', attestedAt: m.at }
        : { ...mt, attestations };
    }),
  'board.takeoverProposed': (s, d, m) =>
    withBoard(s, {
      proposals: put<TakeoverProposal>(s.board.proposals, d.proposalId, {
        id: d.proposalId,
        ...(d.eventId ? { eventId: d.eventId } : {}),
        scope: d.scope,
        basis: d.basis,
        proposedBy: m.actor,
        at: m.at,
        status: 'open',
      }),
    }),
  'board.takeoverProposalWithdrawn': (s, d) => {
    const p = lookup(s.board.proposals, d.proposalId);
    return p
      ? withBoard(s, {
          proposals: put<TakeoverProposal>(s.board.proposals, p.id, { ...p, status: 'withdrawn' }),
        })
      : s;
  },
  'board.informationGiven': (s, d, m) =>
    withBoard(s, {
      information: put<DirectorInformation>(s.board.information, d.informationId, {
        id: d.informationId,
        ...(d.eventId ? { eventId: d.eventId } : {}),
        text: d.text,
        by: m.actor,
        at: m.at,
      }),
    }),
  'board.takeoverStarted': (s, d, m) =>
    withBoard(s, {
      takeovers: put<Takeover>(s.board.takeovers, d.takeoverId, {
        id: d.takeoverId,
        ...(d.eventId ? { eventId: d.eventId } : {}),
        scope: d.scope,
        decisionId: d.decisionId,
        source: d.source,
        decidedAt: m.at,
      }),
      takeoverOrder: [...s.board.takeoverOrder, d.takeoverId],
    }),
  'board.takeoverEnded': (s, d, m) => {
    const t = lookup(s.board.takeovers, d.takeoverId);
    return t
      ? withBoard(s, {
          takeovers: put<Takeover>(s.board.takeovers, t.id, {
            ...t,
            endedAt: m.at,
            endDecisionId: d.decisionId,
          }),
        })
      : s;
  },
  'board.functionEnded': (s, d, m) => ({
    ...withBoard(s, {
      functionEnded: { at: m.at, decisionId: d.decisionId, meetingId: d.meetingId },
    }),
    boardInFunction: false,
  }),
  // The reminder is history (who was reminded when); the state already shows what is unreported.
  'board.urgentReportReminded': (s) => s,
};
