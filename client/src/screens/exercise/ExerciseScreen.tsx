/**
 * Exercise mode (övningsläge) in the console. In the real space: the exercises the person
 * takes part in and, for an administrator or the CKL lead, starting one from a scenario. In an
 * exercise space: the exercise clock; for the exercise leader the control panel (the script
 * with each inject's status, pause/resume, skip, add an inject live, end); for participants
 * the injects played so far and the messages from external actors as they arrive. The script
 * (unplayed injects) is shown only to the leader (R67). What a person may do comes from the
 * shared policy; nothing of it is copied here.
 */
import { useEffect, useId, useState } from 'react';
import { REAL_SPACE } from '../../../../shared/protocol';
import {
  EXERCISE_MARK,
  exerciseElapsedMs,
  wallMsUntil,
  type ExerciseControl,
  type ExerciseMessage,
  type ExerciseSummary,
  type InjectState,
} from '../../../../shared/domain/exercise';
import {
  INJECT_KIND_LABEL,
  MESSAGE_CHANNELS,
  MESSAGE_CHANNEL_LABEL,
  injectTitle,
  msToClock,
  type InjectKind,
  type MessageChannel,
} from '../../../../shared/exercise/scenario';
import { leadsExercise } from '../../../../shared/commands/exercise';
import type { CommandPayload, CommandType } from '../../../../shared/commands';
import type { CityState } from '../../../../shared/domain/state';
import * as api from '../../api';
import { AckLine } from '../../components/AckLine';
import { Field } from '../../components/bits';
import { ReportLinks, SituationLinks } from '../../components/ExportLinks';
import { useCityState, useNow } from '../../hooks';
import { actorOf, mayDo, useConsole, type PlayedInject } from '../../store/console';
import { dayTime, hhmm } from '../../format';
import { SidePanel, type ScreenProps } from '../common';
import { DistrictMap } from '../../map/DistrictMap';
import { enterSpace, myExercises } from './SpaceBar';
import { Icon } from '../../components/Icon';
import { lookup, present } from '../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../submitOnce';

const TIME_SCALES = [
  [1, 'Realtid (1×)'],
  [10, '10× (6 min på 36 s)'],
  [60, '60× (en timme på en minut)'],
  [600, '600× (en timme på 6 s)'],
  [3600, '3600× (en timme på en sekund)'],
] as const;

const STATUS_TEXT: Record<InjectState['status'], string> = {
  pending: 'Väntar',
  delivered: 'Spelad',
  skipped: 'Överhoppad',
};
const STATUS_ICON: Record<InjectState['status'], string> = {
  pending: '○',
  delivered: '✓',
  skipped: '⤼',
};
const CONTROL_STATUS: Record<ExerciseControl['status'], string> = {
  running: 'Pågår',
  paused: 'Pausad',
  ended: 'Avslutad',
};

/** The state of the real space, whichever space is on screen. */
const useRealState = (): CityState | undefined => useConsole((s) => s.spaces[REAL_SPACE]);

function useMayIn<K extends CommandType>(
  state: CityState | undefined,
  type: K,
  payload: CommandPayload<K>,
): boolean {
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const now = useNow(60_000);
  return state !== undefined && mayDo({ me, actingFor }, state, type, payload, now);
}

// ---------------------------------------------------------------------------------------------
// Real space: the exercises, and starting one.

