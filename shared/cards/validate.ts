/**
 * R235: the whole check of a card before it is saved or imported, with a Swedish reason and the
 * path of every problem (so an import can name the line). Nothing is saved unless all pass.
 */
import type { z } from 'zod';
import type { CityState } from '../domain/state';
import { lookup } from '../domain/keyed';
import { isEventType } from '../events';
import { DECISION_KINDS } from '../domain/vocabulary';
import { documentOf } from '../files/policy';
import { CARD_TRIGGERS, CardDefinition } from './model';

export type CardPath = (string | number)[];

export interface CardIssue {
  path: CardPath;
  message: string;
}

export type CardCheck = { ok: true; card: CardDefinition } | { ok: false; issues: CardIssue[] };

const FIELD: Record<string, string> = {
  id: 'id',
  title: 'Rubrik',
  holder: 'Innehavare',
  kind: 'Slag',
  role: 'Roll',
  fn: 'CKL-funktion',
  trigger: 'Utlösare',
  steps: 'Steg',
  text: 'Text',
  guidance: 'Vägledning',
  deadlineMinutes: 'Tidsfrist',
  fulfilledBy: 'Bunden åtgärd',
  type: 'Händelsetyp',
  informed: 'Informerad',
  source: 'Källa',
  documents: 'Dokument',
};

/** "steg 2 › Tidsfrist" for a path like ['steps', 1, 'deadlineMinutes']. */
export function describePath(path: CardPath): string {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    const next = path[i + 1];
    if (p === 'steps' && typeof next === 'number') {
      out.push(`steg ${next + 1}`);
      i++;
    } else if (p === 'documents' && typeof next === 'number') {
      out.push(`dokument ${next + 1}`);
      i++;
    } else if (typeof p === 'string') out.push(lookup(FIELD, p) ?? p);
  }
  return out.join(' › ');
}

const valueAt = (input: unknown, path: CardPath): unknown => {
  let v: unknown = input;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v =
      typeof p === 'number' && Array.isArray(v)
        ? v[p]
        : lookup(v as Record<string, unknown>, String(p));
  }
  return v;
};

const show = (v: unknown) => (typeof v === 'string' ? `"${v.slice(0, 60)}"` : JSON.stringify(v));

function message(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const last = path[path.length - 1];
  const value = valueAt(input, path);
  const where = describePath(path);
  if (issue.code === 'unrecognized_keys')
    return `${where ? `${where}: ` : ''}okänt fält ${issue.keys.join(', ')}.`;
  if (last === 'trigger')
    return `Okänd utlösare ${show(value)}. Giltiga: ${CARD_TRIGGERS.join(', ')}.`;
  if (last === 'role' && path[0] === 'holder') return `Okänd roll ${show(value)}.`;
  if (last === 'fn' && path[0] === 'holder') return `Okänd CKL-funktion ${show(value)}.`;
  if (last === 'kind' && path[0] === 'holder')
    return 'Innehavaren ska vara en roll (role), en CKL-funktion (function) eller den utlösaren anger (named).';
  if (last === 'deadlineMinutes')
    return `${where}: ange ett helt antal minuter, 1–20160 (${show(value)} går inte).`;
  if (last === 'text' && path[0] === 'steps') return `${where}: ange stegets text.`;
  if (last === 'title') return 'Ange kortets rubrik (högst 200 tecken).';
  if (issue.code === 'invalid_type' && value === undefined) return `${where}: saknas.`;
  if (issue.code === 'invalid_type') return `${where}: fel typ (${show(value)}).`;
  if (issue.code === 'too_big') return `${where}: för lång eller för många.`;
  if (issue.code === 'custom' || issue.code === 'invalid_format' || issue.code === 'too_small')
    return where ? `${where}: ${issue.message}` : issue.message;
  return `${where}: ogiltigt värde ${show(value)}.`;
}

const DECISION_KIND_SET = new Set<string>(DECISION_KINDS);

/** What the schema cannot know: the bound action is a real event type, the documents exist. */
function checkReferences(card: CardDefinition, s: CityState): CardIssue[] {
  const out: CardIssue[] = [];
  card.steps.forEach((st, i) => {
    const f = st.fulfilledBy;
    if (f && !isEventType(f.type))
      out.push({
        path: ['steps', i, 'fulfilledBy', 'type'],
        message: `steg ${i + 1}: okänd bunden åtgärd "${f.type}" (ingen sådan händelse i loggen).`,
      });
    if (f?.kind !== undefined && (f.type !== 'decision.recorded' || !DECISION_KIND_SET.has(f.kind)))
      out.push({
        path: ['steps', i, 'fulfilledBy', 'kind'],
        message: `steg ${i + 1}: beslutstypen "${f.kind}" finns inte (gäller bara decision.recorded).`,
      });
    (st.documents ?? []).forEach((docId, j) => {
      const doc = documentOf(s, docId);
      if (!doc || doc.retired)
        out.push({
          path: ['steps', i, 'documents', j],
          message: `steg ${i + 1}: dokumentet "${docId}" finns inte i biblioteket.`,
        });
    });
    if (new Set(st.documents ?? []).size !== (st.documents ?? []).length)
      out.push({
        path: ['steps', i, 'documents'],
        message: `steg ${i + 1}: samma dokument är länkat två gånger.`,
      });
  });
  return out;
}

/**
 * Checks a card as an editor or a file gives it (its `version` is set by the save, not by the
 * sender). Returns the card with `version` as given to this function.
 */
export function checkCard(input: unknown, s: CityState, version: number): CardCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, issues: [{ path: [], message: 'Ett kort ska vara ett objekt med fält.' }] };
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'version'));
  const parsed = CardDefinition.safeParse({ ...rest, version });
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: message(i, input),
      })),
    };
  const refs = checkReferences(parsed.data, s);
  return refs.length > 0 ? { ok: false, issues: refs } : { ok: true, card: parsed.data };
}

/** Two versions say the same (everything but the version number). */
export const sameCard = (a: CardDefinition, b: CardDefinition): boolean =>
  JSON.stringify(CardDefinition.parse({ ...a, version: 1 })) ===
  JSON.stringify(CardDefinition.parse({ ...b, version: 1 }));
