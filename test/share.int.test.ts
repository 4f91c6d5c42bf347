/**
 * Share links for partners on a real server on loopback (R90–R99): making a link, the public
 * page and its formats, revocation and expiry, openings, the feeds' conditional requests, and
 * that a token opens its own share and nothing else.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { login, serverHarness, startTestServer, type TestConsole } from './support/server';
import { connectOutcome, rawSocket } from './support/security';
import { exerciseWithApprovedReport, postShare, type CreatedShare } from './support/shareServer';

const { srv, start, connect, consoles, real } = serverHarness('all');
let analys: string;
let lead: TestConsole;

beforeAll(async () => {
  await start();
  analys = await login(srv.url, 'analys');
  lead = await connect(await login(srv.url, 'stabschef'));
});

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const RECIPIENT = { kind: 'actor', actorId: 'lansstyrelsen-stockholm' };
/** The event's version approved last (tests below approve newer ones). */
const draftId = () => Object.values(real().state.ckl.sitreps).find((r) => r.status === 'draft')!.id;
const approvedId = () =>
  Object.values(real().state.ckl.sitreps).find((r) => r.status === 'approved')!.id;

type Created = CreatedShare;
const createShare = (extra: Record<string, unknown> = {}, cookie = analys, id?: string) =>
  postShare(srv.url, cookie, { sitrepId: approvedId(), ...extra }, id);
const open = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

function xmlWellFormed(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lb-atom-'));
  const file = path.join(dir, 'feed.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
const xpathCount = (xml: string, expr: string): number => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lb-atom-'));
  const file = path.join(dir, 'feed.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--xpath', `count(${expr})`, file], { encoding: 'utf8' });
  return Number(r.stdout.trim());
};

