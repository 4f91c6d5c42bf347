/**
 * R172: which card triggers an applied event is. Read against the state before the event so a
 * repeat (a second activation of the same function, lowering back to serious) opens nothing.
 */
import { lookup } from '../domain/keyed';
import type { StoredEvent } from '../events';
import type { CityState } from '../domain/state';
import { levelRank, type CklFunction } from '../domain/vocabulary';
import type { CardTrigger } from './model';

export interface TriggerHit {
  trigger: CardTrigger;
  eventId?: string;
  districtId?: string;
  unitId?: string;
  fn?: CklFunction;
  userId?: string;
}

const eventOf = (s: CityState, id: string) => lookup(s.events, id);

export function triggersOf(before: CityState, ev: StoredEvent): TriggerHit[] {
  switch (ev.type) {
    case 'event.opened': {
      const o = ev.data.owner;
      if (o.kind === 'district')
        return [{ trigger: 'disruption_opened', eventId: ev.data.eventId, districtId: o.id }];
      if (o.kind === 'unit')
        return [{ trigger: 'disruption_opened', eventId: ev.data.eventId, unitId: o.id }];
      return [];
    }
    case 'event.levelChanged': {
      const e = eventOf(before, ev.data.eventId);
      if (!e || levelRank(ev.data.level) <= levelRank(e.level)) return [];
      if (ev.data.level === 'serious') return [{ trigger: 'event_serious', eventId: e.id }];
      if (ev.data.level === 'extraordinary') return [{ trigger: 'extraordinary', eventId: e.id }];
      return [];
    }
    case 'ckl.activated': {
      const e = eventOf(before, ev.data.eventId);
      if (!e) return [];
      const active = new Set(Object.keys(e.ckl));
      const out: TriggerHit[] = [];
      if (active.size === 0) out.push({ trigger: 'ckl_activated', eventId: e.id });
      for (const fn of new Set(ev.data.functions))
        if (!active.has(fn)) out.push({ trigger: 'function_activated', eventId: e.id, fn });
      return out;
    }
    case 'heightenedAlert.recorded':
      return ev.data.level !== 'none' && ev.data.level !== before.heightenedAlert.level
        ? [{ trigger: 'heightened_alert' }]
        : [];
    case 'alarm.consoleNotified':
      return ev.data.n === 1 ? [{ trigger: 'alarm_received', userId: ev.data.userId }] : [];
    case 'exercise.configured':
      return [{ trigger: 'exercise_started', userId: ev.data.leader.userId }];
    default:
      return [];
  }
}
