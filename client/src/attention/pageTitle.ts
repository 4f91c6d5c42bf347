/**
 * The page title is composed in one place: the count of what waits for me near the start, so it
 * shows in a crowded tab bar ("(2) Lägesbild – Stockholms stad"); inside an exercise ÖVNING
 * still comes first (R63), then the count.
 */
import { EXERCISE_MARK } from '../../../shared/domain/exercise';

const BASE = 'Lägesbild – Stockholms stad';
const parts = { count: 0, exercise: false };

function write() {
  if (typeof document === 'undefined') return;
  document.title = composeTitle(parts.count, parts.exercise);
}

export function composeTitle(count: number, exercise: boolean): string {
  return `${exercise ? `${EXERCISE_MARK} – ` : ''}${count > 0 ? `(${count}) ` : ''}${BASE}`;
}

export function setTitleCount(count: number): void {
  parts.count = count;
  write();
}

export function setTitleExercise(exercise: boolean): void {
  parts.exercise = exercise;
  write();
}
