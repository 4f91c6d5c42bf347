/**
 * The public edge of a share: `/delning/<token>` and its formats (R93–R97). No account, no
 * cookie read or set, no script allowed, not indexed, rate limited per address. A token opens
 * its own share and nothing else; everything is read from the share's own space.
 */
import { createHash } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Share } from '../../shared/domain/share';
import { shareStatus } from '../../shared/domain/share';
import { isExerciseSpace } from '../../shared/domain/exercise';
import { shareByTokenHash } from '../../shared/views/share';
import { PROJECT_ROOT } from '../paths';
import type { Space } from '../space';
import { fmtTime } from '../export/html';
import { PdfUnavailableError, type PdfRenderer } from '../export/pdf';
import {
  attachment,
  SHARE_BASE_PATH,
  SHARE_FILES,
  shareDocument,
  shareLinks,
  type ShareDocument,
} from './document';
import { atomFeed, jsonFeed } from './feed';
import { shareGeoJson, shareJson } from './data';
import type { DivisionGeoJson } from './map';
import { refusalPage, renderSharePage, SHARE_CSS_PATH } from './page';
import type { ShareTokens } from './token';
import type { ShareViewKind, ShareViewStore } from './views';
import { lookup } from '../../shared/domain/keyed';

export interface ShareRouteDeps {
  spaces: ReadonlyMap<string, Space>;
  tokens: ShareTokens;
  views: ShareViewStore;
  pdf: PdfRenderer;
  /** A division's borders by id (the space's own division). */
  division: (id: string) => DivisionGeoJson | undefined;
  /** PUBLIC_URL, when set: the base of every link a share shows. */
  publicUrl?: string;
  /** Requests per minute per address on the share routes. */
  rateLimit: number;
  now?: () => Date;
}

const CSS_FILE = path.join(PROJECT_ROOT, 'server', 'share', 'dela.css');
const css = (() => {
  let cached: string | undefined;
  return () => (cached ??= readFileSync(CSS_FILE, 'utf8'));
})();

