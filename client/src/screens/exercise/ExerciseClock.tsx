import { exerciseElapsedMs, type ExerciseControl } from '../../../../shared/domain/exercise';
import { msToClock } from '../../../../shared/exercise/scenario';
import { useNow } from '../../hooks';
import { hhmm } from '../../format';
import { Icon } from '../../components/Icon';
import { CONTROL_STATUS } from './labels';

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
