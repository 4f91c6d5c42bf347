/**
 * Exports, replay and the scenario list over HTTP. Every route: authenticate → validate →
 * authorise (R68: may this person read the space?) → read the LOG → filter by visibility
 * (R18) → render.
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Actor } from '../../shared/domain/actor';
import { emptyState, type CityState } from '../../shared/domain/state';
import { isExerciseSpace } from '../../shared/domain/exercise';
import type { StoredEvent } from '../../shared/events';
import { applyEvent } from '../../shared/reducer';
import { REAL_SPACE } from '../../shared/protocol';
import { canSee, maySeeSpace, redactState } from '../../shared/visibility';
import { buildAfterAction, REPORT_FORMATS } from '../../shared/report/afterAction';
import { namesOf } from '../../shared/report/afterAction/context';
import { clockToMs } from '../../shared/exercise/scenario';
import { PROJECT_ROOT } from '../paths';
import type { Space } from '../space';
import type { EventStore } from '../store/eventStore';
import type { FileExerciseCatalog } from '../exercise/catalog';
import { renderSituationHtml } from './html';
import { renderAfterActionHtml } from './afterActionHtml';
import { eventsToCsv } from './csv';
import { situationGeoJson } from './geojson';
import { PdfUnavailableError, type PdfRenderer } from './pdf';
import { PROTOCOL_FORMATS, SITUATION_FORMATS } from './formats';
import { attachmentImages } from './filesSection';
import type { BlobStore } from '../blobs/blobStore';
import { streamLogCsv, streamLogJson } from './streamed';
import { eventPages } from '../store/eventPages';
import { renderProtocolHtml } from './protocolHtml';
import { lookup } from '../../shared/domain/keyed';
import type { DivisionGeoJson } from '../share/map';

export const REPORT_CSS_PATH = '/export/report.css';
const CSS_FILE = path.join(PROJECT_ROOT, 'server', 'export', 'report.css');
const css = (() => {
  let cached: string | undefined;
  return () => (cached ??= readFileSync(CSS_FILE, 'utf8'));
})();

export interface ExportDeps {
  spaces: ReadonlyMap<string, Space>;
  store: EventStore;
  catalog: FileExerciseCatalog;
  pdf: PdfRenderer;
  authenticate: RequestHandler;
  /** Attachment photos drawn in the situation export (R223). */
  blobs?: BlobStore;
}

const fail = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ error: { code, message } });

const SpaceName = z.string().max(90).default(REAL_SPACE);

/** Every event of a space, in order (for the after-action report, which reads it all). */
export async function readAll(store: EventStore, space: string): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const page of eventPages(store, space)) for (const e of page) out.push(e);
  return out;
}

/**
 * One page of a replay, read in a single pass over the log a page at a time: the state before
 * the period is folded as the events go by, and only the answer's page is kept.
 */
async function replayWindow(
  store: EventStore,
  space: string,
  actor: Actor,
  q: { eventId?: string; after?: number; limit: number },
) {
  let fromSeq = 1;
  let toSeq = 0;
  let fromAt: string | null = null;
  let toAt: string | null = null;
  let opened: StoredEvent | undefined;
  let closed: StoredEvent | undefined;
  const first = q.after === undefined;
  let state = emptyState(space);
  /** Events after `start` and (once the period's end is known) up to it, at most limit + 1. */
  const collect: StoredEvent[] = [];
  for await (const events of eventPages(store, space)) {
    for (const e of events) {
      if (q.eventId && !opened) {
        if (e.type === 'event.opened' && e.data.eventId === q.eventId) opened = e;
        else {
          if (first) state = applyEvent(state, e);
          continue;
        }
      }
      if (closed) continue;
      if (q.eventId && e.type === 'event.closed' && e.data.eventId === q.eventId) closed = e;
      toSeq = e.seq;
      toAt = e.at;
      if (e.seq === (opened?.seq ?? 1)) fromAt = e.at;
      const start = Math.max((opened?.seq ?? 1) - 1, q.after ?? 0);
      if (e.seq > start && collect.length <= q.limit) collect.push(e);
    }
  }
  if (q.eventId) {
    if (!opened || !canSee(actor, opened.audience)) return null;
    fromSeq = opened.seq;
  }
  const start = Math.max(fromSeq - 1, q.after ?? 0);
  const page = collect.filter((e) => e.seq > start && e.seq <= toSeq).slice(0, q.limit);
  const last = page.at(-1)?.seq ?? start;
  return {
    window: { fromSeq, toSeq, from: fromAt, to: toAt },
    initial: first ? redactState(state, actor) : undefined,
    page,
    next: last < toSeq && page.length === q.limit ? last : null,
  };
}

const fileSafe = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .slice(0, 60);

/** A download's file name; an exercise's says so first, so it is never taken for the real one. */
const exportName = (space: string, stem: string) =>
  fileSafe(`${isExerciseSpace(space) ? 'OVNING-' : ''}${stem}`);

