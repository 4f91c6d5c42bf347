/** The Swedish words for the time scales and for the status of an exercise and of its injects. */
import type { ExerciseControl, InjectState } from '../../../../shared/domain/exercise';

export const TIME_SCALES = [
  [1, 'Realtid (1×)'],
  [10, '10× (6 min på 36 s)'],
  [60, '60× (en timme på en minut)'],
  [600, '600× (en timme på 6 s)'],
  [3600, '3600× (en timme på en sekund)'],
] as const;

export const STATUS_TEXT: Record<InjectState['status'], string> = {
  pending: 'Väntar',
  delivered: 'Spelad',
  skipped: 'Överhoppad',
};
export const STATUS_ICON: Record<InjectState['status'], string> = {
  pending: '○',
  delivered: '✓',
  skipped: '⤼',
};
export const CONTROL_STATUS: Record<ExerciseControl['status'], string> = {
  running: 'Pågår',
  paused: 'Pausad',
  ended: 'Avslutad',
};
