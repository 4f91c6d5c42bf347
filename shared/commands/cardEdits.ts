/** Editing the card library: save a version, retire, import (R235–R240). */
import { z } from 'zod';
import { defineCommand } from './define';
import { draft } from '../events';
import { refuse, type Refusal } from '../errors';
import { when } from '../policy/predicates';
import { REAL_SPACE } from '../protocol';
import type { CityState } from '../domain/state';
import { EDIT_CARDS_REFUSAL, mayEditCards } from '../cards/policy';
import { currentVersion, libraryCard } from '../cards/library';
import { checkCard, sameCard } from '../cards/validate';
import { MAX_IMPORTED_CARDS, planImport } from '../cards/importPlan';

const realOnly = (s: CityState): Refusal | null =>
  s.space === REAL_SPACE
    ? null
    : refuse(
        'CONFLICT',
        'Åtgärdskort ändras i skarpt läge; en övning använder korten som de var när den startade.',
      );

const stale = (id: string, now: number, base: number): Refusal =>
  refuse(
    'CONFLICT',
    `Kortet ${id} har ändrats sedan du öppnade det (nu version ${now}, du utgick från ${base}). Ladda om kortet.`,
  );

/** At most this many reasons in one refusal; the import route lists every one with its line. */
const MAX_REASONS = 8;

export const saveCard = defineCommand({
  label: 'Spara åtgärdskort',
  payload: z
    .object({
      card: z.unknown(),
      /** The version the editor started from; 0 for a new card (R236). */
      baseVersion: z.number().int().min(0),
    })
    .strict(),
  authorize: (a, _p, s, now) => when(mayEditCards(a, s, now), EDIT_CARDS_REFUSAL),
  decide: (p, s) => {
    const space = realOnly(s);
    if (space) return space;
    const id =
      typeof p.card === 'object' && p.card !== null ? (p.card as { id?: unknown }).id : undefined;
    const current = typeof id === 'string' ? currentVersion(s, id) : 0;
    const check = checkCard(p.card, s, current + 1);
    if (!check.ok)
      return refuse(
        'INVALID',
        `Kortet sparades inte: ${check.issues
          .slice(0, MAX_REASONS)
          .map((i) => i.message)
          .join(' ')}`,
      );
    if (p.baseVersion !== current) {
      if (p.baseVersion === 0) return refuse('CONFLICT', `Det finns redan ett kort med id ${id}.`);
      return stale(check.card.id, current, p.baseVersion);
    }
    const lib = libraryCard(s, check.card.id);
    if (lib && !lib.retired && sameCard(lib.card, check.card))
      return refuse('CONFLICT', 'Inga ändringar att spara.');
    return [draft('card.saved', { card: check.card })];
  },
});

export const retireCard = defineCommand({
  label: 'Avveckla åtgärdskort',
  payload: z
    .object({
      cardId: z.string().min(1).max(60),
      baseVersion: z.number().int().min(1),
      reason: z.string().trim().max(1000).optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) => when(mayEditCards(a, s, now), EDIT_CARDS_REFUSAL),
  decide: (p, s) => {
    const space = realOnly(s);
    if (space) return space;
    const lib = libraryCard(s, p.cardId);
    if (!lib) return refuse('NOT_FOUND', 'Kortet finns inte.');
    if (lib.retired) return refuse('CONFLICT', 'Kortet är redan avvecklat.');
    if (lib.card.version !== p.baseVersion) return stale(p.cardId, lib.card.version, p.baseVersion);
    return [
      draft('card.retired', {
        cardId: p.cardId,
        version: lib.card.version,
        ...(p.reason ? { reason: p.reason } : {}),
      }),
    ];
  },
});

export const importCards = defineCommand({
  label: 'Importera åtgärdskort',
  payload: z.object({ cards: z.array(z.unknown()).min(1).max(MAX_IMPORTED_CARDS) }).strict(),
  authorize: (a, _p, s, now) => when(mayEditCards(a, s, now), EDIT_CARDS_REFUSAL),
  decide: (p, s) => {
    const space = realOnly(s);
    if (space) return space;
    const plan = planImport(p.cards, s);
    if (!plan.ok)
      return refuse(
        'INVALID',
        `Inga kort importerades: ${plan.issues
          .slice(0, MAX_REASONS)
          .map((i) => (i.index >= 0 ? `kort ${i.index + 1}: ${i.message}` : i.message))
          .join(' ')}`,
      );
    return plan.drafts;
  },
});

export const CARD_EDIT_COMMANDS = {
  'card.save': saveCard,
  'card.retire': retireCard,
  'card.import': importCards,
} as const;
