import { PagedList } from './PagedList';
import { EventExports } from './ExportLinks';
import { useId, useState } from 'react';
import {
  CKL_FUNCTIONS,
  CKL_FUNCTION_LABEL,
  DECISION_KIND_LABEL,
  DEPUTY_LABEL,
  type CklFunction,
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
import { ActionForm } from './ActionForm';
import { EventSteps, useAnyEventStep } from './lifecycle/EventSteps';
import { NoticeReceipts } from './lifecycle/Notices';
export { ActionForm };
import { AttachDetails, AttachmentList } from '../files/Attachments';
import { AckedBy } from '../attention/AckedBy';
import { supportKey } from '../../../shared/attention/addressed';

const SAMPLE_DECISION = { basis: '–', informed: [] };
function LeadershipActions({ e }: { e: CrisisEvent }) {
  const id = e.id;
  const mayRaise = useMay('event.raiseToSerious', { eventId: id, decision: SAMPLE_DECISION });
  const mayCkl = useMay('ckl.activate', {
    eventId: id,
    functions: ['analysis'],
    decision: SAMPLE_DECISION,
  });
  const mayPropose = useMay('event.proposeExtraordinary', { eventId: id, basis: '–' });
  const mayRequest = useMay('event.requestCentralSupport', { eventId: id, reason: '–' });
  const [fns, setFns] = useState<CklFunction[]>([]);
  const [reason, setReason] = useState('');
  const uid = useId();
  const inactive = CKL_FUNCTIONS.filter((f) => !e.ckl[f]);
  const anyStep = useAnyEventStep(e);
  if (!(mayRaise || mayCkl || mayPropose || mayRequest || anyStep) || e.status !== 'open')
    return null;
  return (
    <section className="actions-block" aria-label="Beslut om händelsen" data-testid="event-actions">
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
      <EventSteps e={e} />
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
        {e.centralSupport.status === 'requested' && <AckedBy itemKey={supportKey(e)} />}
        {e.levelHistory.length > 1 && (
          <>
            {' '}
            · Senaste nivåbeslut {hhmm(e.levelHistory[e.levelHistory.length - 1].at)}
            <AckedBy itemKey={`level:${e.levelHistory[e.levelHistory.length - 1].decisionId}`} />
          </>
        )}
      </p>
      {e.description && <p>{e.description}</p>}
      {e.pendingProposalId && (
        <p className="notice">
          <Icon name="hourglass" /> Förslag om extraordinär händelse väntar på ordförandens beslut.
          <AckedBy itemKey={`proposal:${e.pendingProposalId}`} />
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
          <PagedList
            items={eventTimeline(state, eventId)}
            itemKey={(t, i) => `${t.at}|${i}`}
            noun="händelser"
            empty="Inget ännu."
            render={(t) => (
              <>
                <span className="history-time">{dayTime(t.at)}</span> {t.text}
                {t.by ? <span className="muted"> – {t.by}</span> : null}
              </>
            )}
          />
        )}
        {tab === 'log' && <WriteLog eventId={eventId} />}
        {tab === 'log' && (
          <PagedList
            items={eventLog(state, eventId)}
            itemKey={(l) => l.id}
            noun="anteckningar"
            empty="Inga anteckningar."
            render={(l) => (
              <>
                <span className="history-time">{dayTime(l.at)}</span> {l.text}{' '}
                <span className="muted">– {l.by.name}</span>
                <AttachmentList target="log" targetId={l.id} />
                <AttachDetails target="log" targetId={l.id} />
              </>
            )}
          />
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
                <AckedBy itemKey={`task:${t.id}`} />
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
            {d.decidedBy.actingFor ? ` (${DEPUTY_LABEL[d.decidedBy.actingFor]})` : ''}. Underlag:{' '}
            {d.basis}
            {d.consulted?.length ? ` Samråd: ${d.consulted.join(', ')}.` : ''}
            {d.secondHand ? ` I andra hand: ${d.secondHand.reason}` : ''}
            <NoticeReceipts decisionId={d.id} />
          </span>
        </li>
      ))}
    </ol>
  );
}
