/**
 * Larm och inkallning: start an alarm (lists or a plan for a level, a template, send), and the
 * live call-in boards of the running alarms, then the history.
 */
import { useId, useState } from 'react';
import { LEVELS, LEVEL_LABEL, type Level } from '../../../../shared/domain/vocabulary';
import { REAL_SPACE } from '../../../../shared/protocol';
import { openEvents } from '../../../../shared/views';
import { SubmitActions } from '../../components/SubmitActions';
import { Field } from '../../components/bits';
import { MessageField, MessagePreview } from '../../components/alarmKit';
import { Check, toggled } from '../../components/adminKit';
import { InputField } from '../../components/fieldKit';
import { useCityState, useNow } from '../../hooks';
import { useSubmitOnce } from '../../submitOnce';
import { plural } from '../../../../shared/text/plural';
import { fillTemplate, unknownPlaceholders } from '../../../../shared/text/template';
import { tableGet } from '../../../../shared/domain/table';
import { mayDo, useConsole } from '../../store/console';
import { hhmm, dayTime } from '../../format';
import type { ScreenProps } from '../common';
import { CallInBoard } from './CallInBoard';
import { alarmsNewestFirst, targetLabel } from './views';
import './alarm.css';
import { Icon } from '../../components/Icon';
import { lookup } from '../../../../shared/domain/keyed';

