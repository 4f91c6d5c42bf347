/**
 * docs/protocol.md's route tables against the server: every documented route is served (and
 * answers a GET with something other than 404 for the right person), every served route is
 * documented, and the export table names exactly the formats the routes accept.
 */
import { randomBytes } from 'node:crypto';
import { login, startTestServer, type TestServer } from './support/server';
import { postShare } from './support/shareServer';
import { uploadFile } from './support/files';
import {
  appRoutes,
  concretePath,
  expressPathMatcher,
  parseDocRoutes,
  readDocRoutes,
  type AppRoute,
  type DocRoute,
} from './support/docRoutes';
import { EXPORT_FORMATS } from '../server/export/formats';
import { SYSTEM_ACTOR } from '../shared/domain/actor';
import { hashToken } from '../server/alarm/token';
import { noticeLinkToken } from '../server/notices/token';
import { embeddedBackends } from '../server/app';
import { tableValues } from '../shared/domain/table';

const SECRET = randomBytes(32);
let srv: TestServer;
let served: AppRoute[];
const docs = readDocRoutes();
const key = (method: string, p: string) => `${method} ${p}`;

beforeAll(async () => {
  // No Chromium needed: a PDF route that cannot render says 503, which still proves it exists.
  srv = await startTestServer({ CHROMIUM_PATH: '/nonexistent/chromium' }, (c) => ({
    ...embeddedBackends(c),
    secret: SECRET,
  }));
  served = appRoutes(srv.app.httpApp);
});
afterAll(() => srv.close());

/** The console's own catch-all (`/.*\/`): every path outside the API, documented in prose. */
const isConsoleCatchAll = (r: AppRoute) =>
  r.path.startsWith('/') && r.path.endsWith('/') && r.path.length > 1 && r.path.includes('.*');

function servedMatching(method: string, concrete: string): AppRoute[] {
  return served.filter(
    (r) =>
      r.method === method && !isConsoleCatchAll(r) && expressPathMatcher(r.path).test(concrete),
  );
}

test('the doc parser reads both table shapes and ignores tables of other things', () => {
  const md = [
    '## A',
    '| route | who | what |',
    '| --- | --- | --- |',
    '| `GET /a?x=`, `POST /b/<id>` | anyone | `{x: "a"\\|"b"}` |',
    '',
    '| method | path | who | what |',
    '| ------ | ---- | --- | ---- |',
    '| POST | `/c/:id` | admin | c |',
    '',
    '| type | payload |',
    '| ---- | ------- |',
    '| `GET /not-a-route` | x |',
  ].join('\n');
  expect(parseDocRoutes(md).map((r) => [r.method, r.path, r.who])).toEqual([
    ['GET', '/a', 'anyone'],
    ['POST', '/b/<id>', 'anyone'],
    ['POST', '/c/:id', 'admin'],
  ]);
  expect(docs.length).toBeGreaterThan(20);
});

test('every route in docs/protocol.md is served', () => {
  const missing = docs
    .filter((d) => {
      if (d.method === 'GET' && d.path === '/')
        return !served.some((r) => r.method === 'GET' && (r.path === '/' || isConsoleCatchAll(r)));
      return servedMatching(d.method, concretePath(d.path)).length === 0;
    })
    .map((d) => `${key(d.method, d.path)} (docs/protocol.md:${d.line})`);
  expect(missing).toEqual([]);
});

test('every route the server serves is in docs/protocol.md', () => {
  const undocumented = served
    .filter((r) => !isConsoleCatchAll(r))
    .filter((r) => {
      const m = expressPathMatcher(r.path);
      return !docs.some((d) => d.method === r.method && m.test(concretePath(d.path)));
    })
    .map((r) => key(r.method, r.path));
  expect(undocumented).toEqual([]);
});