export function exportRoutes(deps: ExportDeps): express.Router {
  const r = express.Router();

  r.get(REPORT_CSS_PATH, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css; charset=utf-8').send(css());
  });

  /** The space, if this person may read it; otherwise the response is already sent. */
  function spaceFor(actor: Actor, name: string, res: Response): Space | null {
    const space = deps.spaces.get(name);
    if (!space) {
      fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
      return null;
    }
    if (!maySeeSpace(actor, space.state)) {
      fail(res, 403, 'FORBIDDEN', 'Du deltar inte i den här övningen.');
      return null;
    }
    return space;
  }

  /**
   * The request's query as its schema reads it, and the space it names if this person may read
   * it; otherwise null, the refusal already sent.
   */
  function readRequest<S extends z.ZodType<{ space: string }>>(
    schema: S,
    req: Request,
    res: Response,
  ): { q: z.output<S>; actor: Actor; space: Space } | null {
    const q = schema.safeParse(req.query);
    if (!q.success) {
      fail(res, 400, 'INVALID', 'Ogiltiga parametrar.');
      return null;
    }
    const actor = req.actor as Actor;
    const space = spaceFor(actor, q.data.space, res);
    return space ? { q: q.data, actor, space } : null;
  }

  async function sendPdf(res: Response, html: string, name: string, exercise: boolean) {
    try {
      const pdf = await deps.pdf.render(html, css(), { exercise });
      res
        .type('application/pdf')
        .setHeader('Content-Disposition', `attachment; filename="${name}.pdf"`);
      res.send(pdf);
    } catch (err) {
      if (err instanceof PdfUnavailableError)
        return void fail(res, 503, 'STORAGE_UNAVAILABLE', err.message);
      throw err;
    }
  }

  const ReportQuery = z
    .object({
      space: SpaceName,
      eventId: z.string().min(1).max(80).optional(),
      format: z.enum(REPORT_FORMATS).default(REPORT_FORMATS[0]),
    })
    .strict();

  /**
   * After-action report (utvärdering) of an event or an exercise: the page, the PDF, or the
   * report object itself (json); or the raw log in its scope (log, csv).
   */
  r.get('/api/export/report', deps.authenticate, async (req, res) => {
    const asked = readRequest(ReportQuery, req, res);
    if (!asked) return;
    const { q, actor, space } = asked;
    const base = exportName(space.name, `utvardering-${q.eventId ?? space.name}`);
    res.setHeader('Cache-Control', 'no-store');
    // The whole raw log streams as it is read; only a report (or a scope) needs it all at once.
    if (!q.eventId && q.format === 'log') {
      res.setHeader('Content-Disposition', `attachment; filename="${base}-logg.json"`);
      return streamLogJson(res, deps.store, space.name, actor);
    }
    if (!q.eventId && q.format === 'csv') {
      res.setHeader('Content-Disposition', `attachment; filename="${base}-logg.csv"`);
      return streamLogCsv(res, deps.store, space.name, actor);
    }
    const all = (await readAll(deps.store, space.name)).filter((e) => canSee(actor, e.audience));
    if (q.eventId && !all.some((e) => e.type === 'event.opened' && e.data.eventId === q.eventId))
      return fail(res, 404, 'NOT_FOUND', 'Händelsen finns inte.');
    const report = buildAfterAction(all, {
      space: space.name,
      eventId: q.eventId,
      generatedAt: new Date().toISOString(),
    });
    /** The log an event's report was built from, or the whole log when there is no event. */
    const inReport = () => {
      const scoped = q.eventId ? new Set(report.log.map((l) => l.seq)) : null;
      return scoped ? all.filter((e) => scoped.has(e.seq)) : all;
    };
    switch (q.format) {
      case 'html':
        return void res
          .type('text/html; charset=utf-8')
          .send(renderAfterActionHtml(report, { cssHref: REPORT_CSS_PATH }));
      case 'pdf':
        return sendPdf(res, renderAfterActionHtml(report, {}), base, report.isExercise);
      case 'json':
        res.setHeader('Content-Disposition', `attachment; filename="${base}.json"`);
        return void res.json(report);
      case 'log': {
        const events = inReport();
        res.setHeader('Content-Disposition', `attachment; filename="${base}-logg.json"`);
        return void res.json({ space: space.name, eventId: q.eventId ?? null, events });
      }
      case 'csv': {
        const events = inReport();
        res.setHeader('Content-Disposition', `attachment; filename="${base}-logg.csv"`);
        return void res.type('text/csv; charset=utf-8').send(eventsToCsv(events, namesOf(all)));
      }
      default: {
        const never: never = q.format;
        return fail(res, 400, 'INVALID', `Okänt format ${String(never)}.`);
      }
    }
  });

  const ProtocolQuery = z
    .object({
      space: SpaceName,
      meetingId: z.string().min(1).max(80),
      format: z.enum(PROTOCOL_FORMATS).default(PROTOCOL_FORMATS[0]),
    })
    .strict();

  /** A board meeting's protocol (R197): printable page or PDF; a board's protocol is public. */
  r.get('/api/export/protocol', deps.authenticate, async (req, res) => {
    const asked = readRequest(ProtocolQuery, req, res);
    if (!asked) return;
    const { q, actor, space } = asked;
    const state = redactState(space.state, actor);
    const meeting = lookup(state.board.meetings, q.meetingId);
    if (!meeting) return fail(res, 404, 'NOT_FOUND', 'Sammanträdet finns inte.');
    const generatedAt = new Date().toISOString();
    const base = exportName(
      space.name,
      `protokoll-krisledningsnamnden-${meeting.startsAt.slice(0, 10)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    if (q.format === 'html')
      return void res
        .type('text/html; charset=utf-8')
        .send(renderProtocolHtml(state, meeting, { cssHref: REPORT_CSS_PATH, generatedAt }));
    return sendPdf(
      res,
      renderProtocolHtml(state, meeting, { generatedAt }),
      base,
      isExerciseSpace(space.name),
    );
  });

  const SituationQuery = z
    .object({ space: SpaceName, format: z.enum(SITUATION_FORMATS).default(SITUATION_FORMATS[0]) })
    .strict();

  /** The borders a space's map is drawn from (its own division), for the situation map. */
  const bordersOf = (state: CityState): DivisionGeoJson | undefined =>
    state.division
      ? (deps.catalog.loaded(state.division.id)?.geojson as DivisionGeoJson | undefined)
      : undefined;

  /** The current situation picture: printable page, PDF, or the map as GeoJSON. */
  r.get('/api/export/situation', deps.authenticate, async (req, res) => {
    const asked = readRequest(SituationQuery, req, res);
    if (!asked) return;
    const { q, actor, space } = asked;
    const state = redactState(space.state, actor);
    const generatedAt = new Date().toISOString();
    const base = exportName(space.name, `lagesbild-${generatedAt.slice(0, 16)}`);
    res.setHeader('Cache-Control', 'no-store');
    switch (q.format) {
      case 'html':
        return void res.type('text/html; charset=utf-8').send(
          renderSituationHtml(state, {
            cssHref: REPORT_CSS_PATH,
            generatedAt,
            borders: bordersOf(state),
            images: deps.blobs && (await attachmentImages(deps.blobs, state)),
          }),
        );
      case 'pdf':
        return sendPdf(
          res,
          renderSituationHtml(state, {
            generatedAt,
            borders: bordersOf(state),
            images: deps.blobs && (await attachmentImages(deps.blobs, state)),
          }),
          base,
          isExerciseSpace(space.name),
        );
      case 'geojson': {
        const division = state.division ? deps.catalog.loaded(state.division.id) : undefined;
        if (!division) return fail(res, 409, 'CONFLICT', 'Rummet har ingen indelning.');
        res.setHeader('Content-Disposition', `attachment; filename="${base}.geojson"`);
        return void res
          .type('application/geo+json')
          .send(
            JSON.stringify(
              situationGeoJson(
                state,
                division.geojson as Parameters<typeof situationGeoJson>[1],
                generatedAt,
              ),
            ),
          );
      }
      default: {
        const never: never = q.format;
        return fail(res, 400, 'INVALID', `Okänt format ${String(never)}.`);
      }
    }
  });

  const ReplayQuery = z
    .object({
      space: SpaceName,
      eventId: z.string().min(1).max(80).optional(),
      after: z.coerce.number().int().min(0).optional(),
      limit: z.coerce.number().int().min(1).max(20_000).default(5000),
    })
    .strict();

  /**
   * Replay (R69): the state just before the period and the events of the period, in order, as
   * this person may see them; the console runs them through the shared reducer at any speed.
   * Page on with `after` = the `next` of the previous answer.
   */
  r.get('/api/replay', deps.authenticate, async (req, res) => {
    const asked = readRequest(ReplayQuery, req, res);
    if (!asked) return;
    const { q, actor, space } = asked;
    const w = await replayWindow(deps.store, space.name, actor, q);
    if (!w) return fail(res, 404, 'NOT_FOUND', 'Händelsen finns inte.');
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      space: space.name,
      eventId: q.eventId ?? null,
      window: w.window,
      ...(w.initial ? { initial: w.initial } : {}),
      events: w.page.filter((e) => canSee(actor, e.audience)),
      next: w.next,
    });
  });

  /** The scenarios an exercise can be started with; the script itself stays with control. */
  r.get('/api/exercises/scenarios', deps.authenticate, (_req, res) => {
    res.json({
      scenarios: deps.catalog.list().map((s) => ({
        id: s.id,
        title: s.title,
        description: s.description,
        division: s.division,
        duration: s.duration ?? null,
        objectives: s.objectives,
        injectCount: s.injects.length,
        lastInjectAt: Math.max(...s.injects.map((i) => clockToMs(i.at))),
      })),
      problems: deps.catalog.problems,
    });
  });

  return r;
}
