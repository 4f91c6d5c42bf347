/**
 * Accounts (R112–R115): initial passwords that must be changed, changing one's own password,
 * re-enabled accounts, and credential records that cannot be read. Real server, real sockets.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from './support/alarmScenario';
import {
  connectConsole,
  login,
  serverHarness,
  tempDataDir,
  type TestConsole,
} from './support/server';

jest.setTimeout(60_000);
const { srv, start } = serverHarness();

const post = (url: string, cookie: string | null, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
const errorOf = async (r: Response) =>
  ((await r.json()) as { error: { code: string; message: string } }).error;
const cookieOf = (r: Response) => (r.headers.get('set-cookie') ?? '').split(';')[0];

const NEW_PASSWORD = 'regn över slussen i natt';
const INITIAL = 'engångs-7-hallon-kaj';

async function createAccount(adminCookie: string, userId: string, initialPassword = INITIAL) {
  return post(`${srv.url}/api/accounts`, adminCookie, {
    userId,
    name: `Person ${userId}`,
    role: 'ckl_analysis',
    initialPassword,
  });
}

async function changePassword(cookie: string, currentPassword: string, newPassword: string) {
  return post(`${srv.url}/api/password`, cookie, { currentPassword, newPassword });
}

/** Every route that reads or changes something, as a session that must change its password. */
async function expectOnlyPasswordChange(cookie: string) {
  const me = await fetch(`${srv.url}/api/me`, { headers: { cookie } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { mustChangePassword?: boolean }).mustChangePassword).toBe(true);
  for (const path of [
    '/api/log',
    '/api/log/entries',
    '/api/export/situation?space=real&format=geojson',
    '/api/warnings',
    '/api/alarm/contacts.csv?space=real',
    '/api/exercises/scenarios',
  ]) {
    const r = await fetch(`${srv.url}${path}`, { headers: { cookie } });
    expect([path, r.status]).toEqual([path, 403]);
    const e = await errorOf(r);
    expect(e.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(e.message).toMatch(/Byt lösenord/);
  }
  const report = await post(`${srv.url}/api/client-error`, cookie, { region: 'x', message: 'y' });
  expect((await errorOf(report)).code).toBe('PASSWORD_CHANGE_REQUIRED');
  const socket = connectConsole(srv.url, cookie);
  await expect(socket).rejects.toMatchObject({
    message: 'PASSWORD_CHANGE_REQUIRED',
    data: { code: 'PASSWORD_CHANGE_REQUIRED' },
  });
}

test('R112 an account an administrator creates must change its initial password before anything else', async () => {
  await start();
  const real = srv.app.spaces.get('real')!;
  const admin = await login(srv.url, 'admin');

  // Refusals change nothing: a weak initial password, a non-administrator.
  const seq0 = real.seq;
  const weak = await createAccount(admin, 'ny.analytiker', 'kort');
  expect(weak.status).toBe(400);
  expect((await errorOf(weak)).message).toMatch(/minst 12 tecken/);
  const byOther = await createAccount(await login(srv.url, 'analys'), 'ny.analytiker');
  expect(byOther.status).toBe(403);
  expect(real.seq).toBe(seq0);
  expect(await srv.app.credentials.get('ny.analytiker')).toBeUndefined();

  const created = await createAccount(admin, 'ny.analytiker');
  expect(created.status).toBe(201);
  expect(real.seq).toBe(seq0 + 1);
  expect((await createAccount(admin, 'ny.analytiker')).status).toBe(409);

  const signIn = await post(`${srv.url}/api/login`, null, {
    username: 'ny.analytiker',
    password: INITIAL,
  });
  expect(signIn.status).toBe(200);
  expect(((await signIn.json()) as { mustChangePassword?: boolean }).mustChangePassword).toBe(true);
  const restricted = cookieOf(signIn);
  await expectOnlyPasswordChange(restricted);
  expect(real.seq).toBe(seq0 + 1);

  const changed = await changePassword(restricted, INITIAL, NEW_PASSWORD);
  expect(changed.status).toBe(200);
  const renewed = cookieOf(changed);
  expect((await fetch(`${srv.url}/api/log`, { headers: { cookie: renewed } })).status).toBe(200);
  const c = await connectConsole(srv.url, renewed);
  c.close();
  // The restricted cookie is of the old generation: it opens nothing now.
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: restricted } })).status).toBe(401);
  expect(
    (await post(`${srv.url}/api/login`, null, { username: 'ny.analytiker', password: INITIAL }))
      .status,
  ).toBe(401);
  await login(srv.url, 'ny.analytiker', NEW_PASSWORD);
});