/** R93: nothing runs on a share page; it loads only its own style sheet. */
export const SHARE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The base of the links a share shows: PUBLIC_URL, or the address the request came to. */
export const baseUrl = (req: Request, publicUrl?: string): string =>
  publicUrl ? publicUrl.replace(/\/$/, '') : `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** An HTTP date's whole second, for If-Modified-Since (which has no finer resolution). */
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** R96: 304 when the client already has this version (If-None-Match wins over the date). */
function notModified(req: Request, etag: string, lastModified: string): boolean {
  const inm = req.get('if-none-match');
  if (inm !== undefined)
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*');
  const ims = req.get('if-modified-since');
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && seconds(lastModified) <= Math.floor(since / 1000);
}

const etagOf = (body: string | Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

interface Found {
  space: Space;
  share: Share;
}

/** The share a token opens, in whichever space holds it (an exercise's own, or the real one). */
function find(deps: ShareRouteDeps, token: string): Found | null {
  const hash = deps.tokens.hashOf(token);
  if (!hash) return null;
  for (const space of deps.spaces.values()) {
    const share = shareByTokenHash(space.state, hash);
    if (share) return { space, share };
  }
  return null;
}

/**
 * An exercise is over once the real space records its end; its own space hears of it a moment
 * later, and a link must not open in between (R97).
 */
function exerciseEnded(deps: ShareRouteDeps, space: Space): boolean {
  const c = space.state.exercise.control;
  if (!c) return false;
  if (c.status === 'ended') return true;
  const summary = deps.spaces.get(c.realSpace)?.state.exercise.exercises;
  return lookup(summary, c.exerciseId)?.status === 'ended';
}

/** Why an existing share no longer opens (R94, R97), or null while it does. */
function ended(deps: ShareRouteDeps, found: Found, now: string): string | null {
  const { share, space } = found;
  const st = shareStatus(share, now);
  if (st === 'revoked')
    return `Stockholms stad återkallade länken ${fmtTime(share.revoked?.at)}. Den visar inte längre lägesbilden.`;
  if (st === 'expired')
    return `Länken gällde till ${fmtTime(share.expiresAt)} och har gått ut. Den visar inte längre lägesbilden.`;
  if (exerciseEnded(deps, space))
    return 'Övningen är avslutad. Länken visar inte längre övningens lägesbild.';
  return null;
}

const FORMATS: Record<string, ShareViewKind> = {
  [SHARE_FILES.pdf]: 'pdf',
  [SHARE_FILES.json]: 'json',
  [SHARE_FILES.geojson]: 'geojson',
  [SHARE_FILES.atom]: 'atom',
  [SHARE_FILES.jsonfeed]: 'jsonfeed',
};
const formatOf = (file: string | undefined): ShareViewKind | null =>
  file === undefined ? 'page' : (lookup(FORMATS, file) ?? null);

const PDF_CACHE = 16;

export function shareRoutes(deps: ShareRouteDeps): express.Router {
  const r = express.Router();
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const pdfCache = new Map<string, Buffer>();
  let recordFailed = false;

  const refuse = (res: Response, status: number, message: string, html: boolean, ex = false) => {
    res.status(status).setHeader('Cache-Control', 'no-store');
    if (html) res.type('text/html; charset=utf-8').send(refusalPage(status, message, ex));
    else res.type('text/plain; charset=utf-8').send(`${message}\n`);
  };

  // R93 on every answer under /delning, refusals included.
  r.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', SHARE_CSP);
    res.setHeader('X-Robots-Tag', 'noindex, nofollow, noarchive');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  r.get('/dela.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css; charset=utf-8').send(css());
  });

  r.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
      handler: (req, res) =>
        refuse(
          res,
          429,
          'För många förfrågningar från er adress. Vänta en minut och försök igen.',
          req.path.split('/').filter(Boolean).length <= 1,
        ),
    }),
  );

  function record(found: Found, kind: ShareViewKind, req: Request): void {
    deps.views
      .record(found.space.name, found.share.id, {
        at: now(),
        kind,
        visitor: deps.tokens.visitor(req.ip ?? '', req.get('user-agent') ?? ''),
      })
      .then(
        () => (recordFailed = false),
        (err: Error) => {
          if (!recordFailed)
            console.error('[share] en visning kunde inte registreras', err.message);
          recordFailed = true;
        },
      );
  }

  async function serve(req: Request, res: Response, kind: ShareViewKind): Promise<void> {
    const html = kind === 'page' || kind === 'pdf';
    const found = find(deps, String(req.params.token));
    if (!found)
      return refuse(
        res,
        404,
        'Länken är okänd. Kontrollera att hela adressen kom med, eller be om en ny länk.',
        html,
      );
    const exercise = isExerciseSpace(found.space.name);
    const why = ended(deps, found, now());
    if (why) return refuse(res, 410, why, html, exercise);
    const doc = shareDocument(
      found.space.state,
      found.share,
      shareLinks(baseUrl(req, deps.publicUrl), String(req.params.token)),
    );
    if (!doc) return refuse(res, 410, 'Lägesbilden finns inte längre.', html, exercise);
    const geo = found.space.state.division
      ? deps.division(found.space.state.division.id)
      : undefined;
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Last-Modified', new Date(doc.updatedAt).toUTCString());
    const send = (body: string | Buffer, type: string, disposition?: string) => {
      const etag = etagOf(body);
      res.setHeader('ETag', etag);
      if (notModified(req, etag, doc.updatedAt)) {
        if (kind === 'page') record(found, kind, req);
        return void res.status(304).end();
      }
      if (disposition) res.setHeader('Content-Disposition', disposition);
      record(found, kind, req);
      res.status(200).type(type).send(body);
    };
    switch (kind) {
      case 'page':
        return send(
          renderSharePage(doc, geo, { cssHref: SHARE_CSS_PATH }),
          'text/html; charset=utf-8',
        );
      case 'json':
        return send(
          JSON.stringify(shareJson(doc)),
          'application/json; charset=utf-8',
          attachment(doc, 'json'),
        );
      case 'geojson':
        if (!geo) return refuse(res, 409, 'Staden har ingen indelning att visa.', false, exercise);
        return send(
          JSON.stringify(shareGeoJson(doc, geo)),
          'application/geo+json',
          attachment(doc, 'geojson'),
        );
      case 'atom':
        return send(atomFeed(doc), 'application/atom+xml; charset=utf-8');
      case 'jsonfeed':
        return send(JSON.stringify(jsonFeed(doc)), 'application/feed+json; charset=utf-8');
      case 'pdf':
        return sendPdf(req, res, doc, geo, found);
      default: {
        const never: never = kind;
        return refuse(res, 404, `Okänt format ${String(never)}.`, true);
      }
    }
  }

  /** The PDF's tag is its source's: a repeat or a 304 never starts Chromium again. */
  async function sendPdf(
    req: Request,
    res: Response,
    doc: ShareDocument,
    geo: DivisionGeoJson | undefined,
    found: Found,
  ): Promise<void> {
    const source = renderSharePage(doc, geo, {});
    const etag = etagOf(`pdf\n${source}`);
    res.setHeader('ETag', etag);
    if (notModified(req, etag, doc.updatedAt)) return void res.status(304).end();
    let pdf = pdfCache.get(etag);
    if (!pdf) {
      try {
        pdf = await deps.pdf.render(source, css(), { exercise: doc.exercise });
      } catch (err) {
        if (err instanceof PdfUnavailableError)
          return refuse(
            res,
            503,
            'PDF kan inte skapas just nu. Använd sidan och skriv ut den.',
            true,
          );
        throw err;
      }
      pdfCache.set(etag, pdf);
      if (pdfCache.size > PDF_CACHE) pdfCache.delete(pdfCache.keys().next().value as string);
    }
    record(found, 'pdf', req);
    res
      .status(200)
      .type('application/pdf')
      .setHeader('Content-Disposition', attachment(doc, 'pdf'))
      .send(pdf);
  }

  r.get('/:token', (req, res, next) => void serve(req, res, 'page').catch(next));
  r.get('/:token/:file', (req, res, next) => {
    const kind = formatOf(req.params.file);
    if (!kind) return refuse(res, 404, 'Adressen finns inte.', true);
    void serve(req, res, kind).catch(next);
  });
  r.use((_req, res) => refuse(res, 404, 'Adressen finns inte.', true));
  return r;
}

export { SHARE_BASE_PATH };
