/**
 * The board's meetings (R191–R194, R197): the kallelse through the alarm channels, attendance
 * and quorum, the agenda from the open matters, and the protocol attested by two members.
 */
import { z } from 'zod';
import { defineCommand, type DecideContext } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import {
  AGENDA_KIND_LABEL,
  Attendance,
  BOARD_LIST_ID,
  MeetingForm,
  boardMembers,
  hasQuorum,
  memberOfUser,
  presentCount,
  quorumOf,
  type AgendaKind,
  type BoardMeeting,
} from '../../domain/board';
import type { CityState } from '../../domain/state';
import type { CallList } from '../../domain/alarm';
import { lookup, put } from '../../domain/keyed';
import { isRefusal, refuse, type Refusal } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { cancelAlarm, startAlarm } from '../alarm';
import { openMatters } from './matters';

export const CHAIR_ONLY =
  'Endast krisledningsnämndens ordförande (eller den som tjänstgör som ordförande) leder nämndens sammanträden.';
const NOT_IN_FUNCTION =
  'Krisledningsnämnden är inte i funktion. Den träder i funktion när ordföranden bedömer att en händelse är extraordinär.';

/** A board command needs the board in function, and an event it names must exist. */
export function boardInFunctionFor(s: CityState, eventId: string | undefined): Refusal | null {
  if (!s.boardInFunction) return refuse('CONFLICT', NOT_IN_FUNCTION);
  if (eventId && !lookup(s.events, eventId)) return refuse('NOT_FOUND', 'Händelsen finns inte.');
  return null;
}

/** The meeting in session, when the person is the one who presides over it (or no one does yet). */
export function sessionLedBy(s: CityState, id: string, userId: string): BoardMeeting | Refusal {
  const m = meetingIn(s, id, 'in_session');
  if (isRefusal(m)) return m;
  if (m.chairedBy && m.chairedBy.userId !== userId)
    return refuse('FORBIDDEN', `Sammanträdet leds av ${m.chairedBy.name}.`);
  return m;
}

/** The meeting a command names, in one of the statuses it allows. */
export function meetingIn(
  s: CityState,
  id: string,
  ...statuses: BoardMeeting['status'][]
): BoardMeeting | Refusal {
  const m = lookup(s.board.meetings, id);
  if (!m) return refuse('NOT_FOUND', 'Sammanträdet finns inte.');
  if (!statuses.includes(m.status)) {
    const why: Record<BoardMeeting['status'], string> = {
      convened: 'Sammanträdet är inte öppnat ännu.',
      in_session: 'Sammanträdet pågår.',
      closed: 'Sammanträdet är avslutat.',
      attested: 'Protokollet är redan justerat.',
      cancelled: 'Sammanträdet är inställt.',
    };
    return refuse('CONFLICT', why[m.status]);
  }
  return m;
}

/** "Krisledningsnämnden 2026-11-23 § 3": how the protocol is cited. */
export const protocolRef = (m: Pick<BoardMeeting, 'startsAt'>, paragraph: number): string =>
  `Krisledningsnämndens protokoll ${m.startsAt.slice(0, 10)} § ${paragraph}`;

function kallelseText(p: { startsAt: string; place: string; form: string }): string {
  const when = new Date(p.startsAt).toLocaleString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const how =
    p.form === 'remote' ? 'på distans' : p.form === 'mixed' ? 'på plats eller på distans' : '';
  return `Hej {namn}! Krisledningsnämnden kallas till sammanträde ${when}, ${p.place}${how ? ` (${how})` : ''}. Svara om du kommer.`;
}

