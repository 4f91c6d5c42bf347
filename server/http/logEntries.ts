/**
 * Paging the log's entries (dagboksposter, `log.written`) backwards from the server, so a live
 * log view can show what the state's tail (STATE_LOG_TAIL) no longer holds: a burst of entries
 * never pushes older ones out of reach.
 */
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import type { Actor } from '../../shared/domain/actor';
import { REAL_SPACE } from '../../shared/protocol';
import { canSee, maySeeSpace } from '../../shared/visibility';
import type { Space } from '../space';
import type { EventStore } from '../store/eventStore';

/** Events read per request at most, whatever the page finds (bounds the work of one request). */
export const LOG_SCAN_LIMIT = 20_000;
const CHUNK = 2000;

const Query = z.object({
  space: z.string().max(90).default(REAL_SPACE),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
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
    if (!q.success) return fail(400, 'INVALID', 'Ogiltiga parametrar (before, limit 1–500).');
    const space = deps.spaces.get(q.data.space);
    if (!space) return fail(404, 'NOT_FOUND', 'Rummet finns inte.');
    const actor = req.actor as Actor;
    if (!maySeeSpace(actor, space.state))
      return fail(403, 'FORBIDDEN', 'Du deltar inte i den här övningen.');
    const before = Math.min(q.data.before ?? space.seq + 1, space.seq + 1);
    const entries: Record<string, unknown>[] = [];
    let low = before; // everything from `low` up to `before` has been looked at
    while (low > 1 && entries.length < q.data.limit && before - low < LOG_SCAN_LIMIT) {
      const from = Math.max(1, low - CHUNK);
      const events = await deps.store.read(q.data.space, from - 1, low - from);
      const found: Record<string, unknown>[] = [];
      for (const e of events)
        if (e.type === 'log.written' && e.seq < before && canSee(actor, e.audience)) {
          const d = e.data as {
            entryId: string;
            text: string;
            eventId?: string;
            districtId?: string;
          };
          found.push({
            seq: e.seq,
            id: d.entryId,
            at: e.at,
            by: e.actor,
            text: d.text,
            ...(d.eventId ? { eventId: d.eventId } : {}),
            ...(d.districtId ? { districtId: d.districtId } : {}),
          });
        }
      found.reverse();
      for (const f of found) {
        if (entries.length === q.data.limit) {
          low = (f.seq as number) + 1;
          break;
        }
        entries.push(f);
        low = f.seq as number;
      }
      if (entries.length < q.data.limit) low = from;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      space: q.data.space,
      entries,
      // Where the next page starts; null when the beginning of the log was reached.
      nextBefore: low > 1 ? low : null,
    });
  });
  return router;
}
