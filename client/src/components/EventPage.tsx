import { EventExports } from './ExportLinks';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  CKL_FUNCTIONS,
  CKL_FUNCTION_LABEL,
  DECISION_KIND_LABEL,
  LEVELS,
  LEVEL_LABEL,
  levelRank,
  type CklFunction,
  type Level,
} from '../../../shared/domain/vocabulary';
import type { CrisisEvent } from '../../../shared/domain/state';
import {
  decisionLog,
  eventLog,
  eventTasks,
  eventTimeline,
  formatAge,
  minutesBetween,
  ownerLabel,
} from '../../../shared/views';
import { useCityState, useMay, useNow } from '../hooks';
import { useSubmitOnce } from '../submitOnce';
import { dayTime, hhmm } from '../format';
import { AckLine } from './AckLine';
import { Field, LevelTag } from './bits';
import { TASK_STATUS_LABEL } from '../../../shared/domain/vocabulary';
import { Icon } from './Icon';
import { lookup } from '../../../shared/domain/keyed';
import { EventCards } from './CardPanel';

const SAMPLE_DECISION = { basis: '–', informed: [] };
const splitInformed = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * One deliberate action: a disclosure with a small form. Every decision names its basis and
 * who was informed (R4); the server's answer is shown under the form.
 */
export function ActionForm({
  origin,
  title,
  submitLabel,
  children,
  onSubmit,
  needsBasis = true,
  testId,
  hidden = false,
}: {
  origin: string;
  title: string;
  submitLabel: string;
  children?: ReactNode;
  onSubmit: (decision: {
    basis: string;
    informed: string[];
  }) => { type: string; payload: unknown } | null;
  needsBasis?: boolean;
  testId?: string;
  /** No longer applicable (e.g. the level changed): only the answer to what was sent remains. */
  hidden?: boolean;
}) {
  const uid = useId();
  const [basis, setBasis] = useState('');
  const [informed, setInformed] = useState('');
  const {
    submit: send,
    ack,
    busy,
  } = useSubmitOnce(origin, {
    onSaved: () => {
      setBasis('');
      setInformed('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cmd = onSubmit({ basis: basis.trim(), informed: splitInformed(informed) });
    if (cmd) send(cmd.type, cmd.payload);
  };
  if (hidden)
    return ack ? (
      <div data-testid={testId}>
        <AckLine ack={ack} />
      </div>
    ) : null;
  return (
    <details className="action" data-testid={testId}>
      <summary>{title}</summary>
      <form onSubmit={submit}>
        {children}
        {needsBasis && (
          <>
            <Field label="Beslutsunderlag (obligatoriskt)" id={`${uid}-basis`}>
              <textarea
                id={`${uid}-basis`}
                rows={2}
                required
                value={basis}
                onChange={(e) => setBasis(e.target.value)}
              />
            </Field>
            <Field label="Informerade (kommaseparerat)" id={`${uid}-inf`}>
              <input
                id={`${uid}-inf`}
                value={informed}
                onChange={(e) => setInformed(e.target.value)}
              />
            </Field>
          </>
        )}
        <AckLine ack={ack} />
        <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy || undefined}>
          {submitLabel}
        </button>
      </form>
    </details>
  );
}

function LeadershipActions({ e }: { e: CrisisEvent }) {
  const id = e.id;
  const mayRaise = useMay('event.raiseToSerious', { eventId: id, decision: SAMPLE_DECISION });
  const lowerTo: Level | undefined = LEVELS.filter((l) => levelRank(l) < levelRank(e.level)).at(-1);
  const mayLower = useMay('event.lowerLevel', {
    eventId: id,
    to: lowerTo ?? 'disruption',
    decision: SAMPLE_DECISION,
  });
  const mayCkl = useMay('ckl.activate', {
    eventId: id,
    functions: ['analysis'],
    decision: SAMPLE_DECISION,
  });
  const mayCs = useMay('event.decideCentralSupport', {
    eventId: id,
    granted: true,
    decision: SAMPLE_DECISION,
  });
  const mayPropose = useMay('event.proposeExtraordinary', { eventId: id, basis: '–' });
  const mayRequest = useMay('event.requestCentralSupport', { eventId: id, reason: '–' });
  const [fns, setFns] = useState<CklFunction[]>([]);
  const [granted, setGranted] = useState(true);
  const [reason, setReason] = useState('');
  const [lowerLevel, setLowerLevel] = useState<Level>(lowerTo ?? 'disruption');
  const uid = useId();
  const inactive = CKL_FUNCTIONS.filter((f) => !e.ckl[f]);
  const any = mayRaise || mayLower || mayCkl || mayCs || mayPropose || mayRequest;
  if (!any || e.status !== 'open') return null;
  return (
    <section className="actions-block" aria-label="Beslut om händelsen">
      <h3>Beslut</h3>
      {mayRaise && (
        <ActionForm
          hidden={e.level !== 'disruption'}
          origin={`raise:${id}`}
          title="Höj till allvarlig händelse"
          submitLabel="Besluta: höj till allvarlig"
          onSubmit={(decision) => ({
            type: 'event.raiseToSerious',
            payload: { eventId: id, decision },
          })}
        />
      )}
      {mayPropose && (
        <ActionForm
          hidden={e.level === 'extraordinary' || !!e.pendingProposalId}
          origin={`propose:${id}`}
          title="Föreslå ordföranden: extraordinär händelse"
          submitLabel="Skicka förslaget till ordföranden"
          testId="propose-extraordinary"
          onSubmit={(d) => ({
            type: 'event.proposeExtraordinary',
            payload: { eventId: id, basis: d.basis },
          })}
        />
      )}
      {mayCkl && (
        <ActionForm
          hidden={e.level === 'disruption' || inactive.length === 0}
          origin={`ckl:${id}`}
          title="Aktivera CKL"
          submitLabel="Besluta: aktivera valda funktioner"
          onSubmit={(decision) =>
            fns.length
              ? { type: 'ckl.activate', payload: { eventId: id, functions: fns, decision } }
              : null
          }
        >
          <fieldset>
            <legend>Funktioner</legend>
            {inactive.map((f) => (
              <label key={f} className="check">
                <input
                  type="checkbox"
                  checked={fns.includes(f)}
                  onChange={(ev) =>
                    setFns((cur) => (ev.target.checked ? [...cur, f] : cur.filter((x) => x !== f)))
                  }
                />{' '}
                {CKL_FUNCTION_LABEL[f]}
              </label>
            ))}
            <button type="button" className="btn-link" onClick={() => setFns([...inactive])}>
              Välj alla (CKL i sin helhet)
            </button>
          </fieldset>
        </ActionForm>
      )}
      {mayCs && (
        <ActionForm
          origin={`cs:${id}`}
          title={
            e.centralSupport.status === 'requested'
              ? 'Besluta om begärt centralt stöd'
              : 'Besluta om centralt stöd'
          }
          submitLabel="Besluta"
          onSubmit={(decision) => ({
            type: 'event.decideCentralSupport',
            payload: { eventId: id, granted, decision },
          })}
        >
          <fieldset>
            <legend>Beslut</legend>
            <label className="check">
              <input
                type="radio"
                name={`${uid}-g`}
                checked={granted}
                onChange={() => setGranted(true)}
              />{' '}
              Bevilja
            </label>
            <label className="check">
              <input
                type="radio"
                name={`${uid}-g`}
                checked={!granted}
                onChange={() => setGranted(false)}
              />{' '}
              Avslå
            </label>
          </fieldset>
        </ActionForm>
      )}
      {mayLower && (
        <ActionForm
          hidden={!lowerTo}
          origin={`lower:${id}`}
          title="Sänk nivån"
          submitLabel="Besluta: sänk nivån"
          onSubmit={(decision) => ({
            type: 'event.lowerLevel',
            payload: { eventId: id, to: lowerLevel, decision },
          })}
        >
          <Field label="Ny nivå" id={`${uid}-lower`}>
            <select
              id={`${uid}-lower`}
              value={lowerLevel}
              onChange={(ev) => setLowerLevel(ev.target.value as Level)}
            >
              {LEVELS.filter((l) => levelRank(l) < levelRank(e.level)).map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABEL[l]}
                </option>
              ))}
            </select>
          </Field>
        </ActionForm>
      )}
      {mayRequest && (
        <ActionForm
          hidden={e.centralSupport.status === 'requested' || e.centralSupport.status === 'granted'}
          origin={`request:${id}`}
          title="Begär centralt stöd"
          submitLabel="Skicka begäran"
          needsBasis={false}
          onSubmit={() =>
            reason.trim()
              ? { type: 'event.requestCentralSupport', payload: { eventId: id, reason } }
              : null
          }
        >
          <Field label="Vad behöver ni stöd med?" id={`${uid}-reason`}>
            <textarea
              id={`${uid}-reason`}
              rows={2}
              required
              value={reason}
              onChange={(ev) => setReason(ev.target.value)}
            />
          </Field>
        </ActionForm>
      )}
    </section>
  );
}

