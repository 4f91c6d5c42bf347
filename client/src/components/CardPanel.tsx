/**
 * Action cards (åtgärdskort) on the holder's screen and on the event page (R173–R178): steps by
 * deadline, one tap to tick, overdue marked in words and with an icon as well as colour.
 */
import { lookup } from '../../../shared/domain/keyed';
import { useId, useState, type FormEvent } from 'react';
import {
  allInstances,
  cardsOfEvent,
  cardProgress,
  holdsCard,
  isCardOpen,
  isOverdue,
  nextDue,
  orderedSteps,
  overseesCards,
  progressText,
  type CardInstance,
  type CardStep,
  type StepState,
} from '../../../shared/cards';
import type { CityState } from '../../../shared/domain/state';
import { actorOf, useConsole } from '../store/console';
import { useCityState, useNow } from '../hooks';
import { useSubmitOnce } from '../submitOnce';
import { hhmm } from '../format';
import { AckLine } from './AckLine';
import { Icon } from './Icon';
import { LinkedDocuments } from '../files/LinkedDocuments';

const byNextDue = (a: CardInstance, b: CardInstance) =>
  (nextDue(a) ?? '\uffff').localeCompare(nextDue(b) ?? '\uffff') || a.triggerSeq - b.triggerSeq;

function useActor() {
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  return actorOf({ me, actingFor });
}

function eventTitle(state: CityState, inst: CardInstance): string | undefined {
  return inst.eventId && Object.hasOwn(state.events, inst.eventId)
    ? lookup(state.events, inst.eventId)?.title
    : undefined;
}

function NotApplicable({ inst, step }: { inst: CardInstance; step: CardStep }) {
  const uid = useId();
  const [reason, setReason] = useState('');
  const { submit, ack, busy } = useSubmitOnce(`card-na:${inst.id}:${step.id}`, {
    onSaved: () => setReason(''),
  });
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return;
    submit('card.tickStep', {
      instanceId: inst.id,
      stepId: step.id,
      status: 'not_applicable',
      reason: reason.trim(),
    });
  };
  return (
    <details className="card-na">
      <summary>Ej tillämpligt</summary>
      <form onSubmit={send}>
        <label htmlFor={`${uid}-r`}>Varför är steget inte tillämpligt?</label>
        <input
          id={`${uid}-r`}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" className="btn-secondary card-tap" disabled={busy}>
          Spara
        </button>
        <AckLine ack={ack} okText="Steget är markerat som ej tillämpligt." />
      </form>
    </details>
  );
}

function StepRow({
  inst,
  step,
  state,
  now,
  mayTick,
}: {
  inst: CardInstance;
  step: CardStep;
  state: StepState;
  now: string;
  mayTick: boolean;
}) {
  const { submit, ack, busy } = useSubmitOnce(`card:${inst.id}:${step.id}`);
  const late = isOverdue(state, now);
  return (
    <li
      className={`card-step card-step-${state.status}${late ? ' is-overdue' : ''}`}
      data-testid={`step-${step.id}`}
      data-status={state.status}
    >
      <div className="card-step-main">
        <span className="card-step-mark" aria-hidden="true">
          <Icon
            name={
              state.status === 'open' ? 'square' : state.status === 'done' ? 'checked' : 'cross'
            }
          />
        </span>
        <span className="card-step-text">
          {step.text}
          {state.status === 'open' && state.dueAt && (
            <span className={late ? 'card-due overdue' : 'card-due muted'}>
              {late && <Icon name="warning" />} {late ? 'FÖRSENAT, ' : ''}senast {hhmm(state.dueAt)}
            </span>
          )}
          {state.status !== 'open' && (
            <span className="card-done muted">
              {state.status === 'done' ? 'Klart' : `Ej tillämpligt: ${state.reason ?? ''}`}{' '}
              {state.at ? hhmm(state.at) : ''}
              {state.by ? ` – ${state.by.name}` : ''}
              {state.fulfilledBySeq ? ' (i loggen)' : ''}
            </span>
          )}
        </span>
        {state.status === 'open' && mayTick && (
          <button
            type="button"
            className="btn-primary card-tap"
            disabled={busy}
            aria-label={`Klart: ${step.text}`}
            onClick={() => submit('card.tickStep', { instanceId: inst.id, stepId: step.id })}
          >
            Klart
          </button>
        )}
      </div>
      {step.guidance && state.status === 'open' && <p className="card-guidance">{step.guidance}</p>}
      <LinkedDocuments cardId={inst.card.id} stepId={step.id} ids={step.documents} />
      {state.status === 'open' && mayTick && <NotApplicable inst={inst} step={step} />}
      <AckLine ack={ack} okText="Steget är avbockat." />
    </li>
  );
}

