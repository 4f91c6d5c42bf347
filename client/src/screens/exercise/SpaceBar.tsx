/**
 * Switching between the real situation (skarpt läge) and an exercise the person takes part
 * in. The real space keeps flowing whatever is on screen: while in an exercise, what happens
 * in reality is counted here and one click brings the person back.
 */
import { REAL_SPACE } from '../../../../shared/protocol';
import { takesPartIn } from '../../../../shared/visibility';
import type { Actor } from '../../../../shared/domain/actor';
import type { ExerciseSummary } from '../../../../shared/domain/exercise';
import { consoleStore, useConsole } from '../../store/console';
import { hhmm } from '../../format';

/** The running exercises this person may enter (participants and administrators, R68). */
export function myExercises(
  me: Pick<Actor, 'userId' | 'role'> | null,
  exercises: Record<string, ExerciseSummary>,
): ExerciseSummary[] {
  if (!me) return [];
  return Object.values(exercises)
    .filter((e) => e.status === 'running')
    .filter((e) => takesPartIn(me, e))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

export function enterSpace(space: string): void {
  consoleStore.getState().setSpace(space);
  if (typeof document !== 'undefined') document.getElementById('main')?.focus();
}

export function SpaceBar() {
  const me = useConsole((s) => s.me);
  const current = useConsole((s) => s.currentSpace);
  const exercises = useConsole((s) => s.spaces[REAL_SPACE]?.exercise.exercises ?? {});
  const unseenReal = useConsole((s) => s.unseen[REAL_SPACE]);
  const mine = myExercises(me, exercises);
  const inExercise = current !== REAL_SPACE;
  if (!inExercise && mine.length === 0) return null;
  const currentEx = Object.values(exercises).find((e) => e.space === current);
  return (
    <div
      className={`space-bar${inExercise ? ' in-exercise' : ''}`}
      data-testid="space-bar"
      role="region"
      aria-label="Skarpt läge eller övning"
    >
      <label>
        Visar:{' '}
        <select
          value={current}
          onChange={(e) => enterSpace(e.target.value)}
          data-testid="space-select"
        >
          <option value={REAL_SPACE}>Skarpt läge (verkligheten)</option>
          {mine.map((e) => (
            <option key={e.id} value={e.space}>
              ÖVNING: {e.name}
            </option>
          ))}
          {inExercise && !mine.some((e) => e.space === current) && (
            <option value={current}>ÖVNING: {currentEx?.name ?? current} (avslutad)</option>
          )}
        </select>
      </label>
      {!inExercise && mine.length > 0 && (
        <span className="space-hint">
          <span aria-hidden="true">⚑</span>{' '}
          {mine.length === 1
            ? `Du deltar i övningen ”${mine[0].name}”.`
            : `Du deltar i ${mine.length} övningar.`}{' '}
          <button
            type="button"
            className="btn-quiet"
            onClick={() => enterSpace(mine[0].space)}
            data-testid="enter-exercise"
          >
            Gå till övningen
          </button>
        </span>
      )}
      {inExercise && (
        <span className="space-hint" role="status" data-testid="real-notice">
          {unseenReal && unseenReal.count > 0 ? (
            <>
              <span aria-hidden="true">●</span>{' '}
              <strong>
                Skarpt läge:{' '}
                {unseenReal.count === 1
                  ? '1 ny uppdatering'
                  : `${unseenReal.count} nya uppdateringar`}
              </strong>{' '}
              (senast {hhmm(unseenReal.lastAt)}, {unseenReal.lastBy}).{' '}
            </>
          ) : (
            <>Skarpt läge fortsätter att uppdateras medan du övar. </>
          )}
          <button
            type="button"
            className="btn-quiet"
            onClick={() => enterSpace(REAL_SPACE)}
            data-testid="leave-exercise"
          >
            Till skarpt läge
          </button>
        </span>
      )}
    </div>
  );
}
