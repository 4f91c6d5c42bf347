/**
 * Tamper evidence (R19): an edited or removed journal line is reported with its sequence
 * number by `npm run verify-log`, by GET /api/verify on demand, and at start-up in /healthz
 * and the server log.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecoveryReport } from '../server/store/eventStore';
import {
  connectConsole,
  login,
  startTestServer,
  tempDataDir,
  type TestServer,
} from './support/server';

const ROOT = path.resolve(__dirname, '..');
let srv: TestServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await srv?.close({ keepData: true });
  srv = undefined;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const journalOf = (dir: string) => path.join(dir, 'journal', 'real.jsonl');

/** A journal with a few notes, server closed; returns the seqs of the notes. */
async function seeded(): Promise<{ dataDir: string; seqs: number[] }> {
  const dataDir = tempDataDir('lb-tamper-');
  dirs.push(dataDir);
  srv = await startTestServer({ DATA_DIR: dataDir, SNAPSHOT_EVERY: '100000' });
  const c = await connectConsole(srv.url, await login(srv.url, 'tib.farsta'));
  const seqs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const a = await c.command('log.write', { text: `Anteckning ${i}` });
    if (!a.ok) throw new Error('seed failed');
    seqs.push(a.seq);
  }
  c.close();
  await srv.close({ keepData: true });
  srv = undefined;
  return { dataDir, seqs };
}

function editLine(dataDir: string, seq: number, f: (line: string) => string | null): void {
  const lines = readFileSync(journalOf(dataDir), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith(`{"seq":${seq},`));
  if (i < 0) throw new Error(`no line ${seq}`);
  const next = f(lines[i]);
  if (next === null) lines.splice(i, 1);
  else lines[i] = next;
  writeFileSync(journalOf(dataDir), lines.join('\n'));
}

const verifyLog = (dataDir: string): Promise<{ code: number; out: string }> =>
  new Promise((resolve) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts', 'verify-log.ts'), '--data', dataDir],
      { cwd: ROOT },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    ),
  );

async function startAndCapture(dataDir: string): Promise<string> {
  const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    srv = await startTestServer({ DATA_DIR: dataDir });
    return [...err.mock.calls, ...warn.mock.calls].map((c) => String(c[0])).join('\n');
  } finally {
    err.mockRestore();
    warn.mockRestore();
  }
}
const healthIntegrity = async () =>
  (
    (await (await fetch(`${srv!.url}/healthz`)).json()) as {
      spaces: { real: { integrity: unknown } };
    }
  ).spaces.real.integrity;
const verifyApi = async (): Promise<RecoveryReport[]> => {
  const res = await fetch(`${srv!.url}/api/verify`, {
    headers: { cookie: await login(srv!.url, 'sakchef') },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { reports: RecoveryReport[] }).reports;
};

test('R19 an intact journal verifies clean', async () => {
  const { dataDir, seqs } = await seeded();
  const v = await verifyLog(dataDir);
  expect(v.code).toBe(0);
  expect(v.out).toContain(`kedjan hel (sista sekvens ${seqs.at(-1)})`);
});

test("R19 an edited middle line's text is named by its seq: verify-log, start-up log, /healthz, /api/verify", async () => {
  const { dataDir, seqs } = await seeded();
  const victim = seqs[2];
  editLine(dataDir, victim, (l) => l.replace('Anteckning 2', 'Anteckning 2 (ändrad i efterhand)'));
  const v = await verifyLog(dataDir);
  expect(v.code).toBe(1);
  expect(v.out).toContain(`real: BRUTEN vid sekvens ${victim}`);
  const logged = await startAndCapture(dataDir);
  expect(logged).toContain(`LOGGENS KEDJA ÄR BRUTEN vid sekvens ${victim}`);
  expect(await healthIntegrity()).toEqual({ ok: false, firstBrokenSeq: victim });
  const [report] = await verifyApi();
  expect(report.chainBreak).toEqual({
    seq: victim,
    reason: `händelse ${victim} har ändrats eller länken före den är bruten`,
  });
});

test('R19 a removed line is named by its seq', async () => {
  const { dataDir, seqs } = await seeded();
  const victim = seqs[1];
  editLine(dataDir, victim, () => null);
  const v = await verifyLog(dataDir);
  expect(v.code).toBe(1);
  expect(v.out).toContain(`BRUTEN vid sekvens ${victim} – sekvensnummer ${victim} saknas`);
  // The server still starts (a crisis does not wait), and says so everywhere.
  const logged = await startAndCapture(dataDir);
  expect(logged).toContain(`LOGGENS KEDJA ÄR BRUTEN vid sekvens ${victim}`);
  expect(logged).toContain(`Sekvens ${victim} saknas eller kunde inte läsas`);
  expect(await healthIntegrity()).toEqual({ ok: false, firstBrokenSeq: victim });
  expect((await verifyApi())[0].chainBreak?.seq).toBe(victim);
  // It keeps working, and the gap stays on record.
  const c = await connectConsole(srv!.url, await login(srv!.url, 'tib.farsta'));
  const a = await c.command('log.write', { text: 'Efter' });
  expect(a).toMatchObject({ ok: true, seq: seqs.at(-1)! + 1 });
  c.close();
  expect((await verifyApi())[0].chainBreak?.seq).toBe(victim);
});

test('R19 on demand: an edit made while the server runs is found by /api/verify', async () => {
  const { dataDir, seqs } = await seeded();
  srv = await startTestServer({ DATA_DIR: dataDir });
  expect((await verifyApi())[0].chainBreak).toBeUndefined();
  editLine(dataDir, seqs[3], (l) => l.replace('"tib.farsta"', '"stadsdir"'));
  expect((await verifyApi())[0].chainBreak?.seq).toBe(seqs[3]);
  // Only the roles that answer for the log may ask.
  const res = await fetch(`${srv.url}/api/verify`, {
    headers: { cookie: await login(srv.url, 'tib.farsta') },
  });
  expect(res.status).toBe(403);
});
