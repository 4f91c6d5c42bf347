/**
 * The card library (R236, R237): the shipped cards as their base versions, overlaid by the
 * versions saved in the console. The next trigger opens the newest version of each card that is
 * not retired; a running card keeps the copy it opened with (R171).
 */
import type { CityState } from '../domain/state';
import { tableGet, tableValues } from '../domain/table';
import { DEFAULT_CARDS } from './defaults';
import type { CardDefinition, CardRecord } from './model';

/** One card as the editor lists it: its newest version, where it came from, whether retired. */
export interface LibraryCard {
  card: CardDefinition;
  /** Whether the console ships it (its version 1 is in shared/cards/defaults.ts). */
  shipped: boolean;
  record?: CardRecord;
  retired: boolean;
}

const SHIPPED = new Map(DEFAULT_CARDS.map((c) => [c.id, c]));

export const shippedCard = (id: string): CardDefinition | undefined => SHIPPED.get(id);

export const cardRecord = (s: CityState, id: string): CardRecord | undefined =>
  s.cards?.library ? tableGet(s.cards.library, id) : undefined;

const newest = (r: CardRecord | undefined): CardDefinition | undefined =>
  r?.versions[r.versions.length - 1]?.card;

/** The newest version of a card, shipped or saved, retired or not. */
export function libraryCard(s: CityState, id: string): LibraryCard | undefined {
  const record = cardRecord(s, id);
  const card = newest(record) ?? SHIPPED.get(id);
  if (!card) return undefined;
  return { card, shipped: SHIPPED.has(id), record, retired: record?.retired !== undefined };
}

/** Every card: the shipped ones in their order, then the console's own by id. */
export function libraryCards(s: CityState): LibraryCard[] {
  const ids = [...SHIPPED.keys()];
  const own = (s.cards?.library ? tableValues(s.cards.library) : [])
    .map((r) => r.id)
    .filter((id) => !SHIPPED.has(id))
    .sort();
  return [...ids, ...own].map((id) => libraryCard(s, id)).filter((c) => c !== undefined);
}

/** What the next trigger opens: the newest version of every card that is not retired. */
export function activeCards(s: CityState): CardDefinition[] {
  if (!s.cards?.library || tableValues(s.cards.library).length === 0) return [...DEFAULT_CARDS];
  return libraryCards(s)
    .filter((c) => !c.retired)
    .map((c) => c.card);
}

/** The current version number a save must build on: 0 for a card that does not exist yet. */
export const currentVersion = (s: CityState, id: string): number =>
  libraryCard(s, id)?.card.version ?? 0;

/** The history of a card, newest first: saved versions, then the shipped base version. */
export function cardHistory(
  s: CityState,
  id: string,
): { card: CardDefinition; at?: string; byName?: string }[] {
  const record = cardRecord(s, id);
  const saved = (record?.versions ?? [])
    .map((v) => ({ card: v.card, at: v.at, byName: v.by.name }))
    .reverse();
  const base = SHIPPED.get(id);
  const hasBase = saved.some((v) => v.card.version === base?.version);
  return base && !hasBase ? [...saved, { card: base }] : saved;
}
