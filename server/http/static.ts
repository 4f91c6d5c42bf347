/**
 * Serves the built console: the precompressed copies the build wrote (scripts/compress-client.mjs)
 * in the encoding the browser accepts, hashed assets cached for a year, everything else (the page,
 * the service worker) revalidated on every load so a new release is picked up at once. Source
 * maps stay on the operator's disk (dist/sourcemaps/) and are never served.
 */
import express, { type Request, type Response } from 'express';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

/** Hashed file names (Vite's `assets/`): a new build gives new names, so they never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const SUFFIX: Record<Exclude<Encoding, 'identity'>, string> = { br: '.br', gzip: '.gz' };

/**
 * The encoding to send: among those on offer (in the server's order of preference: smallest
 * first), the one the request rates highest. No header, or one that refuses them all, gets the
 * plain bytes, which every client can read.
 */
export function negotiateEncoding(req: Request, offered: readonly Encoding[]): Encoding {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string' || header.trim() === '') return 'identity';
  const rated = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((x) => /^\s*q=([0-9.]+)\s*$/.exec(x)?.[1]).find((x) => x !== undefined);
    rated.set(name, q === undefined ? 1 : Number(q) || 0);
  }
  const rate = (e: Encoding): number =>
    rated.get(e) ?? rated.get('*') ?? (e === 'identity' ? 0.001 : 0);
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const e of offered)
    if (rate(e) > bestQ) {
      best = e;
      bestQ = rate(e);
    }
  return best;
}

interface ClientFile {
  /** Absolute path of the uncompressed file. */
  file: string;
  encodings: Encoding[];
}

/** Every file of the build by its URL path, read once at start-up (a Map: a path is input). */
function indexClientDir(dir: string): Map<string, ClientFile> {
  const files = new Map<string, ClientFile>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.(br|gz|map)$/.test(name))
        files.set(`/${path.relative(dir, p).split(path.sep).join('/')}`, {
          file: p,
          encodings: [
            ...(existsSync(`${p}.br`) ? (['br'] as const) : []),
            ...(existsSync(`${p}.gz`) ? (['gzip'] as const) : []),
            'identity',
          ],
        });
    }
  };
  walk(dir);
  return files;
}

function sendClientFile(req: Request, res: Response, f: ClientFile, cacheControl: string): void {
  const encoding = negotiateEncoding(req, f.encodings);
  res.vary('Accept-Encoding');
  // The type is the original file's; the bytes sent may be its compressed copy.
  res.type(path.extname(f.file));
  res.setHeader('Cache-Control', cacheControl);
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.sendFile(encoding === 'identity' ? f.file : `${f.file}${SUFFIX[encoding]}`, {
    cacheControl: false,
  });
}

const notFound = (res: Response) =>
  res.status(404).type('text/plain; charset=utf-8').send('Filen finns inte.');

/**
 * The console's files and the page for every other path (the console routes by hash). A
 * missing asset is a 404, never the page: a browser holding an older page asks a newer node
 * for a script name that no longer exists, and HTML in its place would break the console.
 */
export function clientRoutes(clientDir: string): express.Router | null {
  if (!existsSync(path.join(clientDir, 'index.html'))) return null;
  const files = indexClientDir(clientDir);
  const index = files.get('/index.html') as ClientFile;
  const r = express.Router();
  r.get(/.*/, (req, res, next) => {
    const p = req.path;
    if (/^\/(api|socket\.io|export|k|u)\//.test(p) || p === '/healthz') return next();
    if (p.endsWith('.map')) return notFound(res);
    const f = files.get(p);
    if (f && p !== '/index.html')
      return sendClientFile(req, res, f, p.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    if (p.startsWith('/assets/')) return notFound(res);
    sendClientFile(req, res, index, REVALIDATE);
  });
  return r;
}

/** A body made at start-up (e.g. the division's GeoJSON), compressed once and sent as accepted. */
/**
 * A body with its compressed copies, made on the first request rather than at start-up: brotli
 * at quality 9 of the map data cost a restarted node about 150 ms before it could listen.
 */
export type Precompressed = () => Map<Encoding, Buffer>;

export function precompressed(body: string | Buffer | (() => string | Buffer)): Precompressed {
  let made: Map<Encoding, Buffer> | undefined;
  return () => {
    if (made) return made;
    const b = typeof body === 'function' ? body() : body;
    const raw = Buffer.isBuffer(b) ? b : Buffer.from(b);
    made = new Map<Encoding, Buffer>([
      ['br', brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })],
      ['gzip', gzipSync(raw, { level: 9 })],
      ['identity', raw],
    ]);
    return made;
  };
}

export function sendPrecompressed(
  req: Request,
  res: Response,
  body: Precompressed,
  type: string,
): void {
  const bodies = body();
  res.vary('Accept-Encoding');
  const encoding = negotiateEncoding(req, [...bodies.keys()]);
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.type(type).send(bodies.get(encoding));
}
