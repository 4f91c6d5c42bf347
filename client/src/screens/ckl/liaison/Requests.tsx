/** Requests to other actors for expertise or resources, and their answers. */
import { useCallback, useState } from 'react';
import { useCityState, useMay } from '../../../hooks';
import { Card, CmdForm, EventSelect, SelectField, TextField } from '../../../components/kit';
import { lookup } from '../../../../../shared/domain/keyed';
import { ActorSelect } from './ActorSelect';
import { CommandForm } from '../../../components/CommandForm';
import type { ActorRequest } from '../../../../../shared/domain/ckl';

/** The same words name a request's kind in the form and, in lower case, in the list. */
const KIND_LABEL: Record<ActorRequest['kind'], string> = {
  resource: 'Resurs',
  expertise: 'Expertis',
};
const KINDS = (['resource', 'expertise'] as const).map((k) => [k, KIND_LABEL[k]] as const);

/** A request's state; once answered, it is the answer's outcome. */
const STATUS_LABEL: Record<ActorRequest['status'], string> = {
  open: 'Obesvarad',
  granted: 'Beviljad',
  partly_granted: 'Delvis beviljad',
  declined: 'Avslagen',
};
type Outcome = Exclude<ActorRequest['status'], 'open'>;
const OUTCOMES = (['granted', 'partly_granted', 'declined'] as const).map(
  (o) => [o, STATUS_LABEL[o]] as const,
);

/** A request the policy is asked about before one is written. */
const PROBE = { actorId: 'polisen', eventId: 'x', kind: 'resource', what: '–' } as const;

export function Requests() {
  const state = useCityState();
  const [actorId, setActorId] = useState('region-stockholm');
  const [eventId, setEventId] = useState('');
  const [kind, setKind] = useState<ActorRequest['kind']>('resource');
  const [what, setWhat] = useState('');
  // Whoever may ask may also record the answer.
  const may = useMay('liaison.request', PROBE);
  const reset = useCallback(() => setWhat(''), []);
  const list = Object.values(state.ckl.requests).sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card title="Begäran om expertis och resurser" testId="requests">
      <CommandForm
        type="liaison.request"
        probe={PROBE}
        origin="req:new"
        title="Ny begäran"
        submitLabel="Registrera begäran"
        onSaved={reset}
        send={() => (eventId && what.trim() ? { actorId, eventId, kind, what } : null)}
      >
        <ActorSelect value={actorId} onChange={setActorId} />
        <EventSelect fn="liaison" value={eventId} onChange={setEventId} />
        <SelectField label="Slag" value={kind} onChange={setKind} options={KINDS} />
        <TextField label="Vad behövs" value={what} onChange={setWhat} rows={2} required />
      </CommandForm>
      {list.length === 0 ? (
        <p className="muted">Ingen begäran.</p>
      ) : (
        <ul className="plain">
          {list.map((r) => (
            <li key={r.id}>
              <strong>{lookup(state.ckl.actors, r.actorId)?.name ?? r.actorId}</strong>:{' '}
              {KIND_LABEL[r.kind].toLowerCase()} – {r.what}{' '}
              <span className="tag">{STATUS_LABEL[r.status]}</span>
              {r.answer && <div className="small">Svar: {r.answer.text}</div>}
              {may && r.status === 'open' && <AnswerRequest id={r.id} />}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function AnswerRequest({ id }: { id: string }) {
  const [outcome, setOutcome] = useState<Outcome>('granted');
  const [answer, setAnswer] = useState('');
  return (
    <CmdForm
      origin={`req-answer:${id}`}
      title="Registrera svar"
      submitLabel="Spara svaret"
      onSubmit={() =>
        answer.trim()
          ? { type: 'liaison.answerRequest', payload: { requestId: id, outcome, answer } }
          : null
      }
    >
      <SelectField label="Utfall" value={outcome} onChange={setOutcome} options={OUTCOMES} />
      <TextField label="Svar" value={answer} onChange={setAnswer} rows={2} required />
    </CmdForm>
  );
}
