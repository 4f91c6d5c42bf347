/**
 * The chair replaced by the 1st, then the 2nd vice chair (R207): the chair's (or the 1st vice
 * chair's) unavailability is recorded, with who recorded it, when and why, and lifted again.
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import type { Actor } from '../../domain/actor';
import type { CityState } from '../../domain/state';
import { memberOfUser } from '../../domain/board';
import { refuse } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { chairBySuccession } from '../../policy/succession';

const Position = z.enum(['chair', 'first_vice_chair']);
const POSITION_LABEL = { chair: 'Ordföranden', first_vice_chair: '1:e vice ordföranden' };

/** The chair, a vice chair, the director or an administrator records it. */
const mayRecord = (a: Actor, s: CityState, now: string): boolean => {
  const m = memberOfUser(s, a.userId);
  return (
    actsAs(a, s, now, 'chair', 'director', 'admin') ||
    (m !== undefined &&
      m.active &&
      (m.position === 'first_vice_chair' || m.position === 'second_vice_chair'))
  );
};
const FORBIDDEN =
  'Förhinder registreras av ordföranden, en vice ordförande, stadsdirektören eller en administratör.';

export const recordUnavailable = defineCommand({
  label: 'Registrera förhinder',
  payload: z
    .object({
      position: Position,
      reason: z.string().trim().min(1, 'Ange varför (t.ex. sjuk, på resa, nås inte).').max(2000),
    })
    .strict(),
  authorize: (a, _p, s, now) => when(mayRecord(a, s, now), FORBIDDEN),
  decide: (p, s) => {
    if (s.lifecycle.unavailable?.[p.position])
      return refuse(
        'CONFLICT',
        `${POSITION_LABEL[p.position]} är redan registrerad som förhindrad.`,
      );
    if (p.position === 'first_vice_chair' && !s.lifecycle.unavailable?.chair)
      return refuse(
        'CONFLICT',
        '1:e vice ordförandens förhinder registreras när ordföranden är förhindrad.',
      );
    return [draft('presidency.unavailable', p)];
  },
});

export const recordAvailable = defineCommand({
  label: 'Åter i tjänst',
  payload: z.object({ position: Position }).strict(),
  authorize: (a, _p, s, now) => when(mayRecord(a, s, now), FORBIDDEN),
  decide: (p, s) =>
    s.lifecycle.unavailable?.[p.position]
      ? [draft('presidency.available', p)]
      : refuse('CONFLICT', `${POSITION_LABEL[p.position]} är inte registrerad som förhindrad.`),
});

export { chairBySuccession };

export const PRESIDENCY_COMMANDS = {
  'presidency.recordUnavailable': recordUnavailable,
  'presidency.recordAvailable': recordAvailable,
} as const;
