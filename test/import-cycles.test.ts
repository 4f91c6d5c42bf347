/**
 * The house has no import circles: every module of shared/, server/, client/src/ and bench/
 * can be read after the ones it imports. Type-only imports are left out (they vanish when
 * compiled); a dynamic `import()` is a load-time edge, so it counts only where it is static.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIRS = ['shared', 'server', 'client/src', 'bench'];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
      out.push(p);
  }
  return out;
}

const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
    try {
      if (statSync(c).isFile() && /\.tsx?$/.test(c)) return c;
    } catch {
      /* not this one */
    }
  return null;
}

/** The modules a file needs at run time. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    // `import { type A, type B } from` (no default import) brings nothing at run time either.
    const names = /^\s*(?:import|export)\s*\{([^}]*)\}/.exec(m[0])?.[1];
    const onlyTypes =
      names !== undefined &&
      names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith('type '));
    if (onlyTypes) continue;
    const r = resolve(file, m[1]);
    if (r) out.push(r);
  }
  return out;
}

/** Strongly connected components of more than one module, or a module importing itself. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

test('no import circles in shared/, server/, client/src/ or bench/', () => {
  const files = DIRS.flatMap((d) => sources(path.join(ROOT, d)));
  expect(files.length).toBeGreaterThan(300);
  const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
  const edges = [...graph.values()].reduce((n, e) => n + e.length, 0);
  expect(edges).toBeGreaterThan(files.length);
  const found = cycles(graph).map((c) => c.map((f) => path.relative(ROOT, f)).sort());
  expect(found).toEqual([]);
});
