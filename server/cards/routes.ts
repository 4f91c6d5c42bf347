/**
 * The card library's file routes (R239, R240): export as YAML, import a YAML file all or
 * nothing. The import is decided as the `card.import` command, so it is authorised, logged and
 * broadcast like any edit.
 */
import express, { type Express, type RequestHandler, type Response } from 'express';
import { createHash } from 'node:crypto';
import type { Actor } from '../../shared/domain/actor';
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

export function mountCardRoutes(app: Express, deps: CardRouteDeps): void {
  const real = () => deps.spaces.get(REAL_SPACE);

  app.get('/api/cards/export', deps.authenticate, (req, res) => {
    const space = real();
    if (!space) return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
    if (!mayEditCards(req.actor as Actor, space.state, new Date().toISOString()))
      return fail(res, 403, 'FORBIDDEN', EDIT_CARDS_REFUSAL);
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
      if (!mayEditCards(req.actor as Actor, space.state, new Date().toISOString()))
        return fail(res, 403, 'FORBIDDEN', EDIT_CARDS_REFUSAL);
      next();
    },
    express.text({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const space = real() as Space;
      const actor = req.actor as Actor;
      if (typeof req.body !== 'string' || req.body.trim().length === 0)
        return fail(res, 400, 'INVALID', 'Filen är tom; skicka en YAML-fil med åtgärdskort.');
      const read = readCardsYaml(req.body, space.state);
      if (!read.ok)
        return fail(res, 422, 'INVALID', 'Inga kort importerades. Rätta felen och försök igen.', {
          issues: read.errors,
        });
      const dryRun = req.query.dryRun === '1' || req.query.dryRun === 'true';
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
