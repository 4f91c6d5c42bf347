/**
 * Optional sign-in through the city's identity provider (OpenID Connect, authorization code
 * flow with PKCE, state and nonce). Off unless OIDC_ISSUER is set; docs/security.md.
 *
 * A person signed in this way gets an account whose id is derived from the issuer and the
 * IdP's subject (never from a name the IdP lets people choose), so an IdP user can never take
 * over a local account such as `admin`. Role and area come from the IdP's groups through
 * OIDC_GROUP_MAP, checked at every sign-in.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type * as OidcClient from 'openid-client';
import { Role } from '../../shared/domain/vocabulary';
import { lookup } from '../../shared/domain/keyed';

export const GroupMapping = z
  .object({
    role: Role,
    districtId: z.string().min(1).optional(),
    unitId: z.string().min(1).optional(),
  })
  .strict();
export type GroupMapping = z.infer<typeof GroupMapping>;

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  /** The claim that lists the person's groups (default `groups`). */
  roleClaim: string;
  /** IdP group → role (and area). The first group in this order that the person has wins. */
  groupMap: [string, GroupMapping][];
  /** Scopes to ask for; some IdPs need an extra one for the groups claim. */
  scope: string;
}

const isLoopback = (u: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

/** Reads the OIDC_* settings; undefined when sign-in through the IdP is off. */
export function loadOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  const need = (name: string): string => {
    const v = lookup(env, name);
    if (!v) throw new Error(`${name} must be set when OIDC_ISSUER is set`);
    return v;
  };
  const issuer = new URL(env.OIDC_ISSUER);
  // Tokens must never travel in clear text, except to a provider on this machine (tests).
  if (issuer.protocol !== 'https:' && !isLoopback(issuer))
    throw new Error('OIDC_ISSUER must be an https URL');
  let rawMap: unknown;
  try {
    rawMap = JSON.parse(need('OIDC_GROUP_MAP'));
  } catch (e) {
    throw new Error(`OIDC_GROUP_MAP is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const parsed = z.record(z.string(), GroupMapping).safeParse(rawMap);
  if (!parsed.success)
    throw new Error(`OIDC_GROUP_MAP is invalid: ${parsed.error.issues[0]?.message ?? ''}`);
  for (const [group, m] of Object.entries(parsed.data)) {
    if (m.role === 'district_officer' && !m.districtId)
      throw new Error(`OIDC_GROUP_MAP: ${group} maps to district_officer without districtId`);
    if (m.role === 'unit_officer' && !m.unitId)
      throw new Error(`OIDC_GROUP_MAP: ${group} maps to unit_officer without unitId`);
  }
  return {
    issuer: issuer.href,
    clientId: need('OIDC_CLIENT_ID'),
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUri: need('OIDC_REDIRECT_URI'),
    roleClaim: env.OIDC_ROLE_CLAIM || 'groups',
    groupMap: Object.entries(parsed.data),
    scope: env.OIDC_SCOPES || 'openid profile',
  };
}

/** The account id for an IdP subject: stable, opaque, and never a local account's id. */
export function oidcUserId(issuer: string, sub: string): string {
  return `idp-${createHash('sha256').update(`${issuer}\n${sub}`).digest('hex').slice(0, 24)}`;
}

/** The role a person's groups give, by the map's order; null when none of them is mapped. */
export function mapGroups(cfg: OidcConfig, claims: Record<string, unknown>): GroupMapping | null {
  const raw = lookup(claims, cfg.roleClaim);
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  for (const [group, mapping] of cfg.groupMap) if (groups.includes(group)) return mapping;
  return null;
}

/** The short-lived browser state of one sign-in attempt, signed so it cannot be forged. */
export interface PendingLogin {
  verifier: string;
  state: string;
  nonce: string;
  exp: number;
}
export const OIDC_COOKIE = 'lb_oidc';

export function sealPending(secret: Buffer, p: PendingLogin): string {
  const body = Buffer.from(JSON.stringify(p)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(`oidc\n${body}`).digest('base64url')}`;
}
export function openPending(secret: Buffer, token: string | undefined): PendingLogin | null {
  if (!token || token.length > 2048) return null;
  const [body, mac] = token.split('.');
  if (!body || !mac) return null;
  const want = Buffer.from(
    createHmac('sha256', secret).update(`oidc\n${body}`).digest('base64url'),
  );
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PendingLogin;
    return typeof p.exp === 'number' && p.exp > Date.now() ? p : null;
  } catch {
    return null;
  }
}

type Client = typeof OidcClient;
let clientModule: Promise<Client> | null = null;
/** openid-client is ESM-only and needed only when OIDC is on, so it is loaded on first use. */
const loadClient = (): Promise<Client> =>
  (clientModule ??= import('openid-client') as Promise<Client>);

/** The relying party: discovery (cached), the redirect to the IdP, and the code exchange. */
export class OidcRelyingParty {
  private discovered: Promise<OidcClient.Configuration> | null = null;
  constructor(readonly cfg: OidcConfig) {}

  private configuration(): Promise<OidcClient.Configuration> {
    this.discovered ??= loadClient()
      .then((c) => {
        const issuer = new URL(this.cfg.issuer);
        return c.discovery(
          issuer,
          this.cfg.clientId,
          undefined,
          this.cfg.clientSecret ? c.ClientSecretPost(this.cfg.clientSecret) : c.None(),
          isLoopback(issuer) && issuer.protocol === 'http:'
            ? { execute: [c.allowInsecureRequests], timeout: 10 }
            : { timeout: 10 },
        );
      })
      .catch((err: unknown) => {
        this.discovered = null; // try again next time; the IdP may be back
        throw err;
      });
    return this.discovered;
  }

  async begin(): Promise<{ url: string; pending: PendingLogin }> {
    const c = await loadClient();
    const config = await this.configuration();
    const pending: PendingLogin = {
      verifier: c.randomPKCECodeVerifier(),
      state: c.randomState(),
      nonce: c.randomNonce(),
      exp: Date.now() + 10 * 60_000,
    };
    const url = c.buildAuthorizationUrl(config, {
      redirect_uri: this.cfg.redirectUri,
      scope: this.cfg.scope,
      code_challenge: await c.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Exchanges the code; returns the ID token's claims (signature, iss, aud, nonce checked). */
  async complete(currentUrl: URL, pending: PendingLogin): Promise<Record<string, unknown>> {
    const c = await loadClient();
    const config = await this.configuration();
    const tokens = await c.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    if (lookup(claims, this.cfg.roleClaim) !== undefined) return claims as Record<string, unknown>;
    // Many IdPs keep groups (and names) out of the ID token; ask UserInfo for the same subject.
    const info = await c.fetchUserInfo(config, tokens.access_token, claims.sub);
    return { ...info, ...claims, [this.cfg.roleClaim]: lookup(info, this.cfg.roleClaim) };
  }
}
