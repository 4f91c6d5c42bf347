/** R140's check, on one node or across two: exercises started one after another, each used at once. */
import type { CityState } from '../../shared/domain/state';
import type { ExerciseSummary } from '../../shared/domain/exercise';
import type { TestConsole } from './server';

/**
 * The lead starts `count` exercises one after another (tib.farsta taking part), and the moment
 * each start is acknowledged `first` uses it from `tib`; each is ended before the next (at most
 * five run at once). Returns what `first` saw refused. Both consoles are closed after.
 */
export async function refusedRightAfterStart(
  o: {
    lead: TestConsole;
    tib: TestConsole;
    /** The real space's state as the lead's node has it. */
    real: () => CityState;
    count: number;
    name: (i: number) => string;
  },
  first: (ex: ExerciseSummary, i: number) => Promise<string[]>,
): Promise<string[]> {
  const refused: string[] = [];
  try {
    for (let i = 0; i < o.count; i++) {
      const name = o.name(i);
      const ack = await o.lead.command('exercise.start', { name, participants: ['tib.farsta'] });
      expect(ack).toEqual(expect.objectContaining({ ok: true }));
      const ex = Object.values(o.real().exercise.exercises).find((e) => e.name === name)!;
      refused.push(...(await first(ex, i)));
      const end = await o.lead.command('exercise.end', { exerciseId: ex.id });
      expect(end).toEqual(expect.objectContaining({ ok: true }));
    }
  } finally {
    o.lead.close();
    o.tib.close();
  }
  return refused;
}
