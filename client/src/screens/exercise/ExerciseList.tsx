/** In the real space: the exercises the person takes part in, each with a way into it. */
import type { ExerciseSummary } from '../../../../shared/domain/exercise';
import { takesPartIn } from '../../../../shared/visibility';
import { ReportLinks } from '../../components/ExportLinks';
import { useConsole } from '../../store/console';
import { dayTime } from '../../format';
import { enterSpace, myExercises } from './SpaceBar';
import { EndExercise } from './ControlPanel';
import { useMayIn, useRealState } from './spaceHooks';

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

export function ExerciseList() {
  const me = useConsole((s) => s.me);
  const real = useRealState();
  const all = Object.values(real?.exercise.exercises ?? {});
  const running = myExercises(me, real?.exercise.exercises ?? {});
  const ended = all.filter((e) => e.status === 'ended' && !!me && takesPartIn(me, e));
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
