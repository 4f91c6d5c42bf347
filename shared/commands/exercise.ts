/**
 * Exercise mode commands (R60–R69): start and end an exercise from the real space; pause,
 * resume, skip and add injects inside it; deliver an inject (exercise control's scheduler).
 */
import { z } from 'zod';
import { defineCommand, type DecideContext } from './define';
import { draft, type EventDraft } from '../events';
import { Id } from '../events/schemas';
import type { CityState } from '../domain/state';
import type { Actor } from '../domain/actor';
import { CITY_UNITS } from '../domain/units';
import { DIVISIONS } from '../domain/division';
import {
  exerciseElapsedMs,
  exerciseSpaceName,
  isExerciseSpace,
  wallMsUntil,
  type ExerciseControl,
} from '../domain/exercise';
import {
  InjectSchema,
  checkInjectsAgainstDivision,
  clockToMs,
  formatPath,
  injectTitle,
  msToClock,
  playOrder,
  validateScenario,
  type Inject,
} from '../exercise/scenario';
import { refuse, type Refusal } from '../errors';
import { actsAs, when } from '../policy/predicates';
import { lookup } from '../domain/keyed';

/** R62: at most this many exercises run at once, so an exercise cannot crowd out reality. */
export const MAX_RUNNING_EXERCISES = 5;
/** Time compression: one wall-clock second may stand for up to an hour of exercise time. */
export const MAX_TIME_SCALE = 3600;
/** Delivery tolerance: the scheduler may fire a moment before the exercise clock is due. */
const DUE_TOLERANCE_MS = 50;

const isRef = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'refused' in x;

function control(s: CityState): ExerciseControl | Refusal {
  const c = s.exercise.control;
  if (!c || !isExerciseSpace(s.space))
    return refuse('CONFLICT', 'Kommandot gäller bara inne i en övning.');
  if (c.status === 'ended') return refuse('CONFLICT', 'Övningen är avslutad.');
  return c;
}

/** R66: the exercise leader (who started it) or an administrator steers the exercise. */
export function leadsExercise(a: Actor, s: CityState, now: string): boolean {
  const c = s.exercise.control;
  return (c !== null && c.leader.userId === a.userId) || actsAs(a, s, now, 'admin');
}

