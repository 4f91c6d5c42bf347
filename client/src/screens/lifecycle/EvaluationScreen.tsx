/**
 * Evaluations (utvärderingar): every event closed with CKL activated has one to do (R11); it
 * is completed with findings, actions with an owner each and a follow-up date (R204).
 */
import { useId, useState, type FormEvent } from 'react';
import type { Evaluation } from '../../../../shared/domain/state';
import { lookup } from '../../../../shared/domain/keyed';
import { useCityState, useMay } from '../../hooks';
import { useSubmitOnce } from '../../submitOnce';
import { SubmitRow } from '../../components/formRows';
import { Field } from '../../components/bits';
import { dayTime } from '../../format';
import { Card, localIn, localToIso, TextField, TimeField } from '../../components/kit';
import type { ScreenProps } from '../common';
import { LifecycleLayout } from './layout';

interface ActionRow {
  what: string;
  owner: string;
  due: string;
}
const emptyRow = (): ActionRow => ({ what: '', owner: '', due: '' });
const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function CompleteForm({ ev }: { ev: Evaluation }) {
  const uid = useId();
  const [summary, setSummary] = useState('');
  const [findings, setFindings] = useState('');
  const [rows, setRows] = useState<ActionRow[]>([emptyRow()]);
  const [followUp, setFollowUp] = useState(() => localIn(60 * 24 * 30));
  const { submit, ack, busy } = useSubmitOnce(`evaluation:${ev.id}`);
  const may = useMay('evaluation.complete', {
    evaluationId: ev.id,
    summary: '–',
    findings: ['–'],
  });
  if (!may)
    return (
      <p className="muted">
        Stadsdirektören, säkerhetschefen eller stabschefen slutför utvärderingen.
      </p>
    );
  const actions = rows
    .filter((r) => r.what.trim() || r.owner.trim())
    .map((r) => ({
      what: r.what.trim(),
      owner: r.owner.trim(),
      ...(localToIso(r.due) ? { due: localToIso(r.due) } : {}),
    }));
  const send = (e: FormEvent) => {
    e.preventDefault();
    submit('evaluation.complete', {
      evaluationId: ev.id,
      summary,
      findings: lines(findings),
      actions,
      ...(actions.length && localToIso(followUp) ? { followUpAt: localToIso(followUp) } : {}),
    });
  };
  const setRow = (i: number, patch: Partial<ActionRow>) =>
    setRows((cur) => cur.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form onSubmit={send} className="evaluation-form" data-testid={`evaluation-form-${ev.id}`}>
      <TextField
        label="Sammanfattning (obligatorisk)"
        value={summary}
        onChange={setSummary}
        rows={3}
        required
      />
      <TextField
        label="Iakttagelser (en per rad, minst en)"
        value={findings}
        onChange={setFindings}
        rows={4}
        required
      />
      <fieldset>
        <legend>Åtgärder – var och en med en ansvarig</legend>
        {rows.map((r, i) => (
          <div className="action-row" key={i}>
            <Field label={`Åtgärd ${i + 1}`} id={`${uid}-w${i}`}>
              <input
                id={`${uid}-w${i}`}
                value={r.what}
                onChange={(e) => setRow(i, { what: e.target.value })}
              />
            </Field>
            <Field label="Ansvarig" id={`${uid}-o${i}`}>
              <input
                id={`${uid}-o${i}`}
                value={r.owner}
                required={r.what.trim() !== ''}
                onChange={(e) => setRow(i, { owner: e.target.value })}
              />
            </Field>
            <Field label="Klar senast" id={`${uid}-d${i}`}>
              <input
                id={`${uid}-d${i}`}
                type="datetime-local"
                value={r.due}
                onChange={(e) => setRow(i, { due: e.target.value })}
              />
            </Field>
          </div>
        ))}
        <button
          type="button"
          className="btn-link"
          onClick={() => setRows((c) => [...c, emptyRow()])}
        >
          Lägg till åtgärd
        </button>
      </fieldset>
      <TimeField
        label="Uppföljning (när åtgärderna följs upp)"
        value={followUp}
        onChange={setFollowUp}
        required={actions.length > 0}
      />
      <SubmitRow ack={ack} okText="Utvärderingen är slutförd." busy={busy}>
        Slutför utvärderingen
      </SubmitRow>
    </form>
  );
}

function DoneEvaluation({ ev }: { ev: Evaluation }) {
  return (
    <div className="evaluation-done">
      <p>
        Slutförd {dayTime(ev.doneAt)}
        {ev.doneBy ? ` av ${ev.doneBy.name}` : ''}. {ev.summary}
      </p>
      {ev.findings && ev.findings.length > 0 && (
        <>
          <h4>Iakttagelser</h4>
          <ul className="plain">
            {ev.findings.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ul>
        </>
      )}
      {ev.actions && ev.actions.length > 0 && (
        <>
          <h4>Åtgärder</h4>
          <ul className="plain">
            {ev.actions.map((a, i) => (
              <li key={i}>
                {a.what} – <strong>{a.owner}</strong>
                {a.due ? <span className="muted"> · klar senast {dayTime(a.due)}</span> : null}
              </li>
            ))}
          </ul>
          <p>Uppföljning: {dayTime(ev.followUpAt)}</p>
        </>
      )}
    </div>
  );
}

export function EvaluationScreen(_props: ScreenProps) {
  const state = useCityState();
  const all = Object.values(state.evaluations).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  const todo = all.filter((e) => e.status === 'to_do');
  const done = all.filter((e) => e.status === 'done');
  const title = (ev: Evaluation) => lookup(state.events, ev.eventId)?.title ?? ev.eventId;
  return (
    <LifecycleLayout
      label="Utvärderingar"
      columns={[
        <Card key="todo" title={`Att utvärdera (${todo.length})`} testId="evaluations-todo">
          {todo.length === 0 && <p className="muted">Inga utvärderingar väntar.</p>}
          {todo.map((ev) => (
            <article key={ev.id} className="evaluation" aria-label={title(ev)}>
              <h3>{title(ev)}</h3>
              <p className="muted">
                Händelsen avslutades med CKL aktiverad; utvärderingen öppnades{' '}
                {dayTime(ev.openedAt)}.
              </p>
              <CompleteForm ev={ev} />
            </article>
          ))}
        </Card>,
        <Card key="done" title={`Slutförda (${done.length})`} testId="evaluations-done">
          {done.length === 0 && <p className="muted">Inga slutförda utvärderingar än.</p>}
          {done.map((ev) => (
            <article key={ev.id} className="evaluation" aria-label={title(ev)}>
              <h3>{title(ev)}</h3>
              <DoneEvaluation ev={ev} />
            </article>
          ))}
        </Card>,
      ]}
    />
  );
}
