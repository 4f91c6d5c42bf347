import express, { type NextFunction, type Request, type Response } from 'express';
import { setEntry } from '../../shared/domain/keyed';
import helmet from 'helmet';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import { z } from 'zod';
import { REAL_SPACE } from '../../shared/protocol';
import { canSee, maySeeSpace } from '../../shared/visibility';
import { mayVerifyLog } from '../../shared/policy/predicates';
import type { Actor } from '../../shared/domain/actor';
import type { Config } from '../config';
import type { LoadedDivision } from '../geo';
import type { Space } from '../space';
import { StorageUnavailableError, type EventStore } from '../store/eventStore';
import { SESSION_COOKIE, type Session, type SessionTokens } from '../auth/sessions';
import type { Accounts } from '../auth/accounts';
import { originAllowed, sessionActor } from '../gateway';
import { accountRoutes } from './accounts';
import { PASSWORD_CHANGE_REQUIRED_MESSAGE } from '../../shared/errors';
import {
  OIDC_COOKIE,
  mapGroups,
  oidcUserId,
  openPending,
  sealPending,
  type OidcRelyingParty,
} from '../auth/oidc';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { draft } from '../../shared/events';
import { benchMetricsEnabled, readLoopFigures } from '../benchMetrics';
import { districtIdFromName } from '../../shared/domain/division';
import { bordersFromGeoJson, buildCapAlert, capRefusal } from '../cap/capExport';
import { exportRoutes } from '../export/routes';
import { logEntryRoutes } from './logEntries';
import type { FileExerciseCatalog } from '../exercise/catalog';
import type { PdfRenderer } from '../export/pdf';
import type { BlobStore } from '../blobs/blobStore';
import { clientRoutes, precompressed, sendPrecompressed } from './static';
import { mapDataRoutes } from './mapData';
import { clientErrorRoute } from './clientError';
import { lookup } from '../../shared/domain/keyed';

export interface HttpDeps {
  config: Config;
  spaces: Map<string, Space>;
  store: EventStore;
  tokens: SessionTokens;
  accounts: Accounts;
  division: LoadedDivision;
  onSignOut: (sid: string) => void;
  /** Ends an account's sessions but `keepSid` on every node (password change or reset). */
  endSessions: (userId: string, keepSid: string | null, message: string) => void;
  catalog: FileExerciseCatalog;
  pdf: PdfRenderer;
  /** Attachment and library bytes, for exports that draw the photos. */
  blobs?: BlobStore;
  /** Feature routes (e.g. the alarm's answer page), mounted before the console's catch-all. */
  mount?: (app: express.Express, authenticate: express.RequestHandler) => void;
  /** Signs the short-lived OIDC sign-in state. */
  secret: Buffer;
  /** Present when sign-in through the city's identity provider is configured. */
  oidc?: OidcRelyingParty;
}

const Login = z
  .object({ username: z.string().min(1).max(80), password: z.string().min(1).max(200) })
  .strict();

const fail = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ error: { code, message } });

declare module 'express-serve-static-core' {
  interface Request {
    session?: Session;
    actor?: Actor;
  }
}

/**
 * The CSP source of a tile URL template (R247): its origin; a `{s}` subdomain (Leaflet asks
 * a., b. and c. in turn) becomes a wildcard for that one label.
 */
export function tileSource(template: string): string {
  const origin = new URL(template.replace('{s}', 'tile-subdomain').replace(/\{[a-z]\}/g, '0'))
    .origin;
  return origin.replace('//tile-subdomain.', '//*.');
}

