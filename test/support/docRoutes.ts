/**
 * The HTTP routes docs/protocol.md documents and the routes the Express app registers, in one
 * comparable shape, so a test can hold the two to each other.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';

export const PROTOCOL_DOC = path.join(__dirname, '..', '..', 'docs', 'protocol.md');

export interface DocRoute {
  method: string;
  /** As written, without the query string: `/delning/<token>/lagesbild.pdf`. */
  path: string;
  /** The table's `who` cell ('' when the table has none, e.g. the public routes). */
  who: string;
  /** Every cell of the row by header name (lower case). */
  cells: Map<string, string>;
  /** The heading the table is under. */
  section: string;
  line: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ROUTE_IN_CELL = new RegExp(`\`(${METHODS.join('|')}) (/[^\`\\s]*)\``, 'g');

const cellsOf = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    // A `\|` inside a cell is part of the text (e.g. `"ok"\|"degraded"`).
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

const stripQuery = (p: string) => p.replace(/\?.*$/, '');

/**
 * Every route in a table whose first column is `route` (cells like `` `GET /api/me` ``, several
 * per cell allowed) or whose first two columns are `method` and `route`/`path`.
 */
export function parseDocRoutes(md: string): DocRoute[] {
  const lines = md.split('\n');
  const out: DocRoute[] = [];
  let section = '';
  let header: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^#+ /.test(line)) section = line.replace(/^#+ /, '').trim();
    if (/^\*\*.+\*\*/.test(line)) section = line.replace(/\*\*/g, '').trim();
    if (!line.trim().startsWith('|')) {
      header = null;
      continue;
    }
    const cells = cellsOf(line);
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      continue;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    const byName = new Map(header.map((h, k) => [h, cells[k] ?? '']));
    const who = byName.get('who') ?? '';
    const push = (method: string, p: string) =>
      out.push({ method, path: stripQuery(p), who, cells: byName, section, line: i + 1 });
    if (header[0] === 'route') {
      for (const m of cells[0].matchAll(ROUTE_IN_CELL)) push(m[1], m[2]);
    } else if (header[0] === 'method' && (header[1] === 'route' || header[1] === 'path')) {
      const method = cells[0].replace(/`/g, '').trim().toUpperCase();
      if (METHODS.includes(method)) push(method, cells[1].replace(/`/g, '').trim());
    }
  }
  return out;
}

export const readDocRoutes = (): DocRoute[] => parseDocRoutes(readFileSync(PROTOCOL_DOC, 'utf8'));

export interface AppRoute {
  method: string;
  /** Express path syntax, mount prefix included: `/delning/:token/:file`. */
  path: string;
}

interface LayerLike {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: unknown;
}

/**
 * Every route registered on the app, by walking the router stack (Express 5 / router 2),
 * through mounted routers. Routes with a regular expression for a path (the console's
 * catch-all) are returned with `path` = the expression's source in slashes.
 */
export function appRoutes(app: Express): AppRoute[] {
  const out: AppRoute[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          const full = p instanceof RegExp ? `/${p.source}/` : `${prefix}${String(p)}`;
          for (const [m, on] of Object.entries(layer.route.methods))
            if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: full });
        }
      } else if (layer.handle?.stack) {
        const mount =
          typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '');
  return out;
}

/** A matcher for a plain Express path (`/a/:b/c`); anything fancier is refused loudly. */
export function expressPathMatcher(p: string): RegExp {
  if (/[*?(){}]/.test(p)) throw new Error(`the route test cannot read the path ${p}`);
  const source = p
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.+^$|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** A documented path with each placeholder (`<token>`, `:id`) replaced by `fill(name)`. */
export function concretePath(p: string, fill: (name: string) => string = (n) => `x${n}`): string {
  return p.replace(/<([A-Za-z]+)>|:([A-Za-z]+)/g, (_m, a: string, b: string) => fill(a ?? b));
}
