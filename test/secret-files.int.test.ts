/**
 * Secrets from mounted files, as an orchestrator gives them: the server process reads
 * `<VAR>_FILE` before anything else, so every module sees the value and nothing is generated.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer, type ServerProcess } from './support/process';
import { login } from './support/server';

let dir: string;
let srv: ServerProcess | undefined;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lb-secrets-'));
});
afterAll(async () => {
  await srv?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('ADMIN_PASSWORD_FILE and SESSION_SECRET_FILE: the admin signs in with the file, nothing is generated', async () => {
  const secrets = path.join(dir, 'run-secrets');
  const data = path.join(dir, 'data');
  mkdirSync(secrets);
  writeFileSync(path.join(secrets, 'admin_password'), 'Ett långt lösenord från en fil\n');
  writeFileSync(path.join(secrets, 'session_secret'), 'a'.repeat(48));
  srv = await spawnServer({
    PORT: '0',
    DATA_DIR: data,
    DEMO: 'off',
    ADMIN_PASSWORD_FILE: path.join(secrets, 'admin_password'),
    SESSION_SECRET_FILE: path.join(secrets, 'session_secret'),
  });
  expect(await login(srv.url, 'admin', 'Ett långt lösenord från en fil')).toMatch(/^lb_session=/);
  // No password was made up and printed, and no secret was written beside the journal.
  expect(srv.output()).not.toMatch(/skapades med lösenordet/);
  expect(existsSync(path.join(data, 'session-secret'))).toBe(false);
});

test('a secret file that is missing stops the start with a line that names it', async () => {
  await expect(
    spawnServer({
      PORT: '0',
      DATA_DIR: path.join(dir, 'data2'),
      SESSION_SECRET_FILE: path.join(dir, 'nowhere'),
    }),
  ).rejects.toThrow(/SESSION_SECRET_FILE: cannot read .*nowhere \(ENOENT\)/);
});
