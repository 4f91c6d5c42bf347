/**
 * Attendance per member (R192): on site, at a distance or absent, recorded by the chair or the
 * administrative function; the quorum is said in words beside it.
 */
import {
  ATTENDANCE,
  ATTENDANCE_LABEL,
  boardMembers,
  hasQuorum,
  type Attendance as AttendanceKind,
  type BoardMeeting,
  type BoardMember,
} from '../../../../shared/domain/board';
import { lookup } from '../../../../shared/domain/keyed';
import { useCityState, useMay } from '../../hooks';
import { useSubmitOnce } from '../../submitOnce';
import { AckLine } from '../../components/AckLine';
import { kallelseAnswer, quorumText } from './views';

const SHORT: Record<AttendanceKind, string> = {
  in_person: 'På plats',
  remote: 'På distans',
  absent: 'Frånvarande',
};

function MemberAttendance({ meeting, member }: { meeting: BoardMeeting; member: BoardMember }) {
  const state = useCityState();
  const current = lookup(meeting.attendance, member.id)?.attendance;
  const answer = kallelseAnswer(state, meeting, member);
  const may = useMay('board.recordAttendance', {
    meetingId: meeting.id,
    memberId: member.id,
    attendance: 'in_person',
  });
  const { submit, ack, busy } = useSubmitOnce(`board-att:${meeting.id}:${member.id}`);
  return (
    <li className="board-att" data-testid={`attendance-${member.id}`}>
      <span className="board-att-who">
        <strong>{member.name}</strong>{' '}
        <span className={`board-att-state${current && current !== 'absent' ? ' is-present' : ''}`}>
          {current ? ATTENDANCE_LABEL[current] : 'Ej registrerad'}
        </span>
        {answer && meeting.status === 'convened' && (
          <span className="board-att-answer muted">{answer}</span>
        )}
      </span>
      {may && (
        <span className="board-att-buttons" role="group" aria-label={`Närvaro för ${member.name}`}>
          {ATTENDANCE.map((a) => (
            <button
              key={a}
              type="button"
              className={current === a ? 'btn-primary' : 'btn-secondary'}
              aria-pressed={current === a}
              disabled={busy}
              onClick={() =>
                current !== a &&
                submit('board.recordAttendance', {
                  meetingId: meeting.id,
                  memberId: member.id,
                  attendance: a,
                })
              }
            >
              {SHORT[a]}
            </button>
          ))}
        </span>
      )}
      <AckLine ack={ack} okText="Närvaron är registrerad." />
    </li>
  );
}

export function AttendanceList({ meeting }: { meeting: BoardMeeting }) {
  const state = useCityState();
  const quorate = hasQuorum(meeting);
  return (
    <section aria-labelledby={`att-${meeting.id}`}>
      <h3 id={`att-${meeting.id}`}>Närvaro</h3>
      <p
        className={`board-quorum ${quorate ? 'is-quorate' : 'not-quorate'}`}
        data-testid="board-quorum"
        role="status"
      >
        <span aria-hidden="true">{quorate ? '✓' : '✗'}</span> {quorumText(meeting)}
      </p>
      <ul className="plain board-att-list">
        {boardMembers(state).map((m) => (
          <MemberAttendance key={m.id} meeting={meeting} member={m} />
        ))}
      </ul>
    </section>
  );
}
