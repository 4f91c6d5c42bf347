/** The timeline of levels and decisions, and each crisis event's levels and key intervals. */
import type { StoredEvent } from '../../events';
import { DECISION_KIND_LABEL, LEVEL_LABEL, levelRank, type Level } from '../../domain/vocabulary';
import { msBetween, who, type ReportContext } from './context';
import { describeEvent } from './describe';
import type { EventSummary, TimelineItem } from './types';

export function timelineOf(ctx: ReportContext): TimelineItem[] {
  const out: TimelineItem[] = [];
  const item = (e: StoredEvent, kind: TimelineItem['kind'], text: string, basis?: string) =>
    out.push({
      at: e.at,
      seq: e.seq,
      kind,
      text,
      by: who(e.actor),
      ...(basis !== undefined ? { basis } : {}),
      ...('eventId' in e.data && e.data.eventId ? { eventId: e.data.eventId } : {}),
    });
  for (const e of ctx.events) {
    switch (e.type) {
      case 'event.opened':
        item(e, 'event', `Händelse öppnad: ${e.data.title} (${LEVEL_LABEL.disruption})`);
        break;
      case 'event.centralSupportRequested':
        item(e, 'support', `Centralt stöd begärt: ${e.data.reason}`);
        break;
      case 'decision.recorded':
        item(e, 'decision', `${DECISION_KIND_LABEL[e.data.kind]}: ${e.data.what}`, e.data.basis);
        break;
      case 'event.levelChanged':
        item(e, 'level', `Nivå: ${LEVEL_LABEL[e.data.level]}`);
        break;
      case 'ckl.activated':
      case 'ckl.deactivated':
        item(e, 'ckl', describeEvent(e, ctx.names));
        break;
      case 'event.closed':
        item(e, 'closed', 'Händelsen avslutad');
        break;
      case 'exercise.configured':
      case 'exercise.paused':
      case 'exercise.resumed':
      case 'exercise.closed':
        item(e, 'exercise', describeEvent(e, ctx.names));
        break;
      case 'exercise.injectDelivered':
        item(e, 'inject', describeEvent(e, ctx.names));
        break;
      default:
        break;
    }
  }
  return out;
}

/** One summary per crisis event opened in scope. */
export function eventsOf(ctx: ReportContext): EventSummary[] {
  const out: EventSummary[] = [];
  for (const open of ctx.events) {
    if (open.type !== 'event.opened') continue;
    const id = open.data.eventId;
    const since = (at: string | undefined) => (at ? msBetween(open.at, at) : null);
    const levels: EventSummary['levels'] = [
      { level: 'disruption', at: open.at, by: who(open.actor) },
    ];
    let toSerious: string | undefined;
    let toExtra: string | undefined;
    let firstCkl: string | undefined;
    let asked: string | undefined;
    let decided: string | undefined;
    let closed: string | undefined;
    let title = open.data.title;
    for (const e of ctx.events) {
      if (!('eventId' in e.data) || e.data.eventId !== id) continue;
      switch (e.type) {
        case 'event.updated':
          title = e.data.title ?? title;
          break;
        case 'event.levelChanged':
          levels.push({ level: e.data.level, at: e.at, by: who(e.actor) });
          if (e.data.level === 'serious') toSerious ??= e.at;
          if (e.data.level === 'extraordinary') toExtra ??= e.at;
          break;
        case 'ckl.activated':
          firstCkl ??= e.at;
          break;
        case 'event.centralSupportRequested':
          asked ??= e.at;
          break;
        case 'event.centralSupportDecided':
          if (asked) decided ??= e.at;
          break;
        case 'event.closed':
          closed = e.at;
          break;
        default:
          break;
      }
    }
    const highestLevel = levels.reduce<Level>(
      (h, l) => (levelRank(l.level) > levelRank(h) ? l.level : h),
      'disruption',
    );
    out.push({
      eventId: id,
      title,
      openedAt: open.at,
      closedAt: closed ?? null,
      openedBy: who(open.actor),
      levels,
      highestLevel,
      toCklMs: since(firstCkl),
      toSeriousMs: since(toSerious),
      toExtraordinaryMs: since(toExtra),
      supportDecisionMs: asked && decided ? msBetween(asked, decided) : null,
      durationMs: since(closed),
    });
  }
  return out;
}
