/** Derived views of the decision lifecycle: local liaisons named and missing, notices (R205, R210–R212). */
import type { CityState } from '../domain/state';
import { liaisonKey, type AreaRef, type LocalLiaison } from '../domain/lifecycle';
import { unitById } from '../domain/units';
import { lookup } from '../domain/keyed';

export interface LiaisonRow {
  area: AreaRef;
  name: string;
  liaison?: LocalLiaison;
}

/** The area's name for people: the district's or the unit's own. */
export function areaName(s: CityState, a: AreaRef): string {
  return a.kind === 'district'
    ? (lookup(s.districts, a.id)?.name ?? a.id)
    : (unitById(a.id)?.name ?? a.id);
}

/** R205: each affected district and unit of an event, with its local liaison person or none. */
export function localLiaisonRows(s: CityState, eventId: string): LiaisonRow[] {
  const e = lookup(s.events, eventId);
  if (!e) return [];
  const areas: AreaRef[] = [
    ...e.affectedDistrictIds.map((id) => ({ kind: 'district' as const, id })),
    ...e.affectedUnitIds.map((id) => ({ kind: 'unit' as const, id })),
  ];
  return areas.map((area) => ({
    area,
    name: areaName(s, area),
    liaison: lookup(s.lifecycle.localLiaisons, liaisonKey(eventId, area)),
  }));
}

/** The open extraordinary events: where local liaison persons are to be named. */
export const extraordinaryEvents = (s: CityState) =>
  Object.values(s.events).filter((e) => e.status === 'open' && e.level === 'extraordinary');

/** R212: an unread notice is reminded in the console after this many minutes. */
export const NOTICE_REMIND_MINUTES = 15;

/** The notice that carried a decision to those who had to be told (R210). */
export const noticeOfDecision = (s: CityState, decisionId: string) =>
  s.lifecycle.noticeOrder
    .map((id) => lookup(s.lifecycle.notices, id))
    .find((n) => n?.decisionId === decisionId);

/** A person's notices not yet read, oldest first, each marked when its reminder is due (R212). */
export function unreadNoticesFor(s: CityState, userId: string, now: string) {
  return s.lifecycle.noticeOrder
    .map((id) => lookup(s.lifecycle.notices, id))
    .filter((n): n is NonNullable<typeof n> => !!n)
    .filter((n) => n.recipients.some((r) => r.userId === userId && !r.readAt))
    .map((n) => ({
      notice: n,
      reminder: Date.parse(now) - Date.parse(n.at) >= NOTICE_REMIND_MINUTES * 60_000,
    }));
}
