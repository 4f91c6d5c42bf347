import type express from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';

/** A report is a few lines of text; anything bigger is not a report. */
export const CLIENT_ERROR_MAX_BYTES = 8 * 1024;
/** Reports per signed-in person per minute: a region that throws on every render stays quiet. */
export const CLIENT_ERROR_PER_MINUTE = 10;

const Report = z
  .object({
    /** Which region of the screen failed (its Swedish label). */
    region: z.string().min(1).max(80),
    message: z.string().max(500),
    stack: z.string().max(4000).optional(),
    /** The console route (hash) it happened on. */
    route: z.string().max(200).optional(),
  })
  .strict();

/** One line per field, control characters shown as escapes, so nobody can forge log lines. */
const clean = (s: string) => JSON.stringify(s);

/**
 * POST /api/client-error: a console region that failed to render says so (R84). Written to the
 * server's log for the operators, never to the event log, which stays the crisis record.
 */
export function clientErrorRoute(app: express.Express, authenticate: express.RequestHandler) {
  app.post(
    '/api/client-error',
    authenticate,
    rateLimit({
      windowMs: 60_000,
      limit: CLIENT_ERROR_PER_MINUTE,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: (req) => `client-error|${req.session?.userId ?? ''}`,
      handler: (_req, res) =>
        res.status(429).json({
          error: {
            code: 'RATE_LIMITED',
            message: 'Många felrapporter på kort tid. Vänta en minut och försök igen.',
          },
        }),
    }),
    (req, res) => {
      const size = Number(req.headers['content-length'] ?? 0);
      if (
        size > CLIENT_ERROR_MAX_BYTES ||
        JSON.stringify(req.body ?? null).length > CLIENT_ERROR_MAX_BYTES
      )
        return res.status(413).json({
          error: { code: 'TOO_LARGE', message: 'Felrapporten är för stor.' },
        });
      const body = Report.safeParse(req.body);
      if (!body.success)
        return res.status(400).json({
          error: { code: 'INVALID', message: 'Felrapporten har fel form.' },
        });
      const r = body.data;
      console.warn(
        `[client-error] user=${clean(req.session?.userId ?? '')} region=${clean(r.region)} route=${clean(r.route ?? '')} message=${clean(r.message)}${r.stack ? ` stack=${clean(r.stack)}` : ''}`,
      );
      res.status(202).json({ ok: true });
    },
  );
}
