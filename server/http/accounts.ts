/**
 * Passwords over HTTP (R112, R113): changing one's own, and an administrator creating an
 * account or resetting its password with an initial password that must be changed at the
 * first sign-in. Profiles stay events in the log (`user.register`); passwords never are.
 */
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { REAL_SPACE } from '../../shared/protocol';
import type { Actor } from '../../shared/domain/actor';
import { lookup } from '../../shared/domain/keyed';
import { PASSWORD_MAX_LENGTH, passwordProblem } from '../../shared/domain/passwordRule';
import { actsAs } from '../../shared/policy/predicates';
import { HTTP_STATUS } from '../../shared/errors';
import { describeIssues } from '../../shared/handleCommand';
import type { Space } from '../space';
import type { Accounts } from '../auth/accounts';
import type { Session, SessionTokens } from '../auth/sessions';

export interface AccountRouteDeps {
  spaces: Map<string, Space>;
  accounts: Accounts;
  tokens: SessionTokens;
  /** Only the session check: this route is what a session that must change its password may use. */
  authenticateAny: express.RequestHandler;
  authenticate: express.RequestHandler;
  sessionCookie: (token: string, exp: number) => string;
  /** Ends the account's sessions except `keepSid` (its sockets on every node, R113). */
  endSessions: (userId: string, keepSid: string | null, message: string) => void;
  /** Attempts a minute per account at the current password (as LOGIN_RATE_LIMIT). */
  attemptsPerMinute: number;
}

const ChangeBody = z
  .object({
    currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    newPassword: z
      .string()
      .min(1)
      .max(PASSWORD_MAX_LENGTH * 4),
  })
  .strict();
const ResetBody = z
  .object({
    initialPassword: z
      .string()
      .min(1)
      .max(PASSWORD_MAX_LENGTH * 4),
  })
  .strict();

export const OTHER_SESSIONS_ENDED =
  'Lösenordet för ditt konto har bytts. Logga in igen med det nya lösenordet.';
export const RESET_SESSIONS_ENDED =
  'En administratör har återställt ditt lösenord. Logga in med engångslösenordet du har fått.';

const fail = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ error: { code, message } });

/** An account that signs in through the city's identity provider has no password here. */
const isIdpAccount = (userId: string) => userId.startsWith('idp-');

export function accountRoutes(deps: AccountRouteDeps): express.Router {
  const r = express.Router();
  const real = () => deps.spaces.get(REAL_SPACE);
  const mayManage = (a: Actor) => {
    const s = real()?.state;
    return s !== undefined && actsAs(a, s, new Date().toISOString(), 'admin');
  };
  const limited = rateLimit({
    windowMs: 60_000,
    limit: deps.attemptsPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `password|${req.session?.userId ?? ''}`,
    handler: (_req, res) =>
      fail(res, 429, 'RATE_LIMITED', 'För många försök. Vänta en minut och försök igen.'),
  });

  /** One's own password: the current one, and a new one by the rule (R113). */
  r.post('/api/password', deps.authenticateAny, limited, async (req: Request, res: Response) => {
    const session = req.session as Session;
    const body = ChangeBody.safeParse(req.body);
    if (!body.success)
      return fail(res, 400, 'INVALID', 'Ange ditt nuvarande lösenord och ett nytt.');
    const { currentPassword, newPassword } = body.data;
    if (isIdpAccount(session.userId))
      return fail(
        res,
        409,
        'CONFLICT',
        'Du loggar in via stadens identitetstjänst. Lösenordet byts där.',
      );
    if (!(await deps.accounts.verify(session.userId, currentPassword)))
      return fail(res, 400, 'INVALID', 'Det nuvarande lösenordet stämmer inte.');
    if (newPassword === currentPassword)
      return fail(res, 400, 'INVALID', 'Det nya lösenordet måste skilja sig från det nuvarande.');
    const problem = passwordProblem(newPassword, session.userId);
    if (problem) return fail(res, 400, 'INVALID', problem);
    const record = await deps.accounts.setPassword(session.userId, newPassword, false);
    const renewed = deps.tokens.renew(session, record.gen);
    res.setHeader('Set-Cookie', deps.sessionCookie(renewed.token, renewed.session.exp));
    deps.endSessions(session.userId, session.sid, OTHER_SESSIONS_ENDED);
    console.info(`[accounts] ${session.userId} changed their password; other sessions ended`);
    res.json({
      ok: true,
      user: lookup(real()?.state.users, session.userId),
      expiresAt: new Date(renewed.session.exp).toISOString(),
    });
  });

  /** A new account with an initial password (R112): the profile is a `user.register` command. */
  r.post('/api/accounts', deps.authenticate, async (req: Request, res: Response) => {
    const actor = req.actor as Actor;
    const space = real();
    if (!space || !mayManage(actor))
      return fail(res, 403, 'FORBIDDEN', 'Endast en administratör kan skapa konton.');
    const body = z
      .object({
        initialPassword: z
          .string()
          .min(1)
          .max(PASSWORD_MAX_LENGTH * 4),
      })
      .passthrough()
      .safeParse(req.body);
    if (!body.success) return fail(res, 400, 'INVALID', 'Ange ett engångslösenord.');
    const { initialPassword, ...profile } = body.data;
    const userId = typeof profile.userId === 'string' ? profile.userId : '';
    const problem = passwordProblem(initialPassword, userId);
    if (problem) return fail(res, 400, 'INVALID', problem);
    const outcome = await space.submit(
      actor,
      `${actor.userId}:account:${randomBytes(9).toString('base64url')}`,
      { type: 'user.register', payload: profile },
    );
    if (!outcome.ok)
      return fail(res, HTTP_STATUS[outcome.error.code], outcome.error.code, outcome.error.message);
    await deps.accounts.setPassword(userId, initialPassword, true);
    console.info(`[accounts] ${actor.userId} created the account ${JSON.stringify(userId)}`);
    res.status(201).json({ user: lookup(space.state.users, userId), seq: outcome.seq });
  });

  /** An administrator sets a new initial password; every session of the account ends. */
  r.post(
    '/api/accounts/:userId/password',
    deps.authenticate,
    async (req: Request, res: Response) => {
      const actor = req.actor as Actor;
      if (!mayManage(actor))
        return fail(
          res,
          403,
          'FORBIDDEN',
          'Endast en administratör kan återställa andras lösenord.',
        );
      const userId = String(req.params.userId);
      const user = lookup(real()?.state.users, userId);
      if (!user) return fail(res, 404, 'NOT_FOUND', 'Användaren finns inte.');
      if (userId === actor.userId)
        return fail(res, 409, 'CONFLICT', 'Ditt eget lösenord byter du under ”Byt lösenord”.');
      if (isIdpAccount(userId))
        return fail(
          res,
          409,
          'CONFLICT',
          'Kontot loggar in via stadens identitetstjänst och har inget lösenord här.',
        );
      const body = ResetBody.safeParse(req.body);
      if (!body.success)
        return fail(res, 400, 'INVALID', `Ange ett engångslösenord. ${describeIssues(body.error)}`);
      const problem = passwordProblem(body.data.initialPassword, userId);
      if (problem) return fail(res, 400, 'INVALID', problem);
      await deps.accounts.setPassword(userId, body.data.initialPassword, true);
      deps.endSessions(userId, null, RESET_SESSIONS_ENDED);
      console.info(`[accounts] ${actor.userId} reset the password of ${JSON.stringify(userId)}`);
      res.json({ ok: true });
    },
  );
  return r;
}
