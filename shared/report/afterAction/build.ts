/**
 * Builds the after-action report of one crisis event or of a whole space (an exercise, or the
 * real log) from the log as the reader may see it. The log, not the live state: the state keeps
 * bounded tails (reports per district, alarms, cost entries) and the report covers everything.
 * Every section reads typed events by their schema's fields; nothing is inferred from names.
 */
import type { StoredEvent } from '../../events';
import { describeEvent } from './describe';
import { describeEventType } from '../../events/describe';
import { contextOf, who } from './context';
import { eventsOf, timelineOf } from './timeline';
import { alarmsOf } from './alarms';
import { cklOf } from './ckl';
import { districtsOf } from './districts';
import { tasksOf } from './tasks';
import { cardsOf } from './cards';
import { costsOf } from './costs';
import { evaluationsOf } from './evaluation';
import { injectsOf } from './injects';
import { REPORT_VERSION, type AfterActionReport } from './types';

export interface AfterActionOptions {
  space: string;
  eventId?: string;
  /** When the report is made; also the period's end while the event is still open. */
  generatedAt: string;
}

/** `events` is the whole log of the space as this reader may see it, in seq order. */
export function buildAfterAction(
  allEvents: readonly StoredEvent[],
  opts: AfterActionOptions,
): AfterActionReport {
  const ctx = contextOf(allEvents, opts);
  const configured = allEvents.find(
    (e): e is Extract<StoredEvent, { type: 'exercise.configured' }> =>
      e.type === 'exercise.configured',
  )?.data;
  const target = opts.eventId
    ? ctx.events.find(
        (e): e is Extract<StoredEvent, { type: 'event.opened' }> => e.type === 'event.opened',
      )
    : undefined;
  const events = eventsOf(ctx);
  const alarms = alarmsOf(ctx);
  const title = target
    ? (events.find((e) => e.eventId === opts.eventId)?.title ?? target.data.title)
    : (configured?.name ?? 'Hela loggen');
  return {
    version: REPORT_VERSION,
    space: opts.space,
    eventId: opts.eventId ?? null,
    title,
    subtitle: configured
      ? `Övning${configured.scenarioTitle ? ` – ${configured.scenarioTitle}` : ''}`
      : opts.eventId
        ? 'Utvärdering av händelse'
        : 'Utvärdering',
    isExercise: configured !== undefined,
    exercise: configured
      ? {
          name: configured.name,
          scenarioTitle: configured.scenarioTitle ?? null,
          leader: who(configured.leader),
          objectives: configured.objectives,
          timeScale: configured.timeScale,
        }
      : null,
    period: { from: ctx.start, to: ctx.last },
    generatedAt: opts.generatedAt,
    eventCount: ctx.events.length,
    timeline: timelineOf(ctx),
    events,
    ckl: cklOf(ctx, events, alarms),
    alarms,
    districts: districtsOf(ctx),
    tasks: tasksOf(ctx),
    cards: cardsOf(ctx),
    costs: costsOf(ctx),
    evaluations: evaluationsOf(ctx),
    injects: configured && !opts.eventId ? injectsOf(ctx) : null,
    log: ctx.events.map((e) => ({
      seq: e.seq,
      at: e.at,
      by: who(e.actor),
      type: e.type,
      label: describeEventType(e.type),
      text: describeEvent(e, ctx.names),
    })),
  };
}
