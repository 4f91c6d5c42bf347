import type { EventData, StoredEvent } from '../events';
import type { ALARM_EVENTS } from '../events/alarm';
import type { CityState } from '../domain/state';
import {
  ALARMS_KEPT,
  HANDOVERS_KEPT,
  WAITING_STATES,
  sendKey,
  type Alarm,
  type AlarmState,
  type LinkToken,
  type Recipient,
  type SendRecord,
} from '../domain/alarm';
import {
  emptyTable,
  tableDelete,
  tableFilter,
  tableGet,
  tableSet,
  tableUpdate,
  type Table,
} from '../domain/table';
import { lookup, setEntry } from '../domain/keyed';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type AlarmAppliers = {
  [K in keyof typeof ALARM_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

const withAlarmState = (s: CityState, f: (a: AlarmState) => AlarmState): CityState => ({
  ...s,
  alarm: f(s.alarm),
});

function patchAlarm(s: CityState, id: string, f: (a: Alarm) => Alarm): CityState {
  const a = lookup(s.alarm.alarms, id);
  if (!a) return s;
  return withAlarmState(s, (st) => ({ ...st, alarms: { ...st.alarms, [id]: f(a) } }));
}

function patchRecipient(
  s: CityState,
  alarmId: string,
  key: string,
  f: (r: Recipient, a: Alarm) => Recipient,
): CityState {
  return patchAlarm(s, alarmId, (a) => {
    const recipients = tableUpdate(a.recipients, key, (r) => f(r, a));
    return recipients === a.recipients ? a : { ...a, recipients };
  });
}

function pendingSends(r: Recipient, n: number): Record<string, SendRecord> {
  const sends = { ...r.sends };
  for (const channel of r.channels)
    setEntry(sends, sendKey(n, channel), { n, channel, status: 'pending', attempts: 0 });
  return sends;
}

function standDown(a: Alarm, keys: readonly string[]): Alarm {
  let recipients = a.recipients;
  for (const k of keys) {
    const r = tableGet(recipients, k);
    if (r && WAITING_STATES.includes(r.state))
      recipients = tableSet(recipients, k, {
        ...r,
        state: 'stood_down',
        sends: pendingSends(r, 3),
      });
  }
  return { ...a, recipients };
}

export const alarmAppliers: AlarmAppliers = {
  'alarm.contactSaved': (s, d, m) =>
    withAlarmState(s, (st) => ({
      ...st,
      contacts: tableSet(st.contacts, d.contactId, {
        id: d.contactId,
        name: d.name,
        userId: d.userId,
        role: d.role,
        title: d.title,
        districtId: d.districtId,
        unitId: d.unitId,
        available: d.available,
        updatedAt: m.at,
      }),
    })),
  'alarm.contactDetailsSaved': (s, d) =>
    withAlarmState(s, (st) => ({
      ...st,
      contactDetails: tableSet(st.contactDetails, d.contactId, { phone: d.phone, email: d.email }),
    })),
  'alarm.contactRemoved': (s, d) =>
    withAlarmState(s, (st) => {
      const lists = { ...st.lists };
      for (const l of Object.values(lists))
        if (l.members.includes(d.contactId))
          setEntry(lists, l.id, { ...l, members: l.members.filter((c) => c !== d.contactId) });
      return {
        ...st,
        contacts: tableDelete(st.contacts, d.contactId),
        contactDetails: tableDelete(st.contactDetails, d.contactId),
        lists,
      };
    }),
  'alarm.listSaved': (s, d, m) =>
    withAlarmState(s, (st) => ({
      ...st,
      lists: {
        ...st.lists,
        [d.listId]: {
          id: d.listId,
          name: d.name,
          target: d.target,
          members: d.members,
          quota: d.quota,
          timeoutSeconds: d.timeoutSeconds,
          channels: d.channels,
          updatedAt: m.at,
        },
      },
    })),
  'alarm.listRemoved': (s, d) =>
    withAlarmState(s, (st) => {
      const lists = { ...st.lists };
      delete lists[d.listId];
      return { ...st, lists };
    }),
  'alarm.templateSaved': (s, d) =>
    withAlarmState(s, (st) => ({
      ...st,
      templates: {
        ...st.templates,
        [d.templateId]: { id: d.templateId, name: d.name, text: d.text },
      },
    })),
  'alarm.planSaved': (s, d) =>
    withAlarmState(s, (st) => ({ ...st, plans: { ...st.plans, [d.level]: d } })),
  'alarm.started': (s, d, m) =>
    withAlarmState(s, (st) => {
      const alarm: Alarm = {
        id: d.alarmId,
        title: d.title,
        message: d.message,
        eventId: d.eventId,
        level: d.level,
        exercise: d.exercise,
        realChannels: d.realChannels,
        status: 'active',
        startedAt: m.at,
        startedBy: m.actor,
        lists: Object.fromEntries(
          d.lists.map((l) => [l.listId, { ...l, next: 0, filled: 0, exhausted: false }]),
        ),
        listOrder: d.lists.map((l) => l.listId),
        recipients: emptyTable(),
      };
      const alarms = { ...st.alarms, [d.alarmId]: alarm };
      const alarmOrder = [...st.alarmOrder, d.alarmId];
      let tokens = st.tokens;
      // Bounded: the oldest finished alarms leave the live state (the log keeps them).
      while (alarmOrder.length > ALARMS_KEPT) {
        const idx = alarmOrder.findIndex((id) => lookup(alarms, id)?.status !== 'active');
        if (idx < 0) break;
        const [gone] = alarmOrder.splice(idx, 1);
        delete alarms[gone];
        tokens = tableFilter(tokens, (t) => t.alarmId !== gone);
      }
      return { ...st, alarms, alarmOrder, tokens };
    }),
  'alarm.recipientQueued': (s, d, m) =>
    patchAlarm(s, d.alarmId, (a) => {
      const list = lookup(a.lists, d.listId);
      const r: Recipient = {
        key: d.key,
        contactId: d.contactId,
        listId: d.listId,
        name: d.name,
        state: 'queued',
        reserveFor: d.reserveFor,
        queuedAt: m.at,
        deadline: d.deadline,
        channels: d.channels,
        sends: {},
      };
      const queued = { ...r, sends: pendingSends(r, 1) };
      return {
        ...a,
        lists: list
          ? { ...a.lists, [d.listId]: { ...list, next: Math.max(list.next, d.orderIndex + 1) } }
          : a.lists,
        recipients: tableSet(a.recipients, d.key, queued),
      };
    }),
  'alarm.tokenIssued': (s, d) => {
    const next = patchRecipient(s, d.alarmId, d.key, (r) => ({ ...r, tokenHash: d.tokenHash }));
    return withAlarmState(next, (st) => ({
      ...st,
      tokens: tableSet(st.tokens, d.tokenHash, {
        alarmId: d.alarmId,
        key: d.key,
        expiresAt: d.expiresAt,
      }),
    }));
  },
  'alarm.sendStarted': (s, d) =>
    patchRecipient(s, d.alarmId, d.key, (r) => {
      const k = sendKey(d.n, d.channel);
      const prev = lookup(r.sends, k);
      if (!prev) return r;
      return { ...r, sends: { ...r.sends, [k]: { ...prev, started: d.attempt } } };
    }),
  'alarm.sendRecorded': (s, d, m) =>
    patchRecipient(s, d.alarmId, d.key, (r) => {
      const k = sendKey(d.n, d.channel);
      const prev = lookup(r.sends, k) ?? {
        n: d.n,
        channel: d.channel,
        status: 'pending',
        attempts: 0,
      };
      const rec: SendRecord = d.ok
        ? {
            n: d.n,
            channel: d.channel,
            ...(d.via && d.via !== d.channel ? { via: d.via } : {}),
            status: 'sent',
            attempts: d.attempt,
            at: m.at,
          }
        : {
            ...prev,
            status: d.retryAt ? 'failed' : 'gave_up',
            attempts: d.attempt,
            lastError: d.error,
            retryAt: d.retryAt,
            at: m.at,
          };
      let state = r.state;
      if (d.ok && d.n === 1 && state === 'queued') state = d.delivered ? 'delivered' : 'sent';
      else if (d.ok && d.delivered && state === 'sent') state = 'delivered';
      return { ...r, state, sends: { ...r.sends, [k]: rec } };
    }),
  'alarm.linkOpened': (s, d) =>
    patchRecipient(s, d.alarmId, d.key, (r) =>
      r.state === 'sent' || r.state === 'queued' ? { ...r, state: 'delivered' } : r,
    ),
  'alarm.reminded': (s, d) =>
    patchRecipient(s, d.alarmId, d.key, (r) => ({
      ...r,
      state: 'reminded',
      deadline: d.deadline,
      sends: pendingSends(r, 2),
    })),
  'alarm.answered': (s, d, m) => {
    let next = patchAlarm(s, d.alarmId, (a) => {
      const r = tableGet(a.recipients, d.key);
      if (!r) return a;
      const coming = d.answer === 'coming';
      const list = lookup(a.lists, r.listId);
      return {
        ...a,
        lists:
          list && coming
            ? { ...a.lists, [r.listId]: { ...list, filled: list.filled + 1 } }
            : a.lists,
        recipients: tableSet(a.recipients, d.key, {
          ...r,
          state: coming ? 'acknowledged' : 'declined',
          etaMinutes: d.etaMinutes,
          comment: d.comment,
          answeredAt: m.at,
          answeredVia: d.via,
        }),
      };
    });
    const tokenHash = d.tokenHash;
    if (tokenHash)
      next = withAlarmState(next, (st) => {
        const tokens: Table<LinkToken> = tableUpdate(st.tokens, tokenHash, (t) => ({
          ...t,
          usedAt: m.at,
        }));
        return tokens === st.tokens ? st : { ...st, tokens };
      });
    return next;
  },
  'alarm.silent': (s, d) =>
    patchRecipient(s, d.alarmId, d.key, (r) => ({ ...r, state: d.outcome })),
  'alarm.listStaffed': (s, d, m) =>
    patchAlarm(s, d.alarmId, (a) => {
      const list = lookup(a.lists, d.listId);
      if (!list) return a;
      return standDown(
        { ...a, lists: { ...a.lists, [d.listId]: { ...list, staffedAt: m.at, exhausted: false } } },
        d.stoodDown,
      );
    }),
  'alarm.listExhausted': (s, d) =>
    patchAlarm(s, d.alarmId, (a) => {
      const list = lookup(a.lists, d.listId);
      return list ? { ...a, lists: { ...a.lists, [d.listId]: { ...list, exhausted: true } } } : a;
    }),
  'alarm.staffed': (s, d, m) =>
    patchAlarm(s, d.alarmId, (a) => ({ ...a, status: 'staffed', completedAt: m.at })),
  'alarm.cancelled': (s, d, m) =>
    patchAlarm(s, d.alarmId, (a) =>
      standDown({ ...a, status: 'cancelled', completedAt: m.at }, d.stoodDown),
    ),
  // The notification and the outbox are messages, not state: the log (and the console) keep them.
  'alarm.consoleNotified': (s) => s,
  'alarm.outboxed': (s) => s,
  'duty.shiftSaved': (s, d) =>
    withAlarmState(s, (st) => ({
      ...st,
      duty: {
        ...st.duty,
        [d.shiftId]: {
          id: d.shiftId,
          duty: d.duty,
          personName: d.personName,
          userId: d.userId,
          contactId: d.contactId,
          from: d.from,
          to: d.to,
        },
      },
    })),
  'duty.shiftRemoved': (s, d) =>
    withAlarmState(s, (st) => {
      const duty = { ...st.duty };
      delete duty[d.shiftId];
      return { ...st, duty };
    }),
  'handover.created': (s, d, m) =>
    withAlarmState(s, (st) => {
      const handovers = {
        ...st.handovers,
        [d.handoverId]: {
          id: d.handoverId,
          duty: d.duty,
          at: m.at,
          by: m.actor,
          toUserId: d.toUserId,
          note: d.note,
          summary: d.summary,
        },
      };
      const handoverOrder = [...st.handoverOrder, d.handoverId];
      while (handoverOrder.length > HANDOVERS_KEPT)
        delete handovers[handoverOrder.shift() as string];
      return { ...st, handovers, handoverOrder };
    }),
  'handover.acknowledged': (s, d, m) =>
    withAlarmState(s, (st) => {
      const h = lookup(st.handovers, d.handoverId);
      return h
        ? { ...st, handovers: { ...st.handovers, [h.id]: { ...h, acknowledgedAt: m.at } } }
        : st;
    }),
};
