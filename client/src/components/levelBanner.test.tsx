/** R162: the real city level stays on screen inside an exercise. */
import { act, render, screen } from '@testing-library/react';
import { emptyState } from '../../../shared/domain/state';
import { consoleStore } from '../store/console';
import { city, signInAs } from '../test/fixtures';
import { LevelBanner } from './Frame';

const EX = 'exercise-e1';

test('R162 inside an exercise the banner shows the real level (Extraordinär), the exercise level beside it marked ÖVNING', () => {
  signInAs('tib.farsta');
  const st = consoleStore.getState();
  const real = city();
  const crisis = {
    ...real,
    events: { ...real.events, evt1: { ...real.events.evt1, level: 'extraordinary' as const } },
  };
  act(() => st.onSnapshot({ space: 'real', seq: crisis.seq, state: crisis }));
  // The exercise itself has nothing open: its own picture is "normal".
  act(() => st.onSnapshot({ space: EX, seq: 0, state: emptyState(EX) }));
  render(<LevelBanner />);
  expect(screen.getByTestId('city-level').textContent).toBe('Extraordinär händelse');
  expect(screen.queryByTestId('exercise-level')).toBeNull();

  act(() => consoleStore.getState().setSpace(EX));
  expect(screen.getByTestId('level-banner').textContent).toContain(
    'Stadens verkliga läge: Extraordinär händelse',
  );
  expect(screen.getByTestId('exercise-level').textContent).toBe(
    ' · ÖVNING: inga öppna övningshändelser',
  );
  expect(screen.getByTestId('level-banner').className).toContain('level-extraordinary');
  expect(screen.getByTestId('level-banner').textContent).not.toMatch(
    /Stadens verkliga läge: Normalläge/,
  );
  act(() => consoleStore.getState().setSpace('real'));
});
