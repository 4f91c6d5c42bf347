/**
 * Endurance (uthållighet): duty schedules per function with relief times (R54), and the
 * handover (överlämning) generated from the log, acknowledged by the incoming person (R55).
 */
import { useId, useState } from 'react';
import { dutyLabel, dutyOfTarget, onDuty, type Handover } from '../../../../shared/domain/alarm';
import { CKL_FUNCTIONS } from '../../../../shared/domain/vocabulary';
import { AckLine } from '../../components/AckLine';
import { SubmitActions } from '../../components/SubmitActions';
import { DataTable, FormCard, RowButton } from '../../components/adminKit';
import { Field } from '../../components/bits';
import { SelectField, TextField, TimeField } from '../../components/kit';
import type { CityState } from '../../../../shared/domain/state';
import type { CommandPayload, CommandType } from '../../../../shared/commands';
import { useCityState, useMay, useNow } from '../../hooks';
import { mayDo, useConsole } from '../../store/console';
import { dayTime, hhmm } from '../../format';
import type { ScreenProps } from '../common';
import './alarm.css';
import {
  DISTRICT_STATUSES,
  DISTRICT_STATUS_LABEL,
  labelOf,
} from '../../../../shared/domain/vocabulary';
import { Icon } from '../../components/Icon';
import { lookup, present } from '../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../submitOnce';

/** Every duty the city has that is in use or plannable: CKL, the lead, each district's. */
function useDuties(): string[] {
  const state = useCityState();
  const set = new Set<string>([
    'director',
    'security_chief',
    ...CKL_FUNCTIONS.map((f) => `ckl:${f}`),
    'ckl_lead',
  ]);
  for (const l of Object.values(state.alarm.lists)) set.add(dutyOfTarget(l.target));
  for (const sh of Object.values(state.alarm.duty)) set.add(sh.duty);
  for (const d of Object.values(state.districts)) set.add(`district:${d.districtId}`);
  return [...set];
}

/** A duty's name as the console shows it: a district's duty by the district's name. */
const dutyNames = (state: CityState) => (d: string) =>
  dutyLabel(d, (id) => lookup(state.districts, id)?.name ?? id);

/** A datetime-local value (Stockholm wall time in the browser) to ISO. */
const toIso = (local: string): string => new Date(local).toISOString();

/**
 * Whether the person may send a command, asked as the server would; a form asks it for each
 * duty, the schedule for each shift. `every`: how often the clock it asks at moves on.
 */
function useMayAsk(every: number) {
  const state = useCityState();
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const now = useNow(every);
  const may = <K extends CommandType>(type: K, payload: CommandPayload<K>) =>
    mayDo({ me, actingFor }, state, type, payload, now);
  return { state, now, may };
}

