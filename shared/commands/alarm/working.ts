/**
 * The working picture of a running alarm: who is still to be reached, reserves to call in
 * and whether each list is staffed (R41–R48). Shared by start, answers and timers.
 */
import { z } from 'zod';
import { draft, type EventDraft } from '../../events';
import type { CityState } from '../../domain/state';
import {
  ChannelKind,
  REAL_CHANNELS,
  WAITING_STATES,
  recipientKey,
  type Alarm,
  type CallList,
} from '../../domain/alarm';
import { fillTemplate } from '../../text/template';
import { tableGet, tableValues } from '../../domain/table';
import { lookup } from '../../domain/keyed';

export const deadlineAfter = (now: string, seconds: number): string =>
  new Date(Date.parse(now) + Math.round(seconds * 1000)).toISOString();

/** The channels one person is reached on: what the list asks for and the person has (R50). */
export function channelsFor(
  s: CityState,
  list: CallList,
  contactId: string,
  alarm: { exercise: boolean; realChannels: boolean },
): z.output<typeof ChannelKind>[] {
  const c = tableGet(s.alarm.contacts, contactId);
  const det = tableGet(s.alarm.contactDetails, contactId) ?? {};
  const out = new Set<z.output<typeof ChannelKind>>();
  for (const ch of list.channels) {
    const reachable =
      ch === 'sms'
        ? !!det.phone
        : ch === 'email'
          ? !!det.email
          : ch === 'console'
            ? !!c?.userId
            : true;
    if (!reachable) continue;
    if (alarm.exercise && !alarm.realChannels && REAL_CHANNELS.includes(ch)) out.add('outbox');
    else out.add(ch);
  }
  if (out.size === 0) out.add('outbox');
  return [...out];
}

export interface Working {
  alarm: Alarm;
  /** Per list: answered "coming" and still waiting, as the drafts so far leave them. */
  filled: Map<string, number>;
  waiting: Map<string, number>;
  next: Map<string, number>;
}

export function working(a: Alarm, exclude?: string): Working {
  const filled = new Map<string, number>();
  const waiting = new Map<string, number>();
  const next = new Map<string, number>();
  for (const l of Object.values(a.lists)) {
    filled.set(l.listId, l.filled);
    waiting.set(l.listId, 0);
    next.set(l.listId, l.next);
  }
  for (const r of tableValues(a.recipients))
    if (r.key !== exclude && WAITING_STATES.includes(r.state))
      waiting.set(r.listId, (waiting.get(r.listId) ?? 0) + 1);
  return { alarm: a, filled, waiting, next };
}

/**
 * Calls reserves in order until the list has enough people asked or answering "coming" to fill
 * its quota (R42, R44); says so when nobody is left (R46).
 */
export function callReserves(
  s: CityState,
  w: Working,
  listId: string,
  now: string,
  reserveFor?: string,
): EventDraft[] {
  const lp = lookup(w.alarm.lists, listId);
  const list = lookup(s.alarm.lists, listId);
  if (!lp || lp.staffedAt) return [];
  const out: EventDraft[] = [];
  while ((w.filled.get(listId) ?? 0) + (w.waiting.get(listId) ?? 0) < lp.quota) {
    let idx = w.next.get(listId) ?? 0;
    while (idx < lp.order.length) {
      const c = tableGet(s.alarm.contacts, lp.order[idx]);
      if (c && c.available && !tableGet(w.alarm.recipients, recipientKey(listId, c.id))) break;
      idx += 1;
    }
    if (idx >= lp.order.length) {
      if (!lp.exhausted) out.push(draft('alarm.listExhausted', { alarmId: w.alarm.id, listId }));
      break;
    }
    const contactId = lp.order[idx];
    out.push(
      draft('alarm.recipientQueued', {
        alarmId: w.alarm.id,
        key: recipientKey(listId, contactId),
        listId,
        contactId,
        name: tableGet(s.alarm.contacts, contactId)?.name ?? contactId,
        orderIndex: idx,
        channels: list ? channelsFor(s, list, contactId, w.alarm) : ['outbox'],
        deadline: deadlineAfter(now, lp.timeoutSeconds),
        ...(reserveFor ? { reserveFor } : {}),
      }),
    );
    w.waiting.set(listId, (w.waiting.get(listId) ?? 0) + 1);
    w.next.set(listId, idx + 1);
  }
  return out;
}

/** After a "coming": the list is staffed at its quota, the alarm when every list is (R44, R45). */
export function staffing(w: Working, listId: string): EventDraft[] {
  const a = w.alarm;
  const lp = lookup(a.lists, listId);
  if (!lp || lp.staffedAt || (w.filled.get(listId) ?? 0) < lp.quota) return [];
  const stoodDown = tableValues(a.recipients)
    .filter((r) => r.listId === listId && WAITING_STATES.includes(r.state))
    .map((r) => r.key);
  const out: EventDraft[] = [draft('alarm.listStaffed', { alarmId: a.id, listId, stoodDown })];
  const all = a.listOrder.every((l) => {
    const other = lookup(a.lists, l);
    return l === listId || !other || !!other.staffedAt || (w.filled.get(l) ?? 0) >= other.quota;
  });
  if (all && a.status === 'active') out.push(draft('alarm.staffed', { alarmId: a.id }));
  return out;
}

/** {rubrik} is filled at start; {namn} and {lista} per person when the message is sent. */
export function renderMessage(text: string, vars: { rubrik: string }): string {
  return fillTemplate(text, vars);
}