/** The alarm that carries the kallelse: the board's call list, every member called (R191). */
function kallelse(
  s: CityState,
  ctx: DecideContext,
  p: { startsAt: string; place: string; form: string; eventId?: string },
): EventDraft[] | Refusal {
  const contacts = boardMembers(s)
    .map((m) => m.contactId)
    .filter((c): c is string => !!c);
  if (contacts.length === 0) return [];
  const known = lookup(s.alarm.lists, BOARD_LIST_ID);
  const list: CallList = {
    id: BOARD_LIST_ID,
    name: 'Krisledningsnämnden',
    target: { kind: 'board' },
    members: contacts,
    quota: contacts.length,
    timeoutSeconds: known?.timeoutSeconds ?? 1800,
    channels: known?.channels ?? ['sms', 'email', 'console'],
    updatedAt: ctx.now,
  };
  const saved = draft('alarm.listSaved', {
    listId: list.id,
    name: list.name,
    target: list.target,
    members: list.members,
    quota: list.quota,
    timeoutSeconds: list.timeoutSeconds,
    channels: list.channels,
  });
  // The alarm machinery calls from the list as it will stand after `saved`.
  const withList = { ...s, alarm: { ...s.alarm, lists: put(s.alarm.lists, list.id, list) } };
  const alarm = startAlarm.decide(
    {
      title: 'Kallelse till krisledningsnämnden',
      listIds: [list.id],
      message: kallelseText(p),
      ...(p.eventId ? { eventId: p.eventId } : {}),
      allowRealChannels: false,
    },
    withList,
    ctx,
  );
  return isRefusal(alarm) ? alarm : [saved, ...alarm];
}

export const convene = defineCommand({
  label: 'Kalla krisledningsnämnden',
  payload: z
    .object({
      startsAt: IsoTime,
      form: MeetingForm,
      place: z.string().trim().min(1, 'Ange plats eller länk till mötet.').max(300),
      eventId: Id.optional(),
    })
    .strict(),
  // R191: the chair (or whoever acts as chair) convenes the board.
  authorize: (a, _p, s, now) => when(actsAs(a, s, now, 'chair'), CHAIR_ONLY),
  decide: (p, s, ctx) => {
    if (!s.boardInFunction) return refuse('CONFLICT', NOT_IN_FUNCTION);
    const open = s.board.meetingOrder
      .map((id) => lookup(s.board.meetings, id))
      .find((m) => m && (m.status === 'convened' || m.status === 'in_session'));
    if (open)
      return refuse(
        'CONFLICT',
        'Nämnden är redan kallad till ett sammanträde. Håll eller ställ in det först.',
      );
    const members = boardMembers(s);
    if (members.length === 0)
      return refuse(
        'CONFLICT',
        'Nämnden har inga registrerade ledamöter. En administratör lägger in dem först.',
      );
    if (p.eventId && !lookup(s.events, p.eventId))
      return refuse('NOT_FOUND', 'Händelsen finns inte.');
    const call = kallelse(s, ctx, p);
    if (isRefusal(call)) return call;
    const started = call.find((d) => d.type === 'alarm.started');
    const meetingId = ctx.newId('meeting');
    return [
      draft('board.meetingConvened', {
        meetingId,
        ...(p.eventId ? { eventId: p.eventId } : {}),
        startsAt: p.startsAt,
        form: p.form,
        place: p.place,
        ...(started?.type === 'alarm.started' ? { kallelseAlarmId: started.data.alarmId } : {}),
        memberCount: members.length,
        agenda: openMatters(s).map((m) => ({ ...m, itemId: ctx.newId('item') })),
      }),
      ...call,
    ];
  },
});

export const cancelMeeting = defineCommand({
  label: 'Ställ in sammanträde',
  payload: z
    .object({ meetingId: Id, reason: z.string().trim().min(1, 'Ange varför.').max(500) })
    .strict(),
  authorize: (a, _p, s, now) => when(actsAs(a, s, now, 'chair'), CHAIR_ONLY),
  decide: (p, s, ctx) => {
    const m = meetingIn(s, p.meetingId, 'convened');
    if (isRefusal(m)) return m;
    const out: EventDraft[] = [draft('board.meetingCancelled', p)];
    const al = m.kallelseAlarmId ? lookup(s.alarm.alarms, m.kallelseAlarmId) : undefined;
    if (al && al.status === 'active') {
      // The members still waiting are stood down the way any alarm's are.
      const stood = cancelAlarm.decide({ alarmId: al.id, reason: p.reason }, s, ctx);
      if (!isRefusal(stood)) out.push(...stood);
    }
    return out;
  },
});

