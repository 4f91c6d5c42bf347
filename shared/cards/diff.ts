/**
 * What changed between two versions of a card, in plain Swedish for the history view (R236):
 * the card's title, holder and trigger, steps added and removed, steps moved, and each kept
 * step's text, guidance, deadline, bound action, source and documents. Steps are matched by id,
 * so a step whose text was rewritten is one changed step, not one removed and one added.
 */
import { CKL_FUNCTION_LABEL, ROLE_LABEL } from '../domain/vocabulary';
import type { CityState } from '../domain/state';
import { bindingLabel } from './bindable';
import { cardHistory } from './library';
import { CARD_TRIGGER_LABEL, type CardDefinition, type CardHolder, type CardStep } from './model';

const MAX_QUOTE = 80;

const quote = (t: string): string =>
  `”${t.length > MAX_QUOTE ? `${t.slice(0, MAX_QUOTE - 1)}…` : t}”`;

const holderText = (h: CardHolder): string =>
  h.kind === 'role'
    ? ROLE_LABEL[h.role]
    : h.kind === 'function'
      ? CKL_FUNCTION_LABEL[h.fn]
      : 'den som utlösaren anger';

const sameHolder = (a: CardHolder, b: CardHolder) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The positions (in `seq`) of one longest strictly increasing subsequence: the steps that kept
 * their order. Every other common step is reported as moved, so swapping two neighbours names
 * one step, not both.
 */
function keptInOrder(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  seq.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.add(i);
  return out;
}

function stepChanges(
  was: CardStep,
  now: CardStep,
  name: string,
  docTitle: (id: string) => string,
): string[] {
  const out: string[] = [];
  if (was.text !== now.text)
    out.push(`${name}: ny text ${quote(now.text)} (var ${quote(was.text)}).`);
  const g0 = was.guidance ?? '';
  const g1 = now.guidance ?? '';
  if (g0 !== g1)
    out.push(
      !g0
        ? `${name}: vägledning tillagd.`
        : !g1
          ? `${name}: vägledningen borttagen.`
          : `${name}: vägledningen ändrad.`,
    );
  if (was.deadlineMinutes !== now.deadlineMinutes)
    out.push(
      now.deadlineMinutes === undefined
        ? `${name}: tidsfristen borttagen (var ${was.deadlineMinutes} min).`
        : was.deadlineMinutes === undefined
          ? `${name}: tidsfrist ${now.deadlineMinutes} min.`
          : `${name}: tidsfrist ${now.deadlineMinutes} min (var ${was.deadlineMinutes} min).`,
    );
  const b0 = was.fulfilledBy ? bindingLabel(was.fulfilledBy) : '';
  const b1 = now.fulfilledBy ? bindingLabel(now.fulfilledBy) : '';
  if (b0 !== b1)
    out.push(
      !b1
        ? `${name}: bockas nu av för hand (var: ${b0}).`
        : `${name}: bockas av när ${b1.charAt(0).toLowerCase()}${b1.slice(1)}${b0 ? ` (var: ${b0})` : ''}.`,
    );
  const s0 = was.source ?? '';
  const s1 = now.source ?? '';
  if (s0 !== s1)
    out.push(
      !s1
        ? `${name}: källan borttagen.`
        : `${name}: källa ${quote(s1)}${s0 ? ` (var ${quote(s0)})` : ''}.`,
    );
  const d0 = new Set(was.documents ?? []);
  const d1 = new Set(now.documents ?? []);
  const added = [...d1].filter((d) => !d0.has(d)).map(docTitle);
  const removed = [...d0].filter((d) => !d1.has(d)).map(docTitle);
  if (added.length > 0) out.push(`${name}: dokument länkat – ${added.join(', ')}.`);
  if (removed.length > 0)
    out.push(`${name}: länk till dokument borttagen – ${removed.join(', ')}.`);
  return out;
}

/**
 * The changes from `was` to `now`, one sentence each, in the card's order; empty when they say
 * the same. `docTitle` names a library document by its id (the id itself when unknown).
 */
export function cardChanges(
  was: CardDefinition,
  now: CardDefinition,
  docTitle: (id: string) => string = (id) => id,
): string[] {
  const out: string[] = [];
  if (was.title !== now.title)
    out.push(`Rubriken ändrad till ${quote(now.title)} (var ${quote(was.title)}).`);
  if (!sameHolder(was.holder, now.holder))
    out.push(`Innehavare: ${holderText(now.holder)} (var ${holderText(was.holder)}).`);
  if (was.trigger !== now.trigger)
    out.push(
      `Utlösare: ${CARD_TRIGGER_LABEL[now.trigger]} (var ${CARD_TRIGGER_LABEL[was.trigger]}).`,
    );
  const before = new Map(was.steps.map((s, i) => [s.id, { step: s, at: i }]));
  const after = new Set(now.steps.map((s) => s.id));
  now.steps.forEach((s, i) => {
    if (!before.has(s.id)) out.push(`Nytt steg ${i + 1}: ${quote(s.text)}.`);
  });
  was.steps.forEach((s, i) => {
    if (!after.has(s.id)) out.push(`Steg borttaget (var steg ${i + 1}): ${quote(s.text)}.`);
  });
  const common = now.steps
    .map((s, i) => ({ s, i, was: before.get(s.id) }))
    .filter((x): x is { s: CardStep; i: number; was: { step: CardStep; at: number } } => !!x.was);
  const kept = keptInOrder(common.map((x) => x.was.at));
  common.forEach((x, k) => {
    if (!kept.has(k))
      out.push(`Steg ${quote(x.s.text)} flyttat från plats ${x.was.at + 1} till plats ${x.i + 1}.`);
  });
  for (const x of common) out.push(...stepChanges(x.was.step, x.s, `Steg ${x.i + 1}`, docTitle));
  return out;
}

/** One version of a card as the history view lists it. */
export interface VersionEntry {
  card: CardDefinition;
  /** When and by whom it was saved; absent for the version the console ships. */
  at?: string;
  byName?: string;
  /**
   * What changed from the version before; null for the first version, or when the one before
   * is older than the versions the state keeps (CARD_VERSIONS_KEPT; the log has them all).
   */
  changes: string[] | null;
}

/** A card's versions, newest first, each with what changed from the one before it. */
export function versionHistory(
  s: CityState,
  id: string,
  docTitle: (id: string) => string = (d) => d,
): VersionEntry[] {
  const h = cardHistory(s, id);
  return h.map((v, i) => {
    const older = h[i + 1];
    return {
      ...v,
      changes:
        older && older.card.version === v.card.version - 1
          ? cardChanges(older.card, v.card, docTitle)
          : null,
    };
  });
}
