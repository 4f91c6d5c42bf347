/** Accounts: the profile part; credentials live in the account store, never in the log. */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id } from '../../events/schemas';
import { Role } from '../../domain/vocabulary';
import { refuse } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { unitById } from '../../domain/units';
import { SYSTEM_ACTOR } from '../../domain/actor';
import { lookup } from '../../domain/keyed';

export const registerUser = defineCommand({
  label: 'Registrera användare',
  payload: z
    .object({
      userId: z
        .string()
        .regex(
          /^[a-z0-9._-]{2,40}$/,
          'Användarnamnet får bestå av a–z, 0–9, punkt, bindestreck och understreck.',
        ),
      name: z.string().trim().min(1, 'Ange namn.').max(120),
      role: Role,
      districtId: Id.optional(),
      unitId: Id.optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'admin'), 'Endast en administratör kan registrera användare.'),
  decide: (p, s) => {
    // R71: the system's own id passes no role check, so no person may hold it.
    if (p.userId === SYSTEM_ACTOR.userId)
      return refuse('INVALID', 'Användarnamnet är reserverat för systemet.');
    if (lookup(s.users, p.userId)) return refuse('CONFLICT', 'Användarnamnet är upptaget.');
    if (p.role === 'district_officer' && (!p.districtId || !lookup(s.districts, p.districtId)))
      return refuse('INVALID', 'En TiB måste höra till ett stadsdelsområde.');
    if (p.role === 'unit_officer' && (!p.unitId || !unitById(p.unitId)))
      return refuse(
        'INVALID',
        'En säkerhetssamordnare måste höra till en förvaltning eller ett bolag.',
      );
    return [draft('user.registered', p)];
  },
});

export const disableUser = defineCommand({
  label: 'Inaktivera användare',
  payload: z.object({ userId: Id }).strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'admin'), 'Endast en administratör kan inaktivera användare.'),
  decide: (p, s, ctx) => {
    const u = lookup(s.users, p.userId);
    if (!u) return refuse('NOT_FOUND', 'Användaren finns inte.');
    if (!u.active) return refuse('CONFLICT', 'Användaren är redan inaktiverad.');
    if (u.userId === ctx.actor.userId)
      return refuse('CONFLICT', 'Du kan inte inaktivera dig själv.');
    return [draft('user.disabled', p)];
  },
});

export const enableUser = defineCommand({
  label: 'Aktivera användare',
  payload: z.object({ userId: Id }).strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'admin'), 'Endast en administratör kan aktivera användare.'),
  decide: (p, s) => {
    const u = lookup(s.users, p.userId);
    if (!u) return refuse('NOT_FOUND', 'Användaren finns inte.');
    if (u.active) return refuse('CONFLICT', 'Användaren är redan aktiv.');
    return [draft('user.enabled', p)];
  },
});
