/**
 * The card library's file routes (R239, R240): export as YAML, import a YAML file all or
 * nothing. The import is decided as the `card.import` command, so it is authorised, logged and
 * broadcast like any edit.
 */
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../../shared/domain/actor';
import { DelegableRole } from '../../shared/domain/vocabulary';
import { REAL_SPACE } from '../../shared/protocol';
import { EDIT_CARDS_REFUSAL, mayEditCards } from '../../shared/cards/policy';
import type { Space } from '../space';
import { exportCardsYaml, readCardsYaml } from './yamlFile';

export interface CardRouteDeps {
  spaces: Map<string, Space>;
  authenticate: RequestHandler;
}

const fail = (res: Response, status: number, code: string, message: string, extra = {}) =>
  res.status(status).json({ error: { code, message, ...extra } });

/** Who asks, acting for a role when the console says so: a deputy edits cards as the chief. */
const FileQuery = z
  .object({ actingFor: DelegableRole.optional(), dryRun: z.enum(['1', 'true']).optional() })
  .strict();

type Asker = { ok: true; actor: Actor; dryRun: boolean } | { ok: false };

/** The asker, or a refusal already sent: a bad query, or someone who may not edit cards. */
function askerOf(req: Request, res: Response, space: Space): Asker {
  const q = FileQuery.safeParse(req.query);
  if (!q.success) {
    fail(res, 400, 'INVALID', 'Frågan till servern är felaktig (okänd roll eller parameter).');
    return { ok: false };
  }
  const me = req.actor as Actor;
  const actor = q.data.actingFor ? { ...me, actingFor: q.data.actingFor } : me;
  if (!mayEditCards(actor, space.state, new Date().toISOString())) {
    fail(res, 403, 'FORBIDDEN', EDIT_CARDS_REFUSAL);
    return { ok: false };
  }
  return { ok: true, actor, dryRun: q.data.dryRun !== undefined };
}

export function mountCardRoutes(app: Express, deps: CardRouteDeps): void {
  const real = () => deps.spaces.get(REAL_SPACE);

  app.get('/api/cards/export', deps.authenticate, (req, res) => {
    const space = real();
    if (!space) return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
    if (!askerOf(req, res, space).ok) return;
    res
      .type('application/yaml; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="atgardskort.yaml"')
      .setHeader('Cache-Control', 'no-store')
      .send(exportCardsYaml(space.state));
  });

  app.post(
    '/api/cards/import',
    deps.authenticate,
    // The policy first, before the file is read (R235).
    (req, res, next) => {
      const space = real();
      if (!space) return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
      if (askerOf(req, res, space).ok) next();
    },
    express.text({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const space = real() as Space;
      // Asked again: the policy may have changed while the file was on its way.
      const asker = askerOf(req, res, space);
      if (!asker.ok) return;
      const { actor, dryRun } = asker;
      if (typeof req.body !== 'string' || req.body.trim().length === 0)
        return fail(res, 400, 'INVALID', 'Filen är tom; skicka en YAML-fil med åtgärdskort.');
      const read = readCardsYaml(req.body, space.state);
      if (!read.ok)
        return fail(res, 422, 'INVALID', 'Inga kort importerades. Rätta felen och försök igen.', {
          issues: read.errors,
        });
      const summary = { saved: read.saved, retired: read.retired, unchanged: read.unchanged };
      if (dryRun || read.drafts.length === 0)
        return res.json({ ...summary, dryRun, seq: space.seq });
      const digest = createHash('sha256').update(req.body).digest('hex').slice(0, 24);
      const outcome = await space.submit(actor, `${actor.userId}:cards:${digest}:${space.seq}`, {
        type: 'card.import',
        payload: { cards: read.cards },
      });
      if (!outcome.ok)
        return fail(
          res,
          outcome.error.code === 'FORBIDDEN' ? 403 : 409,
          outcome.error.code,
          outcome.error.message,
        );
      res.json({ ...summary, dryRun, seq: outcome.seq });
    },
  );
}
