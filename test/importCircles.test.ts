/**
 * The house has no import circles (type-only imports included) and the benchmarks measure the
 * product from outside: they import no client file.
 */
import path from 'node:path';
import { circles, crossings, importGraph, importsOf } from '../scripts/importGraph';

const ROOT = path.resolve(__dirname, '..');

describe('the import graph', () => {
  const graph = importGraph(ROOT);

  it('reads static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import a from './a';",
      "import type { B } from './b';",
      "export { c } from './c';",
      "const d = await import('./d');",
      "type E = import('./e').E;",
    ].join('\n');
    expect(importsOf(text, 'x.ts')).toEqual(['./a', './b', './c', './d', './e']);
  });

  it('finds a circle of two and one of three, and none in a chain', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['a']],
      ['c', ['d']],
      ['d', ['e']],
      ['e', ['c']],
      ['f', ['g']],
      ['g', []],
    ]);
    expect(circles(g)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('sees the project (shared, server, client, bench)', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(graph.get(path.join('server', 'app.ts'))?.length).toBeGreaterThan(5);
  });

  it('has no import circles', () => {
    expect(circles(graph).map((c) => c.join(' ↔ '))).toEqual([]);
  });

  it('benchmarks import no client file', () => {
    expect(crossings(graph, 'bench', path.join('client', 'src'))).toEqual([]);
  });
});
