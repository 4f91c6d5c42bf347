/**
 * Past meetings and their protocols (R197): held meetings are "ej justerat" until the one who
 * led it and the justerare have both attested; each attests for themself, once.
 */
import { ITEM_OUTCOME_LABEL, type BoardMeeting } from '../../../../shared/domain/board';
import { lookup } from '../../../../shared/domain/keyed';
import { REAL_SPACE } from '../../../../shared/protocol';
import { useCityState } from '../../hooks';
import { useConsole } from '../../store/console';
import { dayTime } from '../../format';
import { Card } from '../../components/kit';
import { pastMeetings } from './views';
import { MeetingButton } from './meetingCommands';

function protocolState(m: BoardMeeting): string {
  if (m.status === 'cancelled') return 'Inställt';
  if (m.status === 'attested') return 'Protokollet justerat';
  return `Protokollet ej justerat (${m.attestations.length} av 2 justeringar)`;
}

function PastMeeting({ m }: { m: BoardMeeting }) {
  const state = useCityState();
  const space = useConsole((s) => s.currentSpace);
  const attester = m.attesterId ? lookup(state.board.members, m.attesterId) : undefined;
  const held = m.status === 'closed' || m.status === 'attested';
  const q = new URLSearchParams({ meetingId: m.id, format: 'pdf' });
  if (space !== REAL_SPACE) q.set('space', space);
  return (
    <li className="board-past" data-testid={`protocol-${m.id}`}>
      <p>
        <strong>{dayTime(m.startsAt)}</strong> {m.place}
      </p>
      <p>
        <span className={`tag${m.status === 'attested' ? ' badge-ok' : ''}`}>
          {m.status === 'attested' ? '✓ ' : ''}
          {protocolState(m)}
        </span>
      </p>
      {held && (
        <>
          <p className="muted">
            Ledde: {m.chairedBy?.name ?? '–'}. Justerare: {attester?.name ?? '–'}.
            {m.attestations.length > 0 &&
              ` Justerat av ${m.attestations.map((a) => `${a.name} ${dayTime(a.at)}`).join(', ')}.`}
          </p>
          <details>
            <summary>
              Visa protokollets paragrafer ({m.agenda.filter((i) => i.outcome).length})
            </summary>
            <ol className="plain">
              {m.agenda
                .filter((i) => i.outcome)
                .map((i) => (
                  <li key={i.id}>
                    <strong>§ {i.outcome?.paragraph}</strong> {i.title} –{' '}
                    {i.outcome && ITEM_OUTCOME_LABEL[i.outcome.kind]}: {i.outcome?.text}
                  </li>
                ))}
            </ol>
          </details>
          <p>
            <a href={`/api/export/protocol?${q.toString()}`} target="_blank" rel="noreferrer">
              Protokollet som PDF
            </a>
          </p>
        </>
      )}
      {m.status === 'closed' && <MeetingButton meeting={m} type="board.attestProtocol" />}
    </li>
  );
}

export function Protocols() {
  const state = useCityState();
  const past = pastMeetings(state);
  return (
    <Card title={`Tidigare sammanträden (${past.length})`} testId="board-protocols">
      {past.length === 0 ? (
        <p className="muted">Nämnden har inte sammanträtt.</p>
      ) : (
        <ul className="plain board-past-list">
          {past.map((m) => (
            <PastMeeting key={m.id} m={m} />
          ))}
        </ul>
      )}
    </Card>
  );
}
