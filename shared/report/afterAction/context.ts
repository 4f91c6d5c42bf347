/**
 * What every section needs: the events in the report's scope, the names behind ids, and the
 * period. Built once from the visible log; sections never look outside it.
 */
import type { StoredEvent } from '../../events';
import type { ActorRef } from '../../domain/state';
import { ROLE_LABEL } from '../../domain/vocabulary';
import { periodOf } from '../period';

export interface ReportContext {
  /** The events the report covers, in seq order. */
  events: readonly StoredEvent[];
  /** The whole visible log, for names and list definitions made before the scope began. */
  all: readonly StoredEvent[];
  eventId: string | null;
  names: Map<string, string>;
  userName: (id: string) => string;
  districtName: (id: string) => string;
  /** When the period ends: the event's closing, the exercise's end, or the report's time. */
  end: string;
  /** The earliest and the latest time of an event in scope (R141: not the log's order). */
  start: string | null;
  last: string | null;
}

/** "Namn (Roll)", or "Namn (Roll, för Stadsdirektör)" when acting through a delegation. */
export const who = (a: ActorRef): string =>
  a.userId === 'system'
    ? a.name
    : `${a.name} (${ROLE_LABEL[a.role]}${a.actingFor ? `, för ${ROLE_LABEL[a.actingFor]}` : ''})`;

export const msBetween = (from: string, to: string): number => Date.parse(to) - Date.parse(from);

/** Names by `u:<userId>` and `d:<districtId>`, as describeEvent reads them. */
export function namesOf(all: readonly StoredEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of all) noteNames(names, e);
  return names;
}

/** Adds the names one event gives (for readers that see the log a page at a time). */
export function noteNames(names: Map<string, string>, e: StoredEvent): void {
  if (e.type === 'user.registered') names.set(`u:${e.data.userId}`, e.data.name);
  if (e.type === 'division.configured')
    for (const d of e.data.districts) names.set(`d:${d.id}`, d.name);
}

/**
 * The events of one crisis event: its own (by eventId), and those that refer to them by
 * another id (task updates, proposal resolutions, evaluation completion, alarm progress,
 * voided costs), and the affected districts' reports while it was open.
 */
export function scopeToEvent(all: readonly StoredEvent[], eventId: string): StoredEvent[] {
  const opened = all.find((e) => e.type === 'event.opened' && e.data.eventId === eventId);
  if (!opened) return [];
  const closed = all.find((e) => e.type === 'event.closed' && e.data.eventId === eventId);
  const endSeq = closed?.seq ?? Infinity;
  const districts = new Set<string>();
  const tasks = new Set<string>();
  const proposals = new Set<string>();
  const decisions = new Set<string>();
  const evaluations = new Set<string>();
  const alarms = new Set<string>();
  const out: StoredEvent[] = [];
  for (const e of all) {
    const own = 'eventId' in e.data && e.data.eventId === eventId;
    let keep = own;
    switch (e.type) {
      case 'event.opened':
      case 'event.updated':
        if (own) for (const id of e.data.affectedDistrictIds ?? []) districts.add(id);
        break;
      case 'task.created':
        if (own) tasks.add(e.data.taskId);
        break;
      case 'task.updated':
        keep = tasks.has(e.data.taskId);
        break;
      case 'proposal.made':
        if (own) proposals.add(e.data.proposalId);
        break;
      case 'proposal.resolved':
        keep = proposals.has(e.data.proposalId);
        break;
      case 'decision.recorded':
        if (own) decisions.add(e.data.decisionId);
        break;
      case 'board.urgentDecisionReported':
        keep = decisions.has(e.data.decisionId);
        break;
      case 'evaluation.opened':
        if (own) evaluations.add(e.data.evaluationId);
        break;
      case 'evaluation.completed':
        keep = evaluations.has(e.data.evaluationId);
        break;
      case 'district.reported':
        keep = e.seq > opened.seq && e.seq <= endSeq && districts.has(e.data.districtId);
        break;
      case 'alarm.started':
        if (own) alarms.add(e.data.alarmId);
        break;
      default:
        if (e.type.startsWith('alarm.') && 'alarmId' in e.data && alarms.has(e.data.alarmId))
          keep = true;
    }
    if (keep) out.push(e);
  }
  return out;
}

export function contextOf(
  all: readonly StoredEvent[],
  opts: { eventId?: string; generatedAt: string },
): ReportContext {
  const events = opts.eventId ? scopeToEvent(all, opts.eventId) : [...all];
  const closing = events.find((e) =>
    opts.eventId
      ? e.type === 'event.closed' && e.data.eventId === opts.eventId
      : e.type === 'exercise.closed',
  );
  const names = namesOf(all);
  const period = periodOf(events);
  return {
    events,
    all,
    eventId: opts.eventId ?? null,
    names,
    userName: (id) => names.get(`u:${id}`) ?? id,
    districtName: (id) => names.get(`d:${id}`) ?? id,
    start: period.from ?? null,
    last: period.to ?? null,
    end: closing?.at ?? opts.generatedAt,
  };
}
