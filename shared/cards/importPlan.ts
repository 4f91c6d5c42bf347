/**
 * R238, R239: what importing a list of cards would do, all or nothing. Every entry is checked
 * as a save would check it (R235); any problem refuses the whole list with each problem's place.
 * Unchanged cards make no new version, so importing an export changes nothing (R240).
 */
import type { CityState } from '../domain/state';
import { draft, type EventDraft } from '../events';
import { lookup } from '../domain/keyed';
import type { CardDefinition } from './model';
import { currentVersion, libraryCard } from './library';
import { checkCard, sameCard, type CardPath } from './validate';

/** A card as a file holds it: the card's fields, its version, and whether it is retired. */
export interface ImportIssue {
  /** The entry's place in the list. */
  index: number;
  path: CardPath;
  message: string;
}

export interface ImportPlan {
  drafts: EventDraft[];
  saved: string[];
  retired: string[];
  unchanged: string[];
}

export type ImportResult = ({ ok: true } & ImportPlan) | { ok: false; issues: ImportIssue[] };

export const MAX_IMPORTED_CARDS = 200;

export function planImport(entries: readonly unknown[], s: CityState): ImportResult {
  const issues: ImportIssue[] = [];
  const plan: ImportPlan = { drafts: [], saved: [], retired: [], unchanged: [] };
  if (entries.length === 0)
    return { ok: false, issues: [{ index: -1, path: [], message: 'Filen innehåller inga kort.' }] };
  if (entries.length > MAX_IMPORTED_CARDS)
    return {
      ok: false,
      issues: [{ index: -1, path: [], message: `Högst ${MAX_IMPORTED_CARDS} kort per fil.` }],
    };
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const add = (path: CardPath, message: string) => issues.push({ index, path, message });
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return add(
        [],
        `Kort ${index + 1}: ska vara ett kort med fälten id, title, holder, trigger, steps.`,
      );
    const rec = entry as Record<string, unknown>;
    const id = lookup(rec, 'id');
    const retiredField = lookup(rec, 'retired');
    const versionField = lookup(rec, 'version');
    if (retiredField !== undefined && typeof retiredField !== 'boolean')
      add(['retired'], 'retired ska vara true eller false.');
    if (typeof id === 'string') {
      if (seen.has(id)) add(['id'], `Kortet ${id} finns två gånger i filen.`);
      seen.add(id);
    }
    const current = typeof id === 'string' ? currentVersion(s, id) : 0;
    if (
      versionField !== undefined &&
      (typeof versionField !== 'number' || !Number.isInteger(versionField) || versionField < 1)
    )
      add(['version'], 'version ska vara ett positivt heltal.');
    const body = Object.fromEntries(Object.entries(rec).filter(([k]) => k !== 'retired'));
    const check = checkCard(body, s, current + 1);
    if (!check.ok) {
      for (const i of check.issues) add(i.path, i.message);
      return;
    }
    const card: CardDefinition = check.card;
    const lib = libraryCard(s, card.id);
    const same = lib !== undefined && sameCard(lib.card, card);
    if (!same && current > 0 && typeof versionField === 'number' && versionField !== current)
      add(
        ['version'],
        `Kortet ${card.id} har version ${current} i konsolen men filen bygger på version ${versionField}; exportera på nytt och gör ändringen där.`,
      );
    const wantRetired = retiredField === true;
    const isRetired = lib?.retired ?? false;
    const changed = !same || (isRetired && !wantRetired);
    const version = changed ? current + 1 : current;
    if (changed) {
      plan.drafts.push(draft('card.saved', { card: { ...card, version } }));
      plan.saved.push(card.id);
    }
    if (wantRetired && (changed || !isRetired)) {
      plan.drafts.push(draft('card.retired', { cardId: card.id, version }));
      plan.retired.push(card.id);
    }
    if (!changed && wantRetired === isRetired) plan.unchanged.push(card.id);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, ...plan };
}
