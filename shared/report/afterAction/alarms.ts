/**
 * Alarms and call-in: per alarm and call list, who was alarmed, reached, answered, coming, and
 * how long to the first answer and to the quota. Each alarm's own events are run through the
 * real reducer into a fresh state, so every figure reads the same recipient states and times
 * the consoles show, and the live state's bound on kept alarms does not cut the history.
 */
import type { StoredEvent } from '../../events';
import { emptyState, type CityState } from '../../domain/state';
import { applyEvent } from '../../reducer';
import {
  RECIPIENT_STATE_LABEL,
  dutyLabel,
  dutyOfTarget,
  type Alarm,
  type ListTarget,
  type Recipient,
} from '../../domain/alarm';
import { tableValues } from '../../domain/table';
import { lookup } from '../../domain/keyed';
import { msBetween, who, type ReportContext } from './context';
import type { AlarmFigures, AlarmListFigures, AlarmPersonRow } from './types';

const REACHED: readonly Recipient['state'][] = ['delivered', 'acknowledged', 'declined'];

/** The alarm as the reducer builds it from its own events alone. */
export function replayAlarm(events: readonly StoredEvent[], space: string): Alarm | undefined {
  let s: CityState = emptyState(space);
  let alarmId: string | undefined;
  for (const e of events) {
    if (e.type === 'alarm.started') alarmId = e.data.alarmId;
    // Renumbered: the reducer checks order, and these are a subsequence of the log.
    s = applyEvent(s, { ...e, seq: s.seq + 1 });
  }
  return alarmId ? lookup(s.alarm.alarms, alarmId) : undefined;
}

/** Reached: a delivery was confirmed, their link opened, or they answered — ever, not just now. */
const wasReached = (r: Recipient, confirmed: ReadonlySet<string>) =>
  REACHED.includes(r.state) || r.answeredAt !== undefined || confirmed.has(r.key);

function countsOf(rs: readonly Recipient[], confirmed: ReadonlySet<string>) {
  return {
    alarmed: rs.length,
    reached: rs.filter((r) => wasReached(r, confirmed)).length,
    answered: rs.filter((r) => r.answeredAt !== undefined).length,
    coming: rs.filter((r) => r.state === 'acknowledged').length,
    cannot: rs.filter((r) => r.state === 'declined').length,
  };
}

export function alarmsOf(ctx: ReportContext): AlarmFigures[] {
  const targets = listTargets(ctx);
  const byAlarm = new Map<string, StoredEvent[]>();
  for (const e of ctx.events)
    if (e.type.startsWith('alarm.') && 'alarmId' in e.data) {
      const list = byAlarm.get(e.data.alarmId);
      if (list) list.push(e);
      else if (e.type === 'alarm.started') byAlarm.set(e.data.alarmId, [e]);
    }
  const out: AlarmFigures[] = [];
  for (const events of byAlarm.values()) {
    const a = replayAlarm(events, events[0].space);
    if (!a) continue;
    // Kept from the events: a later reminder or replacement overwrites the recipient's state.
    const confirmed = new Set(
      events.flatMap((e) =>
        e.type === 'alarm.linkOpened' || (e.type === 'alarm.sendRecorded' && e.data.delivered)
          ? [e.data.key]
          : [],
      ),
    );
    const people = tableValues(a.recipients);
    const after = (at: string | undefined) => (at ? msBetween(a.startedAt, at) : null);
    const answers = people
      .map((r) => r.answeredAt)
      .filter((t): t is string => t !== undefined)
      .sort((x, y) => Date.parse(x) - Date.parse(y));
    const lists: AlarmListFigures[] = a.listOrder.flatMap((listId) => {
      const l = lookup(a.lists, listId);
      if (!l) return [];
      const target = targets.get(listId);
      const figures: AlarmListFigures = {
        listId,
        name: l.name,
        staffs: target ? dutyLabel(dutyOfTarget(target), ctx.districtName) : null,
        quota: l.quota,
        ...countsOf(
          people.filter((r) => r.listId === listId),
          confirmed,
        ),
        quotaAfterMs: after(l.staffedAt),
        exhausted: l.exhausted,
      };
      return [figures];
    });
    const rows: AlarmPersonRow[] = people.map((r) => ({
      name: r.name,
      listId: r.listId,
      state: r.state,
      stateLabel: RECIPIENT_STATE_LABEL[r.state],
      reserveFor: r.reserveFor ?? null,
      answeredAt: r.answeredAt ?? null,
      answerAfterMs: after(r.answeredAt),
      etaMinutes: r.etaMinutes ?? null,
      via: r.answeredVia ?? null,
    }));
    out.push({
      alarmId: a.id,
      title: a.title,
      eventId: a.eventId ?? null,
      startedAt: a.startedAt,
      startedBy: who(a.startedBy),
      status: a.status,
      completedAt: a.completedAt ?? null,
      quota: lists.reduce((n, l) => n + l.quota, 0),
      ...countsOf(people, confirmed),
      firstAnswerAfterMs: after(answers[0]),
      quotaAfterMs: a.status === 'staffed' ? after(a.completedAt) : null,
      lists,
      people: rows,
    });
  }
  return out;
}

/** What each list staffs, as last saved in the visible log (an alarm does not carry it). */
export function listTargets(ctx: ReportContext): Map<string, ListTarget> {
  const targets = new Map<string, ListTarget>();
  for (const e of ctx.all)
    if (e.type === 'alarm.listSaved') targets.set(e.data.listId, e.data.target);
  return targets;
}
