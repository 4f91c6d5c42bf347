/** What a participant sees: the injects played so far and the messages from external actors. */
import { EXERCISE_MARK, type ExerciseMessage } from '../../../../shared/domain/exercise';
import {
  INJECT_KIND_LABEL,
  MESSAGE_CHANNEL_LABEL,
  type InjectKind,
} from '../../../../shared/exercise/scenario';
import type { PlayedInject } from '../../store/console';
import { hhmm } from '../../format';

export function PlayedList({ played }: { played: PlayedInject[] }) {
  return (
    <section className="card" aria-labelledby="played-h" data-testid="played-injects">
      <h2 id="played-h">Spelat hittills</h2>
      {played.length === 0 && <p className="muted">Inget har spelats ännu.</p>}
      <ol className="timeline">
        {[...played].reverse().map((p) => (
          <li key={p.injectId}>
            <span className="history-time">{hhmm(p.at)}</span>{' '}
            {INJECT_KIND_LABEL[p.kind as InjectKind] ?? p.kind}: {p.title}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function MessageFeed({ messages }: { messages: ExerciseMessage[] }) {
  return (
    <section className="card" aria-labelledby="msgs-h" data-testid="exercise-messages">
      <h2 id="msgs-h">Meddelanden från externa aktörer</h2>
      {messages.length === 0 && <p className="muted">Inga meddelanden ännu.</p>}
      <ol className="message-feed">
        {[...messages].reverse().map((m) => (
          <li key={m.id} className="exercise-message" data-testid="exercise-message">
            <div className="msg-head">
              <span className="msg-mark">{EXERCISE_MARK}</span> <strong>{m.from}</strong>{' '}
              <span className="muted">
                · {MESSAGE_CHANNEL_LABEL[m.channel]} · {hhmm(m.at)}
              </span>
            </div>
            {m.subject && <div className="msg-subject">{m.subject}</div>}
            <p className="msg-text">{m.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