export const startExercise = defineCommand({
  label: 'Starta övning',
  payload: z
    .object({
      name: z.string().trim().min(1, 'Ge övningen ett namn.').max(200),
      scenarioId: Id.optional(),
      division: z
        .enum(Object.keys(DIVISIONS) as [keyof typeof DIVISIONS, ...(keyof typeof DIVISIONS)[]])
        .optional(),
      /** Exercise time per wall-clock time; 1 is real time (R65). */
      timeScale: z.number().min(1).max(MAX_TIME_SCALE).default(1),
      /** R63: nothing reaches real channels (SMS, e-mail) unless this is set at the start. */
      allowRealChannels: z.boolean().default(false),
      /** User ids taking part; all active accounts when left out. */
      participants: z.array(Id).max(2000).optional(),
    })
    .strict(),
  // R60: an administrator or the CKL lead starts an exercise.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'admin', 'ckl_lead'),
      'Endast en administratör eller stabschefen kan starta en övning.',
    ),
  decide: (p, s, ctx) => {
    if (isExerciseSpace(s.space))
      return refuse(
        'CONFLICT',
        'En övning startas från den skarpa lägesbilden, inte inifrån en övning.',
      );
    const running = Object.values(s.exercise.exercises).filter((e) => e.status === 'running');
    if (running.length >= MAX_RUNNING_EXERCISES)
      return refuse(
        'CONFLICT',
        `Det pågår redan ${running.length} övningar. Avsluta en innan du startar en ny.`,
      );
    if (!ctx.exercises)
      return refuse('CONFLICT', 'Övningsläget är inte tillgängligt på den här servern.');
    const scenario = p.scenarioId ? ctx.exercises.scenario(p.scenarioId) : undefined;
    if (p.scenarioId && !scenario) return refuse('NOT_FOUND', 'Scenariot finns inte.');
    const divisionId = p.division ?? scenario?.division ?? s.division?.id;
    if (!divisionId) return refuse('CONFLICT', 'Ingen indelning är konfigurerad.');
    if (scenario && scenario.division !== divisionId)
      return refuse(
        'INVALID',
        `Scenariot är skrivet för indelningen ${scenario.division}; välj den indelningen.`,
      );
    const facts = ctx.exercises.division(divisionId);
    if (!facts) return refuse('INVALID', `Okänd indelning: ${divisionId}.`);
    if (scenario) {
      const errors = checkInjectsAgainstDivision(scenario.injects, facts);
      if (errors.length > 0)
        return refuse(
          'INVALID',
          `Scenariot passar inte indelningen: ${errors[0].path}: ${errors[0].message}`,
          { errors: errors.slice(0, 20).map((e) => `${e.path}: ${e.message}`) },
        );
    }
    const active = Object.values(s.users).filter((u) => u.active);
    let participants = p.participants ?? active.map((u) => u.userId);
    for (const id of participants)
      if (!lookup(s.users, id)?.active)
        return refuse('NOT_FOUND', `Deltagaren ${id} finns inte eller är inaktiverad.`);
    if (!participants.includes(ctx.actor.userId))
      participants = [ctx.actor.userId, ...participants];
    const exerciseId = ctx
      .newId('ovn')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-');
    return [
      draft('exercise.started', {
        exerciseId,
        name: p.name,
        space: exerciseSpaceName(exerciseId),
        scenarioId: scenario?.id,
        scenarioTitle: scenario?.title,
        divisionId,
        participants: [...new Set(participants)],
        allowRealChannels: p.allowRealChannels,
        timeScale: p.timeScale,
      }),
    ];
  },
});

export const endExercise = defineCommand({
  label: 'Avsluta övning',
  payload: z.object({ exerciseId: Id }).strict(),
  // R64: whoever started it, an administrator or the CKL lead ends it.
  authorize: (a, p, s, now) =>
    when(
      lookup(s.exercise.exercises, p.exerciseId)?.startedBy.userId === a.userId ||
        actsAs(a, s, now, 'admin', 'ckl_lead'),
      'Endast övningsledaren, en administratör eller stabschefen kan avsluta övningen.',
    ),
  decide: (p, s) => {
    const ex = lookup(s.exercise.exercises, p.exerciseId);
    if (!ex) return refuse('NOT_FOUND', 'Övningen finns inte.');
    if (ex.status === 'ended') return refuse('CONFLICT', 'Övningen är redan avslutad.');
    return [draft('exercise.ended', { exerciseId: ex.id })];
  },
});

export const pauseExercise = defineCommand({
  label: 'Pausa övningen',
  payload: z.object({}).strict(),
  authorize: (a, _p, s, now) =>
    when(leadsExercise(a, s, now), 'Endast övningsledaren kan pausa övningen.'),
  decide: (_p, s) => {
    const c = control(s);
    if (isRef(c)) return c;
    if (c.status === 'paused') return refuse('CONFLICT', 'Övningen är redan pausad.');
    return [draft('exercise.paused', {})];
  },
});

export const resumeExercise = defineCommand({
  label: 'Återuppta övningen',
  payload: z.object({}).strict(),
  authorize: (a, _p, s, now) =>
    when(leadsExercise(a, s, now), 'Endast övningsledaren kan återuppta övningen.'),
  decide: (_p, s) => {
    const c = control(s);
    if (isRef(c)) return c;
    if (c.status !== 'paused') return refuse('CONFLICT', 'Övningen är inte pausad.');
    return [draft('exercise.resumed', {})];
  },
});

