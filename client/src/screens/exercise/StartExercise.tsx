/** Starting an exercise from a scenario, in the real space (an administrator or the CKL lead). */
import { useEffect, useId, useState } from 'react';
import { REAL_SPACE } from '../../../../shared/protocol';
import { EXERCISE_MARK } from '../../../../shared/domain/exercise';
import { msToClock } from '../../../../shared/exercise/scenario';
import * as api from '../../api';
import { AckLine } from '../../components/AckLine';
import { Field } from '../../components/bits';
import { useSubmitOnce } from '../../submitOnce';
import { TIME_SCALES } from './labels';
import { useMayIn, useRealState } from './spaceHooks';

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
        <div className="check-field">
          <label className="check">
            <input
              type="checkbox"
              checked={allowReal}
              aria-describedby={`${uid}-r-hint`}
              onChange={(e) => setAllowReal(e.target.checked)}
            />{' '}
            Tillåt riktiga kanaler (SMS, e-post)
          </label>
          <span className="hint" id={`${uid}-r-hint`}>
            Det som skickas märks {EXERCISE_MARK}. Lämna av om du är osäker.
          </span>
        </div>
        <button type="submit" className="btn-primary">
          Starta övningen
        </button>
        <AckLine ack={ack} okText="Övningen är startad. Välj den i listan för att gå in." />
      </form>
    </section>
  );
}