test('R112 an administrator’s reset ends every session of the account and asks for a new password again', async () => {
  await start();
  const admin = await login(srv.url, 'admin');
  const analyst = await login(srv.url, 'analys');
  const c = await connectConsole(srv.url, analyst);
  const ended = new Promise((r) => c.socket.once('session_ended', r));
  expect(
    (await post(`${srv.url}/api/accounts/analys/password`, analyst, { initialPassword: INITIAL }))
      .status,
  ).toBe(403);
  expect(
    (await post(`${srv.url}/api/accounts/admin/password`, admin, { initialPassword: INITIAL }))
      .status,
  ).toBe(409);
  expect(
    (await post(`${srv.url}/api/accounts/ingen/password`, admin, { initialPassword: INITIAL }))
      .status,
  ).toBe(404);
  const reset = await post(`${srv.url}/api/accounts/analys/password`, admin, {
    initialPassword: INITIAL,
  });
  expect(reset.status).toBe(200);
  expect(await ended).toMatchObject({ message: expect.stringMatching(/återställt ditt lösenord/) });
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: analyst } })).status).toBe(401);
  const again = await login(srv.url, 'analys', INITIAL);
  await expectOnlyPasswordChange(again);
});

test('R112 the first administrator under DEMO=off has an initial password, printed or ADMIN_PASSWORD alike', async () => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await start({ DEMO: 'off' });
    const line = log.mock.calls.map((c) => String(c[0])).find((l) => l.includes('"admin"'));
    const printed = /engångslösenordet: (\S+)/.exec(line ?? '')?.[1];
    expect(printed).toBeTruthy();
    const first = await login(srv.url, 'admin', printed);
    await expectOnlyPasswordChange(first);
    expect((await changePassword(first, printed!, NEW_PASSWORD)).status).toBe(200);
    await srv.close();

    // ADMIN_PASSWORD is read from the process environment (or ADMIN_PASSWORD_FILE) at start.
    const dataDir = tempDataDir();
    process.env.ADMIN_PASSWORD = 'från-miljön-vid-start';
    await start({ DEMO: 'off', DATA_DIR: dataDir });
    const fromEnv = await login(srv.url, 'admin', 'från-miljön-vid-start');
    await expectOnlyPasswordChange(fromEnv);
    // A restart does not set it again: the first one counts, and it still must be changed.
    await srv.close({ keepData: true });
    process.env.ADMIN_PASSWORD = 'ett-annat-lösenord-nu';
    await start({ DEMO: 'off', DATA_DIR: dataDir });
    await expectOnlyPasswordChange(await login(srv.url, 'admin', 'från-miljön-vid-start'));
  } finally {
    delete process.env.ADMIN_PASSWORD;
    log.mockRestore();
  }
});

test('R113 a password change checks the rule, ends the other sessions and keeps the current one', async () => {
  await start();
  const here = await login(srv.url, 'analys');
  const there = await login(srv.url, 'analys');
  const mine = await connectConsole(srv.url, here);
  const other = await connectConsole(srv.url, there);
  const otherEnded = new Promise<{ message: string }>((r) => other.socket.once('session_ended', r));
  let mineEnded = false;
  mine.socket.once('session_ended', () => (mineEnded = true));
  const mineClosed = new Promise((r) => mine.socket.once('disconnect', r));

  for (const [pw, why] of [
    ['kort', /minst 12 tecken/],
    ['analys-och-mer-analys', /användarnamn/],
    ['Lösenord2024!!', /för vanligt/],
    ['aaaaaaaaaaaaaaaa', /för få olika tecken/],
    ['krisledning', /skilja sig/],
  ] as const) {
    const r = await changePassword(here, 'krisledning', pw);
    expect([pw, r.status]).toEqual([pw, 400]);
    expect((await errorOf(r)).message).toMatch(why);
  }
  const wrong = await changePassword(here, 'fel', NEW_PASSWORD);
  expect((await errorOf(wrong)).message).toBe('Det nuvarande lösenordet stämmer inte.');
  // None of the refusals ended anything.
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: there } })).status).toBe(200);

  const ok = await changePassword(here, 'krisledning', NEW_PASSWORD);
  expect(ok.status).toBe(200);
  const renewed = cookieOf(ok);
  expect((await otherEnded).message).toMatch(/bytts/);
  await mineClosed;
  expect(mineEnded).toBe(false); // closed to reconnect, not signed out
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: there } })).status).toBe(401);
  await expect(connectConsole(srv.url, there)).rejects.toMatchObject({
    message: 'UNAUTHENTICATED',
  });
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: renewed } })).status).toBe(200);
  const back: TestConsole = await connectConsole(srv.url, renewed);
  await waitFor(
    'the renewed session’s snapshot',
    () => back.snapshots.length > 0 || back.batches.length > 0,
  );
  back.close();
  await login(srv.url, 'analys', NEW_PASSWORD);
  await expect(login(srv.url, 'analys')).rejects.toThrow(/401/);
});

