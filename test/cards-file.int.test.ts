/**
 * The card library as a file (R235, R239, R240): export as YAML, import all or nothing with the
 * line of each problem, a dry run that changes nothing. Real server, real HTTP.
 */
import { connectConsole, login, startTestServer, type TestServer } from './support/server';

jest.setTimeout(60_000);
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.close());

const exportYaml = (cookie: string) =>
  fetch(`${srv.url}/api/cards/export`, { headers: { cookie } });
const importYaml = (cookie: string, body: string, dryRun = false) =>
  fetch(`${srv.url}/api/cards/import${dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/yaml', cookie },
    body,
  });
interface Summary {
  saved: string[];
  retired: string[];
  unchanged: string[];
  dryRun: boolean;
  seq: number;
}

test('R235 only an administrator or the security chief exports or imports the library', async () => {
  const analyst = await login(srv.url, 'analys');
  const ex = await exportYaml(analyst);
  expect(ex.status).toBe(403);
  const im = await importYaml(analyst, 'cards: []');
  expect(im.status).toBe(403);
  expect(((await im.json()) as { error: { message: string } }).error.message).toMatch(
    /administratör eller säkerhetschefen/,
  );
});

test('R235 a deputy acting for the security chief exports and imports as the chief; only as a role they hold', async () => {
  const chief = await connectConsole(srv.url, await login(srv.url, 'sakchef'));
  const ack = await chief.command('delegation.grant', {
    role: 'security_chief',
    toUserId: 'analys',
    basis: 'Säkerhetschefen på semester; analytikern ersätter.',
  });
  chief.close();
  expect(ack).toMatchObject({ ok: true });
  const deputy = await login(srv.url, 'analys');
  const as = (q: string) => `${srv.url}/api/cards/export?${q}`;
  expect((await fetch(as(''), { headers: { cookie: deputy } })).status).toBe(403);
  const ex = await fetch(as('actingFor=security_chief'), { headers: { cookie: deputy } });
  expect(ex.status).toBe(200);
  const yaml = await ex.text();
  // A role the deputy was not given, and a role that is no role, are refused in words.
  expect((await fetch(as('actingFor=chair'), { headers: { cookie: deputy } })).status).toBe(403);
  const bogus = await fetch(as('actingFor=__proto__'), { headers: { cookie: deputy } });
  expect(bogus.status).toBe(400);
  expect(((await bogus.json()) as { error: { message: string } }).error.message).toMatch(/roll/);
  const dry = await fetch(`${srv.url}/api/cards/import?dryRun=1&actingFor=security_chief`, {
    method: 'POST',
    headers: { 'content-type': 'application/yaml', cookie: deputy },
    body: yaml,
  });
  expect(dry.status).toBe(200);
  expect(((await dry.json()) as Summary).saved).toEqual([]);
});

test('R240 importing an export changes nothing; R239 a changed card is one new version, dry run first', async () => {
  const admin = await login(srv.url, 'admin');
  const ex = await exportYaml(admin);
  expect(ex.status).toBe(200);
  expect(ex.headers.get('content-type')).toMatch(/application\/yaml/);
  const yaml = await ex.text();
  expect(yaml).toMatch(/id: tib-disruption/);

  const same = (await (await importYaml(admin, yaml)).json()) as Summary;
  expect(same.saved).toEqual([]);
  expect(same.unchanged).toContain('tib-disruption');

  const titleLine = yaml.split('\n').findIndex((l) => /^\s+title: /.test(l));
  const lines = yaml.split('\n');
  lines[titleLine] = lines[titleLine].replace(/title: .*/, 'title: Omskriven rubrik för prov');
  const changed = lines.join('\n');

  const dry = (await (await importYaml(admin, changed, true)).json()) as Summary;
  expect(dry).toMatchObject({ dryRun: true, seq: same.seq });
  expect(dry.saved).toHaveLength(1);
  const again = await (await exportYaml(admin)).text();
  expect(again).not.toMatch(/Omskriven rubrik för prov/);

  const real = (await (await importYaml(admin, changed)).json()) as Summary;
  expect(real).toMatchObject({ saved: dry.saved, dryRun: false });
  expect(real.seq).toBeGreaterThan(same.seq);
  const after = await (await exportYaml(admin)).text();
  expect(after).toMatch(/title: Omskriven rubrik för prov/);
});

test('R239 a broken file is refused with the line and the reason, and nothing is saved', async () => {
  const admin = await login(srv.url, 'admin');
  const before = await (await exportYaml(admin)).text();
  const broken = before.replace(/deadlineMinutes: \d+/, 'deadlineMinutes: -5');
  expect(broken).not.toBe(before);
  const r = await importYaml(admin, broken);
  expect(r.status).toBe(422);
  const body = (await r.json()) as { error: { issues: { line?: number; message: string }[] } };
  expect(body.error.issues.length).toBeGreaterThan(0);
  expect(body.error.issues[0].line).toBeGreaterThan(0);
  expect(await (await exportYaml(admin)).text()).toBe(before);

  const notYaml = await importYaml(admin, 'cards: [unclosed');
  expect(notYaml.status).toBe(422);
});
