/** Runs commands through the shared pipeline without a server: for rule and reducer tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../shared/domain/actor';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { divisionFromGeoJson } from '../../shared/domain/division';
import { emptyState, type CityState } from '../../shared/domain/state';
import type { Role } from '../../shared/domain/vocabulary';
import { draft, type EventDraft, type StoredEvent } from '../../shared/events';
import { handleCommand } from '../../shared/handleCommand';
import { applyEvent } from '../../shared/reducer';
import { isRefusal, type Refusal } from '../../shared/errors';

let ids = 0;
export const NOW = '2026-11-23T10:00:00.000Z';

export function stamp(
  state: CityState,
  actor: Actor,
  drafts: EventDraft[],
  commandId: string,
  at = NOW,
): StoredEvent[] {
  return drafts.map((d, i) => ({
    seq: state.seq + 1 + i,
    space: state.space,
    type: d.type,
    data: d.data,
    at,
    actor: {
      userId: actor.userId,
      name: actor.name,
      role: actor.role,
      ...(actor.actingFor ? { actingFor: actor.actingFor } : {}),
    },
    commandId,
    ...(d.audience ? { audience: d.audience } : {}),
    hash: `h${state.seq + 1 + i}`,
  })) as StoredEvent[];
}

/** Applies drafts to a state the test keeps itself, each as the next stored event. */
export function applyDrafts(
  s: CityState,
  drafts: EventDraft[],
  actor: Actor,
  now: string,
): CityState {
  let st = s;
  for (const d of drafts)
    st = applyEvent(st, {
      ...d,
      seq: st.seq + 1,
      space: st.space,
      at: now,
      actor,
      commandId: `c${st.seq + 1}`,
      hash: '',
    } as StoredEvent);
  return st;
}

/** One command on a state the test keeps itself; a refusal leaves that state as it was. */
export function runOn(
  s: CityState,
  actor: Actor,
  type: string,
  payload: unknown,
  now: string,
): { s: CityState; refusal: Refusal | null } {
  const out = handleCommand(actor, { type, payload }, s, { now, newId: (p) => `${p}_${++ids}` });
  if (isRefusal(out)) return { s, refusal: out };
  return { s: applyDrafts(s, out, actor, now), refusal: null };
}

export class PureLog {
  state: CityState = emptyState('real');
  log: StoredEvent[] = [];

  append(actor: Actor, drafts: EventDraft[], at = NOW): StoredEvent[] {
    const evs = stamp(this.state, actor, drafts, `c${++ids}`, at);
    for (const e of evs) this.state = applyEvent(this.state, e);
    this.log.push(...evs);
    return evs;
  }

  run(actor: Actor, type: string, payload: unknown, now = NOW): StoredEvent[] | Refusal {
    const r = handleCommand(actor, { type, payload }, this.state, {
      now,
      newId: (p) => `${p}_${++ids}`,
    });
    if (isRefusal(r)) return r;
    return this.append(actor, r, now);
  }

  /** Runs a command that must succeed. */
  ok(actor: Actor, type: string, payload: unknown, now = NOW): StoredEvent[] {
    const r = this.run(actor, type, payload, now);
    if (isRefusal(r)) throw new Error(`${type} refused: ${r.code} ${r.message}`);
    return r;
  }
}

export const ACTORS: Record<string, Actor> = {
  chair: { userId: 'ordf', name: 'Ordförande', role: 'chair' },
  vice: { userId: 'vice.ordf', name: 'Vice', role: 'board_member' },
  director: { userId: 'stadsdir', name: 'Stadsdirektör', role: 'director' },
  acting: { userId: 'tjg.stadsdir', name: 'Tjänstgörande stadsdirektör', role: 'observer' },
  security_chief: { userId: 'sakchef', name: 'Säkerhetschef', role: 'security_chief' },
  ckl_lead: { userId: 'stabschef', name: 'Stabschef', role: 'ckl_lead' },
  ckl_liaison: { userId: 'samverkan', name: 'Samverkan', role: 'ckl_liaison' },
  ckl_analysis: { userId: 'analys', name: 'Analys', role: 'ckl_analysis' },
  ckl_information: { userId: 'info', name: 'Info', role: 'ckl_information' },
  ckl_admin: { userId: 'admin.ckl', name: 'Admin CKL', role: 'ckl_admin' },
  district_officer: {
    userId: 'tib.farsta',
    name: 'TiB Farsta',
    role: 'district_officer',
    districtId: 'farsta',
  },
  other_district: {
    userId: 'tib.bromma',
    name: 'TiB Bromma',
    role: 'district_officer',
    districtId: 'bromma',
  },
  unit_officer: {
    userId: 'sakord.trafik',
    name: 'Säkord trafik',
    role: 'unit_officer',
    unitId: 'trafikkontoret',
  },
  board_member: { userId: 'ledamot.lind', name: 'Ledamot Lind', role: 'board_member' },
  observer: { userId: 'presidium', name: 'Presidiet', role: 'observer' },
  admin: { userId: 'admin', name: 'Admin', role: 'admin' },
};

/** One actor per role, the district officer of Farsta and the unit officer of trafikkontoret. */
export const ACTOR_BY_ROLE: Record<Role, Actor> = {
  chair: ACTORS.chair,
  director: ACTORS.director,
  security_chief: ACTORS.security_chief,
  ckl_lead: ACTORS.ckl_lead,
  ckl_liaison: ACTORS.ckl_liaison,
  ckl_analysis: ACTORS.ckl_analysis,
  ckl_information: ACTORS.ckl_information,
  ckl_admin: ACTORS.ckl_admin,
  district_officer: ACTORS.district_officer,
  unit_officer: ACTORS.unit_officer,
  board_member: ACTORS.board_member,
  observer: ACTORS.observer,
  admin: ACTORS.admin,
};

/** The real 11-district division, every demo user, and nothing else. */
export function baseLog(): PureLog {
  const log = new PureLog();
  const geo = JSON.parse(
    readFileSync(
      path.join(
        __dirname,
        '..',
        '..',
        'shared',
        'data',
        'divisions',
        'stockholm_stadsdelsomraden_11_2023.geojson',
      ),
      'utf8',
    ),
  );
  log.append(SYSTEM_ACTOR, [
    draft('division.configured', divisionFromGeoJson('sdo-11-2023', 'Stadsdelsområden', geo)),
  ]);
  log.append(
    SYSTEM_ACTOR,
    Object.values(ACTORS).map((a) =>
      draft('user.registered', {
        userId: a.userId,
        name: a.name,
        role: a.role,
        districtId: a.districtId,
        unitId: a.unitId,
      }),
    ),
  );
  return log;
}
