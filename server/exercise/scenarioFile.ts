import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { validateScenario, type Scenario } from '../../shared/exercise/scenario';

export interface ScenarioFileError {
  /** "injects[3].at" */
  path: string;
  line?: number;
  message: string;
}

export type ParsedScenario =
  { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioFileError[] };

/** The line of the deepest node that exists along a path, so an error points into the file. */
function lineOf(doc: Document, lc: LineCounter, rawPath: PropertyKey[]): number | undefined {
  for (let n = rawPath.length; n >= 0; n--) {
    const node = doc.getIn(rawPath.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Parses a scenario from YAML or JSON text (JSON is YAML) and validates it; errors say the
 * path and the line, e.g. `injects[3].at (rad 42): …`.
 */
export function parseScenarioText(text: string): ParsedScenario {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        path: '(fil / file)',
        line: e.linePos?.[0].line,
        message: `YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  const v = validateScenario(doc.toJS({ maxAliasCount: 50 }));
  if (v.ok) return v;
  return {
    ok: false,
    errors: v.errors.map((e) => ({
      path: e.path,
      line: lineOf(doc, lc, e.rawPath),
      message: e.message,
    })),
  };
}

export const formatScenarioError = (file: string, e: ScenarioFileError): string =>
  `${file}${e.line ? `:${e.line}` : ''}: ${e.path}: ${e.message}`;

/** Reads every *.yaml / *.yml / *.json scenario in a directory; a broken file is reported, not fatal. */
export function loadScenarioDir(dir: string): { scenarios: Scenario[]; problems: string[] } {
  const scenarios: Scenario[] = [];
  const problems: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f));
  } catch {
    return { scenarios, problems: [`${dir}: katalogen finns inte / directory missing`] };
  }
  for (const f of files.sort()) {
    const r = parseScenarioText(readFileSync(path.join(dir, f), 'utf8'));
    if (!r.ok) {
      problems.push(...r.errors.map((e) => formatScenarioError(f, e)));
      continue;
    }
    if (scenarios.some((s) => s.id === r.scenario.id)) {
      problems.push(`${f}: id: "${r.scenario.id}" finns redan i en annan fil / already used`);
      continue;
    }
    scenarios.push(r.scenario);
  }
  return { scenarios, problems };
}
