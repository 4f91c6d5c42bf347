/**
 * Lesser holes (R116–R119): contacts CSV routes and membership, the import's own policy,
 * no self-granted delegation, the revocation file, /healthz and long-polling headers.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileRevocationList } from '../server/auth/sessions';
import { waitFor } from './support/alarmScenario';
import { connectConsole, login, startTestServer, type TestServer } from './support/server';

jest.setTimeout(60_000);
let srv: TestServer;
afterEach(() => srv?.close());

const CSV = 'id;namn;telefon\r\nx1;Anna Alm;+46701234567\r\n';
const importCsv = (cookie: string, space = 'real', dry = true) =>
  fetch(`${srv.url}/api/alarm/contacts/import?space=${space}${dry ? '&dryRun=1' : ''}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv' },
    body: CSV,
  });

test('R116 the contacts CSV routes refuse with 403 who may not import, and who is not in the exercise', async () => {
  srv = await startTestServer();
  const admin = await login(srv.url, 'admin');
  const info = await login(srv.url, 'info');
  const r = await importCsv(info);
  expect(r.status).toBe(403);
  expect(((await r.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  expect((await importCsv(info, 'real', false)).status).toBe(403);
  expect((await importCsv(admin)).status).toBe(200);

  const lead = await connectConsole(srv.url, await login(srv.url, 'stabschef'));
  expect(
    await lead.command('exercise.start', { name: 'Övning R116', participants: ['stabschef'] }),
  ).toMatchObject({ ok: true });
  lead.close();
  const real = srv.app.spaces.get('real')!;
  const ex = Object.values(real.state.exercise.exercises).at(-1)!;
  await waitFor('the exercise space', () => srv.app.spaces.get(ex.space));
  const outsider = await login(srv.url, 'tib.farsta');
  const exported = await fetch(`${srv.url}/api/alarm/contacts.csv?space=${ex.space}`, {
    headers: { cookie: outsider },
  });
  expect(exported.status).toBe(403);
  expect((await exported.json()) as unknown).toMatchObject({ error: { code: 'FORBIDDEN' } });
  expect((await importCsv(outsider, ex.space)).status).toBe(403);
});

test('R117 an administrator cannot grant himself the chair’s delegation', async () => {
  srv = await startTestServer();
  const admin = await connectConsole(srv.url, await login(srv.url, 'admin'));
  const self = await admin.command('delegation.grant', {
    role: 'chair',
    toUserId: 'admin',
    basis: 'Delegationsordning 4.1',
  });
  expect(self).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  if (!self.ok) expect(self.error.message).toBe('Du kan inte delegera en roll till dig själv.');
  admin.close();
});

test('R118 the revocation file is replaced atomically and an unreadable one fails closed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lb-revoked-'));
  const file = path.join(dir, 'revoked.json');
  const list = new FileRevocationList(file);
  const exp = Date.now() + 60_000;
  await Promise.all(['a', 'b', 'c', 'd'].map((sid) => list.revoke(sid, exp)));
  expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).sort()).toEqual([
    'a',
    'b',
    'c',
    'd',
  ]);
  expect(readdirSync(dir)).toEqual(['revoked.json']); // no temp file left behind
  expect(await new FileRevocationList(file).isRevoked('a')).toBe(true);
  expect(await new FileRevocationList(file).isRevoked('z')).toBe(false);

  writeFileSync(file, '{"a": 17, "b": '); // torn
  const torn = new FileRevocationList(file);
  expect(await torn.isRevoked('z')).toBe(true); // every session counts as ended
  await torn.revoke('e', exp);
  expect(readFileSync(file, 'utf8')).toBe('{"a": 17, "b": '); // left for the operator
});

test('R119 /healthz shows no process id; long-polling answers carry the security headers', async () => {
  srv = await startTestServer();
  const health = (await (await fetch(`${srv.url}/healthz`)).json()) as { nodeId: string };
  expect(health.nodeId).not.toContain(String(process.pid));
  expect(JSON.stringify(health)).not.toContain(String(process.pid));

  const cookie = await login(srv.url, 'ordf');
  const page = await fetch(`${srv.url}/api/me`, { headers: { cookie } });
  const poll = await fetch(`${srv.url}/socket.io/?EIO=4&transport=polling`, {
    headers: { cookie },
  });
  expect(poll.status).toBe(200);
  for (const h of [
    'content-security-policy',
    'x-content-type-options',
    'strict-transport-security',
    'x-frame-options',
    'referrer-policy',
    'cross-origin-opener-policy',
  ]) {
    expect(page.headers.get(h)).toBeTruthy();
    expect(poll.headers.get(h)).toBe(page.headers.get(h));
  }
  expect(poll.headers.get('cache-control')).toContain('no-store');
});

test('R110 the sign-in limiter counts a normalised name: "ordf ", " ORDF" and full-width are one account', async () => {
  srv = await startTestServer({ LOGIN_RATE_LIMIT: '3' });
  const attempt = (username: string, password = 'fel-lösenord') =>
    fetch(`${srv.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  expect((await attempt('ordf ')).status).toBe(401);
  expect((await attempt(' ORDF')).status).toBe(401);
  expect((await attempt('ｏｒｄｆ')).status).toBe(401);
  const limited = await attempt('Ordf');
  expect(limited.status).toBe(429);
  expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  // Another name from the same address is still counted apart.
  expect((await attempt(' ANALYS ', 'krisledning')).status).toBe(200);
});

test('R111 user names such as constructor and __proto__ are refused cleanly, never 500', async () => {
  srv = await startTestServer();
  for (const username of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype']) {
    const r = await fetch(`${srv.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'krisledning' }),
    });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  }
});