function ShiftForm({ duties }: { duties: string[] }) {
  const uid = useId();
  const { state, now, may } = useMayAsk(60_000);
  const { submit: send, ack } = useSubmitOnce('duty-shift');
  const label = dutyNames(state);
  const plannable = duties.filter((d) =>
    may('duty.saveShift', { duty: d, personName: 'x', from: now, to: now }),
  );
  const [duty, setDuty] = useState(plannable[0] ?? '');
  const [userId, setUserId] = useState('');
  const [personName, setPersonName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  if (plannable.length === 0) return null;
  return (
    <FormCard
      title="Nytt pass"
      onSubmit={() =>
        send('duty.saveShift', {
          duty,
          personName,
          ...(userId ? { userId } : {}),
          from: toIso(from),
          to: toIso(to),
        })
      }
    >
      <SelectField
        label="Funktion"
        value={duty}
        onChange={setDuty}
        options={plannable.map((d) => [d, label(d)] as const)}
      />
      <div className="row2">
        <Field label="Konto" id={`${uid}-u`}>
          <select
            id={`${uid}-u`}
            value={userId}
            onChange={(e) => {
              setUserId(e.target.value);
              const u = lookup(state.users, e.target.value);
              if (u) setPersonName(u.name);
            }}
          >
            <option value="">Inget konto</option>
            {Object.values(state.users).map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <TextField label="Namn" required value={personName} onChange={setPersonName} />
      </div>
      <div className="row2">
        <TimeField label="Från" required value={from} onChange={setFrom} />
        <TimeField label="Till (avlösning)" required value={to} onChange={setTo} />
      </div>
      <SubmitActions label="Spara passet" ack={ack} okText="Passet är sparat." />
    </FormCard>
  );
}

const SHIFT_COLS = ['Person', 'Från', 'Avlöses', 'Nu'];

function Schedule({ duties }: { duties: string[] }) {
  const { state, now, may } = useMayAsk(30_000);
  const { submit: send, ack } = useSubmitOnce('duty-remove');
  const label = dutyNames(state);
  const shifts = Object.values(state.alarm.duty).filter(
    (sh) => Date.parse(sh.to) > Date.parse(now) - 12 * 3600_000,
  );
  const withShifts = duties.filter((d) => shifts.some((sh) => sh.duty === d));
  return (
    <section className="card" aria-labelledby="schedule-h">
      <h2 id="schedule-h">Bemanningsschema</h2>
      <AckLine ack={ack} okText="Passet är borttaget." />
      {withShifts.length === 0 && <p className="muted">Inga pass planerade.</p>}
      {withShifts.map((d) => {
        const on = onDuty(state.alarm, d, now);
        const rows = shifts
          .filter((sh) => sh.duty === d)
          .sort((a, b) => a.from.localeCompare(b.from));
        return (
          <div key={d} className="duty">
            <h3>
              {label(d)}{' '}
              <span className="muted">
                {on.length ? (
                  `i tjänst: ${on.map((s) => s.personName).join(', ')}`
                ) : (
                  <>
                    <Icon name="warning" /> ingen i tjänst nu
                  </>
                )}
              </span>
            </h3>
            <DataTable
              cols={SHIFT_COLS}
              actions="Åtgärder"
              rows={rows}
              row={(sh) => (
                <tr key={sh.id}>
                  <th scope="row">{sh.personName}</th>
                  <td>{dayTime(sh.from)}</td>
                  <td>{dayTime(sh.to)}</td>
                  <td>
                    {on.some((o) => o.id === sh.id)
                      ? '● I tjänst'
                      : sh.to <= now
                        ? 'Avslutat'
                        : 'Kommande'}
                  </td>
                  <td>
                    {may('duty.removeShift', { shiftId: sh.id }) && (
                      <RowButton
                        label="Ta bort"
                        what={`passet för ${sh.personName}`}
                        onClick={() => send('duty.removeShift', { shiftId: sh.id })}
                      />
                    )}
                  </td>
                </tr>
              )}
            />
          </div>
        );
      })}
    </section>
  );
}

function HandoverForm({ duties }: { duties: string[] }) {
  const uid = useId();
  const me = useConsole((s) => s.me);
  const { state, now, may } = useMayAsk(60_000);
  const { submit: send, ack } = useSubmitOnce('handover-create', { onSaved: () => setNote('') });
  const label = dutyNames(state);
  const mine = duties.filter((d) => may('handover.create', { duty: d, toUserId: 'x' }));
  const [duty, setDuty] = useState(mine[0] ?? '');
  const [toUserId, setTo] = useState('');
  const [note, setNote] = useState('');
  if (mine.length === 0) return null;
  // The next shift of the duty suggests who takes over.
  const next = Object.values(state.alarm.duty)
    .filter((sh) => sh.duty === duty && sh.from >= now && sh.userId)
    .sort((a, b) => a.from.localeCompare(b.from))[0];
  return (
    <FormCard
      title="Lämna över"
      onSubmit={() => {
        // Nobody chosen and no next shift: the server would refuse a handover to no one.
        const to = toUserId || next?.userId;
        if (to) send('handover.create', { duty, toUserId: to, note });
      }}
    >
      <p className="muted">
        Överlämningen sammanställs från loggen sedan förra överlämningen: beslut, öppna uppdrag,
        ändringar i lägesbilden och obesvarade begäranden.
      </p>
      <SelectField
        label="Funktion"
        value={duty}
        onChange={setDuty}
        options={mine.map((d) => [d, label(d)] as const)}
      />
      <Field label="Till" id={`${uid}-u`}>
        <select
          id={`${uid}-u`}
          required
          value={toUserId || next?.userId || ''}
          onChange={(e) => setTo(e.target.value)}
        >
          <option value="">Välj…</option>
          {Object.values(state.users)
            .filter((u) => u.userId !== me?.userId)
            .map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name}
                {next?.userId === u.userId ? ' (nästa pass)' : ''}
              </option>
            ))}
        </select>
      </Field>
      <TextField label="Att tänka på (egen anteckning)" rows={3} value={note} onChange={setNote} />
      <SubmitActions
        label="Skapa överlämning"
        ack={ack}
        okText="Överlämningen är skapad och väntar på att kvitteras."
      />
    </FormCard>
  );
}

