/**
 * The call-in board (inkallningstavla): each list's fill against its quota, each person's state,
 * ETA, reminders and replacements, live from the state. Words and symbols, never colour alone.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Alarm, Recipient } from '../../../../shared/domain/alarm';
import { LEVEL_LABEL } from '../../../../shared/domain/vocabulary';
import { SubmitActions } from '../../components/SubmitActions';
import { Field } from '../../components/bits';
import { DataTable } from '../../components/adminKit';
import { useCityState, useMay } from '../../hooks';
import { consoleStore } from '../../store/console';
import { hhmm } from '../../format';
import {
  STATE_SYMBOL,
  arrivalAt,
  changeLine,
  isWaiting,
  recipientsOf,
  boardMessage,
  sendText,
  stateLabel,
} from './views';
import { tableGet, tableValues } from '../../../../shared/domain/table';
import { plural } from '../../../../shared/text/plural';
import { Icon } from '../../components/Icon';
import { lookup, present } from '../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../submitOnce';

function AlarmStatus({ a }: { a: Alarm }) {
  switch (a.status) {
    case 'staffed':
      return (
        <span className="tag alarm-status alarm-staffed" data-testid="alarm-status">
          <span aria-hidden="true">✓</span> Bemannat {hhmm(a.completedAt)}
        </span>
      );
    case 'cancelled':
      return (
        <span className="tag alarm-status alarm-cancelled" data-testid="alarm-status">
          <span aria-hidden="true">✕</span> Avbrutet {hhmm(a.completedAt)}
        </span>
      );
    case 'active':
      return (
        <span className="tag alarm-status alarm-active" data-testid="alarm-status">
          <span aria-hidden="true">◐</span> Inkallning pågår
        </span>
      );
    default: {
      const never: never = a.status;
      return never;
    }
  }
}

function Sends({ r, exercise }: { r: Recipient; exercise: boolean }) {
  const sends = Object.values(r.sends).sort((x, y) => x.n - y.n);
  if (sends.length === 0) return <span className="muted">Inget skickat ännu</span>;
  return (
    <ul className="plain sends">
      {sends.map((s) => (
        <li
          key={`${s.n}:${s.channel}`}
          className={s.status === 'sent' && !s.via ? '' : `send-${s.via ?? s.status}`}
          data-testid={`send-${s.n}-${s.channel}`}
        >
          {s.n === 2 ? 'Påminnelse' : s.n === 3 ? 'Avlarmning' : 'Larm'} ·{' '}
          {(s.status === 'failed' || s.status === 'gave_up') && (
            <>
              <Icon name="warning" />{' '}
            </>
          )}
          {sendText(s, exercise, hhmm)}
        </li>
      ))}
    </ul>
  );
}

/** An answer given by phone, recorded by whoever may alarm the list (R48). */
function RecordAnswer({ a, r }: { a: Alarm; r: Recipient }) {
  const uid = useId();
  const origin = `alarm-record-${a.id}-${r.key}`;
  const { submit: send, ack } = useSubmitOnce(origin);
  const [answer, setAnswer] = useState<'coming' | 'cannot'>('coming');
  const [eta, setEta] = useState('');
  const may = useMay('alarm.respond', { alarmId: a.id, key: r.key, answer: 'cannot' });
  if (!may) return null;
  return (
    <details className="action record-answer">
      <summary>Registrera svar per telefon</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send('alarm.respond', {
            alarmId: a.id,
            key: r.key,
            answer,
            ...(answer === 'coming' ? { etaMinutes: Number(eta) } : {}),
          });
        }}
      >
        <fieldset>
          <legend>Svar från {r.name}</legend>
          <label className="check">
            <input
              type="radio"
              name={`${uid}-a`}
              checked={answer === 'coming'}
              onChange={() => setAnswer('coming')}
            />{' '}
            Kommer
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${uid}-a`}
              checked={answer === 'cannot'}
              onChange={() => setAnswer('cannot')}
            />{' '}
            Kan inte komma
          </label>
        </fieldset>
        {answer === 'coming' && (
          <Field label="Beräknad ankomst (minuter)" id={`${uid}-eta`}>
            <input
              id={`${uid}-eta`}
              type="number"
              min={0}
              max={1440}
              required
              value={eta}
              onChange={(e) => setEta(e.target.value)}
            />
          </Field>
        )}
        <SubmitActions
          label="Registrera svaret"
          variant="secondary"
          ack={ack}
          okText="Svaret är registrerat."
        />
      </form>
    </details>
  );
}

function CancelAlarm({ a }: { a: Alarm }) {
  const uid = useId();
  const { submit: send, ack } = useSubmitOnce(`alarm-cancel-${a.id}`);
  const [reason, setReason] = useState('');
  const may = useMay('alarm.cancel', { alarmId: a.id, reason: 'x' });
  if (!may || a.status !== 'active') return null;
  return (
    <details className="action">
      <summary>Avbryt larmet…</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send('alarm.cancel', { alarmId: a.id, reason });
        }}
      >
        <Field
          label="Varför avbryts larmet?"
          id={`${uid}-r`}
          hint="De som inte svarat får besked att de inte behöver komma."
        >
          <input
            id={`${uid}-r`}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={`${uid}-r-hint`}
          />
        </Field>
        <SubmitActions
          label="Avbryt larmet"
          variant="danger"
          ack={ack}
          okText="Larmet är avbrutet."
        />
      </form>
    </details>
  );
}

/** Reads changes out in the polite live region: answers, reminders, reserves, "Bemannat". */
function useAnnounceChanges(a: Alarm) {
  const prev = useRef<Alarm | null>(null);
  useEffect(() => {
    const before = prev.current;
    prev.current = a;
    if (!before || before.id !== a.id) return;
    const lines: string[] = [];
    for (const r of tableValues(a.recipients)) {
      const line = changeLine(tableGet(before.recipients, r.key), r, a);
      if (line) lines.push(line);
    }
    if (before.status !== a.status && a.status === 'staffed')
      lines.push(`${a.title}: Bemannat – alla kvoter är fyllda.`);
    if (lines.length) consoleStore.getState().announce(lines.join(' '));
  }, [a]);
}

export function CallInBoard({ alarmId }: { alarmId: string }) {
  const state = useCityState();
  const a = lookup(state.alarm.alarms, alarmId);
  if (!a) return <p className="muted">Larmet finns inte längre i läget.</p>;
  return <Board a={a} />;
}

const BOARD_COLS = ['Person', 'Status', 'Ankomst', 'Utskick'];

function Board({ a }: { a: Alarm }) {
  const state = useCityState();
  useAnnounceChanges(a);
  const hId = `board-${a.id}`;
  const lists = a.listOrder.map((id) => lookup(a.lists, id)).filter(present);
  const filled = lists.reduce((n, l) => n + Math.min(l.filled, l.quota), 0);
  const message = boardMessage(a);
  const quota = lists.reduce((n, l) => n + l.quota, 0);
  return (
    <section className="card board" aria-labelledby={hId} data-testid={`board-${a.id}`}>
      <div className="panel-head">
        <h2 id={hId}>
          {a.exercise && <span className="tag tag-exercise">ÖVNING</span>} {a.title}
        </h2>
        <AlarmStatus a={a} />
      </div>
      <p className="muted board-meta">
        Larmat {hhmm(a.startedAt)} av {a.startedBy.name}
        {a.level ? ` · larmplan ${LEVEL_LABEL[a.level].toLowerCase()}` : ''}
        {a.eventId && lookup(state.events, a.eventId)
          ? ` · ${lookup(state.events, a.eventId)?.title}`
          : ''}{' '}
        ·{' '}
        <strong>
          {filled} av {quota} på väg
        </strong>
      </p>
      {a.status === 'staffed' && (
        <p className="board-done" role="status">
          <span aria-hidden="true">✓</span> Bemannat – alla kvoter är fyllda. Inkallningen har
          stoppats och de som inte hunnit svara har fått besked.
        </p>
      )}
      <p className="board-message" data-testid="board-message">
        <span className="muted">
          Meddelande{message.as ? ` (så som ${message.as} fick det)` : ''}:
        </span>{' '}
        ”{message.text}”
      </p>
      {lists.map((l) => {
        const rs = recipientsOf(a, l.listId);
        const listH = `${hId}-${l.listId}`;
        return (
          <div className="board-list" key={l.listId} data-testid={`list-${l.listId}`}>
            <div className="board-list-head">
              <h3 id={listH}>
                {l.name}{' '}
                <span className="fill" data-testid="fill">
                  {l.filled}/{l.quota}
                </span>
              </h3>
              <span className="fill-bar" aria-hidden="true" title={`${l.filled} av ${l.quota}`}>
                {Array.from({ length: l.quota }, (_, i) => (
                  <span key={i} className={i < l.filled ? 'slot slot-filled' : 'slot'} />
                ))}
              </span>
              {l.staffedAt ? (
                <span className="tag alarm-staffed">
                  <span aria-hidden="true">✓</span> Bemannad {hhmm(l.staffedAt)}
                </span>
              ) : l.exhausted ? (
                <span className="tag alarm-exhausted" role="alert">
                  <Icon name="warning" /> Inga fler reserver – kvoten är inte fylld
                </span>
              ) : a.status === 'active' ? (
                <span className="muted">
                  Svarstid {Math.round(l.timeoutSeconds / 60) || '<1'} min, sedan påminnelse
                </span>
              ) : null}
            </div>
            <DataTable
              className="board-table"
              aria-labelledby={listH}
              cols={BOARD_COLS}
              rows={rs}
              row={(r) => (
                <tr key={r.key} className={`rstate rstate-${r.state}`} data-testid={`r-${r.key}`}>
                  <th scope="row">
                    {r.name}
                    {r.reserveFor && (
                      <span className="muted reserve-for">
                        {' '}
                        reserv för {tableGet(a.recipients, r.reserveFor)?.name ?? 'annan'}
                      </span>
                    )}
                  </th>
                  <td>
                    <span className="rstate-label">
                      <span aria-hidden="true">{STATE_SYMBOL[r.state]}</span> {stateLabel(r)}
                    </span>
                    {r.answeredAt && (
                      <span className="muted">
                        {' '}
                        {hhmm(r.answeredAt)}
                        {r.answeredVia === 'link'
                          ? ' via länk'
                          : r.answeredVia === 'console'
                            ? ' i konsolen'
                            : r.answeredVia === 'recorded'
                              ? ' per telefon'
                              : ''}
                      </span>
                    )}
                    {isWaiting(r) && a.status === 'active' && !l.staffedAt && (
                      <span className="muted">
                        {' '}
                        {r.state === 'reminded' ? 'ersätts' : 'påminns'} {hhmm(r.deadline)}
                      </span>
                    )}
                    {r.comment && <span className="muted"> ”{r.comment}”</span>}
                    {a.status === 'active' && (isWaiting(r) || r.state === 'replaced') && (
                      <RecordAnswer a={a} r={r} />
                    )}
                  </td>
                  <td>{arrivalAt(r) ? `ca ${hhmm(arrivalAt(r))}` : '–'}</td>
                  <td>
                    <Sends r={r} exercise={a.exercise && !a.realChannels} />
                  </td>
                </tr>
              )}
            />
            {l.order.length > rs.length && (
              <p className="muted">
                {plural(l.order.length - rs.length, 'reserv', 'reserver')}{' '}
                {a.status === 'active' && !l.staffedAt ? 'ej larmade ännu' : 'behövde inte larmas'}
              </p>
            )}
          </div>
        );
      })}
      <CancelAlarm a={a} />
    </section>
  );
}