/** R193: a matter that came up after the kallelse is added to the agenda. */
export const addAgendaItem = defineCommand({
  label: 'För upp ärende på föredragningslistan',
  payload: z
    .object({
      meetingId: Id,
      kind: z.enum(['urgent_report', 'takeover_proposal', 'takeover_end', 'end_function', 'other']),
      ref: Id.optional(),
      title: z.string().trim().max(300).optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) => when(actsAs(a, s, now, 'chair'), CHAIR_ONLY),
  decide: (p, s, ctx) => {
    const m = meetingIn(s, p.meetingId, 'convened', 'in_session');
    if (isRefusal(m)) return m;
    if (p.ref && m.agenda.some((i) => i.ref === p.ref && i.kind === p.kind && !i.outcome))
      return refuse('CONFLICT', 'Ärendet står redan på föredragningslistan.');
    const title = agendaTitle(s, p.kind, p.ref, p.title);
    if (isRefusal(title)) return title;
    return [
      draft('board.agendaItemAdded', {
        meetingId: m.id,
        item: { itemId: ctx.newId('item'), kind: p.kind, title, ...(p.ref ? { ref: p.ref } : {}) },
      }),
    ];
  },
});

function agendaTitle(
  s: CityState,
  kind: AgendaKind,
  ref: string | undefined,
  title: string | undefined,
): string | Refusal {
  switch (kind) {
    case 'urgent_report': {
      const d = ref ? lookup(s.decisions, ref) : undefined;
      if (!d || d.kind !== 'urgent_decision')
        return refuse('NOT_FOUND', 'Det brådskande beslutet finns inte.');
      if (d.reportedToBoard) return refuse('CONFLICT', 'Beslutet är redan anmält till nämnden.');
      return `Anmälan: ${d.what}`;
    }
    case 'takeover_proposal': {
      const pr = ref ? lookup(s.board.proposals, ref) : undefined;
      if (!pr || pr.status !== 'open')
        return refuse('NOT_FOUND', 'Det finns inget öppet förslag om övertagande med det id:t.');
      return `Övertagande från ${pr.scope.fromBoard}: ${pr.scope.part}`;
    }
    case 'takeover_end': {
      const t = ref ? lookup(s.board.takeovers, ref) : undefined;
      if (!t || t.endedAt) return refuse('NOT_FOUND', 'Övertagandet finns inte eller har upphört.');
      return `Avsluta övertagandet från ${t.scope.fromBoard}: ${t.scope.part}`;
    }
    case 'end_function':
      return 'Krisledningsnämndens verksamhet upphör';
    case 'director_information':
      return AGENDA_KIND_LABEL.director_information;
    case 'other':
      return title || refuse('INVALID', 'Ange ärendets rubrik.');
  }
}

/** R192: the chair, or the administrative function as the board's secretary. */
const ATTENDANCE_FORBIDDEN =
  'Endast ordföranden eller administrativa funktionen (nämndens sekreterare) registrerar närvaro.';

export const recordAttendance = defineCommand({
  label: 'Registrera närvaro',
  payload: z.object({ meetingId: Id, memberId: Id, attendance: Attendance }).strict(),
  authorize: (a, _p, s, now) => when(actsAs(a, s, now, 'chair', 'ckl_admin'), ATTENDANCE_FORBIDDEN),
  decide: (p, s) => {
    const m = meetingIn(s, p.meetingId, 'convened', 'in_session');
    if (isRefusal(m)) return m;
    const member = lookup(s.board.members, p.memberId);
    if (!member || !member.active) return refuse('NOT_FOUND', 'Ledamoten finns inte.');
    if (lookup(m.attendance, p.memberId)?.attendance === p.attendance)
      return refuse('CONFLICT', 'Närvaron är redan registrerad så.');
    // Once in session the presiding member and the justerare must stay present (R197).
    if (
      m.status === 'in_session' &&
      p.attendance === 'absent' &&
      (p.memberId === m.attesterId || member.userId === m.chairedBy?.userId)
    )
      return refuse(
        'CONFLICT',
        'Ordföranden och justeraren kan inte registreras frånvarande under sammanträdet.',
      );
    return [draft('board.attendanceRecorded', p)];
  },
});

export const openMeeting = defineCommand({
  label: 'Öppna sammanträdet',
  payload: z.object({ meetingId: Id, attesterId: Id }).strict(),
  authorize: (a, _p, s, now) => when(actsAs(a, s, now, 'chair'), CHAIR_ONLY),
  decide: (p, s, ctx) => {
    const m = meetingIn(s, p.meetingId, 'convened');
    if (isRefusal(m)) return m;
    // R192: no business without a quorum.
    if (!hasQuorum(m))
      return refuse(
        'CONFLICT',
        `Nämnden är inte beslutför: ${presentCount(m)} av ${m.memberCount} ledamöter närvarande, minst ${quorumOf(m.memberCount)} behövs.`,
      );
    const presiding = memberOfUser(s, ctx.actor.userId);
    if (!presiding || (lookup(m.attendance, presiding.id)?.attendance ?? 'absent') === 'absent')
      return refuse(
        'CONFLICT',
        'Den som leder sammanträdet ska vara ledamot och registrerad som närvarande.',
      );
    // R197: the justerare is another member who is present.
    if (p.attesterId === presiding.id)
      return refuse('INVALID', 'Justeraren ska vara en annan ledamot än ordföranden.');
    const att = lookup(m.attendance, p.attesterId);
    if (!att || att.attendance === 'absent')
      return refuse('INVALID', 'Justeraren ska vara en närvarande ledamot.');
    const attester = lookup(s.board.members, p.attesterId);
    if (!attester?.userId)
      return refuse('INVALID', 'Justeraren behöver ett konto för att kunna justera protokollet.');
    const out: EventDraft[] = [draft('board.meetingOpened', p)];
    // Once the board sits, the kallelse has done its work: nobody is reminded any more.
    const al = m.kallelseAlarmId ? lookup(s.alarm.alarms, m.kallelseAlarmId) : undefined;
    if (al && al.status === 'active') {
      const stood = cancelAlarm.decide(
        { alarmId: al.id, reason: 'Sammanträdet har börjat.' },
        s,
        ctx,
      );
      if (!isRefusal(stood)) out.push(...stood);
    }
    return out;
  },
});

export const closeMeeting = defineCommand({
  label: 'Avsluta sammanträdet',
  payload: z.object({ meetingId: Id }).strict(),
  authorize: (a, _p, s, now) => when(actsAs(a, s, now, 'chair'), CHAIR_ONLY),
  decide: (p, s, ctx) => {
    const m = sessionLedBy(s, p.meetingId, ctx.actor.userId);
    if (isRefusal(m)) return m;
    return [draft('board.meetingClosed', p)];
  },
});

/** R197: the presiding member and the justerare attest, each once and each for themself. */
export const attestProtocol = defineCommand({
  label: 'Justera protokollet',
  payload: z.object({ meetingId: Id }).strict(),
  authorize: (a, p, s) => {
    const m = lookup(s.board.meetings, p.meetingId);
    if (!m) return null;
    const attester = m.attesterId ? lookup(s.board.members, m.attesterId) : undefined;
    return when(
      a.userId === m.chairedBy?.userId || (!!attester && a.userId === attester.userId),
      'Protokollet justeras av den som ledde sammanträdet och av den utsedda justeraren.',
    );
  },
  decide: (p, s, ctx) => {
    const m = meetingIn(s, p.meetingId, 'closed');
    if (isRefusal(m)) return m;
    const member = memberOfUser(s, ctx.actor.userId);
    if (!member) return refuse('FORBIDDEN', 'Du är inte ledamot i krisledningsnämnden.');
    if (m.attestations.some((x) => x.userId === ctx.actor.userId))
      return refuse(
        'CONFLICT',
        'Du har redan justerat protokollet. Den andra justeringen görs av en annan ledamot.',
      );
    return [draft('board.protocolAttested', { meetingId: m.id, memberId: member.id })];
  },
});