/** A line in the event's dagbok, for whoever the shared policy lets write. */
function WriteLog({ eventId }: { eventId: string }) {
  const uid = useId();
  const [text, setText] = useState('');
  const { submit, ack, busy } = useSubmitOnce(`log:${eventId}`, { onSaved: () => setText('') });
  const may = useMay('log.write', { eventId, text: '–' });
  if (!may) return null;
  return (
    <form
      className="inline-form log-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) submit('log.write', { eventId, text });
      }}
    >
      <Field label="Ny anteckning i dagboken" id={`${uid}-t`}>
        <textarea id={`${uid}-t`} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <button type="submit" className="btn-secondary" disabled={busy} aria-busy={busy || undefined}>
        Skriv
      </button>
      <AckLine ack={ack} okText="Antecknat." />
    </form>
  );
}

/** The event page: level, owner, CKL, and its log (dagbok), decisions, tasks and timeline. */
export function EventPage({ eventId, onClose }: { eventId: string; onClose?: () => void }) {
  const state = useCityState();
  const now = useNow();
  const e = lookup(state.events, eventId);
  const [tab, setTab] = useState<'timeline' | 'log' | 'decisions' | 'tasks'>('timeline');
  if (!e) return <p className="muted">Händelsen finns inte.</p>;
  const cklOn = CKL_FUNCTIONS.filter((f) => e.ckl[f]);
  const tabs = [
    ['timeline', 'Tidslinje'],
    ['log', 'Dagbok'],
    ['decisions', 'Beslut'],
    ['tasks', 'Uppdrag'],
  ] as const;
  return (
    <section className="panel" aria-labelledby="event-h" data-testid="event-page">
      <header className="panel-head">
        <h2 id="event-h">{e.title}</h2>
        <LevelTag level={e.level} />
        {onClose && (
          <button type="button" className="btn-link" onClick={onClose}>
            Stäng
          </button>
        )}
      </header>
      <p className="event-facts">
        Ägare: <strong>{ownerLabel(state, e)}</strong> · öppnad {dayTime(e.openedAt)} (
        {formatAge(minutesBetween(e.openedAt, now))} sedan) · CKL:{' '}
        {cklOn.length ? cklOn.map((f) => CKL_FUNCTION_LABEL[f]).join(', ') : 'ej aktiverad'} ·
        Centralt stöd:{' '}
        {
          {
            none: 'ej begärt',
            requested: 'begärt – väntar på beslut',
            granted: 'beviljat',
            declined: 'avslaget',
          }[e.centralSupport.status]
        }
      </p>
      {e.description && <p>{e.description}</p>}
      {e.pendingProposalId && (
        <p className="notice">
          <Icon name="hourglass" /> Förslag om extraordinär händelse väntar på ordförandens beslut.
        </p>
      )}
      <EventCards eventId={eventId} />
      <LeadershipActions e={e} />
      <div className="tabs" role="tablist" aria-label="Händelsens historik">
        {tabs.map(([k, label]) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`tabpanel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            className="tab"
            onClick={() => setTab(k)}
            onKeyDown={(ev) => {
              const i = tabs.findIndex(([x]) => x === k);
              const next =
                ev.key === 'ArrowRight'
                  ? (i + 1) % tabs.length
                  : ev.key === 'ArrowLeft'
                    ? (i + tabs.length - 1) % tabs.length
                    : -1;
              if (next >= 0) {
                setTab(tabs[next][0]);
                document.getElementById(`tab-${tabs[next][0]}`)?.focus();
              }
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === 'timeline' && (
          <ol className="timeline">
            {eventTimeline(state, eventId).map((t, i) => (
              <li key={i}>
                <span className="history-time">{dayTime(t.at)}</span> {t.text}
                {t.by ? <span className="muted"> – {t.by}</span> : null}
              </li>
            ))}
          </ol>
        )}
        {tab === 'log' && <WriteLog eventId={eventId} />}
        {tab === 'log' && (
          <ol className="timeline">
            {eventLog(state, eventId).map((l) => (
              <li key={l.id}>
                <span className="history-time">{dayTime(l.at)}</span> {l.text}{' '}
                <span className="muted">– {l.by.name}</span>
              </li>
            ))}
            {eventLog(state, eventId).length === 0 && <li className="muted">Inga anteckningar.</li>}
          </ol>
        )}
        {tab === 'decisions' && <DecisionList eventId={eventId} />}
        {tab === 'tasks' && (
          <ul className="plain">
            {eventTasks(state, eventId).map((t) => (
              <li key={t.id}>
                <strong>{t.title}</strong> –{' '}
                {t.assignee.kind === 'function'
                  ? CKL_FUNCTION_LABEL[t.assignee.fn]
                  : t.assignee.kind === 'district'
                    ? (lookup(state.districts, t.assignee.districtId)?.name ??
                      t.assignee.districtId)
                    : (lookup(state.users, t.assignee.userId)?.name ?? t.assignee.userId)}
                {t.deadline && (
                  <span className={t.deadline < now && t.status !== 'done' ? 'overdue' : 'muted'}>
                    {' '}
                    · senast {hhmm(t.deadline)}
                    {t.deadline < now && t.status !== 'done' ? ' (FÖRSENAT)' : ''}
                  </span>
                )}{' '}
                <span className="muted">· {TASK_STATUS_LABEL[t.status]}</span>
              </li>
            ))}
            {eventTasks(state, eventId).length === 0 && <li className="muted">Inga uppdrag.</li>}
          </ul>
        )}
      </div>
      <EventExports eventId={eventId} />
    </section>
  );
}

export function DecisionList({ eventId, limit }: { eventId?: string; limit?: number }) {
  const state = useCityState();
  const list = decisionLog(state, eventId).slice(0, limit);
  if (!list.length) return <p className="muted">Inga beslut.</p>;
  return (
    <ol className="decisions">
      {list.map((d) => (
        <li key={d.id}>
          <span className="history-time">{dayTime(d.at)}</span>{' '}
          <strong>{DECISION_KIND_LABEL[d.kind]}</strong>: {d.what}{' '}
          <span className="muted">
            – {d.decidedBy.name}
            {d.decidedBy.actingFor ? ' (tjänstgörande)' : ''}. Underlag: {d.basis}
          </span>
        </li>
      ))}
    </ol>
  );
}
