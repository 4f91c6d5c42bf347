/**
 * Web hardening on a real server on loopback: headers and CSP, origin checks,
 * cookies, sign-in rate limit, clear errors without stacks, size limits on HTTP and sockets.
 */
import { login, newCommandId, serverHarness } from './support/server';
import { connectOutcome, postJson, rawSocket, until } from './support/security';

const { srv, start, open, connect } = serverHarness();

/** No stack frames, file paths or exception names in anything a client is sent. */
const expectNoStack = (text: string) => {
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+|node_modules|SyntaxError|TypeError/);
};

describe('headers, cookies and origins', () => {
  beforeEach(async () => {
    await start({ LOGIN_RATE_LIMIT: '10' });
  });

  test('R75 every response carries the security headers and a strict CSP', async () => {
    for (const p of ['/', '/healthz', '/api/config', '/api/me']) {
      const res = await fetch(`${srv.url}${p}`);
      const h = res.headers;
      const csp = h.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(h.get('x-powered-by')).toBeNull();
    }
    const api = await fetch(`${srv.url}/api/me`);
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  test('R75 the session cookie is HttpOnly, SameSite=Strict and scoped to the site', async () => {
    const res = await postJson(`${srv.url}/api/login`, {
      username: 'tib.farsta',
      password: 'krisledning',
    });
    const c = res.headers.get('set-cookie') ?? '';
    expect(c).toMatch(/^lb_session=[^;]+/);
    expect(c).toMatch(/; HttpOnly/i);
    expect(c).toMatch(/; SameSite=Strict/i);
    expect(c).toMatch(/; Path=\//i);
    expect(c).not.toMatch(/; Secure/i); // off on plain-http loopback…
  });

  test('R75 …and Secure when COOKIE_SECURE=true', async () => {
    await srv.close();
    await start({ COOKIE_SECURE: 'true' });
    const res = await postJson(`${srv.url}/api/login`, {
      username: 'tib.farsta',
      password: 'krisledning',
    });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/i);
  });

  test('R76 a foreign Origin is refused on the socket handshake (websocket and polling) and on POSTs', async () => {
    const cookie = await login(srv.url, 'tib.farsta');
    const evil = 'https://evil.example';
    const ws = rawSocket(srv.url, { cookie, origin: evil });
    expect(await connectOutcome(ws)).toMatch(/^error:/);
    ws.close();
    const { io } = await import('socket.io-client');
    const polling = io(srv.url, {
      transports: ['polling'],
      extraHeaders: { cookie, origin: evil },
      reconnection: false,
      forceNew: true,
    });
    expect(await connectOutcome(polling as never)).toMatch(/^error:/);
    polling.close();
    // The same cookie from our own origin works, over websocket and over polling, and only
    // the socket edge answers a polling request (the HTTP app must not answer it as well).
    const errors = jest.spyOn(console, 'error');
    const own = rawSocket(srv.url, { cookie, origin: srv.url });
    expect(await connectOutcome(own)).toBe('connect');
    own.close();
    const ownPolling = io(srv.url, {
      transports: ['polling'],
      extraHeaders: { cookie, origin: srv.url },
      reconnection: false,
      forceNew: true,
    });
    expect(await connectOutcome(ownPolling as never)).toBe('connect');
    ownPolling.close();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();

    const login403 = await postJson(
      `${srv.url}/api/login`,
      { username: 'tib.farsta', password: 'krisledning' },
      { origin: evil },
    );
    expect(login403.status).toBe(403);
    expect(await login403.json()).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'Begäran kommer från en annan webbplats och har avvisats.',
      },
    });
    const logout403 = await postJson(`${srv.url}/api/logout`, {}, { cookie, origin: evil });
    expect(logout403.status).toBe(403);
    // The session survived the forged sign-out.
    expect((await fetch(`${srv.url}/api/me`, { headers: { cookie } })).status).toBe(200);
  });

  test('R77 the 11th sign-in attempt within a minute gets 429 with a clear Swedish message', async () => {
    const attempt = () =>
      postJson(`${srv.url}/api/login`, { username: 'stadsdir', password: 'fel-lösenord' });
    for (let i = 1; i <= 10; i++) expect((await attempt()).status).toBe(401);
    const res = await attempt();
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'För många inloggningsförsök. Vänta en minut och försök igen.',
      },
    });
    // Even the right password waits: the limit is on attempts, not failures.
    const right = await postJson(`${srv.url}/api/login`, {
      username: 'stadsdir',
      password: 'krisledning',
    });
    expect(right.status).toBe(429);
  });

  test('R77 spraying many names from one address is limited too', async () => {
    await srv.close();
    await start({ LOGIN_RATE_LIMIT: '2' }); // 2 per name, 20 per address
    let limited = 0;
    for (let i = 0; i < 21; i++) {
      const r = await postJson(`${srv.url}/api/login`, { username: `x${i}`, password: 'y' });
      if (r.status === 429) limited++;
    }
    expect(limited).toBe(1);
  });
});

