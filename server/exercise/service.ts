/**
 * Exercise control on the server: reacts to `exercise.started` / `exercise.ended` in the real
 * space by creating and closing exercise spaces, and plays each exercise's injects through
 * the scheduler. Everything it does is a command or system append with an id derived from
 * the exercise and the inject, so a repeat (restart, second node, retried job) has no
 * second effect (R69).
 */
import { libraryCards } from '../../shared/cards/library';
import type { Actor } from '../../shared/domain/actor';
import type { ActorRef } from '../../shared/domain/state';
import {
  EXERCISE_CONTROL_ACTOR,
  isExerciseSpace,
  wallMsUntil,
  type ExerciseSummary,
} from '../../shared/domain/exercise';
import { draft, type EventDraft, type StoredEvent } from '../../shared/events';
import { scriptDrafts } from '../../shared/commands/exercise';
import { REAL_SPACE } from '../../shared/protocol';
import type { Scheduler, ScheduledJob } from '../jobs/scheduler';
import type { Space } from '../space';
import type { SpaceRegistry } from '../spaces';
import type { FileExerciseCatalog } from './catalog';
import { lookup } from '../../shared/domain/keyed';

export const INJECT_JOB = 'exercise.inject';
interface InjectJob {
  space: string;
  exerciseId: string;
  injectId: string;
}

const asActor = (r: ActorRef): Actor => ({
  userId: r.userId,
  name: r.name,
  role: r.role,
  ...(r.actingFor ? { actingFor: r.actingFor } : {}),
});

export const injectJobId = (exerciseId: string, injectId: string) =>
  `exercise:${exerciseId}:${injectId}`;
export const injectCommandId = (exerciseId: string, injectId: string) =>
  `inject:${exerciseId}:${injectId}`;

export class ExerciseService {
  private readonly watched = new Set<string>();
  private readonly now: () => Date;

