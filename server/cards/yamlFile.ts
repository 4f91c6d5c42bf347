/**
 * The card library as a YAML file (R239, R240): export every card, and read a file back with
 * the line and the reason of each problem. Server-side only, so the client bundle holds no YAML
 * parser.
 */
import { Document, LineCounter, isNode, parseDocument } from 'yaml';
import type { CityState } from '../../shared/domain/state';
import { libraryCards } from '../../shared/cards/library';
import { describePath, type CardPath } from '../../shared/cards/validate';
import { planImport, type ImportPlan } from '../../shared/cards/importPlan';

export interface CardFileError {
  line?: number;
  /** "kort 2 (tib-disruption) › steg 3 › Tidsfrist" */
  where: string;
  message: string;
}

export type CardFileResult =
  ({ ok: true; cards: unknown[] } & ImportPlan) | { ok: false; errors: CardFileError[] };

const HEADER = [
  ' Lägesbild – åtgärdskort.',
  ' Importera filen under Åtgärdskort › Importera. Hela filen läses in eller ingenting:',
  ' varje fel visas med rad och orsak. Kort som inte ändrats får ingen ny version.',
  ' version: den version kortet hade vid exporten. retired: true avvecklar kortet.',
].join('\n');

/** Every card, shipped and the console's own, newest version, retired ones marked. */
export function exportCardsYaml(s: CityState): string {
  const cards = libraryCards(s).map((c) => (c.retired ? { ...c.card, retired: true } : c.card));
  const doc = new Document({ cards });
  doc.commentBefore = HEADER;
  return doc.toString({ lineWidth: 0 });
}

function lineOf(doc: Document, lc: LineCounter, path: CardPath): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

const notYaml = (message: string, line?: number): CardFileResult => ({
  ok: false,
  errors: [{ ...(line ? { line } : {}), where: 'filen', message }],
});

/** Reads a card file and plans its import against the state; nothing is applied here. */
export function readCardsYaml(text: string, s: CityState): CardFileResult {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096)))
    return notYaml('Filen är inte en textfil; skicka en YAML-fil med åtgärdskort.');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0)
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        ...(e.linePos?.[0].line ? { line: e.linePos[0].line } : {}),
        where: 'filen',
        message: `Inte giltig YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  const data: unknown = doc.toJS({ maxAliasCount: 50 });
  const listed = Array.isArray(data)
    ? { cards: data, prefix: [] as CardPath }
    : typeof data === 'object' &&
        data !== null &&
        Array.isArray((data as { cards?: unknown }).cards)
      ? { cards: (data as { cards: unknown[] }).cards, prefix: ['cards'] as CardPath }
      : undefined;
  if (!listed)
    return notYaml(
      'Filen är inte en fil med åtgärdskort: den ska ha en lista under "cards:".',
      lineOf(doc, lc, []) ?? 1,
    );
  const plan = planImport(listed.cards, s);
  if (plan.ok) return { ...plan, cards: listed.cards };
  return {
    ok: false,
    errors: plan.issues.map((i) => {
      const entry = listed.cards[i.index] as { id?: unknown } | undefined;
      const name =
        i.index < 0
          ? 'filen'
          : `kort ${i.index + 1}${typeof entry?.id === 'string' ? ` (${entry.id})` : ''}`;
      const field = describePath(i.path);
      const line = lineOf(doc, lc, i.index < 0 ? [] : [...listed.prefix, i.index, ...i.path]);
      return {
        ...(line ? { line } : {}),
        where: field ? `${name} › ${field}` : name,
        message: i.message,
      };
    }),
  };
}