test('the export table lists exactly the formats each export accepts', () => {
  const documented = new Map<string, Set<string>>();
  for (const d of docs) {
    const format = d.cells.get('format');
    if (format === undefined) continue;
    const set = documented.get(d.path) ?? new Set<string>();
    for (const m of format.matchAll(/`([a-z0-9]+)`/g)) set.add(m[1]);
    documented.set(d.path, set);
  }
  for (const [route, formats] of EXPORT_FORMATS)
    expect({ route, formats: [...(documented.get(route) ?? [])].sort() }).toEqual({
      route,
      formats: [...formats].sort(),
    });
  // A documented format the code does not accept is refused as INVALID, so it shows here.
});

/** Who to sign in as for a `who` cell; a new wording must be added here on purpose. */
function userFor(d: DocRoute): string | null {
  const who = d.who.toLowerCase();
  if (d.path.startsWith('/delning/')) return null; // the public share routes (no account)
  if (who === 'anyone' || who.startsWith('anyone with')) return null;
  if (who.includes('director') || who === 'signed in' || who.startsWith('signed in'))
    return 'stadsdir';
  if (who.includes('analysis')) return 'analys';
  if (who.includes('liaison')) return 'samverkan';
  if (who.includes('ckl administration')) return 'admin.ckl';
  if (who.startsWith('admin')) return 'admin';
  throw new Error(`no test user for "${d.who}" (${key(d.method, d.path)}); add one to userFor`);
}

test('every documented GET route answers something other than 404 for the right person', async () => {
  const real = srv.app.spaces.get('real')!;
  // Real values for the placeholders: a share link, a message, an alarm answer link.
  const share = await postShare(srv.url, await login(srv.url, 'analys'), {
    sitrepId: 'sit_demo_1',
  });
  expect(share.status).toBe(201);
  const alarm = Object.values(real.state.alarm.alarms)[0];
  const recipient = alarm && tableValues(alarm.recipients)[0];
  expect(recipient).toBeDefined();
  const linkToken = randomBytes(32).toString('base64url');
  const issued = await real.submit(SYSTEM_ACTOR, 'routes-doc:token', {
    type: 'alarm.issueToken',
    payload: {
      alarmId: alarm.id,
      key: recipient.key,
      tokenHash: hashToken(linkToken),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(issued).toMatchObject({ ok: true });
  // A demo notice's read link (R273): derived from the server secret, nothing stored.
  const notice = real.state.lifecycle.notices[real.state.lifecycle.noticeOrder[0]];
  expect(notice).toBeDefined();
  const noticeToken = noticeLinkToken(SECRET, 'real', notice.id, notice.recipients[0].userId);
  const messageId = Object.keys(real.state.ckl.messages)[0];
  expect(messageId).toBeDefined();
  const doc = await uploadFile(
    srv.url,
    await login(srv.url, 'sakchef'),
    '/api/library/documents',
    Buffer.from('# Rutin\n'),
    { title: 'Rutin', kind: 'instruction', version: '1', date: '2024-01-01', name: 'rutin.md' },
  );
  expect(doc.status).toBe(201);
  const fill = (d: DocRoute) => (name: string) => {
    if (name === 'hash') return String(doc.body.hash);
    if (name === 'token' && d.path.startsWith('/u/')) return noticeToken;
    if (name === 'token') return d.path.startsWith('/k/') ? linkToken : share.body.token;
    if (name === 'messageId') return messageId;
    throw new Error(`no sample value for <${name}> in ${d.path}; add one to the test`);
  };

  const cookies = new Map<string, string>();
  const answers: string[] = [];
  for (const d of docs.filter((x) => x.method === 'GET')) {
    const user = userFor(d);
    if (user && !cookies.has(user)) cookies.set(user, await login(srv.url, user));
    const url = `${srv.url}${concretePath(d.path, fill(d))}`;
    const res = await fetch(url, { headers: user ? { cookie: cookies.get(user)! } : {} });
    await res.arrayBuffer();
    // OIDC answers 404 by design when no identity provider is configured.
    const expected404 = d.path.startsWith('/api/oidc/');
    if ((res.status === 404) !== expected404)
      answers.push(`${key(d.method, d.path)} → ${res.status}`);
  }
  expect(answers).toEqual([]);
});
