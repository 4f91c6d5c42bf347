/** R84: a console's report of a region that could not be shown, over real HTTP. */
import { login, startTestServer, type TestServer } from './support/server';

let srv: TestServer;
let cookie: string;
beforeAll(async () => {
  srv = await startTestServer();
  cookie = await login(srv.url, 'tib.farsta');
});
afterAll(() => srv.close());

const post = (body: unknown, headers: Record<string, string> = { cookie }) =>
  fetch(`${srv.url}/api/client-error`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: srv.url, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

test('R84 a signed-in report goes to the server log as one line, not to the event log', async () => {
  const seq = srv.app.spaces.get('real')!.seq;
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const res = await post({
      region: 'Kartan',
      message: 'TypeError: x är undefined\n[fake] forged line',
      stack: 'at DistrictMap',
      route: '#/karta',
    });
    expect(res.status).toBe(202);
    const lines = warn.mock.calls
      .map((c) => String(c[0]))
      .filter((l) => l.startsWith('[client-error]'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('user="tib.farsta" region="Kartan"');
    expect(lines[0]).not.toContain('\n'); // a newline in the report cannot forge a log line
  } finally {
    warn.mockRestore();
  }
  expect(srv.app.spaces.get('real')!.seq).toBe(seq);
});

test('R84 not signed in, malformed and oversized reports are refused', async () => {
  expect((await post({ region: 'Kartan', message: 'x' }, {})).status).toBe(401);
  expect((await post({ region: '', message: 'x' })).status).toBe(400);
  expect((await post({ region: 'Kartan', message: 'x', extra: 1 })).status).toBe(400);
  const big = await post({ region: 'Kartan', message: 'x', stack: 'y'.repeat(9000) });
  expect(big.status).toBe(413);
  expect(((await big.json()) as { error: { code: string } }).error.code).toBe('TOO_LARGE');
});

test('R84 reports are rate limited per person with a Swedish message', async () => {
  const other = await login(srv.url, 'stadsdir');
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  let last: Response | undefined;
  try {
    for (let i = 0; i < 11; i++)
      last = await post({ region: 'Loggen', message: `fel ${i}` }, { cookie: other });
  } finally {
    warn.mockRestore();
  }
  expect(last!.status).toBe(429);
  const body = (await last!.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('RATE_LIMITED');
  expect(body.error.message).toMatch(/Vänta en minut/);
});