export const skipInject = defineCommand({
  label: 'Hoppa över inject',
  payload: z.object({ injectId: Id }).strict(),
  authorize: (a, _p, s, now) =>
    when(leadsExercise(a, s, now), 'Endast övningsledaren kan hoppa över en inject.'),
  decide: (p, s) => {
    const c = control(s);
    if (isRef(c)) return c;
    const inj = lookup(c.injects, p.injectId);
    if (!inj) return refuse('NOT_FOUND', 'Injecten finns inte.');
    if (inj.status !== 'pending')
      return refuse(
        'CONFLICT',
        inj.status === 'delivered'
          ? 'Injecten har redan spelats.'
          : 'Injecten är redan överhoppad.',
      );
    return [draft('exercise.injectSkipped', { injectId: p.injectId })];
  },
});

export const addInject = defineCommand({
  label: 'Lägg till inject',
  payload: z
    .object({
      /** An inject in the scenario format; `at` may be left out (or "now") to play it at once. */
      inject: z.record(z.string(), z.unknown()),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(leadsExercise(a, s, now), 'Endast övningsledaren kan lägga till injects.'),
  decide: (p, s, ctx) => {
    const c = control(s);
    if (isRef(c)) return c;
    const raw = { ...p.inject };
    const elapsed = exerciseElapsedMs(c, ctx.now);
    if (raw.at === undefined || raw.at === 'now')
      raw.at = msToClock(Math.ceil(elapsed / 1000) * 1000);
    const parsed = InjectSchema.safeParse(raw);
    if (!parsed.success) {
      const v = validateScenario({ injects: [raw] });
      const first = !v.ok ? v.errors.find((e) => e.rawPath[0] === 'injects') : undefined;
      const issue = parsed.error.issues[0];
      return refuse(
        'INVALID',
        first
          ? `${first.path.replace(/^injects\[0\]\.?/, 'inject.')}: ${first.message}`
          : `inject.${formatPath(issue?.path ?? [])}: ${issue?.message ?? 'ogiltig'}`,
      );
    }
    const inj = parsed.data;
    if (lookup(c.injects, inj.id))
      return refuse('CONFLICT', `Det finns redan en inject med id "${inj.id}".`);
    if (inj.kind === 'event' && lookup(s.events, eventIdFor(inj.ref)))
      return refuse('CONFLICT', `Händelsen "${inj.ref}" finns redan i övningen.`);
    const errors = checkInjectsAgainstDivision([inj], divisionFacts(s, ctx), ['inject']);
    if (errors.length > 0)
      return refuse(
        'INVALID',
        `${errors[0].path.replace('inject[0]', 'inject')}: ${errors[0].message}`,
      );
    return [draft('exercise.injectAdded', { inject: inj, live: true }, SCRIPT_AUDIENCE)];
  },
});

export const deliverInject = defineCommand({
  label: 'Spela inject',
  payload: z.object({ injectId: Id }).strict(),
  // Only exercise control's scheduler (the system) delivers; a person adds or skips instead.
  authorize: () =>
    when(false, 'Injects spelas av övningens schema. Lägg till en inject för att spela den nu.'),
  decide: (p, s, ctx) => {
    const c = control(s);
    if (isRef(c)) return c;
    if (c.status !== 'running')
      return refuse('CONFLICT', 'Övningen är pausad.', { status: c.status });
    const st = lookup(c.injects, p.injectId);
    if (!st) return refuse('NOT_FOUND', 'Injecten finns inte.');
    if (st.status !== 'pending')
      return refuse('CONFLICT', 'Injecten är redan spelad eller överhoppad.', {
        status: st.status,
      });
    const wait = wallMsUntil(c, st.atMs, ctx.now);
    if (wait > DUE_TOLERANCE_MS)
      return refuse('CONFLICT', 'Injecten är inte tidsatt ännu.', { dueInMs: wait });
    return [
      draft('exercise.injectDelivered', {
        injectId: st.inject.id,
        kind: st.inject.kind,
        title: injectTitle(st.inject, (id) => lookup(s.districts, id)?.name ?? id),
      }),
      ...injectEffects(st.inject, s, c, ctx),
    ];
  },
});

/**
 * The script is for exercise control: an audience of the leading roles keeps it from the
 * districts' and functions' consoles until each inject is played (R67).
 */
export const SCRIPT_AUDIENCE = { roles: ['admin' as const, 'ckl_lead' as const] };

/** Ids of what injects create are derived from the inject, so a replay has one effect. */
export const eventIdFor = (ref: string) => `evt_${ref}`;

function divisionFacts(s: CityState, ctx: DecideContext) {
  return {
    districtIds: new Set(Object.keys(s.districts)),
    unitIds: new Set(CITY_UNITS.map((u) => u.id)),
    districtAt: ctx.districtAt,
  };
}

/** What an inject puts into the exercise: the same events a person's command would. */
export function injectEffects(
  inj: Inject,
  s: CityState,
  c: ExerciseControl,
  ctx: Pick<DecideContext, 'now'>,
): EventDraft[] {
  const linked = (ref?: string) =>
    ref && lookup(s.events, eventIdFor(ref)) ? eventIdFor(ref) : undefined;
  switch (inj.kind) {
    case 'event': {
      const id = eventIdFor(inj.ref);
      if (lookup(s.events, id)) return [];
      const owner =
        inj.owner === 'central'
          ? ({ kind: 'central' } as const)
          : 'district' in inj.owner
            ? ({ kind: 'district', id: inj.owner.district } as const)
            : ({ kind: 'unit', id: inj.owner.unit } as const);
      const affected = [
        ...new Set([...(owner.kind === 'district' ? [owner.id] : []), ...inj.affectedDistricts]),
      ].filter((d) => lookup(s.districts, d));
      return [
        draft('event.opened', {
          eventId: id,
          title: inj.title,
          description: inj.description,
          owner,
          affectedDistrictIds: affected,
          affectedUnitIds: [
            ...new Set([...(owner.kind === 'unit' ? [owner.id] : []), ...inj.affectedUnits]),
          ],
        }),
      ];
    }
    case 'message': {
      const audience =
        inj.to === 'all'
          ? undefined
          : {
              ...(inj.to.roles?.length ? { roles: inj.to.roles } : {}),
              ...(inj.to.districts?.length ? { districtIds: inj.to.districts } : {}),
            };
      return [
        draft(
          'exercise.message',
          {
            messageId: `msg_${inj.id}`,
            injectId: inj.id,
            from: inj.from,
            channel: inj.channel,
            subject: inj.subject || undefined,
            text: inj.text,
            eventId: linked(inj.event),
          },
          audience && Object.keys(audience).length > 0 ? audience : undefined,
        ),
      ];
    }
    case 'report': {
      if (!lookup(s.districts, inj.district)) return [];
      const due = Date.parse(ctx.now) + Math.ceil(clockToMs(inj.nextReportIn) / c.timeScale);
      return [
        draft('district.reported', {
          reportId: `rep_${inj.id}`,
          districtId: inj.district,
          status: inj.status,
          happened: inj.happened,
          consequences: inj.consequences,
          actions: inj.actions,
          needs: inj.needs,
          crisisSupport: inj.crisisSupport,
          nextReportDue: new Date(due).toISOString(),
          noChange: false,
        }),
      ];
    }
    case 'marker':
      if (!lookup(s.districts, inj.district)) return [];
      return [
        draft('marker.placed', {
          markerId: `mk_${inj.id}`,
          kind: inj.marker,
          label: inj.label,
          districtId: inj.district,
          eventId: linked(inj.event),
          lat: inj.lat,
          lng: inj.lng,
        }),
      ];
    case 'warning':
      // Played is published: the delivered inject is the warning (shared/warnings/scenario.ts).
      return [];
    default: {
      const never: never = inj;
      throw new Error(`unhandled inject ${JSON.stringify(never)}`);
    }
  }
}

/** The genesis of an exercise's script: every scripted inject, in play order. */
export function scriptDrafts(injects: readonly Inject[]): EventDraft[] {
  return playOrder(injects).map((inject) =>
    draft('exercise.injectAdded', { inject, live: false }, SCRIPT_AUDIENCE),
  );
}
