import {
  exerciseElapsedMs,
  isExerciseSpace,
  markForSpace,
  wallMsUntil,
  type ExerciseControl,
} from './exercise';

test('R63 everything an exercise sends is prefixed ÖVNING, once; real messages are untouched', () => {
  expect(isExerciseSpace('exercise-ovn-1')).toBe(true);
  expect(isExerciseSpace('real')).toBe(false);
  expect(markForSpace('exercise-ovn-1', 'Larm: CKL samlas')).toBe('ÖVNING – Larm: CKL samlas');
  expect(markForSpace('exercise-ovn-1', 'ÖVNING – Larm')).toBe('ÖVNING – Larm');
  expect(markForSpace('real', 'Larm: CKL samlas')).toBe('Larm: CKL samlas');
});

test('R65 the exercise clock is scaled and stands still while paused', () => {
  const c = {
    startedAt: '2024-01-01T10:00:00.000Z',
    timeScale: 60,
    pausedMs: 0,
  } as ExerciseControl;
  expect(exerciseElapsedMs(c, '2024-01-01T10:00:10.000Z')).toBe(600_000);
  const paused = {
    ...c,
    status: 'paused',
    pausedAt: '2024-01-01T10:00:10.000Z',
  } as ExerciseControl;
  expect(exerciseElapsedMs(paused, '2024-01-01T10:05:00.000Z')).toBe(600_000);
  const resumed = { ...c, pausedMs: 20_000 } as ExerciseControl;
  expect(exerciseElapsedMs(resumed, '2024-01-01T10:00:30.000Z')).toBe(600_000);
  expect(wallMsUntil(c, 1_200_000, '2024-01-01T10:00:10.000Z')).toBe(10_000);
});
