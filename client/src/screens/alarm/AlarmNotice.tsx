/**
 * What a signed-in person sees when they are alarmed (R48): a clear notice on every screen with
 * "Kommer, ETA" and "Kan inte komma"; and a handover waiting for them to read (R55).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Alarm, Recipient } from '../../../../shared/domain/alarm';
import { dutyLabel } from '../../../../shared/domain/alarm';
import { AckLine } from '../../components/AckLine';
import { useCityState } from '../../hooks';
import { consoleStore, useConsole } from '../../store/console';
import { hhmm } from '../../format';
import { messageFor, myOpenCalls } from './views';
import { tableGet } from '../../../../shared/domain/table';
import { Icon } from '../../components/Icon';
import { lookup, present, setEntry } from '../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../submitOnce';
import { useAttentionUi } from '../../attention/store';

export function CallNotice({ a, r }: { a: Alarm; r: Recipient }) {
  const uid = useId();
  const { submit: send, ack } = useSubmitOnce(`alarm-answer-${a.id}`);
  const [eta, setEta] = useState('');
  const [error, setError] = useState<string | null>(null);
  const etaRef = useRef<HTMLInputElement>(null);
  const coming = () => {
    const n = Number(eta);
    if (eta.trim() === '' || !Number.isInteger(n) || n < 0 || n > 1440) {
      setError('Ange om hur många minuter du beräknas vara på plats (0–1440).');
      etaRef.current?.focus();
      return;
    }
    setError(null);
    send('alarm.respond', { alarmId: a.id, answer: 'coming', etaMinutes: n });
  };
  return (
    <section
      className="alarm-notice"
      aria-labelledby={`${uid}-h`}
      data-testid={`alarm-notice-${a.id}`}
    >
      <h2 id={`${uid}-h`}>
        <Icon name="warning" /> {a.exercise ? 'ÖVNING – ' : ''}
        {r.state === 'reminded' ? 'Påminnelse: du är larmad' : 'Du är larmad'}: {a.title}
      </h2>
      <p className="alarm-notice-text">{messageFor(a, r)}</p>
      <p className="muted">
        {lookup(a.lists, r.listId)?.name} · larmat {hhmm(a.startedAt)} av {a.startedBy.name}. Svara
        så snart du kan – annars påminns du {hhmm(r.deadline)}
        {r.state === 'reminded' ? ' och en reserv larmas' : ''}.
      </p>
      <form
        className="alarm-notice-form"
        onSubmit={(e) => {
          e.preventDefault();
          coming();
        }}
      >
        <div className="field">
          <label htmlFor={`${uid}-eta`}>Beräknad ankomst (minuter)</label>
          <input
            id={`${uid}-eta`}
            ref={etaRef}
            type="number"
            inputMode="numeric"
            min={0}
            max={1440}
            value={eta}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${uid}-err` : undefined}
            onChange={(e) => setEta(e.target.value)}
          />
        </div>
        <button type="submit" className="btn-primary">
          <span aria-hidden="true">✓</span> Kommer
        </button>
        <button
          type="button"
          className="btn-secondary"
          onClick={() => send('alarm.respond', { alarmId: a.id, answer: 'cannot' })}
        >
          <span aria-hidden="true">✕</span> Kan inte komma
        </button>
      </form>
      {error && (
        <p className="ack ack-refused" id={`${uid}-err`} role="alert">
          {error}
        </p>
      )}
      <AckLine ack={ack} okText="Ditt svar är registrerat." />
    </section>
  );
}

/** After answering: a short confirmation until dismissed, so the answer is not lost from view. */
function Answered({ a, r, onClose }: { a: Alarm; r: Recipient; onClose: () => void }) {
  return (
    <div className="alarm-answered" role="status" data-testid={`alarm-answered-${a.id}`}>
      <span aria-hidden="true">{r.state === 'acknowledged' ? '✓' : '✕'}</span> Ditt svar på ”
      {a.title}” är registrerat:{' '}
      {r.state === 'acknowledged'
        ? `du kommer, beräknad ankomst om ${r.etaMinutes} min.`
        : r.state === 'declined'
          ? 'du kan inte komma. En reserv larmas.'
          : 'du behöver inte komma.'}{' '}
      <button type="button" className="btn-quiet" onClick={onClose}>
        Stäng
      </button>
    </div>
  );
}

function HandoverWaiting() {
  const me = useConsole((s) => s.me);
  const state = useCityState();
  if (!me) return null;
  const waiting = state.alarm.handoverOrder
    .map((id) => lookup(state.alarm.handovers, id))
    .filter(present)
    .filter((h) => h.toUserId === me.userId && !h.acknowledgedAt);
  if (waiting.length === 0) return null;
  return (
    <div className="handover-waiting" role="note" data-testid="handover-waiting">
      <span aria-hidden="true">⇆</span> Överlämning väntar på dig:{' '}
      {waiting
        .map(
          (h) =>
            `${dutyLabel(h.duty, (id) => lookup(state.districts, id)?.name ?? id)} (${hhmm(h.at)})`,
        )
        .join(', ')}
      . <a href="#/bemanning">Läs och kvittera</a>
    </div>
  );
}

export function AlarmNotices() {
  const me = useConsole((s) => s.me);
  const state = useCityState();
  const calls = me ? myOpenCalls(state, me.userId) : [];
  // Alarms answered here stay confirmed until closed (the notice itself goes with the answer).
  const [answered, setAnswered] = useState<Record<string, string>>({});
  // The call the attention dialog shows with its answer form is not shown twice.
  const inDialog = useAttentionUi((u) => u.alarmInDialog);
  const seen = useRef<Set<string>>(new Set());
  useEffect(() => {
    for (const { alarm, r } of calls) {
      const k = `${alarm.id}|${r.key}|${r.state === 'reminded' ? 2 : 1}`;
      if (seen.current.has(k)) continue;
      seen.current.add(k);
      consoleStore
        .getState()
        .announce(`Du är larmad: ${alarm.title}. Svara Kommer eller Kan inte komma.`);
    }
    setAnswered((prev) => {
      const next = { ...prev };
      for (const { alarm, r } of calls) setEntry(next, alarm.id, r.key);
      return Object.keys(next).length === Object.keys(prev).length ? prev : next;
    });
  }, [calls]);
  if (!me) return null;
  const done = Object.entries(answered)
    .flatMap(([alarmId, key]) => {
      const a = lookup(state.alarm.alarms, alarmId);
      return a ? [{ a, key }] : [];
    })
    .filter(({ a, key }) => tableGet(a.recipients, key) && !calls.some((c) => c.alarm.id === a.id));
  return (
    <div className="notices">
      {calls
        .filter(({ alarm, r }) => inDialog !== `alarm:${alarm.id}~${r.key}`)
        .map(({ alarm, r }) => (
          <CallNotice key={`${alarm.id}|${r.key}`} a={alarm} r={r} />
        ))}
      {done.map(({ a, key }) => (
        <Answered
          key={a.id}
          a={a}
          r={tableGet(a.recipients, key) as Recipient}
          onClose={() =>
            setAnswered((prev) => {
              const next = { ...prev };
              delete next[a.id];
              return next;
            })
          }
        />
      ))}
      <HandoverWaiting />
    </div>
  );
}