function HandoverView({ h }: { h: Handover }) {
  const state = useCityState();
  const me = useConsole((s) => s.me);
  const { submit: send, ack } = useSubmitOnce(`handover-ack-${h.id}`);
  const mayAck = useMay('handover.acknowledge', { handoverId: h.id });
  const mine = me?.userId === h.toUserId;
  const s = h.summary;
  const hId = `ho-${h.id}`;
  const body = (
    <div className="handover-body">
      {h.note && (
        <>
          <h4>Anteckning från {h.by.name}</h4>
          <p className="basis">{h.note}</p>
        </>
      )}
      <h4>
        Beslut {s.since ? `sedan ${dayTime(s.since)}` : ''} ({s.decisions.length})
      </h4>
      {s.decisions.length === 0 ? (
        <p className="muted">Inga nya beslut.</p>
      ) : (
        <ul className="plain">
          {s.decisions.map((d) => (
            <li key={d.id}>
              {hhmm(d.at)} {d.what} <span className="muted">– {d.by}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>Öppna uppdrag ({s.openTasks.length})</h4>
      {s.openTasks.length === 0 ? (
        <p className="muted">Inga öppna uppdrag.</p>
      ) : (
        <ul className="plain">
          {s.openTasks.map((t) => (
            <li key={t.id}>
              {t.overdue && (
                <strong className="overdue-text">
                  <Icon name="warning" /> FÖRSENAT{' '}
                </strong>
              )}
              {t.title}
              {t.deadline ? <span className="muted"> – senast {hhmm(t.deadline)}</span> : ''}
            </li>
          ))}
        </ul>
      )}
      <h4>Ändringar i lägesbilden ({s.situation.length})</h4>
      {s.situation.length === 0 ? (
        <p className="muted">Inga nya lägesrapporter.</p>
      ) : (
        <ul className="plain">
          {s.situation.map((r) => (
            <li key={r.districtId}>
              {r.name}: {labelOf(DISTRICT_STATUSES, DISTRICT_STATUS_LABEL, r.status)} ({hhmm(r.at)})
              {r.needs ? ` – behov: ${r.needs}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h4>Obesvarade begäranden ({s.unanswered.length})</h4>
      {s.unanswered.length === 0 ? (
        <p className="muted">Inget väntar på svar.</p>
      ) : (
        <ul className="plain">
          {s.unanswered.map((u, i) => (
            <li key={i}>
              {u.text}
              {u.since ? <span className="muted"> (sedan {hhmm(u.since)})</span> : ''}
            </li>
          ))}
        </ul>
      )}
      {s.alarms.length > 0 && (
        <>
          <h4>Larm ({s.alarms.length})</h4>
          <ul className="plain">
            {s.alarms.map((a) => (
              <li key={a.id}>
                {a.title}: {a.filled}/{a.quota}{' '}
                {a.status === 'staffed'
                  ? '✓ bemannat'
                  : a.status === 'active'
                    ? 'pågår'
                    : 'avbrutet'}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
  const head = (
    <>
      {dutyLabel(h.duty, (id) => lookup(state.districts, id)?.name ?? id)} · {dayTime(h.at)} ·{' '}
      {h.by.name} → {lookup(state.users, h.toUserId)?.name ?? h.toUserId} ·{' '}
      {h.acknowledgedAt ? `✓ kvitterad ${hhmm(h.acknowledgedAt)}` : '◐ ej kvitterad'}
    </>
  );
  if (mine && !h.acknowledgedAt)
    return (
      <section
        className="card handover-mine"
        aria-labelledby={hId}
        data-testid={`handover-${h.id}`}
      >
        <h3 id={hId}>Överlämning till dig: {head}</h3>
        {body}
        {mayAck && (
          <div className="actions">
            <button
              type="button"
              className="btn-primary"
              onClick={() => send('handover.acknowledge', { handoverId: h.id })}
            >
              Jag har läst överlämningen
            </button>
          </div>
        )}
        <AckLine ack={ack} okText="Kvitterad." />
      </section>
    );
  return (
    <details className="card handover" data-testid={`handover-${h.id}`}>
      <summary>{head}</summary>
      {body}
    </details>
  );
}

export function DutyScreen(_props: ScreenProps) {
  const state = useCityState();
  const duties = useDuties();
  const me = useConsole((s) => s.me);
  const handovers = [...state.alarm.handoverOrder]
    .reverse()
    .map((id) => lookup(state.alarm.handovers, id))
    .filter(present);
  const mineFirst = [
    ...handovers.filter((h) => h.toUserId === me?.userId && !h.acknowledgedAt),
    ...handovers.filter((h) => !(h.toUserId === me?.userId && !h.acknowledgedAt)),
  ];
  return (
    <div className="page duty-page" aria-label="Bemanning och överlämning">
      <div className="page-main">
        <Schedule duties={duties} />
        <ShiftForm duties={duties} />
      </div>
      <div className="page-side">
        <section aria-labelledby="handover-h">
          <h2 id="handover-h" className="page-h">
            Överlämningar
          </h2>
          <HandoverForm duties={duties} />
          {mineFirst.length === 0 && <p className="muted">Inga överlämningar ännu.</p>}
          {mineFirst.map((h) => (
            <HandoverView key={h.id} h={h} />
          ))}
        </section>
      </div>
    </div>
  );
}
