/**
 * Exercise mode (övningsläge) in the console. In the real space: the exercises the person
 * takes part in and, for an administrator or the CKL lead, starting one from a scenario. In an
 * exercise space: the exercise clock; for the exercise leader the control panel (the script
 * with each inject's status, pause/resume, skip, add an inject live, end); for participants
 * the injects played so far and the messages from external actors as they arrive. The script
 * (unplayed injects) is shown only to the leader (R67). What a person may do comes from the
 * shared policy; nothing of it is copied here.
 */
import { REAL_SPACE } from '../../../../shared/protocol';
import { EXERCISE_MARK } from '../../../../shared/domain/exercise';
import { leadsExercise } from '../../../../shared/commands/exercise';
import { ReportLinks, SituationLinks } from '../../components/ExportLinks';
import { useCityState, useNow } from '../../hooks';
import { actorOf, useConsole } from '../../store/console';
import { LoadedMap, SidePanel, type ScreenProps } from '../common';
import { enterSpace } from './SpaceBar';
import { lookup } from '../../../../shared/domain/keyed';
import { ControlPanel } from './ControlPanel';
import { ExerciseClock } from './ExerciseClock';
import { ExerciseList } from './ExerciseList';
import { MessageFeed, PlayedList } from './ParticipantFeed';
import { StartExercise } from './StartExercise';

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
        <LoadedMap map={map} />
      </div>
      <aside className="col col-right" aria-label="Meddelanden och detaljer">
        <MessageFeed messages={messages} />
        <SidePanel />
      </aside>
    </div>
  );
}
