/**
 * The board's roster (R190): who the members of krisledningsnämnden are, in which position,
 * with which account and which entry in the contact directory. Kept by administrators, like
 * the directory itself (R40).
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id } from '../../events/schemas';
import {
  BOARD_POSITION_LABEL,
  BoardPosition,
  SINGLE_POSITIONS,
  boardMembers,
} from '../../domain/board';
import { tableGet } from '../../domain/table';
import { lookup } from '../../domain/keyed';
import { refuse } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import type { Actor } from '../../domain/actor';
import type { CityState } from '../../domain/state';

const FORBIDDEN =
  'Endast en administratör eller administrativa funktionen kan ändra krisledningsnämndens ledamöter.';

/** R190: the roster is kept by those who keep the contact directory. */
export const mayKeepRoster = (a: Actor, s: CityState, now: string) =>
  when(actsAs(a, s, now, 'admin', 'ckl_admin'), FORBIDDEN);

export const saveMember = defineCommand({
  label: 'Spara ledamot i krisledningsnämnden',
  payload: z
    .object({
      memberId: Id.optional(),
      name: z.string().trim().min(1, 'Ange namn.').max(120, 'Namnet får vara högst 120 tecken.'),
      position: BoardPosition,
      title: z.string().trim().max(200, 'Uppdraget får vara högst 200 tecken.').optional(),
      userId: Id.optional(),
      contactId: Id.optional(),
      /**
       * R190: the member's `updatedSeq` when the form was opened. Required to change a member
       * (so a change never silently replaces one saved meanwhile), absent when adding one.
       */
      baseSeq: z.number().int().min(0).optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) => mayKeepRoster(a, s, now),
  decide: (p, s, ctx) => {
    const memberId = p.memberId ?? ctx.newId('member');
    if (p.memberId) {
      const known = lookup(s.board.members, p.memberId);
      if (!known) return refuse('NOT_FOUND', 'Ledamoten finns inte.');
      if (p.baseSeq === undefined)
        return refuse(
          'INVALID',
          'Ändringen säger inte vilken version av ledamoten den utgår från. Läs in ledamoten igen och gör ändringen på nytt.',
        );
      const current = known.updatedSeq ?? 0;
      if (p.baseSeq !== current)
        return refuse(
          'CONFLICT',
          `Ledamoten har ${known.active ? 'ändrats' : 'tagits bort'} av ${known.updatedBy ?? 'någon annan'} sedan du öppnade formuläret. Läs in de nuvarande uppgifterna och gör din ändring igen.`,
          { currentSeq: current, baseSeq: p.baseSeq },
        );
    } else if (p.baseSeq !== undefined) {
      return refuse('INVALID', 'En ny ledamot har ingen tidigare version att utgå från.');
    }
    // R190: one chair, one 1st and one 2nd vice chair at a time.
    if (SINGLE_POSITIONS.includes(p.position)) {
      const holder = boardMembers(s).find((m) => m.position === p.position && m.id !== memberId);
      if (holder)
        return refuse(
          'CONFLICT',
          `${holder.name} är redan ${BOARD_POSITION_LABEL[p.position].toLowerCase()}. Ändra först den ledamotens uppdrag.`,
        );
    }
    if (p.userId) {
      const u = lookup(s.users, p.userId);
      if (!u || !u.active) return refuse('NOT_FOUND', 'Kontot finns inte eller är inaktiverat.');
      const other = boardMembers(s).find((m) => m.userId === p.userId && m.id !== memberId);
      if (other) return refuse('CONFLICT', `Kontot hör redan till ledamoten ${other.name}.`);
    }
    if (p.contactId && !tableGet(s.alarm.contacts, p.contactId))
      return refuse('NOT_FOUND', 'Kontakten finns inte i kontaktregistret.');
    return [
      draft('board.memberSaved', {
        memberId,
        name: p.name,
        position: p.position,
        ...(p.title ? { title: p.title } : {}),
        ...(p.userId ? { userId: p.userId } : {}),
        ...(p.contactId ? { contactId: p.contactId } : {}),
      }),
    ];
  },
});

export const removeMember = defineCommand({
  label: 'Ta bort ledamot ur krisledningsnämnden',
  payload: z.object({ memberId: Id }).strict(),
  authorize: (a, _p, s, now) => mayKeepRoster(a, s, now),
  decide: (p, s) => {
    const m = lookup(s.board.members, p.memberId);
    if (!m || !m.active) return refuse('NOT_FOUND', 'Ledamoten finns inte.');
    return [draft('board.memberRemoved', p)];
  },
});