export function CardView({ inst, mayTick }: { inst: CardInstance; mayTick: boolean }) {
  const state = useCityState();
  const now = useNow();
  const p = cardProgress(inst, now);
  const title = eventTitle(state, inst);
  return (
    <article
      className={`action-card${p.overdue ? ' has-overdue' : ''}`}
      aria-label={inst.card.title}
      data-testid={`card-${inst.card.id}`}
    >
      <header className="action-card-head">
        <h3>{inst.card.title}</h3>
        <span
          className={p.overdue ? 'card-progress overdue' : 'card-progress'}
          data-testid="card-progress"
        >
          {p.overdue > 0 && <Icon name="warning" />} {progressText(p)}
        </span>
      </header>
      {title && <p className="muted card-event">Händelse: {title}</p>}
      <LinkedDocuments cardId={inst.card.id} />
      <ol className="card-steps">
        {orderedSteps(inst).map(({ step, state: st }) => (
          <StepRow key={step.id} inst={inst} step={step} state={st} now={now} mayTick={mayTick} />
        ))}
      </ol>
    </article>
  );
}

/** The signed-in person's open cards, on their own screen. */
export function MyCards() {
  const state = useCityState();
  const now = useNow();
  const a = useActor();
  if (!a) return null;
  const mine = allInstances(state)
    .filter((i) => isCardOpen(i) && holdsCard(a, state, now, i))
    .filter((i) => !i.eventId || lookup(state.events, i.eventId)?.status !== 'closed')
    .sort(byNextDue);
  if (!mine.length) return null;
  const late = mine.reduce((n, i) => n + cardProgress(i, now).overdue, 0);
  return (
    <section className="card cards-mine" aria-labelledby="my-cards-h" data-testid="my-cards">
      <h2 id="my-cards-h">
        Mina åtgärdskort{' '}
        {late > 0 && (
          <span className="badge-overdue">
            <Icon name="warning" /> {late} {late === 1 ? 'försenat steg' : 'försenade steg'}
          </span>
        )}
      </h2>
      {mine.map((i) => (
        <CardView key={i.id} inst={i} mayTick />
      ))}
    </section>
  );
}

/** On the event page: the person's own cards; the CKL lead and director see them all (R178). */
export function EventCards({ eventId }: { eventId: string }) {
  const state = useCityState();
  const now = useNow();
  const a = useActor();
  if (!a) return null;
  const all = overseesCards(a, state, now);
  const cards = cardsOfEvent(state, eventId)
    .filter((i) => all || holdsCard(a, state, now, i))
    .sort((x, y) => Number(isCardOpen(y)) - Number(isCardOpen(x)) || byNextDue(x, y));
  if (!cards.length) return null;
  return (
    <section className="event-cards" aria-labelledby="event-cards-h" data-testid="event-cards">
      <h3 id="event-cards-h">Åtgärdskort</h3>
      {all && (
        <ul className="plain card-overview">
          {cards.map((i) => (
            <li key={i.id}>
              {i.card.title}: <strong>{progressText(cardProgress(i, now))}</strong>
            </li>
          ))}
        </ul>
      )}
      {cards
        .filter((i) => isCardOpen(i))
        .map((i) => (
          <CardView key={i.id} inst={i} mayTick={all || holdsCard(a, state, now, i)} />
        ))}
    </section>
  );
}