function StartAlarm() {
  const uid = useId();
  const state = useCityState();
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const space = useConsole((s) => s.currentSpace);
  const now = useNow(60_000);
  const [confirming, setConfirming] = useState(false);
  const clear = () => {
    setConfirming(false);
    setTitle('');
    setListIds([]);
    setLevel('');
    setTemplateId('');
    setMessage('');
    setEventId('');
    setRealChannels(false);
  };
  const { submit, ack, busy } = useSubmitOnce('alarm-start', { onSaved: () => clear() });
  const [mode, setMode] = useState<'lists' | 'plan'>('lists');
  const [listIds, setListIds] = useState<string[]>([]);
  const [level, setLevel] = useState<Level | ''>('');
  const [title, setTitle] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [message, setMessage] = useState('');
  const [eventId, setEventId] = useState('');
  const [realChannels, setRealChannels] = useState(false);
  const may = (payload: object) =>
    mayDo({ me, actingFor }, state, 'alarm.start', { title: 'x', message: 'x', ...payload }, now);
  const lists = Object.values(state.alarm.lists)
    .filter((l) => may({ listIds: [l.id] }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const plans = LEVELS.filter((l) => state.alarm.plans[l] && may({ planLevel: l }));
  const exercise = space !== REAL_SPACE;
  if (lists.length === 0 && plans.length === 0) return null;
  const chosen =
    mode === 'plan' ? (level ? (state.alarm.plans[level]?.listIds ?? []) : []) : listIds;
  // A person on two of the chosen lists is still one person to reach.
  const people = new Set(chosen.flatMap((id) => lookup(state.alarm.lists, id)?.members ?? [])).size;
  const members = chosen.reduce(
    (n, id) => n + (lookup(state.alarm.lists, id)?.members.length ?? 0),
    0,
  );
  const firstCalled = chosen.reduce((n, id) => n + (lookup(state.alarm.lists, id)?.quota ?? 0), 0);
  const templates = Object.values(state.alarm.templates);
  // The preview shows the message as the first person called on the first chosen list gets it.
  const exampleList = chosen
    .map((id) => lookup(state.alarm.lists, id))
    .find((l) => l?.members.length);
  const exampleName = exampleList
    ? (tableGet(state.alarm.contacts, exampleList.members[0])?.name ?? exampleList.members[0])
    : null;
  const text = message.trim();
  const unknown = unknownPlaceholders(text);
  const preview = text
    ? fillTemplate(text, {
        namn: exampleName ?? '[namn]',
        lista: exampleList?.name ?? '[lista]',
        rubrik: title.trim() || '[rubrik]',
      })
    : null;
  const pickTemplate = (id: string) => {
    setTemplateId(id);
    const t = lookup(state.alarm.templates, id);
    if (t) setMessage(t.text);
  };
  const pickLevel = (l: Level | '') => {
    setLevel(l);
    const tpl = l ? state.alarm.plans[l]?.templateId : undefined;
    if (tpl && !message) pickTemplate(tpl);
  };
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Larma</h2>
      {exercise && (
        <p className="exercise-note" role="note">
          <Icon name="warning" /> ÖVNING: meddelandena märks ÖVNING och går bara till utkorgen och
          konsolen{realChannels ? ', och till riktiga kanaler' : ''}.
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // Sending an alarm wakes people: it is asked once more, with how many it reaches.
          if (!confirming) return setConfirming(true);
          submit('alarm.start', {
            title,
            ...(mode === 'plan' && level ? { planLevel: level } : { listIds }),
            ...(templateId ? { templateId } : {}),
            ...(message.trim() ? { message } : {}),
            ...(eventId ? { eventId } : {}),
            ...(exercise && realChannels ? { allowRealChannels: true } : {}),
          });
        }}
        onChange={() => setConfirming(false)}
      >
        <InputField
          label="Rubrik"
          id={`${uid}-t`}
          required
          maxLength={200}
          value={title}
          onValue={setTitle}
        />
        <fieldset>
          <legend>Vilka larmas</legend>
          <label className="check">
            <input
              type="radio"
              name={`${uid}-m`}
              checked={mode === 'lists'}
              onChange={() => setMode('lists')}
            />{' '}
            Välj larmlistor
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${uid}-m`}
              checked={mode === 'plan'}
              disabled={plans.length === 0}
              onChange={() => setMode('plan')}
            />{' '}
            Larmplan för en nivå{plans.length === 0 ? ' (ingen larmplan finns)' : ''}
          </label>
        </fieldset>
        {mode === 'lists' ? (
          <fieldset>
            <legend>Larmlistor</legend>
            {lists.map((l) => (
              <Check
                key={l.id}
                checked={listIds.includes(l.id)}
                onChange={(on) => setListIds((ids) => toggled(ids, l.id, on))}
              >
                {l.name}{' '}
                <span className="muted">
                  ({targetLabel(state, l.target)}, kvot {l.quota} av {l.members.length})
                </span>
              </Check>
            ))}
          </fieldset>
        ) : (
          <Field label="Larmplan" id={`${uid}-p`}>
            <select
              id={`${uid}-p`}
              required
              value={level}
              onChange={(e) => pickLevel(e.target.value as Level | '')}
            >
              <option value="">Välj nivå…</option>
              {plans.map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABEL[l]}:{' '}
                  {(state.alarm.plans[l]?.listIds ?? [])
                    .map((id) => lookup(state.alarm.lists, id)?.name ?? id)
                    .join(', ')}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Meddelandemall" id={`${uid}-tpl`}>
          <select
            id={`${uid}-tpl`}
            value={templateId}
            onChange={(e) => pickTemplate(e.target.value)}
          >
            <option value="">Ingen mall – skriv själv</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <MessageField
          label="Meddelande"
          id={`${uid}-msg`}
          hint="{namn}, {lista} och {rubrik} fylls i. En personlig svarslänk läggs alltid till."
          rows={3}
          value={message}
          onChange={setMessage}
        />
        {preview && (
          <MessagePreview
            testId="message-preview"
            lead={`Förhandsvisning${exampleName ? ` – så får ${exampleName} meddelandet` : ''}:`}
            message={`${exercise ? 'ÖVNING – ' : ''}${preview}`}
            unknown={unknown}
          />
        )}
        <Field label="Gäller händelse (valfritt)" id={`${uid}-e`}>
          <select id={`${uid}-e`} value={eventId} onChange={(e) => setEventId(e.target.value)}>
            <option value="">Ingen</option>
            {openEvents(state).map((ev) => (
              <option key={ev.id} value={ev.id}>
                {ev.title}
              </option>
            ))}
          </select>
        </Field>
        {exercise && may({ listIds: chosen.slice(0, 1), allowRealChannels: true }) && (
          <Check checked={realChannels} onChange={setRealChannels}>
            Övningen får använda riktiga kanaler (SMS, e-post)
          </Check>
        )}
        <p className="muted" data-testid="alarm-preview">
          {chosen.length === 0
            ? 'Välj minst en larmlista eller en larmplan.'
            : `${plural(chosen.length, 'lista', 'listor')}: ${firstCalled} larmas först, ${plural(members - firstCalled, 'reserv', 'reserver')}.`}
        </p>
        {confirming && !busy ? (
          <div
            className="confirm"
            role="alertdialog"
            aria-labelledby={`${uid}-c`}
            data-testid="alarm-confirm"
          >
            <p id={`${uid}-c`}>
              <strong>
                {exercise ? 'Skicka övningslarm' : 'Skicka larm'} till{' '}
                {plural(people, 'person', 'personer')}?
              </strong>{' '}
              {firstCalled} larmas först, övriga är reserver.
            </p>
            <SubmitActions
              label={`Ja, skicka till ${plural(people, 'person', 'personer')}`}
              variant="danger"
              ack={ack}
              busy={busy}
              okText="Larmet är skickat. Tavlan visar svaren."
            >
              <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
                Avbryt
              </button>
            </SubmitActions>
          </div>
        ) : (
          <SubmitActions
            label={exercise ? 'Skicka övningslarm' : 'Skicka larm'}
            variant="danger"
            disabled={chosen.length === 0}
            busy={busy}
            ack={ack}
            okText="Larmet är skickat. Tavlan visar svaren."
          />
        )}
      </form>
    </section>
  );
}

/** A finished alarm's board stays up this long, so "Bemannat" is seen, not just a vanishing board. */
const KEEP_DONE_MS = 60 * 60_000;

export function AlarmScreen(_props: ScreenProps) {
  const state = useCityState();
  const now = useNow(30_000);
  const alarms = alarmsNewestFirst(state);
  const done = alarms.filter((a) => a.status !== 'active');
  const [shown, setShown] = useState<string | null>(null);
  const boards = alarms.filter(
    (a) =>
      a.status === 'active' ||
      a.id === shown ||
      (!!a.completedAt && Date.parse(now) - Date.parse(a.completedAt) < KEEP_DONE_MS),
  );
  const running = alarms.some((a) => a.status === 'active');
  return (
    <div className="page alarm-page" aria-label="Larm och inkallning">
      <div className="page-side">
        <StartAlarm />
        <section className="card" aria-labelledby="alarm-hist-h">
          <h2 id="alarm-hist-h">Tidigare larm</h2>
          {done.length === 0 ? (
            <p className="muted">Inga avslutade larm.</p>
          ) : (
            <ul className="plain alarm-history">
              {done.map((a) => (
                <li key={a.id}>
                  <button
                    type="button"
                    className="btn-link"
                    aria-pressed={shown === a.id}
                    onClick={() => setShown(shown === a.id ? null : a.id)}
                  >
                    {a.exercise ? 'ÖVNING – ' : ''}
                    {a.title}
                  </button>{' '}
                  <span className="muted">
                    {dayTime(a.startedAt)} ·{' '}
                    {a.status === 'staffed' ? `✓ bemannat ${hhmm(a.completedAt)}` : '✕ avbrutet'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <div className="page-main">
        <h2 className="sr-only">Inkallningstavla</h2>
        {!running && (
          <p className="muted board-idle" data-testid="no-active-alarm">
            Inget larm pågår.
            {boards.length > 0 ? ' Nyligen avslutade larm visas nedan.' : ''}
          </p>
        )}
        {boards.map((a) => (
          <CallInBoard key={a.id} alarmId={a.id} />
        ))}
      </div>
    </div>
  );
}
