/** Appliers of the decision lifecycle's events (R205, R210–R212). */
import type { EventData, StoredEvent } from '../events';
import type { LIFECYCLE_EVENTS } from '../events/lifecycle';
import type { CityState } from '../domain/state';
import {
  emptyLifecycleState,
  liaisonKey,
  NOTICES_KEPT,
  type Notice,
  type NoticeRecipient,
  type NoticeSend,
} from '../domain/lifecycle';
import { drop, lookup, put } from '../domain/keyed';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type Appliers = {
  [K in keyof typeof LIFECYCLE_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

const lc = (s: CityState) => s.lifecycle ?? emptyLifecycleState();

function patchRecipients(
  s: CityState,
  noticeId: string,
  f: (r: NoticeRecipient) => NoticeRecipient,
): CityState {
  const l = lc(s);
  const n = lookup(l.notices, noticeId);
  if (!n) return s;
  const next: Notice = { ...n, recipients: n.recipients.map(f) };
  return { ...s, lifecycle: { ...l, notices: put(l.notices, noticeId, next) } };
}

export const lifecycleAppliers: Appliers = {
  'presidency.unavailable': (s, d, m) => {
    const l = lc(s);
    return {
      ...s,
      lifecycle: {
        ...l,
        unavailable: {
          ...l.unavailable,
          [d.position]: { position: d.position, reason: d.reason, at: m.at, by: m.actor },
        },
      },
    };
  },
  'presidency.available': (s, d) => {
    const l = lc(s);
    const unavailable = { ...l.unavailable };
    delete unavailable[d.position];
    return { ...s, lifecycle: { ...l, unavailable } };
  },
  'liaison.localNamed': (s, d, m) => {
    const l = lc(s);
    return {
      ...s,
      lifecycle: {
        ...l,
        localLiaisons: put(l.localLiaisons, liaisonKey(d.eventId, d.area), {
          eventId: d.eventId,
          area: d.area,
          personName: d.personName,
          contact: d.contact,
          namedBy: d.namedBy,
          at: m.at,
          recordedBy: m.actor,
        }),
      },
    };
  },
  'notice.sent': (s, d, m) => {
    const l = lc(s);
    let notices = put<Notice>(l.notices, d.noticeId, {
      id: d.noticeId,
      decisionId: d.decisionId,
      eventId: d.eventId,
      text: d.text,
      at: m.at,
      recipients: d.recipients.map((r) => ({ ...r })),
    });
    const noticeOrder = [...l.noticeOrder, d.noticeId];
    while (noticeOrder.length > NOTICES_KEPT)
      notices = drop(notices, noticeOrder.shift() as string);
    return { ...s, lifecycle: { ...l, notices, noticeOrder } };
  },
  'notice.read': (s, d, m) =>
    patchRecipients(s, d.noticeId, (r) =>
      r.userId === (d.userId ?? m.actor.userId) && !r.readAt
        ? { ...r, readAt: m.at, deliveredAt: r.deliveredAt ?? m.at, via: d.via ?? 'console' }
        : r,
    ),
  'notice.sendRecorded': (s, d, m) =>
    patchRecipients(s, d.noticeId, (r) => {
      if (r.userId !== d.userId) return r;
      const send: NoticeSend = {
        n: d.n,
        channel: d.channel,
        ...(d.via ? { via: d.via } : {}),
        ok: d.ok,
        ...(d.error ? { error: d.error } : {}),
        at: m.at,
      };
      // Reached: the console showed it, or a real channel carried it (not the outbox, R271).
      const reached = d.ok && (d.via ?? d.channel) !== 'outbox';
      return {
        ...r,
        sends: [...(r.sends ?? []), send],
        ...(reached && !r.deliveredAt ? { deliveredAt: m.at } : {}),
      };
    }),
  'notice.reminded': (s, d, m) =>
    patchRecipients(s, d.noticeId, (r) =>
      d.userIds.includes(r.userId) && !r.remindedAt ? { ...r, remindedAt: m.at } : r,
    ),
};