test('R114 an account disabled and enabled again does not bring its old cookies back', async () => {
  await start();
  const old = await login(srv.url, 'analys');
  const admin = await connectConsole(srv.url, await login(srv.url, 'admin'));
  expect(await admin.command('user.disable', { userId: 'analys' })).toMatchObject({ ok: true });
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: old } })).status).toBe(401);
  expect(await admin.command('user.enable', { userId: 'analys' })).toMatchObject({ ok: true });
  admin.close();
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: old } })).status).toBe(401);
  expect((await fetch(`${srv.url}/api/log`, { headers: { cookie: old } })).status).toBe(401);
  await expect(connectConsole(srv.url, old)).rejects.toMatchObject({ message: 'UNAUTHENTICATED' });
  // Signing in again works, and that session survives a restart.
  const fresh = await login(srv.url, 'analys');
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: fresh } })).status).toBe(200);
  const dataDir = srv.dataDir;
  await srv.close({ keepData: true });
  await start({ DATA_DIR: dataDir });
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: fresh } })).status).toBe(200);
  expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: old } })).status).toBe(401);
});

test('R115 a bad entry in the credential file fails closed for that account, names where and why, and breaks nothing else', async () => {
  await start();
  const analyst = await login(srv.url, 'analys');
  const dataDir = srv.dataDir;
  await srv.close({ keepData: true });
  const file = path.join(dataDir, 'credentials.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  all.analys = { v: 1, hash: 'scrypt$1$1$1$x$y', gen: 'två', mustChange: false };
  writeFileSync(file, JSON.stringify(all));

  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await start({ DATA_DIR: dataDir });
    expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: analyst } })).status).toBe(401);
    const r = await post(`${srv.url}/api/login`, null, {
      username: 'analys',
      password: 'krisledning',
    });
    expect(r.status).toBe(401);
    const said = errors.mock.calls.map((c) => String(c[0])).join('\n');
    expect(said).toContain(`${file}, account "analys"`);
    expect(said).toMatch(/gen/);
    // Everyone else signs in and works; the server is healthy.
    const admin = await login(srv.url, 'admin');
    expect((await (await fetch(`${srv.url}/healthz`)).json()) as unknown).toMatchObject({
      status: 'ok',
    });
    // The administrator repairs it with a reset.
    expect(
      (await post(`${srv.url}/api/accounts/analys/password`, admin, { initialPassword: INITIAL }))
        .status,
    ).toBe(200);
    await login(srv.url, 'analys', INITIAL);
    await srv.close({ keepData: true });

    // A file that does not parse: nobody signs in with a password, and it is not written over.
    writeFileSync(file, '{"admin": ');
    await start({ DATA_DIR: dataDir });
    await expect(login(srv.url, 'admin')).rejects.toThrow(/401/);
    expect(errors.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
      /credentials\.json: not JSON/,
    );
    const admin2 = await post(`${srv.url}/api/login`, null, {
      username: 'admin',
      password: 'krisledning',
    });
    expect(admin2.status).toBe(401);
    expect(readFileSync(file, 'utf8')).toBe('{"admin": ');
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  } finally {
    errors.mockRestore();
  }
});