  constructor(
    private readonly registry: SpaceRegistry,
    private readonly scheduler: Scheduler,
    private readonly catalog: FileExerciseCatalog,
    opts: { now?: () => Date } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  private get real(): Space {
    const r = this.registry.get(REAL_SPACE);
    if (!r) throw new Error('the real space is not open');
    return r;
  }

  /** Wires to the real space and brings every exercise the log knows up to date. */
  async start(): Promise<void> {
    this.scheduler.handle<InjectJob>(INJECT_JOB, (job) => this.deliver(job));
    // An exercise started on another node a moment ago: read the real log up to now, so its
    // start is seen here (and its space prepared) before a command to it is answered.
    this.registry.onUnknown(async (name) => {
      if (isExerciseSpace(name)) await this.real.sync();
    });
    this.real.on('events', (events: StoredEvent[]) => {
      for (const e of events) {
        if (e.type === 'exercise.started' || e.type === 'exercise.ended') {
          const ex = lookup(this.real.state.exercise.exercises, e.data.exerciseId);
          if (!ex) continue;
          const work = this.ensure(ex);
          // Before the start is acknowledged: commands to the new space wait for its members.
          this.registry.prepare(ex.space, work);
          work.catch((err) => console.error(`[övning ${ex.id}] kunde inte förberedas`, err));
        }
      }
    });
    for (const ex of Object.values(this.real.state.exercise.exercises)) await this.ensure(ex);
    // Exercise spaces in the store that the real log does not name (e.g. restored from a
    // backup) are still opened, read-only in effect, so their logs can be read and reported on.
    for (const name of await this.registry.stored())
      if (name !== REAL_SPACE && !this.registry.has(name)) await this.registry.open(name);
  }

  /** Opens the exercise's space, writes its genesis once, and schedules or closes it. */
  async ensure(ex: ExerciseSummary): Promise<Space> {
    const division = this.catalog.loaded(ex.divisionId);
    const space = await this.registry.open(ex.space, {
      districtAt: division?.districtAt,
      exercises: undefined,
    });
    this.watch(space);
    if (!space.state.exercise.control) await this.genesis(space, ex);
    if (ex.status === 'ended') {
      if (space.state.exercise.control?.status !== 'ended')
        await space.appendSystem(asActor(ex.endedBy ?? ex.startedBy), `exercise:${ex.id}:closed`, [
          draft('exercise.closed', { exerciseId: ex.id }),
        ]);
      await this.cancelAll(space);
    } else {
      await this.scheduleAll(space);
    }
    return space;
  }

  /**
   * The exercise's first events: the division, the participants as users with their real
   * roles and live delegations, the control record and the script. One append, so an
   * exercise space either has all of it or nothing.
   */
  private async genesis(space: Space, ex: ExerciseSummary): Promise<void> {
    const real = this.real.state;
    const division = this.catalog.loaded(ex.divisionId)?.division ?? real.division;
    if (!division) throw new Error(`no division ${ex.divisionId}`);
    const participants = new Set(ex.participants);
    const users = Object.values(real.users).filter((u) => u.active && participants.has(u.userId));
    const now = this.now().toISOString();
    const delegations = Object.values(real.delegations).filter(
      (d) => !d.revokedAt && (!d.until || d.until > now) && participants.has(d.toUserId),
    );
    const scenario = ex.scenarioId ? this.catalog.scenario(ex.scenarioId) : undefined;
    const drafts: EventDraft[] = [
      draft('division.configured', {
        id: division.id,
        name: division.name,
        districts: division.districts,
      }),
      ...users.map((u) =>
        draft('user.registered', {
          userId: u.userId,
          name: u.name,
          role: u.role,
          ...(u.districtId ? { districtId: u.districtId } : {}),
          ...(u.unitId ? { unitId: u.unitId } : {}),
        }),
      ),
      ...delegations.map((d) =>
        draft('delegation.granted', {
          delegationId: d.id,
          role: d.role,
          toUserId: d.toUserId,
          basis: d.basis,
          ...(d.until ? { until: d.until } : {}),
        }),
      ),
      // R243: the exercise practises with the city's cards as they are now.
      ...libraryCards(real)
        .filter((c) => c.record)
        .flatMap((c) => [
          ...(c.record?.versions.length ? [draft('card.saved', { card: c.card })] : []),
          ...(c.retired
            ? [draft('card.retired', { cardId: c.card.id, version: c.card.version })]
            : []),
        ]),
      draft('exercise.configured', {
        exerciseId: ex.id,
        name: ex.name,
        realSpace: REAL_SPACE,
        leader: ex.startedBy,
        scenarioId: scenario?.id,
        scenarioTitle: scenario?.title,
        objectives: scenario?.objectives ?? [],
        timeScale: ex.timeScale,
        allowRealChannels: ex.allowRealChannels,
      }),
      ...(scenario ? scriptDrafts(scenario.injects) : []),
    ];
    await space.appendSystem(asActor(ex.startedBy), `exercise:${ex.id}:genesis`, drafts);
  }

  private watch(space: Space): void {
    if (this.watched.has(space.name)) return;
    this.watched.add(space.name);
    space.on('events', (events: StoredEvent[]) => {
      void this.react(space, events).catch((err) =>
        console.error(`[övning ${space.name}] schemaläggning misslyckades`, err),
      );
    });
  }

  private async react(space: Space, events: StoredEvent[]): Promise<void> {
    const c = space.state.exercise.control;
    if (!c) return;
    for (const e of events) {
      switch (e.type) {
        case 'exercise.injectAdded':
          if (c.status === 'running') await this.scheduleOne(space, e.data.inject.id);
          break;
        case 'exercise.injectSkipped':
          await this.scheduler.cancel(injectJobId(c.exerciseId, e.data.injectId));
          break;
        case 'exercise.paused':
        case 'exercise.closed':
          await this.cancelAll(space);
          break;
        case 'exercise.resumed':
          await this.scheduleAll(space);
          break;
        default:
          break;
      }
    }
  }

  private async scheduleOne(space: Space, injectId: string): Promise<void> {
    const c = space.state.exercise.control;
    const st = lookup(c?.injects, injectId);
    if (!c || !st || st.status !== 'pending' || c.status !== 'running') return;
    const now = this.now();
    await this.scheduler.schedule<InjectJob>({
      id: injectJobId(c.exerciseId, injectId),
      kind: INJECT_JOB,
      runAt: now.getTime() + wallMsUntil(c, st.atMs, now.toISOString()),
      data: { space: space.name, exerciseId: c.exerciseId, injectId },
    });
  }

  /** Schedules every pending inject (start, resume, restart: the log is the truth). */
  private async scheduleAll(space: Space): Promise<void> {
    const c = space.state.exercise.control;
    if (!c || c.status !== 'running') return;
    for (const id of c.injectOrder) await this.scheduleOne(space, id);
  }

  private async cancelAll(space: Space): Promise<void> {
    const c = space.state.exercise.control;
    if (!c) return;
    for (const id of c.injectOrder) {
      if (lookup(c.injects, id)?.status === 'pending')
        await this.scheduler.cancel(injectJobId(c.exerciseId, id));
    }
  }

  /** The job: play one inject through the exercise space's command pipeline. */
  private async deliver(job: ScheduledJob<InjectJob>): Promise<void> {
    const { space: name, exerciseId, injectId } = job.data;
    const space = this.registry.get(name);
    if (!space) return;
    const outcome = await space.submit(
      EXERCISE_CONTROL_ACTOR,
      injectCommandId(exerciseId, injectId),
      { type: 'exercise.deliverInject', payload: { injectId } },
    );
    if (outcome.ok) return;
    const { code, details } = outcome.error;
    if (code === 'STORAGE_UNAVAILABLE' || code === 'NOT_CONFIRMED' || code === 'INTERNAL')
      throw new Error(outcome.error.message); // the scheduler retries with backoff
    const dueInMs = typeof details?.dueInMs === 'number' ? details.dueInMs : undefined;
    if (dueInMs !== undefined)
      await this.scheduler.schedule<InjectJob>({
        ...job,
        runAt: this.now().getTime() + dueInMs,
      });
    // Anything else (paused, skipped, already played, ended) means there is nothing to do.
  }
}
