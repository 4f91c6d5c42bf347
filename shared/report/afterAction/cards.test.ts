/** The after-action report's card section: done by whom, late, skipped, never done (R175, R178). */
import { World, roleActor } from '../../../test/support/world';
import { buildAfterAction } from './index';

test('R178 the report lists every card of the event with each step done, late, skipped or never done', () => {
  const { w, eventId } = World.withEvent({ activate: [] });
  const dir = roleActor('director');
  const card = w.state.cards.instances;
  const director = Object.values(card.buckets)
    .flatMap((b) => Object.values(b))
    .find((i) => i.card.id === 'director-serious' && i.eventId === eventId)!;
  w.advance(10);
  w.ok(dir, 'card.tickStep', {
    instanceId: director.id,
    stepId: 'reporting',
    status: 'not_applicable',
    reason: 'En förvaltning.',
  });
  w.advance(40); // past the 30-minute deadline of activating CKL
  w.ok(dir, 'ckl.activate', { eventId, functions: ['analysis'], decision: { basis: 'Läget.' } });
  const r = buildAfterAction(w.events, { space: 'real', eventId, generatedAt: w.now });
  const row = r.cards.find((c) => c.cardId === 'director-serious')!;
  const step = (id: string) => row.steps.find((s) => s.stepId === id)!;
  expect(step('reporting')).toMatchObject({ outcome: 'skipped', reason: 'En förvaltning.' });
  expect(step('activate-ckl')).toMatchObject({
    outcome: 'done',
    late: true,
    fromLog: true,
    by: 'Person director (Stadsdirektör)',
  });
  expect(step('coordinate-communication')).toMatchObject({ outcome: 'never', late: false });
  expect(row).toMatchObject({ done: 1, skipped: 1, never: 4, late: 1 });
  expect(r.cards.map((c) => c.cardId).sort()).toEqual([
    'director-serious',
    'fn-analysis',
    'lead-ckl',
    'tib-disruption',
  ]);
});