describe('R91 making a link', () => {
  test('R91 the server makes a 256-bit token, shows it once, and keeps only its keyed hash', async () => {
    const { status, body } = await createShare();
    expect(status).toBe(201);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.url).toBe(`${srv.url}/delning/${body.token}`);
    expect(body.shareId).toMatch(/^shr_/);
    const created = real().state.shares.shares;
    expect(JSON.stringify(created)).not.toContain(body.token);
    // Neither the token nor its plain SHA-256 is anywhere on disk (journal, snapshots, views).
    const plain = createHash('sha256').update(body.token).digest('hex');
    await real().snapshot();
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = path.join(dir, f);
        return statSync(p).isDirectory() ? files(p) : [p];
      });
    for (const f of files(srv.dataDir)) {
      const text = readFileSync(f, 'utf8');
      expect([f, text.includes(body.token), text.includes(plain)]).toEqual([f, false, false]);
    }
  });

  test('R91 the same request again does not show a second token', async () => {
    const first = await createShare({}, analys, 'share-test-repeat');
    expect(first.status).toBe(201);
    const again = await createShare({}, analys, 'share-test-repeat');
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/länken visas bara en gång/);
    expect(JSON.stringify(again.body)).not.toContain(first.body.token);
  });

  test('R91 a hash made anywhere but the server opens nothing', async () => {
    const chosen = 'A'.repeat(43);
    const ack = await lead.command('share.create', {
      sitrepId: approvedId(),
      recipient: RECIPIENT,
      expiresAt: inMs(86_400_000),
      tokenHash: createHash('sha256').update(chosen).digest('hex'),
    });
    expect(ack.ok).toBe(true);
    const res = await open(`${srv.url}/delning/${chosen}`);
    expect(res.status).toBe(404);
  });

  test('R90 only the analysis function and the lead make links; the refusal says why', async () => {
    const tib = await login(srv.url, 'tib.farsta');
    const r = await createShare({}, tib);
    expect(r.status).toBe(403);
    expect(r.body.error?.message).toMatch(/analysfunktionen och stabschefen/);
    const anon = await createShare({}, '');
    expect(anon.status).toBe(401);
    const bad = await createShare({ expiresAt: inMs(-1000) });
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'INVALID']);
    const odd = await createShare({ sitrepId: '__proto__' });
    expect([odd.status, odd.body.error?.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('R93 the public page', () => {
  let share: Created['body'];
  beforeAll(async () => {
    share = (await createShare()).body;
  });

  test('R93 no account, no cookie, no script, not indexed', async () => {
    for (const f of ['', '/lagesbild.json', '/lagesbild.geojson', '/flode.atom', '/flode.json']) {
      const res = await open(`${share.url}${f}`);
      expect([f, res.status]).toEqual([f, 200]);
      const h = res.headers;
      expect(h.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      expect(h.get('x-robots-tag')).toBe('noindex, nofollow, noarchive');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('set-cookie')).toBeNull();
    }
    const page = await (await open(share.url)).text();
    expect(page).toContain('<meta name="robots" content="noindex, nofollow, noarchive">');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('Länsstyrelsen i Stockholms län');
    for (const p of ['/delning/dela.css', '/delning/okand', `/delning/${'B'.repeat(43)}`])
      expect((await open(`${srv.url}${p}`)).headers.get('set-cookie')).toBeNull();
  });

  test('R93 a staff session cookie changes nothing: the page is the same with and without it', async () => {
    const cookie = await login(srv.url, 'stabschef');
    for (const f of ['', '/lagesbild.json']) {
      const a = await (await open(`${share.url}${f}`)).text();
      const b = await (await open(`${share.url}${f}`, { cookie })).text();
      expect(b).toBe(a);
    }
  });

  test('R93 the token reaches no API route and no socket', async () => {
    const t = share.token;
    const tries: Record<string, string>[] = [
      { cookie: `lb_session=${t}` },
      { authorization: `Bearer ${t}` },
      { 'x-share-token': t },
    ];
    for (const p of [
      '/api/me',
      '/api/log',
      '/api/export/situation',
      '/api/replay',
      '/api/shares/views',
    ])
      for (const headers of tries) {
        const res = await open(`${srv.url}${p}?token=${t}`, headers);
        expect([p, res.status]).toEqual([p, 401]);
      }
    for (const [headers, auth] of [
      [{ cookie: `lb_session=${t}` }, {}],
      [{}, { token: t }],
      [{ authorization: `Bearer ${t}` }, {}],
    ] as const) {
      const s = rawSocket(srv.url, { origin: srv.url, ...headers }, auth);
      expect(await connectOutcome(s)).toBe('error:UNAUTHENTICATED');
      s.close();
    }
  });

  test('R93 a token opens its own share and no other', async () => {
    const other = (await createShare({ recipient: { kind: 'other', name: 'Huddinge kommun' } }))
      .body;
    const mine = (await (await open(`${share.url}/lagesbild.json`)).json()) as {
      share: { recipient: string };
    };
    const theirs = (await (await open(`${other.url}/lagesbild.json`)).json()) as {
      share: { recipient: string };
    };
    expect([mine.share.recipient, theirs.share.recipient]).toEqual([
      'Länsstyrelsen i Stockholms län',
      'Huddinge kommun',
    ]);
    const flipped = `${share.token.slice(0, -1)}${share.token.endsWith('A') ? 'B' : 'A'}`;
    for (const p of [
      `/delning/${flipped}`,
      `/delning/${other.shareId}`,
      `/delning/${share.token}%2F..%2F${other.token}`,
      `/delning/${share.token}/${other.token}`,
      `/delning/${share.token.toLowerCase()}`,
    ]) {
      const res = await open(`${srv.url}${p}`);
      expect([p, res.status]).toEqual([p, 404]);
    }
    expect((await lead.command('share.revoke', { shareId: other.shareId })).ok).toBe(true);
    expect((await open(other.url)).status).toBe(410);
    expect((await open(share.url)).status).toBe(200);
  });

  test('R93 the GeoJSON passes a third-party RFC 7946 validator', async () => {
    const res = await open(`${share.url}/lagesbild.geojson`);
    expect(res.headers.get('content-type')).toMatch(/application\/geo\+json/);
    const fc = check(await res.text()) as unknown as {
      features: { properties: Record<string, unknown> }[];
    };
    expect(fc.features).toHaveLength(11);
    const farsta = fc.features.find((f) => f.properties.districtId === 'farsta');
    expect(farsta?.properties).toMatchObject({ state: 'fresh', status: 'severe', exercise: false });
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="lagesbild-elavbrott-i-soderort-v1\.geojson"/,
    );
  });
});

describe('R94 revocation and expiry', () => {
  test('R94 the next request after a revocation gets 410 with a sentence saying so, in every format', async () => {
    const s = (await createShare()).body;
    expect((await open(s.url)).status).toBe(200);
    expect(
      (await lead.command('share.revoke', { shareId: s.shareId, reason: 'Fel mottagare' })).ok,
    ).toBe(true);
    for (const f of [
      '',
      '/lagesbild.pdf',
      '/lagesbild.json',
      '/lagesbild.geojson',
      '/flode.atom',
      '/flode.json',
    ]) {
      const res = await open(`${s.url}${f}`);
      const text = await res.text();
      expect([f, res.status]).toEqual([f, 410]);
      expect(text).toMatch(
        /Stockholms stad återkallade länken .*Den visar inte längre lägesbilden\./,
      );
      expect(text).not.toContain('Farsta (allvarligt)');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const page = await (await open(s.url)).text();
    expect(page).toContain('role="alert"');
  });

  test('R94 an expired link answers 410 from its expiry on', async () => {
    const s = (await createShare({ expiresAt: inMs(1500) })).body;
    expect((await open(s.url)).status).toBe(200);
    let status = 200;
    for (let i = 0; i < 40 && status !== 410; i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await open(s.url)).status;
    }
    expect(status).toBe(410);
    expect(await (await open(`${s.url}/flode.atom`)).text()).toMatch(/har gått ut/);
  });

  test('R94 an unknown token gets 404 with a sentence', async () => {
    const res = await open(`${srv.url}/delning/${'Z'.repeat(43)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/Länken är okänd/);
  });
});

describe('R95 openings', () => {
  test('R95 each opening is recorded beside the log, and the share list shows them per share', async () => {
    const s = (await createShare()).body;
    const seq = real().seq;
    await open(s.url, { 'user-agent': 'Partner-A' });
    await open(s.url, { 'user-agent': 'Partner-A' });
    await open(`${s.url}/lagesbild.json`, { 'user-agent': 'Partner-B' });
    await open(`${s.url}/flode.atom`, { 'user-agent': 'Poller' });
    expect(real().seq).toBe(seq); // the log does not grow with openings
    const lead2 = await login(srv.url, 'stabschef');
    let v: {
      shareId: string;
      count: number;
      visitors: number;
      byKind: Record<string, number>;
      recent: { visitor: string }[];
    }[] = [];
    for (let i = 0; i < 50 && !v.some((x) => x.shareId === s.shareId && x.count === 4); i++) {
      const res = await fetch(`${srv.url}/api/shares/views`, { headers: { cookie: lead2 } });
      v = ((await res.json()) as { views: typeof v }).views;
      await new Promise((r) => setTimeout(r, 50));
    }
    const mine = v.find((x) => x.shareId === s.shareId)!;
    expect(mine).toMatchObject({ count: 4, visitors: 3, byKind: { page: 2, json: 1, atom: 1 } });
    expect(mine.recent[0].visitor).toMatch(/^[0-9a-f]{16}$/);
    // Neither the address nor the user agent is stored, only a keyed hash of them.
    // The server stops (the store is flushed on close) and starts again on the same data.
    await srv.close({ keepData: true });
    const file = readFileSync(path.join(srv.dataDir, 'share-views.json'), 'utf8');
    expect(file).toContain(s.shareId);
    for (const w of ['127.0.0.1', 'Partner-A', 'Poller']) expect(file).not.toContain(w);
    await start({ DATA_DIR: srv.dataDir });
    analys = await login(srv.url, 'analys');
    lead = await connect(await login(srv.url, 'stabschef'));
    const after = await fetch(`${srv.url}/api/shares/views`, {
      headers: { cookie: await login(srv.url, 'stabschef') },
    });
    const kept = ((await after.json()) as { views: typeof v }).views.find(
      (x) => x.shareId === s.shareId,
    );
    expect(kept?.count).toBe(4);
  });

  test('R98 the openings are shown to the crisis staff only', async () => {
    const tib = await login(srv.url, 'tib.farsta');
    const res = await fetch(`${srv.url}/api/shares/views`, { headers: { cookie: tib } });
    expect(res.status).toBe(403);
  });
});

describe('R96 the partner feed', () => {
  test('R96 Atom is well-formed and JSON Feed valid; a following link gets each new version', async () => {
    const s = (await createShare({ follow: true })).body;
    const atom = await open(`${s.url}/flode.atom`);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await atom.text();
    expect(xmlWellFormed(xml)).toEqual({ ok: true, output: '' });
    // The checker does catch a broken document.
    expect(xmlWellFormed(xml.replace('</feed>', '')).ok).toBe(false);
    expect(xpathCount(xml, "/*[local-name()='feed']/*[local-name()='entry']")).toBe(1);
    // Analysis drafts version 2, the lead approves it: the feed has two entries, newest first.
    const analysConsole = await connect(analys);
    const ack = await analysConsole.command('analysis.draftSitrep', {
      eventId: 'evt_demo_soderort',
      title: 'Samlad lägesbild version 2',
      situation: 'Strömmen tillbaka i Högdalen & Rågsved <i>delvis</i>.\u0007',
    });
    expect(ack.ok).toBe(true);
    const v2 = Object.values(real().state.ckl.sitreps).find((r) => r.version === 2)!;
    expect((await lead.command('ckl.approveSitrep', { sitrepId: v2.id })).ok).toBe(true);
    const xml2 = await (await open(`${s.url}/flode.atom`)).text();
    expect(xmlWellFormed(xml2)).toEqual({ ok: true, output: '' });
    expect(xpathCount(xml2, "//*[local-name()='entry']")).toBe(2);
    expect(xml2).toContain('Version 2: Samlad lägesbild version 2');
    expect(xml2.indexOf('Version 2')).toBeLessThan(xml2.indexOf('Version 1'));
    const feed = (await (await open(`${s.url}/flode.json`)).json()) as {
      version: string;
      items: { id: string; title: string; content_text: string; date_published: string }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.map((i) => i.title)).toEqual([
      'Version 2: Samlad lägesbild version 2',
      'Version 1: Samlad lägesbild Elavbrott i Söderort',
    ]);
    const page = await (await open(s.url)).text();
    expect(page).toContain('Samlad lägesbild version 2');
    expect(page).toContain('Länken visar alltid den senast godkända versionen.');
  });

  test('R96 ETag and Last-Modified: a conditional request gets 304, a change gets 200', async () => {
    const s = (await createShare()).body;
    for (const f of ['/flode.atom', '/flode.json', '', '/lagesbild.json']) {
      const first = await open(`${s.url}${f}`);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(new Date(lastModified).toUTCString()).toBe(lastModified);
      const byTag = await open(`${s.url}${f}`, { 'if-none-match': etag });
      expect([f, byTag.status, await byTag.text()]).toEqual([f, 304, '']);
      const byDate = await open(`${s.url}${f}`, { 'if-modified-since': lastModified });
      expect([f, byDate.status]).toEqual([f, 304]);
      const older = new Date(Date.parse(lastModified) - 60_000).toUTCString();
      expect((await open(`${s.url}${f}`, { 'if-modified-since': older })).status).toBe(200);
      expect((await open(`${s.url}${f}`, { 'if-none-match': '"annan"' })).status).toBe(200);
    }
    // A newer version is approved: the pinned page still shows its own version, now with a
    // notice, so its tag changes and the old one gets the page again.
    const before = (await open(s.url)).headers.get('etag')!;
    const analysConsole = await connect(analys);
    await analysConsole.command('analysis.draftSitrep', {
      eventId: 'evt_demo_soderort',
      title: 'Samlad lägesbild version 3',
      situation: 'Läget lugnare.',
    });
    await lead.command('ckl.approveSitrep', { sitrepId: draftId() });
    const again = await open(s.url, { 'if-none-match': before });
    expect(again.status).toBe(200);
    const page = await again.text();
    expect(page).toContain('En nyare version av lägesbilden har godkänts');
    expect(page).not.toContain('Läget lugnare.');
  });
});

describe('R93 rate limit', () => {
  test('R93 share routes are rate limited per address with a Swedish sentence', async () => {
    const small = await startTestServer({ SHARE_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) {
        last = await fetch(`${small.url}/delning/${'C'.repeat(43)}`);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
      expect(await last!.text()).toMatch(/För många förfrågningar/);
      expect(last!.headers.get('set-cookie')).toBeNull();
      expect(last!.headers.get('x-robots-tag')).toBe('noindex, nofollow, noarchive');
    } finally {
      await small.close();
    }
  });
});

describe('R97 a share from an exercise', () => {
  const REAL_TEXTS = [
    'Elavbrott i Söderort',
    'Farsta (allvarligt): strömlöst sedan 06:40',
    'Strömlöst i hela Farsta sedan 06:40',
    'Reservkraft till ett tredje äldreboende',
    'Länsstyrelsen i Stockholms län', // the real space's shares' recipient
  ];
  let space: string;
  let s: Created['body'];
  let exerciseId: string;

  beforeAll(async () => {
    const ex = await exerciseWithApprovedReport(srv, lead, {
      name: 'Delningsövning',
      situation: 'Brand i Farsta centrum (övning).',
    });
    consoles.push(...ex.consoles);
    space = ex.space;
    exerciseId = ex.exerciseId;
    const made = await createShare({
      space,
      sitrepId: ex.sitrepId,
      recipient: { kind: 'other', name: 'Övningsledningen SSR' },
    });
    expect(made.status).toBe(201);
    s = made.body;
  });

  test('R97 ÖVNING on the page, in the data, in every feed entry and in the file names', async () => {
    const page = await (await open(s.url)).text();
    expect(page).toMatch(/<title>ÖVNING: /);
    expect(page).toMatch(/<h1>ÖVNING: Lägesbild: Övningsbrand i Farsta<\/h1>/);
    expect(page.match(/class="exercise-band" role="note">ÖVNING – ÖVNING – ÖVNING</g)).toHaveLength(
      2,
    );
    const json = (await (await open(`${s.url}/lagesbild.json`)).json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      exercise: true,
      title: 'ÖVNING: Lägesbild: Övningsbrand i Farsta',
    });
    expect(json.notice).toMatch(/^ÖVNING/);
    const geo = (await (await open(`${s.url}/lagesbild.geojson`)).json()) as {
      features: { properties: { exercise: boolean; notice: string } }[];
    };
    for (const f of geo.features) {
      expect(f.properties.exercise).toBe(true);
      expect(f.properties.notice).toMatch(/^ÖVNING/);
    }
    const xml = await (await open(`${s.url}/flode.atom`)).text();
    expect(xmlWellFormed(xml).ok).toBe(true);
    const entries = xpathCount(xml, "//*[local-name()='entry']");
    expect(entries).toBe(1);
    const titled = (where: string) =>
      xpathCount(xml, `${where}/*[local-name()='title'][starts-with(., 'ÖVNING: ')]`);
    expect(titled("//*[local-name()='entry']")).toBe(entries);
    expect(titled("/*[local-name()='feed']")).toBe(1);
    const feed = (await (await open(`${s.url}/flode.json`)).json()) as {
      title: string;
      items: { title: string; content_text: string }[];
    };
    expect(feed.title).toMatch(/^ÖVNING: /);
    for (const i of feed.items) {
      expect(i.title).toMatch(/^ÖVNING: /);
      expect(i.content_text).toMatch(/^ÖVNING/);
    }
    for (const f of ['/lagesbild.json', '/lagesbild.geojson']) {
      const cd = (await open(`${s.url}${f}`)).headers.get('content-disposition')!;
      expect(cd).toMatch(/filename="OVNING-lagesbild-ovningsbrand-i-farsta-v1\./);
      expect(cd).toMatch(/filename\*=UTF-8''%C3%96VNING-lagesbild-/);
    }
  });

  test('R97 an exercise share shows only the exercise, never real data', async () => {
    for (const f of ['', '/lagesbild.json', '/lagesbild.geojson', '/flode.atom', '/flode.json']) {
      const text = await (await open(`${s.url}${f}`)).text();
      expect(text).toContain('Övningsbrand i Farsta');
      for (const t of REAL_TEXTS) expect([f, t, text.includes(t)]).toEqual([f, t, false]);
    }
  });

  test('R97 the link ends when the exercise ends', async () => {
    expect((await lead.command('exercise.end', { exerciseId })).ok).toBe(true);
    const res = await open(s.url);
    expect(res.status).toBe(410);
    const text = await res.text();
    expect(text).toContain('Övningen är avslutad.');
    expect(text).toContain('ÖVNING – ÖVNING – ÖVNING');
  });
});
