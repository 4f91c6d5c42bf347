/**
 * The meeting at hand (R191–R194, R197): when and where, who is present and whether the board
 * is quorate, opening it with a justerare, the agenda, closing or cancelling it.
 */
import { useState } from 'react';
import {
  MEETING_FORM_LABEL,
  MEETING_STATUS_LABEL,
  boardMembers,
  memberOfUser,
  type BoardMeeting,
} from '../../../../shared/domain/board';
import { lookup } from '../../../../shared/domain/keyed';
import { useCityState, useMay } from '../../hooks';
import { useConsole } from '../../store/console';
import { dayTime } from '../../format';
import { SelectField, TextField } from '../../components/kit';
import { MeetingButton, MeetingForm } from './meetingCommands';
import { AttendanceList } from './Attendance';
import { Agenda } from './Agenda';

function OpenMeeting({ meeting }: { meeting: BoardMeeting }) {
  const state = useCityState();
  const me = useConsole((s) => s.me);
  const presiding = me ? memberOfUser(state, me.userId) : undefined;
  const candidates = boardMembers(state).filter(
    (m) =>
      m.id !== presiding?.id &&
      !!m.userId &&
      (lookup(meeting.attendance, m.id)?.attendance ?? 'absent') !== 'absent',
  );
  const [attesterId, setAttesterId] = useState('');
  const chosen = candidates.some((c) => c.id === attesterId)
    ? attesterId
    : (candidates[0]?.id ?? '');
  return (
    <MeetingForm
      meeting={meeting}
      type="board.openMeeting"
      open
      testId="board-open"
      send={() => (chosen ? { attesterId: chosen } : null)}
    >
      {candidates.length === 0 ? (
        <p className="muted">
          Registrera närvaro först: justeraren är en annan närvarande ledamot med konto.
        </p>
      ) : (
        <SelectField
          label="Justerare (justerar protokollet med ordföranden)"
          value={chosen}
          onChange={setAttesterId}
          options={candidates.map((c) => [c.id, c.name] as const)}
        />
      )}
    </MeetingForm>
  );
}

function CancelMeeting({ meeting }: { meeting: BoardMeeting }) {
  const [reason, setReason] = useState('');
  return (
    <MeetingForm
      meeting={meeting}
      type="board.cancelMeeting"
      send={() => (reason.trim() ? { reason } : null)}
    >
      <TextField label="Skäl (obligatoriskt)" value={reason} onChange={setReason} required />
    </MeetingForm>
  );
}

function CloseMeeting({ meeting }: { meeting: BoardMeeting }) {
  const may = useMay('board.closeMeeting', { meetingId: meeting.id });
  if (!may) return null;
  const open = meeting.agenda.filter((i) => !i.outcome).length;
  return (
    <div className="board-close">
      {open > 0 && (
        <p className="muted">
          {open} {open === 1 ? 'ärende är' : 'ärenden är'} inte behandlade.
        </p>
      )}
      <MeetingButton meeting={meeting} type="board.closeMeeting" />
    </div>
  );
}

export function CurrentMeeting({ meeting }: { meeting: BoardMeeting }) {
  const state = useCityState();
  const attester = meeting.attesterId ? lookup(state.board.members, meeting.attesterId) : undefined;
  return (
    <div data-testid="board-current">
      <p className="board-meeting-status">
        <span className="tag">{MEETING_STATUS_LABEL[meeting.status]}</span>{' '}
        <strong>{dayTime(meeting.startsAt)}</strong> · {MEETING_FORM_LABEL[meeting.form]} ·{' '}
        {meeting.place}
      </p>
      <p className="muted">
        Kallat av {meeting.convenedBy.name} {dayTime(meeting.convenedAt)}
        {meeting.chairedBy && `. Leds av ${meeting.chairedBy.name}`}
        {attester && `, justerare ${attester.name}`}.
      </p>
      <AttendanceList meeting={meeting} />
      {meeting.status === 'convened' && <OpenMeeting meeting={meeting} />}
      <Agenda meeting={meeting} />
      {meeting.status === 'in_session' && <CloseMeeting meeting={meeting} />}
      {meeting.status === 'convened' && <CancelMeeting meeting={meeting} />}
    </div>
  );
}