export function StartExercise() {
  const uid = useId();
  const real = useRealState();
  const may = useMayIn(real, 'exercise.start', { name: '–' });
  const { submit: send, ack } = useSubmitOnce('exercise-start');
  const [scenarios, setScenarios] = useState<api.ScenarioSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [scenarioId, setScenarioId] = useState('');
  const [name, setName] = useState('');
  const [timeScale, setTimeScale] = useState(60);
  const [allowReal, setAllowReal] = useState(false);

  useEffect(() => {
    if (!may) return;
    let live = true;
    api
      .scenarios()
      .then((list) => live && setScenarios(list))
      .catch((e: Error) => live && setLoadError(e.message));
    return () => {
      live = false;
    };
  }, [may]);

  if (!may) return null;
  const chosen = scenarios?.find((s) => s.id === scenarioId);
  return (
    <section className="card" aria-labelledby={`${uid}-h`} data-testid="start-exercise">
      <h2 id={`${uid}-h`}>Starta en övning</h2>
      <p className="muted">
        Övningen får ett eget rum och en egen logg. Inget av den går in i den skarpa loggen, och
        allt den skickar märks {EXERCISE_MARK}.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send(
            'exercise.start',
            {
              name: name.trim() || chosen?.title || 'Övning',
              ...(scenarioId ? { scenarioId } : {}),
              timeScale,
              allowRealChannels: allowReal,
            },
            // Starting is a command of the real space, whichever space is on screen.
            REAL_SPACE,
          );
        }}
      >
        <Field label="Scenario" id={`${uid}-s`}>
          <select
            id={`${uid}-s`}
            value={scenarioId}
            onChange={(e) => setScenarioId(e.target.value)}
          >
            <option value="">Utan scenario (injects läggs till under övningen)</option>
            {(scenarios ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </Field>
        {loadError && (
          <p className="ack ack-refused" role="alert">
            Scenarierna kunde inte hämtas: {loadError}
          </p>
        )}
        {chosen && (
          <div className="scenario-facts" data-testid="scenario-facts">
            {chosen.description && <p>{chosen.description}</p>}
            <p className="muted">
              {chosen.injectCount} injects, den sista {msToClock(chosen.lastInjectAt)} efter start
              {chosen.duration ? ` · planerad längd ${chosen.duration}` : ''}.
            </p>
            {chosen.objectives.length > 0 && (
              <ul className="plain objectives">
                {chosen.objectives.map((o) => (
                  <li key={o}>
                    <span aria-hidden="true">◎</span> {o}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <Field label="Övningens namn" id={`${uid}-n`} hint="Lämna tomt för scenariots titel.">
          <input
            id={`${uid}-n`}
            value={name}
            maxLength={200}
            aria-describedby={`${uid}-n-hint`}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field label="Tidsskala" id={`${uid}-t`}>
          <select
            id={`${uid}-t`}
            value={timeScale}
            onChange={(e) => setTimeScale(Number(e.target.value))}
          >
            {TIME_SCALES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <div className="field check">
          <input
            type="checkbox"
            id={`${uid}-r`}
            checked={allowReal}
            onChange={(e) => setAllowReal(e.target.checked)}
          />
          <label htmlFor={`${uid}-r`}>
            Tillåt riktiga kanaler (SMS, e-post) – märks {EXERCISE_MARK}. Lämna av om du är osäker.
          </label>
        </div>
        <button type="submit" className="btn-primary">
          Starta övningen
        </button>
        <AckLine ack={ack} okText="Övningen är startad. Välj den i listan för att gå in." />
      </form>
    </section>
  );
}

function ExerciseRow({ e }: { e: ExerciseSummary }) {
  const real = useRealState();
  const may = useMayIn(real, 'exercise.end', { exerciseId: e.id });
  return (
    <li className="exercise-row" data-testid={`exercise-${e.id}`}>
      <strong>{e.name}</strong>{' '}
      <span className="muted">
        {e.status === 'running' ? 'pågår' : `avslutad ${dayTime(e.endedAt)}`} · startad{' '}
        {dayTime(e.startedAt)} av {e.startedBy.name} · {e.timeScale}× · {e.participants.length}{' '}
        deltagare
      </span>
      <div className="row-actions">
        <button type="button" className="btn-secondary" onClick={() => enterSpace(e.space)}>
          {e.status === 'running' ? 'Gå till övningen' : 'Öppna (endast läsning)'}
        </button>
        {e.status === 'ended' && (
          <a href={`#/replay?space=${encodeURIComponent(e.space)}`}>Spela upp</a>
        )}
        {may && e.status === 'running' && <EndExercise exerciseId={e.id} name={e.name} />}
      </div>
      {e.status === 'ended' && <ReportLinks space={e.space} />}
    </li>
  );
}

function ExerciseList() {
  const me = useConsole((s) => s.me);
  const real = useRealState();
  const all = Object.values(real?.exercise.exercises ?? {});
  const running = myExercises(me, real?.exercise.exercises ?? {});
  const ended = all.filter(
    (e) =>
      e.status === 'ended' && (me?.role === 'admin' || e.participants.includes(me?.userId ?? '')),
  );
  return (
    <section className="card" aria-labelledby="exlist-h" data-testid="exercise-list">
      <h2 id="exlist-h">Övningar du deltar i</h2>
      {running.length === 0 && <p className="muted">Ingen pågående övning.</p>}
      <ul className="plain">
        {running.map((e) => (
          <ExerciseRow key={e.id} e={e} />
        ))}
      </ul>
      {ended.length > 0 && (
        <>
          <h3>Avslutade</h3>
          <ul className="plain">
            {ended.slice(-10).map((e) => (
              <ExerciseRow key={e.id} e={e} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Inside an exercise.

/** The exercise clock: exercise time since start, paused time not counted, scaled (R65). */
export function ExerciseClock({ c }: { c: ExerciseControl }) {
  const now = useNow(c.timeScale > 1 ? 250 : 1000);
  return (
    <div className="exercise-clock" data-testid="exercise-clock">
      <span className="clock-label">Övningstid</span>
      <span className="clock-value" aria-live="off">
        {msToClock(Math.floor(exerciseElapsedMs(c, now) / 1000) * 1000 || 0)}
      </span>
      <span className="clock-meta">
        <span aria-hidden="true">
          {c.status === 'running' ? <Icon name="play" /> : c.status === 'paused' ? '‖' : '■'}
        </span>{' '}
        {CONTROL_STATUS[c.status]} · {c.timeScale}× · startad {hhmm(c.startedAt)}
      </span>
    </div>
  );
}

function EndExercise({ exerciseId, name }: { exerciseId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const { submit: send, ack } = useSubmitOnce(`exercise-end:${exerciseId}`);
  return (
    <div className="end-exercise">
      {!confirming ? (
        <button type="button" className="btn-secondary" onClick={() => setConfirming(true)}>
          Avsluta övningen…
        </button>
      ) : (
        <>
          <p>Avsluta ”{name}”? Rummet stängs: det kan läsas, spelas upp och utvärderas.</p>
          <button
            type="button"
            className="btn-primary"
            onClick={() => {
              // Ending is a command of the real space (R64).
              send('exercise.end', { exerciseId }, REAL_SPACE);
              setConfirming(false);
            }}
          >
            Bekräfta: avsluta övningen
          </button>{' '}
          <button type="button" className="btn-quiet" onClick={() => setConfirming(false)}>
            Avbryt
          </button>
        </>
      )}
      <AckLine ack={ack} okText="Övningen är avslutad." />
    </div>
  );
}

function InjectRow({ st, c, may }: { st: InjectState; c: ExerciseControl; may: boolean }) {
  const state = useCityState();
  const now = useNow(1000);
  const { submit: send, ack } = useSubmitOnce(`inject:${st.inject.id}`);
  const due =
    st.status === 'pending' && c.status === 'running' ? wallMsUntil(c, st.atMs, now) : null;
  return (
    <tr className={`inject inject-${st.status}`} data-testid={`inject-${st.inject.id}`}>
      <td className="mono">{msToClock(st.atMs)}</td>
      <td>{INJECT_KIND_LABEL[st.inject.kind]}</td>
      <td>
        {injectTitle(st.inject, (d) => lookup(state.districts, d)?.name ?? d)}
        {st.live && <span className="muted"> · tillagd live av {st.addedBy?.name}</span>}
        {st.inject.note && <div className="inject-note">Ledarens notering: {st.inject.note}</div>}
        <AckLine ack={ack} okText="Överhoppad." />
      </td>
      <td>
        <span aria-hidden="true">{STATUS_ICON[st.status]}</span> {STATUS_TEXT[st.status]}
        {st.status === 'delivered' && ` ${hhmm(st.deliveredAt)}`}
        {due !== null && due > 0 && (
          <span className="muted"> · om {msToClock(Math.ceil(due / 1000) * 1000)}</span>
        )}
      </td>
      <td>
        {may && st.status === 'pending' && c.status !== 'ended' && (
          <button
            type="button"
            className="btn-quiet"
            onClick={() => send('exercise.skipInject', { injectId: st.inject.id })}
            aria-label={`Hoppa över ${injectTitle(st.inject)}`}
          >
            Hoppa över
          </button>
        )}
      </td>
    </tr>
  );
}

/** A message inject written live: the most common thing a leader adds (motspel). */
function AddInject() {
  const uid = useId();
  const [from, setFrom] = useState('');
  const [channel, setChannel] = useState<MessageChannel>('phone');
  const [text, setText] = useState('');
  const [at, setAt] = useState('');
  const { submit: send, ack } = useSubmitOnce('exercise-add-inject');
  const [kind] = useState<InjectKind>('message');
  const [counter, setCounter] = useState(1);
  return (
    <form
      className="add-inject"
      aria-labelledby={`${uid}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        const id = `live-${Date.now().toString(36)}-${counter}`;
        setCounter((n) => n + 1);
        send('exercise.addInject', {
          inject: {
            id,
            kind,
            from: from.trim(),
            channel,
            text: text.trim(),
            ...(at.trim() ? { at: at.trim() } : {}),
          },
        });
        setText('');
      }}
    >
      <h3 id={`${uid}-h`}>Lägg till meddelande-inject</h3>
      <Field label="Från (extern aktör)" id={`${uid}-f`}>
        <input
          id={`${uid}-f`}
          required
          value={from}
          maxLength={200}
          placeholder="t.ex. SMHI, Ellevio, Polisen"
          onChange={(e) => setFrom(e.target.value)}
        />
      </Field>
      <Field label="Kanal" id={`${uid}-c`}>
        <select
          id={`${uid}-c`}
          value={channel}
          onChange={(e) => setChannel(e.target.value as MessageChannel)}
        >
          {MESSAGE_CHANNELS.map((ch) => (
            <option key={ch} value={ch}>
              {MESSAGE_CHANNEL_LABEL[ch]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Meddelande" id={`${uid}-t`}>
        <textarea
          id={`${uid}-t`}
          required
          rows={3}
          value={text}
          maxLength={4000}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      <Field label="Övningstid (tt:mm)" id={`${uid}-a`} hint="Lämna tomt för att spela den nu.">
        <input
          id={`${uid}-a`}
          value={at}
          placeholder="nu"
          inputMode="numeric"
          aria-describedby={`${uid}-a-hint`}
          onChange={(e) => setAt(e.target.value)}
        />
      </Field>
      <button type="submit" className="btn-primary">
        Lägg till inject
      </button>
      <AckLine ack={ack} okText="Injecten är tillagd." />
    </form>
  );
}

export function ControlPanel({ c }: { c: ExerciseControl }) {
  const state = useCityState();
  const mayPause = useMayIn(state, 'exercise.pause', {});
  const mayResume = useMayIn(state, 'exercise.resume', {});
  const maySkip = useMayIn(state, 'exercise.skipInject', { injectId: 'x' });
  const mayAdd = useMayIn(state, 'exercise.addInject', { inject: {} });
  const real = useRealState();
  const mayEnd = useMayIn(real, 'exercise.end', { exerciseId: c.exerciseId });
  const { submit: send, ack } = useSubmitOnce('exercise-pause');
  const injects = c.injectOrder.map((id) => lookup(c.injects, id)).filter(present);
  const counts = {
    pending: injects.filter((i) => i.status === 'pending').length,
    delivered: injects.filter((i) => i.status === 'delivered').length,
    skipped: injects.filter((i) => i.status === 'skipped').length,
  };
  return (
    <section className="card control-panel" aria-labelledby="ctl-h" data-testid="control-panel">
      <h2 id="ctl-h">Övningsledning</h2>
      <div className="control-actions">
        {c.status === 'running' && mayPause && (
          <button
            type="button"
            className="btn-secondary"
            onClick={() => send('exercise.pause', {})}
          >
            <span aria-hidden="true">‖</span> Pausa övningen
          </button>
        )}
        {c.status === 'paused' && mayResume && (
          <button type="button" className="btn-primary" onClick={() => send('exercise.resume', {})}>
            <Icon name="play" /> Återuppta övningen
          </button>
        )}
        {c.status !== 'ended' && mayEnd && <EndExercise exerciseId={c.exerciseId} name={c.name} />}
      </div>
      <AckLine ack={ack} />
      <h3>
        Manus{' '}
        <span className="muted">
          ({counts.delivered} spelade, {counts.pending} väntar, {counts.skipped} överhoppade) –
          visas bara för övningsledningen
        </span>
      </h3>
      <table className="inject-table" data-testid="inject-table">
        <caption className="sr-only">Övningens injects i spelordning</caption>
        <thead>
          <tr>
            <th scope="col">Tid</th>
            <th scope="col">Typ</th>
            <th scope="col">Inject</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Åtgärd</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {injects.map((st) => (
            <InjectRow key={st.inject.id} st={st} c={c} may={maySkip} />
          ))}
          {injects.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                Inga injects ännu.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {mayAdd && c.status !== 'ended' && <AddInject />}
    </section>
  );
}

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

/** The exercise panel inside an exercise space: the leader's control or the participant's feed. */
export function ExercisePanel() {
  const state = useCityState();
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const played = useConsole((s) => lookup(s.played, s.currentSpace));
  const now = useNow(60_000);
  const c = state.exercise.control;
  const actor = actorOf({ me, actingFor });
  if (!c) return <p className="muted">Övningen laddas…</p>;
  // R67: the script is for the leader's eyes, even where the audience lets others receive it.
  const leader = actor !== null && leadsExercise(actor, state, now);
  return (
    <>
      <section className="card exercise-head" aria-labelledby="exh-h">
        <h2 id="exh-h">
          <span className="msg-mark">{EXERCISE_MARK}</span> {c.name}
        </h2>
        <p className="muted">
          {c.scenarioTitle ? `Scenario: ${c.scenarioTitle} · ` : ''}Övningsledare: {c.leader.name}
          {c.allowRealChannels ? ' · riktiga kanaler tillåtna (märks ÖVNING)' : ''}
        </p>
        <ExerciseClock c={c} />
        {c.objectives.length > 0 && (
          <details>
            <summary>Övningsmål</summary>
            <ul className="plain objectives">
              {c.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </details>
        )}
        <button type="button" className="btn-quiet" onClick={() => enterSpace(REAL_SPACE)}>
          Till skarpt läge
        </button>
      </section>
      {leader ? <ControlPanel c={c} /> : <PlayedList played={played ?? []} />}
      {c.status === 'ended' && (
        <section className="card" aria-labelledby="exexp-h">
          <h2 id="exexp-h">Utvärdering av övningen</h2>
          <ReportLinks />
          <p className="export-caption">Lägesbilden i övningen:</p>
          <SituationLinks />
        </section>
      )}
    </>
  );
}

export function ExerciseScreen({ map }: ScreenProps) {
  const space = useConsole((s) => s.currentSpace);
  const messages = useCityState().exercise.control?.messages ?? [];
  if (space === REAL_SPACE)
    return (
      <div className="exercise-home">
        <ExerciseList />
        <StartExercise />
      </div>
    );
  return (
    <div className="screen screen-exercise" aria-label="Övning">
      <div className="col col-left">
        <ExercisePanel />
      </div>
      <div className="col col-map">
        {map.geojson ? (
          <DistrictMap
            geojson={map.geojson}
            tileUrl={map.tileUrl}
            tileAttribution={map.tileAttribution}
          />
        ) : (
          <p className="muted">Laddar kartan…</p>
        )}
      </div>
      <aside className="col col-right" aria-label="Meddelanden och detaljer">
        <MessageFeed messages={messages} />
        <SidePanel />
      </aside>
    </div>
  );
}
