/**
 * A pure, in-memory city for command tests: commands go through the same handleCommand and
 * reducer as on the server, with a clock the test moves. No I/O.
 */
import type { Actor } from '../../shared/domain/actor';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { emptyState, type CityState } from '../../shared/domain/state';
import type { Role } from '../../shared/domain/vocabulary';
import { draft, type EventDraft, type StoredEvent } from '../../shared/events';
import { handleCommand } from '../../shared/handleCommand';
import { applyEvent } from '../../shared/reducer';
import { isRefusal, type Refusal } from '../../shared/errors';
import { stamp } from './pureLog';

export const WORLD_DISTRICTS = [
  { id: 'farsta', name: 'Farsta' },
  { id: 'skarpnack', name: 'Skarpnäck' },
  { id: 'enskede-arsta-vantor', name: 'Enskede-Årsta-Vantör' },
  { id: 'sodermalm', name: 'Södermalm' },
];

/** One account per role; officers belong to Farsta and Trafikkontoret. */
export const roleActor = (role: Role, userId = `u-${role}`): Actor => ({
  userId,
  name: `Person ${role}`,
  role,
  ...(role === 'district_officer' ? { districtId: 'farsta' } : {}),
  ...(role === 'unit_officer' ? { unitId: 'trafikkontoret' } : {}),
});

export class World {
  state: CityState = emptyState('real');
  events: StoredEvent[] = [];
  private clock = Date.parse('2026-01-15T08:00:00Z');
  private ids = 0;

  get now(): string {
    return new Date(this.clock).toISOString();
  }
  advance(minutes: number): void {
    this.clock += minutes * 60_000;
  }

  append(actor: Actor, drafts: EventDraft[], commandId = `c${this.ids}`): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (const d of drafts) {
      // One at a time: each event stamped on the state the one before it made.
      const [e] = stamp(this.state, actor, [d], commandId, this.now);
      this.state = applyEvent(this.state, e);
      this.events.push(e);
      out.push(e);
    }
    return out;
  }

  try(actor: Actor, type: string, payload: unknown): StoredEvent[] | Refusal {
    const r = handleCommand(actor, { type, payload }, this.state, {
      now: this.now,
      newId: (p) => `${p}_${++this.ids}`,
    });
    return isRefusal(r) ? r : this.append(actor, r, `${actor.userId}:${this.ids}`);
  }

  ok(actor: Actor, type: string, payload: unknown): StoredEvent[] {
    const r = this.try(actor, type, payload);
    if (isRefusal(r)) throw new Error(`${type} refused: ${r.code} ${r.message}`);
    return r;
  }

  refused(actor: Actor, type: string, payload: unknown): Refusal {
    const r = this.try(actor, type, payload);
    if (!isRefusal(r)) throw new Error(`${type} was not refused`);
    return r;
  }

  /** A city with all roles registered and one open serious event owned by Farsta. */
  static withEvent(opts: { activate?: ('liaison' | 'analysis' | 'information' | 'admin')[] } = {}) {
    const w = new World();
    w.append(SYSTEM_ACTOR, [
      draft('division.configured', { id: 'test', name: 'Test', districts: WORLD_DISTRICTS }),
    ]);
    const roles: Role[] = [
      'chair',
      'director',
      'security_chief',
      'ckl_lead',
      'ckl_liaison',
      'ckl_analysis',
      'ckl_information',
      'ckl_admin',
      'district_officer',
      'unit_officer',
      'observer',
      'admin',
    ];
    w.append(
      SYSTEM_ACTOR,
      roles.map((r) => {
        const a = roleActor(r);
        return draft('user.registered', {
          userId: a.userId,
          name: a.name,
          role: r,
          districtId: a.districtId,
          unitId: a.unitId,
        });
      }),
    );
    const tib = roleActor('district_officer');
    const [opened] = w.ok(tib, 'event.open', {
      title: 'Elavbrott i Söderort',
      area: { kind: 'district', id: 'farsta' },
      affectedDistrictIds: ['skarpnack'],
      affectedUnitIds: ['trafikkontoret'],
    });
    const eventId = (opened.data as { eventId: string }).eventId;
    const dir = roleActor('director');
    w.ok(dir, 'event.raiseToSerious', { eventId, decision: { basis: 'Tre områden berörs.' } });
    const fns = opts.activate ?? ['liaison', 'analysis', 'information', 'admin'];
    if (fns.length)
      w.ok(dir, 'ckl.activate', { eventId, functions: fns, decision: { basis: 'Samordning.' } });
    return { w, eventId };
  }
}
