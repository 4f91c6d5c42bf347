import { formatAge, minutesBetween, openEvents, ownerLabel } from '../../../shared/views';
import { useCityState, useNow } from '../hooks';
import { useUi } from '../store/ui';
import { LevelTag } from './bits';

/** The open events with level, age and owner; choosing one opens its page. */
export function EventList() {
  const state = useCityState();
  const now = useNow();
  const selected = useUi((u) => u.selectedEventId);
  const select = useUi((u) => u.selectEvent);
  const events = openEvents(state);
  return (
    <section className="card" aria-labelledby="events-h">
      <h2 id="events-h">Öppna händelser ({events.length})</h2>
      {events.length === 0 ? (
        <p className="muted">Inga öppna händelser.</p>
      ) : (
        <ul className="event-list">
          {events.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className={`event-row${selected === e.id ? ' selected' : ''}`}
                aria-current={selected === e.id ? 'true' : undefined}
                onClick={() => select(e.id)}
              >
                <LevelTag level={e.level} />
                <span className="event-title">{e.title}</span>
                <span className="event-meta">
                  {ownerLabel(state, e)} · öppnad för {formatAge(minutesBetween(e.openedAt, now))}{' '}
                  sedan
                  {e.pendingProposalId ? ' · förslag väntar' : ''}
                  {e.centralSupport.status === 'requested' ? ' · begär centralt stöd' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
