/** An exercise's report: its objectives, leader and the script as played, from its own log. */
import { SYSTEM_ACTOR } from '../../domain/actor';
import { draft } from '../../events';
import { InjectSchema } from '../../exercise/scenario';
import { ACTORS, baseLog } from '../../../test/support/pureLog';
import { at } from '../../../test/support/afterActionScenario';
import { buildAfterAction } from './index';

test('an exercise report lists the objectives and each inject as planned, played or skipped', () => {
  const log = baseLog();
  const lead = ACTORS.ckl_lead;
  log.append(
    SYSTEM_ACTOR,
    [
      draft('exercise.configured', {
        exerciseId: 'ex1',
        name: 'Vinterövning',
        realSpace: 'real',
        leader: { userId: lead.userId, name: lead.name, role: lead.role },
        scenarioTitle: 'Elavbrott i kylan',
        objectives: ['Aktivera CKL inom 30 minuter'],
        timeScale: 2,
        allowRealChannels: false,
      }),
      draft('exercise.injectAdded', {
        inject: InjectSchema.parse({
          id: 'i2',
          at: '00:10',
          kind: 'event',
          ref: 'elavbrott',
          title: 'Elavbrott i Farsta',
          owner: { district: 'farsta' },
        }),
        live: false,
      }),
      draft('exercise.injectAdded', {
        inject: InjectSchema.parse({
          id: 'i1',
          at: '00:05',
          kind: 'message',
          from: 'Ellevio',
          subject: 'Driftstörning',
          text: 'Vi felsöker.',
        }),
        live: false,
      }),
    ],
    at(0),
  );
  log.append(SYSTEM_ACTOR, [draft('exercise.injectSkipped', { injectId: 'i1' })], at(3));
  log.append(
    SYSTEM_ACTOR,
    [draft('exercise.injectDelivered', { injectId: 'i2', kind: 'event', title: 'Elavbrott' })],
    at(5),
  );
  const r = buildAfterAction(log.log, { space: 'exercise-ex1', generatedAt: at(30) });
  expect(r).toMatchObject({
    isExercise: true,
    title: 'Vinterövning',
    subtitle: 'Övning – Elavbrott i kylan',
    exercise: { objectives: ['Aktivera CKL inom 30 minuter'], timeScale: 2 },
  });
  expect(r.exercise?.leader).toBe('Stabschef (Stabschef (CKL))');
  expect(r.injects?.map((i) => [i.injectId, i.planned, i.kind, i.title, i.status])).toEqual([
    ['i1', '00:05', 'Meddelande', 'Ellevio: Driftstörning', 'skipped'],
    ['i2', '00:10', 'Ny händelse', 'Elavbrott i Farsta', 'delivered'],
  ]);
  expect(r.injects?.[1].deliveredAt).toBe(at(5));
  expect(r.timeline.map((t) => t.kind)).toEqual(['exercise', 'inject']);
});