describe('bad requests get clear errors, never a stack', () => {
  beforeEach(async () => {
    await start();
  });

  test('R78 malformed JSON, an oversized body, wrong types and unknown routes', async () => {
    const cookie = await login(srv.url, 'tib.farsta');
    const cases: { res: Response; status: number; code: string }[] = [
      {
        res: await postJson(`${srv.url}/api/login`, '{"username": "a", '),
        status: 400,
        code: 'INVALID',
      },
      {
        res: await postJson(`${srv.url}/api/login`, {
          username: 'a',
          password: 'x'.repeat(70_000),
        }),
        status: 413,
        code: 'TOO_LARGE',
      },
      {
        res: await postJson(`${srv.url}/api/login`, { username: ['a'], password: { $ne: 1 } }),
        status: 400,
        code: 'INVALID',
      },
      { res: await postJson(`${srv.url}/api/login`, 'null'), status: 400, code: 'INVALID' },
      {
        res: await fetch(`${srv.url}/api/log?after=-1&limit=abc`, { headers: { cookie } }),
        status: 400,
        code: 'INVALID',
      },
      {
        res: await fetch(`${srv.url}/api/log?space=../../etc/passwd`, { headers: { cookie } }),
        status: 404,
        code: 'NOT_FOUND',
      },
      { res: await fetch(`${srv.url}/api/nope`), status: 404, code: 'NOT_FOUND' },
      {
        res: await fetch(`${srv.url}/api/verify`, { headers: { cookie } }),
        status: 403,
        code: 'FORBIDDEN',
      },
    ];
    for (const c of cases) {
      const text = await c.res.text();
      expect({ status: c.res.status, text }).toMatchObject({ status: c.status });
      const body = JSON.parse(text) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(c.code);
      expect(body.error.message).toMatch(/[a-zåäö]/i);
      expectNoStack(text);
    }
  });

  test('R78 a 1 MB socket message is dropped and that socket closed; the server and other consoles carry on', async () => {
    const cookie = await login(srv.url, 'tib.farsta');
    const bystander = await open('stadsdir');
    const attacker = await connect(cookie);
    const before = srv.app.spaces.get('real')!.seq;
    let acked = false;
    attacker.socket.emit(
      'command',
      {
        id: newCommandId(),
        type: 'log.write',
        payload: { text: 'x'.repeat(1024 * 1024) },
      } as never,
      () => (acked = true),
    );
    await until(() => !attacker.socket.connected, 'the oversized socket is closed');
    expect(acked).toBe(false);
    expect(srv.app.spaces.get('real')!.seq).toBe(before);
    // Under the transport limit but over the field limits: a clear refusal, nothing saved.
    const big = await bystander.command('log.write', { text: 'y'.repeat(200_000) });
    expect(big).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    if (!big.ok) expect(big.error.message).toContain('högst 4000 tecken');
    const ok = await bystander.command('log.write', { text: 'Servern lever.' });
    expect(ok.ok).toBe(true);
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });
});
