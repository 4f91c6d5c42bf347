/**
 * The project's import graph (every `import`, `export … from` and dynamic `import()` between
 * its own TypeScript files, type-only ones included) and the circles in it. A type-only circle
 * still ties two modules into one concept; the house rule is none at all.
 *
 * `npx tsx scripts/importGraph.ts` prints the circles; test/importCircles.test.ts fails on any.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const SOURCE_ROOTS = ['shared', 'server', 'client/src', 'bench', 'scripts', 'test'];
const EXTENSIONS = ['.ts', '.tsx'];

function sourceFiles(root: string, dir: string, out: string[]): void {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return;
  for (const name of readdirSync(abs)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) sourceFiles(root, rel, out);
    else if (EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(rel);
  }
}

function resolve(root: string, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.normalize(path.join(path.dirname(from), spec));
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => path.join(base, 'index' + e)),
  ];
  for (const c of candidates)
    if (EXTENSIONS.some((e) => c.endsWith(e)) && existsSync(path.join(root, c))) return c;
  return null;
}

/** The specifiers a file imports from (static, re-exports, dynamic with a literal). */
export function importsOf(text: string, fileName: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      out.push(node.moduleSpecifier.text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      out.push(node.arguments[0].text);
    else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      out.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** File (relative to root) → the project files it imports. */
export function importGraph(root: string, roots = SOURCE_ROOTS): Map<string, string[]> {
  const files: string[] = [];
  for (const r of roots) sourceFiles(root, r, files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps = importsOf(readFileSync(path.join(root, f), 'utf8'), f)
      .map((s) => resolve(root, f, s))
      .filter((d): d is string => d !== null && d !== f);
    graph.set(f, [...new Set(deps)]);
  }
  return graph;
}

/** The circles: each strongly connected group of two or more files (Tarjan), sorted. */
export function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The imports from files under `from` into files under `banned` (e.g. bench → client). */
export function crossings(graph: Map<string, string[]>, from: string, banned: string): string[] {
  const out: string[] = [];
  for (const [f, deps] of graph)
    if (f.startsWith(from + path.sep))
      for (const d of deps) if (d.startsWith(banned + path.sep)) out.push(`${f} → ${d}`);
  return out.sort();
}

if (require.main === module) {
  const found = circles(importGraph(process.cwd()));
  for (const c of found) console.log(c.join(' ↔ '));
  console.log(found.length ? `${found.length} circle(s)` : 'no import circles');
  process.exitCode = found.length ? 1 : 0;
}
