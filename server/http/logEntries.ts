/**
 * Paging and searching the log from the server (R89, R229), so a live log view can show what
 * the state's tail (STATE_LOG_TAIL) no longer holds: a burst of entries never pushes older ones
 * out of reach. Without `kinds` it pages the dagbok (`log.written`); with filters it searches
 * the kinds of entry people look for (shared/log/search.ts), only what the caller may see.
 */
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import type { Actor } from '../../shared/domain/actor';
import { REAL_SPACE } from '../../shared/protocol';
import { canSee, maySeeSpace } from '../../shared/visibility';
import {
  LogKind,
  logSearchEntry,
  matchesLogFilter,
  type LogFilter,
  type LogSearchEntry,
} from '../../shared/log/search';
import type { Space } from '../space';
import type { EventStore } from '../store/eventStore';

/** Events read per request at most, whatever the page finds (bounds the work of one request). */
export const LOG_SCAN_LIMIT = 20_000;
const CHUNK = 2000;

const Time = z.string().datetime({ offset: true });
const Query = z.object({
  space: z.string().max(90).default(REAL_SPACE),
  before: z.coerce.number().int().min(1).optional(),
  /** Only entries after this seq (what arrived since the view's newest), newest first. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  kinds: z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(LogKind).max(10))
    .optional(),
  area: z.string().max(80).optional(),
  author: z.string().max(80).optional(),
  from: Time.optional(),
  to: Time.optional(),
  q: z.string().trim().max(200).optional(),
});

/** The wire shape: the dagbok's fields as before, and the entry's kind. */
const wire = (x: LogSearchEntry) => ({
  seq: x.seq,
  id: x.id,
  kind: x.kind,
  at: x.at,
  by: x.by,
  text: x.text,
  ...(x.eventId ? { eventId: x.eventId } : {}),
  ...(x.districtId ? { districtId: x.districtId } : {}),
});

export function logEntryRoutes(deps: {
  spaces: Map<string, Space>;
  store: EventStore;
  authenticate: RequestHandler;
}): express.Router {
  const router = express.Router();
  router.get('/api/log/entries', deps.authenticate, async (req, res) => {
    const fail = (status: number, code: string, message: string) =>
      res.status(status).json({ error: { code, message } });
    const q = Query.safeParse(req.query);
    if (!q.success)
      return fail(
        400,
        'INVALID',
        'Ogiltiga parametrar (before, after, limit 1–500, kinds, area, author, from, to, q).',
      );
    const space = deps.spaces.get(q.data.space);
    if (!space) return fail(404, 'NOT_FOUND', 'Rummet finns inte.');
    const actor = req.actor as Actor;
    if (!maySeeSpace(actor, space.state))
      return fail(403, 'FORBIDDEN', 'Du deltar inte i den här övningen.');
    const filter: LogFilter = {
      kinds: q.data.kinds?.length ? q.data.kinds : ['note'],
      ...(q.data.area ? { districtId: q.data.area } : {}),
      ...(q.data.author ? { authorId: q.data.author } : {}),
      ...(q.data.from ? { from: q.data.from } : {}),
      ...(q.data.to ? { to: q.data.to } : {}),
      ...(q.data.q ? { q: q.data.q } : {}),
    };
    const pick = (e: Parameters<typeof logSearchEntry>[0]): LogSearchEntry | null => {
      if (!canSee(actor, e.audience)) return null;
      const x = logSearchEntry(e, space.state);
      return x && matchesLogFilter(x, filter, space.state) ? x : null;
    };
    res.setHeader('Cache-Control', 'no-store');

    if (q.data.after !== undefined) {
      // What arrived since: read forward from `after`, bounded like a page.
      const from = Math.max(q.data.after, space.seq - LOG_SCAN_LIMIT);
      const events = await deps.store.read(q.data.space, from, space.seq - from);
      const found = events.map(pick).filter((x): x is LogSearchEntry => x !== null);
      return res.json({
        space: q.data.space,
        entries: found.reverse().slice(0, q.data.limit).map(wire),
        count: found.length,
        latestSeq: space.seq,
      });
    }

    const before = Math.min(q.data.before ?? space.seq + 1, space.seq + 1);
    const entries: LogSearchEntry[] = [];
    let low = before; // everything from `low` up to `before` has been looked at
    while (low > 1 && entries.length < q.data.limit && before - low < LOG_SCAN_LIMIT) {
      const from = Math.max(1, low - CHUNK);
      const events = await deps.store.read(q.data.space, from - 1, low - from);
      const found = events
        .filter((e) => e.seq < before)
        .map(pick)
        .filter((x): x is LogSearchEntry => x !== null)
        .reverse();
      for (const f of found) {
        if (entries.length === q.data.limit) {
          low = f.seq + 1;
          break;
        }
        entries.push(f);
        low = f.seq;
      }
      if (entries.length < q.data.limit) low = from;
    }
    res.json({
      space: q.data.space,
      entries: entries.map(wire),
      // Where the next page starts; null when the beginning of the log was reached.
      nextBefore: low > 1 ? low : null,
      latestSeq: space.seq,
    });
  });
  return router;
}
