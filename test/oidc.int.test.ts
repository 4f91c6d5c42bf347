/**
 * Sign-in through the city's identity provider (R74, docs/security.md): a real
 * OpenID Connect provider (`oidc-provider`) and the server, each in its own process on
 * loopback, and a browser played step by step with fetch (code flow with PKCE, state, nonce).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { spawnServer, type ServerProcess } from './support/process';
import { connectConsole, startTestServer, tempDataDir } from './support/server';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** A browser's cookie jar and redirect-by-hand, enough for the code flow. */
class Browser {
  private jar = new Map<string, Map<string, string>>();
  cookieFor(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }
  async go(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const host = new URL(url).host;
    const cookies = [...(this.jar.get(host) ?? new Map()).entries()]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        ...(cookies ? { cookie: cookies } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    const mine = this.jar.get(host) ?? new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) mine.delete(name);
      else mine.set(name, value);
    }
    this.jar.set(host, mine);
    return res;
  }
  /** Follows redirects (and answers the provider's login and consent pages) until `stopAt`. */
  async flow(start: string, login: string, stopAt: string): Promise<Response> {
    let res = await this.go(start);
    let url = start;
    for (let hops = 0; hops < 20; hops++) {
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location') as string, url).href;
        if (url.startsWith(stopAt)) return this.go(url);
        res = await this.go(url);
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`stuck at ${url}: ${res.status} ${html.slice(0, 200)}`);
      const target = new URL(action, url).href;
      const form: Record<string, string> = html.includes('name="login"')
        ? { prompt: 'login', login, password: 'valfritt' }
        : { prompt: 'consent' };
      res = await this.go(target, { method: 'POST', form });
      url = target;
    }
    throw new Error('too many redirects');
  }
}

let idp: ChildProcess;
let app: ServerProcess;
let appUrl: string;
const dataDir = tempDataDir('lb-oidc-');

beforeAll(async () => {
  const [idpPort, appPort] = [await freePort(), await freePort()];
  appUrl = `http://127.0.0.1:${appPort}`;
  const redirect = `${appUrl}/api/oidc/callback`;
  idp = spawn(
    process.execPath,
    [path.join(__dirname, 'support', 'oidcProvider.mjs'), String(idpPort), redirect],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`provider did not start: ${out}`)), 15_000);
    idp.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('ready')) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  app = await spawnServer({
    DATA_DIR: dataDir,
    PORT: String(appPort),
    DEMO: 'on',
    OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
    OIDC_CLIENT_ID: 'lagesbild',
    OIDC_CLIENT_SECRET: 'test-hemlighet-som-ar-lang-nog',
    OIDC_REDIRECT_URI: redirect,
    OIDC_GROUP_MAP: JSON.stringify({
      'sthlm-stadsdirektor': { role: 'director' },
      'sthlm-tib-farsta': { role: 'district_officer', districtId: 'farsta' },
    }),
  });
}, 40_000);
afterAll(async () => {
  await app?.kill('SIGKILL');
  idp?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

test('R74 sign-in through the IdP: code flow with PKCE; groups give the role and district; the session works on HTTP and the socket', async () => {
  const b = new Browser();
  const start = await b.go(`${appUrl}/api/oidc/login`);
  expect(start.status).toBe(302);
  const auth = new URL(start.headers.get('location') as string);
  expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
  expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(auth.searchParams.get('state')).toBeTruthy();
  expect(auth.searchParams.get('nonce')).toBeTruthy();
  expect(start.headers.get('set-cookie')).toMatch(/lb_oidc=.*HttpOnly.*SameSite=Lax/i);

  const done = await b.flow(auth.href, 'farsta+anna', `${appUrl}/api/oidc/callback`);
  expect(done.status).toBe(302);
  expect(done.headers.get('location')).toBe('/');
  const session = b.cookieFor(appUrl, 'lb_session');
  expect(session).toBeTruthy();
  expect(done.headers.getSetCookie().join('\n')).toMatch(/lb_session=.*HttpOnly.*SameSite=Strict/i);
  const me = (await (
    await fetch(`${appUrl}/api/me`, { headers: { cookie: `lb_session=${session}` } })
  ).json()) as { user: { userId: string; role: string; districtId: string; name: string } };
  expect(me.user).toMatchObject({
    role: 'district_officer',
    districtId: 'farsta',
    name: 'Testperson farsta+anna',
  });
  expect(me.user.userId).toMatch(/^idp-[0-9a-f]{24}$/);
  const c = await connectConsole(appUrl, `lb_session=${session}`);
  const own = await c.command('log.write', { districtId: 'farsta', text: 'Via IdP.' });
  const other = await c.command('log.write', { districtId: 'bromma', text: 'Fel område.' });
  c.close();
  expect(own.ok).toBe(true);
  expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
}, 30_000);

test('R74 a person whose groups map to no role gets no session', async () => {
  const b = new Browser();
  const start = await b.go(`${appUrl}/api/oidc/login`);
  const res = await b.flow(
    start.headers.get('location') as string,
    'ingen+bo',
    `${appUrl}/api/oidc/callback`,
  );
  expect(res.status).toBe(403);
  expect(await res.text()).toBe(
    'Ditt konto har ingen roll i Lägesbild. Kontakta systemadministratören.',
  );
  expect(b.cookieFor(appUrl, 'lb_session')).toBeUndefined();
}, 30_000);

test('R74 a callback with a forged state, or without the sign-in cookie, is refused', async () => {
  const b = new Browser();
  const start = await b.go(`${appUrl}/api/oidc/login`);
  const auth = new URL(start.headers.get('location') as string);
  auth.searchParams.set('state', 'forged-state-value');
  const forged = await b.flow(auth.href, 'chef+eva', `${appUrl}/api/oidc/callback`);
  expect(forged.status).toBe(400);
  expect(await forged.text()).toMatch(/kunde inte slutföras/);
  expect(b.cookieFor(appUrl, 'lb_session')).toBeUndefined();

  const stranger = await fetch(`${appUrl}/api/oidc/callback?code=abc&state=def`);
  expect(stranger.status).toBe(400);
  expect(await stranger.text()).toMatch(/gått ut eller startades inte här/);
}, 30_000);

test('R74 without OIDC settings the IdP routes answer 404', async () => {
  const srv = await startTestServer();
  try {
    const res = await fetch(`${srv.url}/api/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  } finally {
    await srv.close();
  }
});
