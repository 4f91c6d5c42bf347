/**
 * The staff's side of sharing (signed in): making a link, where the server makes the token and
 * shows it once (R91), and the openings per share (R95). Revoking is an ordinary command.
 */
import express, { type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Actor } from '../../shared/domain/actor';
import { DelegableRole } from '../../shared/domain/vocabulary';
import { ShareRecipientInput } from '../../shared/domain/share';
import { tableGet } from '../../shared/domain/table';
import { REAL_SPACE } from '../../shared/protocol';
import { maySeeSpace } from '../../shared/visibility';
import { maySeeShares } from '../../shared/policy/share';
import { allShares } from '../../shared/views/share';
import { HTTP_STATUS } from '../../shared/errors';
import type { Space } from '../space';
import { shareLinks } from './document';
import { baseUrl } from './routes';
import type { ShareTokens } from './token';
import type { ShareViewStore } from './views';

export interface ShareApiDeps {
  spaces: ReadonlyMap<string, Space>;
  tokens: ShareTokens;
  views: ShareViewStore;
  authenticate: RequestHandler;
  publicUrl?: string;
}

const fail = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ error: { code, message } });

/** What the console sends; the server adds the token's hash before the command is decided. */
const CreateBody = z
  .object({
    id: z.string().min(8, 'Begäran saknar id.').max(128),
    space: z.string().max(90).default(REAL_SPACE),
    actingFor: DelegableRole.optional(),
    sitrepId: z.string().min(1).max(80),
    follow: z.boolean().default(false),
    recipient: ShareRecipientInput,
    expiresAt: z.string().max(40),
  })
  .strict();

export function shareApi(deps: ShareApiDeps): express.Router {
  const r = express.Router();

  r.post('/api/shares', deps.authenticate, async (req, res) => {
    const body = CreateBody.safeParse(req.body);
    if (!body.success)
      return fail(res, 400, 'INVALID', body.error.issues[0]?.message ?? 'Ogiltig begäran.');
    const { id, space: spaceName, actingFor, ...payload } = body.data;
    const actor = req.actor as Actor;
    const space = deps.spaces.get(spaceName);
    if (!space) return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
    if (!maySeeSpace(actor, space.state))
      return fail(res, 403, 'FORBIDDEN', 'Du deltar inte i den här övningen.');
    const { token, hash } = deps.tokens.issue();
    const outcome = await space.submit(
      actingFor ? { ...actor, actingFor } : actor,
      `${actor.userId}:${id}`,
      { type: 'share.create', payload: { ...payload, tokenHash: hash } },
    );
    if (!outcome.ok)
      return fail(res, HTTP_STATUS[outcome.error.code], outcome.error.code, outcome.error.message);
    // The token of the first attempt was shown then and is kept nowhere: it cannot be shown again.
    if (outcome.duplicate)
      return fail(
        res,
        409,
        'CONFLICT',
        'Delningen är redan skapad och länken visas bara en gång. Återkalla den och skapa en ny om länken inte sparades.',
      );
    const shareId = tableGet(space.state.shares.byToken, hash);
    res.status(201).json({
      ok: true,
      seq: outcome.seq,
      shareId,
      token,
      url: shareLinks(baseUrl(req, deps.publicUrl), token).page,
    });
  });

  /** R95: the openings of every share in a space, for the share list. */
  r.get('/api/shares/views', deps.authenticate, async (req, res) => {
    const q = z.object({ space: z.string().max(90).default(REAL_SPACE) }).safeParse(req.query);
    if (!q.success) return fail(res, 400, 'INVALID', 'Ogiltiga parametrar.');
    const actor = req.actor as Actor;
    const space = deps.spaces.get(q.data.space);
    if (!space) return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
    if (!maySeeSpace(actor, space.state))
      return fail(res, 403, 'FORBIDDEN', 'Du deltar inte i den här övningen.');
    if (!maySeeShares(actor))
      return fail(res, 403, 'FORBIDDEN', 'Delade länkar visas för krisledningens roller.');
    const ids = allShares(space.state).map((s) => s.id);
    try {
      const found = await deps.views.summaries(space.name, ids);
      res.json({
        views: ids.flatMap((shareId) => {
          const v = found.get(shareId);
          return v ? [{ shareId, ...v }] : [];
        }),
      });
    } catch (err) {
      console.error('[share] visningarna kunde inte läsas', (err as Error).message);
      fail(res, 503, 'STORAGE_UNAVAILABLE', 'Visningarna kan inte läsas just nu. Försök igen.');
    }
  });

  return r;
}