/** The security headers of every response (R75): helmet with the console's CSP. */
export function securityHeaders(config: Config): express.RequestHandler {
  const tileOrigin = config.tileUrl ? tileSource(config.tileUrl) : undefined;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(tileOrigin ? [tileOrigin] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * The same headers as a plain list, for answers Express does not write: Socket.IO's
 * long-polling responses come from engine.io (R119).
 */
export function securityHeaderList(config: Config): Record<string, string> {
  const out: Record<string, string> = {};
  const stub = {
    setHeader: (k: string, v: unknown) => setEntry(out, k, String(v)),
    removeHeader: () => undefined,
  };
  securityHeaders(config)({ headers: {} } as never, stub as never, () => undefined);
  return out;
}

/**
 * One account, however its name is typed (R110): trimmed, NFKC (full-width letters and
 * look-alike forms fold to plain ones) and case-folded, so "ordf ", " ORDF" and "ｏｒｄｆ" are
 * counted by the sign-in limiter as the same name and sign in to the same account.
 */
export const normaliseUsername = (raw: string): string =>
  raw.normalize('NFKC').trim().toLowerCase();

export function buildHttpApp(deps: HttpDeps): express.Express {
  const { config, spaces, tokens } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', process.env.TRUST_PROXY === 'true' ? 1 : false);
  app.use(securityHeaders(config));
  app.use(express.json({ limit: '64kb' }));
  // Personal and confidential data must not linger in shared caches or the browser's history.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  // CSRF: the session cookie is SameSite=Strict, and state-changing requests must come from our origin.
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (!originAllowed(req.headers.origin, req.headers.host, config.allowedOrigins))
      return fail(
        res,
        403,
        'FORBIDDEN',
        'Begäran kommer från en annan webbplats och har avvisats.',
      );
    next();
  });

  /** A valid session of an active account, whether or not it must change its password first. */
  const authenticateAny = async (req: Request, res: Response, next: NextFunction) => {
    const session = await tokens.check(parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE]);
    const actor = session ? sessionActor(spaces, session) : null;
    if (!session || !actor) return fail(res, 401, 'UNAUTHENTICATED', 'Du är inte inloggad.');
    req.session = session;
    req.actor = actor;
    next();
  };
  /** Every other route: a session signed in with an initial password gets nothing (R112). */
  const authenticate = (req: Request, res: Response, next: NextFunction) =>
    authenticateAny(req, res, () => {
      if (req.session?.mustChange)
        return fail(res, 403, 'PASSWORD_CHANGE_REQUIRED', PASSWORD_CHANGE_REQUIRED_MESSAGE);
      next();
    });
  const issue = (userId: string, gen: number, mustChange: boolean) =>
    tokens.issue(userId, { gen, seq: spaces.get(REAL_SPACE)?.seq ?? 0, mustChange });

  const metrics = benchMetricsEnabled();
  if (metrics) readLoopFigures(); // start measuring from boot
  app.get('/healthz', (req, res) => {
    const real = spaces.get(REAL_SPACE);
    res.json({
      ...(metrics && req.query.metrics === '1' ? { metrics: readLoopFigures() } : {}),
      status: real?.available === false || deps.store.available?.() === false ? 'degraded' : 'ok',
      mode: deps.store.kind === 'journal' ? 'embedded' : 'redis',
      nodeId: config.nodeId,
      protocolVersion: config.protocolVersion,
      spaces: Object.fromEntries(
        [...spaces.values()].map((s) => [
          s.name,
          {
            seq: s.seq,
            storage: s.available ? 'ok' : 'unavailable',
            integrity: s.report.chainBreak
              ? { ok: false, firstBrokenSeq: s.report.chainBreak.seq }
              : { ok: true },
          },
        ]),
      ),
    });
  });

  const tooMany = (_req: Request, res: Response) =>
    fail(res, 429, 'RATE_LIMITED', 'För många inloggningsförsök. Vänta en minut och försök igen.');
  // Two limits: per address and name (guessing one password), and per address (trying many names).
  app.use(
    '/api/login',
    rateLimit({
      windowMs: 60_000,
      limit: config.loginRateLimit * 10,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
      handler: tooMany,
    }),
  );
  app.use(
    '/api/login',
    rateLimit({
      windowMs: 60_000,
      limit: config.loginRateLimit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: (req) =>
        `${ipKeyGenerator(req.ip ?? '')}|${normaliseUsername(
          String((req.body as { username?: unknown })?.username ?? '').slice(0, 200),
        ).slice(0, 80)}`,
      handler: tooMany,
    }),
  );
  app.post('/api/login', async (req, res) => {
    const body = Login.safeParse(req.body);
    if (!body.success) return fail(res, 400, 'INVALID', 'Ange användarnamn och lösenord.');
    const userId = normaliseUsername(body.data.username);
    const record = await deps.accounts.verify(userId, body.data.password);
    const active = lookup(spaces.get(REAL_SPACE)?.state.users, userId)?.active;
    if (!record || !active)
      return fail(
        res,
        401,
        'UNAUTHENTICATED',
        'Fel användarnamn eller lösenord, eller så är kontot inaktiverat.',
      );
    const { token, session } = issue(userId, record.gen, record.mustChange);
    res.setHeader(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        path: '/',
        expires: new Date(session.exp),
      }),
    );
    res.json({
      user: lookup(spaces.get(REAL_SPACE)?.state.users, userId),
      expiresAt: new Date(session.exp).toISOString(),
      ...(record.mustChange ? { mustChangePassword: true } : {}),
    });
  });

  const sessionCookie = (token: string, exp: number) =>
    serializeCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.cookieSecure,
      path: '/',
      expires: new Date(exp),
    });

  // Sign-in through the city's identity provider (OpenID Connect; docs/security.md).
  const idpPage = (res: Response, status: number, message: string) =>
    res.status(status).type('text/plain; charset=utf-8').send(message);
  app.get('/api/oidc/login', async (_req, res) => {
    if (!deps.oidc)
      return fail(
        res,
        404,
        'NOT_FOUND',
        'Inloggning via stadens identitetstjänst är inte påslagen.',
      );
    try {
      const { url, pending } = await deps.oidc.begin();
      // Lax, not Strict: the IdP sends the browser back with a cross-site navigation.
      res.setHeader(
        'Set-Cookie',
        serializeCookie(OIDC_COOKIE, sealPending(deps.secret, pending), {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.cookieSecure,
          path: '/api/oidc/',
          maxAge: 600,
        }),
      );
      res.redirect(302, url);
    } catch (err) {
      console.error('[oidc] login failed', (err as Error).message);
      idpPage(
        res,
        503,
        'Stadens identitetstjänst svarar inte just nu. Försök igen eller logga in med lösenord.',
      );
    }
  });
  app.get('/api/oidc/callback', async (req, res) => {
    const rp = deps.oidc;
    if (!rp)
      return fail(
        res,
        404,
        'NOT_FOUND',
        'Inloggning via stadens identitetstjänst är inte påslagen.',
      );
    const clearPending = serializeCookie(OIDC_COOKIE, '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      path: '/api/oidc/',
      maxAge: 0,
    });
    const pending = openPending(deps.secret, parseCookie(req.headers.cookie ?? '')[OIDC_COOKIE]);
    if (!pending) {
      res.setHeader('Set-Cookie', clearPending);
      return idpPage(res, 400, 'Inloggningen har gått ut eller startades inte här. Börja om.');
    }
    let claims: Record<string, unknown>;
    try {
      const here = new URL(rp.cfg.redirectUri);
      here.search = new URL(req.originalUrl, 'http://x').search;
      claims = await rp.complete(here, pending);
    } catch (err) {
      console.error('[oidc] callback refused', (err as Error).message);
      res.setHeader('Set-Cookie', clearPending);
      return idpPage(
        res,
        400,
        'Inloggningen via identitetstjänsten kunde inte slutföras. Börja om.',
      );
    }
    const mapping = mapGroups(rp.cfg, claims);
    const real = spaces.get(REAL_SPACE);
    if (!mapping || !real) {
      res.setHeader('Set-Cookie', clearPending);
      return idpPage(
        res,
        403,
        'Ditt konto har ingen roll i Lägesbild. Kontakta systemadministratören.',
      );
    }
    if (mapping.districtId && !lookup(real.state.districts, mapping.districtId)) {
      console.error(`[oidc] OIDC_GROUP_MAP names unknown district ${mapping.districtId}`);
      return idpPage(
        res,
        403,
        'Din grupp pekar på ett okänt stadsdelsområde. Kontakta systemadministratören.',
      );
    }
    const userId = oidcUserId(rp.cfg.issuer, String(claims.sub));
    const name = String(claims.name ?? claims.preferred_username ?? claims.email ?? userId).slice(
      0,
      120,
    );
    const existing = lookup(real.state.users, userId);
    if (existing && !existing.active) {
      res.setHeader('Set-Cookie', clearPending);
      return idpPage(res, 403, 'Ditt konto är inaktiverat i Lägesbild.');
    }
    const profile = {
      userId,
      name,
      role: mapping.role,
      ...(mapping.districtId ? { districtId: mapping.districtId } : {}),
      ...(mapping.unitId ? { unitId: mapping.unitId } : {}),
    };
    const same =
      existing &&
      existing.name === profile.name &&
      existing.role === profile.role &&
      existing.districtId === profile.districtId &&
      existing.unitId === profile.unitId;
    // A new person, or new groups at the IdP: the profile change is a recorded event.
    if (!same)
      await real.appendSystem(SYSTEM_ACTOR, `system:oidc:${userId}:${real.seq}`, [
        draft('user.registered', profile),
      ]);
    // An IdP account has no credential record: its sessions are of generation 0.
    const { token, session } = issue(userId, 0, false);
    res.setHeader('Set-Cookie', [clearPending, sessionCookie(token, session.exp)]);
    res.redirect(302, '/');
  });

  app.post('/api/logout', authenticateAny, async (req, res) => {
    const session = req.session as Session;
    await tokens.revoke(session);
    deps.onSignOut(session.sid);
    res.setHeader(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, '', {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        path: '/',
        maxAge: 0,
      }),
    );
    res.json({ ok: true });
  });

  app.get('/api/me', authenticateAny, (req, res) => {
    const session = req.session as Session;
    res.json({
      user: lookup(spaces.get(REAL_SPACE)?.state.users, session.userId),
      expiresAt: new Date(session.exp).toISOString(),
      ...(session.mustChange ? { mustChangePassword: true } : {}),
    });
  });

  app.use(
    accountRoutes({
      spaces,
      accounts: deps.accounts,
      tokens,
      authenticateAny: (req, res, next) => void authenticateAny(req, res, next),
      authenticate: (req, res, next) => void authenticate(req, res, next),
      sessionCookie,
      endSessions: deps.endSessions,
      attemptsPerMinute: config.loginRateLimit,
    }),
  );

  app.get('/api/config', (_req, res) => {
    res.json({
      protocolVersion: config.protocolVersion,
      division: config.division,
      tileUrl: config.tileUrl ?? null,
      tileAttribution: config.tileAttribution ?? null,
      uploadMaxBytes: config.uploadMaxBytes,
    });
  });

  mapDataRoutes(app, config.division);

  const divisionBodies = precompressed(deps.division.geojsonText);
  app.get('/api/division', (req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    sendPrecompressed(req, res, divisionBodies, 'application/geo+json');
  });

  /** History beyond the live state: the log itself, as this person may see it. */
  app.get('/api/log', authenticate, async (req, res) => {
    const q = z
      .object({
        space: z.string().max(90).default(REAL_SPACE),
        after: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(5000).default(1000),
      })
      .safeParse(req.query);
    if (!q.success) return fail(res, 400, 'INVALID', 'Ogiltiga parametrar.');
    const target = spaces.get(q.data.space);
    if (!target) return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
    if (!maySeeSpace(req.actor as Actor, target.state))
      return fail(res, 403, 'FORBIDDEN', 'Du deltar inte i den här övningen.');
    const events = await deps.store.read(q.data.space, q.data.after, q.data.limit);
    res.json({ events: events.filter((e) => canSee(req.actor as Actor, e.audience)) });
  });

  /** Tamper check on demand (R19). */
  app.get('/api/verify', authenticate, async (req, res) => {
    const a = req.actor as Actor;
    if (!mayVerifyLog(a))
      return fail(
        res,
        403,
        'FORBIDDEN',
        'Endast administratör, stadsdirektör eller säkerhetschef kan kontrollera loggen.',
      );
    const reports = await Promise.all([...spaces.keys()].map((s) => deps.store.verify(s)));
    res.json({ reports });
  });

  /** A public message as a CAP 1.2 alert (R32); exercise spaces say Exercise. */
  const borders = bordersFromGeoJson(deps.division.geojson, districtIdFromName);
  app.get('/api/cap/:messageId', authenticate, (req, res) => {
    const q = z.object({ space: z.string().max(90).default(REAL_SPACE) }).safeParse(req.query);
    if (!q.success) return fail(res, 400, 'INVALID', 'Ogiltiga parametrar.');
    const space = spaces.get(q.data.space);
    if (!space) return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
    const message = lookup(space.state.ckl.messages, String(req.params.messageId));
    if (!message || !canSee(req.actor as Actor, message.audience))
      return fail(res, 404, 'NOT_FOUND', 'Meddelandet finns inte.');
    const why = capRefusal(message);
    if (why) return fail(res, 409, 'CONFLICT', why);
    const xml = buildCapAlert({
      message,
      state: space.state,
      space: space.name,
      exercise: space.name !== REAL_SPACE,
      borders,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="cap-${message.id.replace(/[^A-Za-z0-9_-]/g, '')}.xml"`,
    );
    res.type('application/xml; charset=utf-8').send(xml);
  });
  app.use(
    exportRoutes({
      spaces,
      store: deps.store,
      catalog: deps.catalog,
      pdf: deps.pdf,
      blobs: deps.blobs,
      authenticate: (req, res, next) => void authenticate(req, res, next),
    }),
  );
  clientErrorRoute(app, authenticate);
  app.use(
    logEntryRoutes({
      spaces,
      store: deps.store,
      authenticate: (req, res, next) => void authenticate(req, res, next),
    }),
  );
  deps.mount?.(app, authenticate);

  const client = clientRoutes(config.clientDir);
  if (client) app.use(client);
  else {
    app.get('/', (_req, res) =>
      res
        .type('text/plain; charset=utf-8')
        .send('Lägesbild: konsolen är inte byggd. Kör "npm run build".'),
    );
  }

  app.use('/api', (_req, res) => fail(res, 404, 'NOT_FOUND', 'Adressen finns inte.'));
  // No stack traces to clients: a clear message, the detail only in the server's own log.
  app.use(
    (
      err: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      if (err.type === 'entity.too.large')
        return fail(res, 413, 'TOO_LARGE', 'Begäran är för stor.');
      if (err.type === 'entity.parse.failed')
        return fail(res, 400, 'INVALID', 'Begäran är inte giltig JSON.');
      if (err instanceof StorageUnavailableError)
        return fail(
          res,
          503,
          'STORAGE_UNAVAILABLE',
          'Lagringen är inte tillgänglig just nu. Inget sparades – försök igen.',
        );
      console.error('[http] error', err);
      fail(
        res,
        err.status && err.status < 500 ? err.status : 500,
        'INTERNAL',
        'Ett internt fel uppstod.',
      );
    },
  );
  return app;
}
