/**
 * Attachments and the document library through the real server (R215–R221): type and size
 * checked on upload, nothing stored on a refusal, a file read only by who sees its record.
 */
import { startTestServer, login, type TestServer } from './support/server';
import { jpegLike, pdf, png, uploadFile } from './support/files';
import { sha256 } from '../server/blobs';
import { tableValues } from '../shared/domain/table';
import { filesOf } from '../shared/files/policy';
import { handleCommand } from '../shared/handleCommand';
import { SYSTEM_ACTOR } from '../shared/domain/actor';
import { draft } from '../shared/events';

let srv: TestServer;
const cookies = new Map<string, string>();
const as = async (user: string) => {
  let c = cookies.get(user);
  if (!c) cookies.set(user, (c = await login(srv.url, user)));
  return c;
};
const real = () => srv.app.spaces.get('real')!;
const farstaReport = () =>
  Object.values(real().state.reports).find((r) => r.districtId === 'farsta')!.id;
const otherReport = () =>
  Object.values(real().state.reports).find((r) => r.districtId !== 'farsta')!.id;
const read = (cookie: string, hash: string, space = 'real') =>
  fetch(`${srv.url}/api/files/${hash}?space=${space}`, { headers: { cookie } });

beforeAll(async () => {
  srv = await startTestServer({ UPLOAD_MAX_MB: '0.05' });
});
afterAll(() => srv.close());

test('R215 a photo on the own district report is stored by hash and referenced by an event', async () => {
  const bytes = png(40, 30);
  const seq = real().seq;
  const up = await uploadFile(srv.url, await as('tib.farsta'), '/api/attachments', bytes, {
    target: 'report',
    targetId: farstaReport(),
    name: 'foto.png',
    caption: 'Vatten i entrén',
  });
  expect(up.status).toBe(201);
  expect(up.body).toMatchObject({ hash: sha256(bytes), mediaType: 'image/png' });
  expect(real().seq).toBe(seq + 1);
  const att = tableValues(filesOf(real().state).attachments).at(-1)!;
  expect(att).toMatchObject({ target: 'report', hash: sha256(bytes), districtId: 'farsta' });
  const res = await read(await as('ordf'), sha256(bytes));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
});

test('R215 the type is decided by content: a PDF named .jpg and unknown bytes are refused with 415', async () => {
  const before = { seq: real().seq, blobs: (await srv.app.blobs.list()).length };
  const c = await as('tib.farsta');
  const wrongName = await uploadFile(srv.url, c, '/api/attachments', pdf(), {
    target: 'report',
    targetId: farstaReport(),
    name: 'bild.jpg',
  });
  expect(wrongName.status).toBe(415);
  expect(String((wrongName.body.error as { message: string }).message)).toMatch(
    /heter bild\.jpg men innehållet är en PDF/,
  );
  const exe = await uploadFile(srv.url, c, '/api/attachments', Buffer.from([0x4d, 0x5a, 0, 0, 3]), {
    target: 'report',
    targetId: farstaReport(),
    name: 'program.exe',
  });
  expect(exe.status).toBe(415);
  expect(String((exe.body.error as { message: string }).message)).toMatch(/känns inte igen/);
  expect(real().seq).toBe(before.seq);
  expect((await srv.app.blobs.list()).length).toBe(before.blobs);
});

test('R216 a file over the limit is refused with 413 naming the limit, and nothing is stored', async () => {
  const before = { seq: real().seq, blobs: (await srv.app.blobs.list()).length };
  const big = Buffer.concat([jpegLike(), Buffer.alloc(60 * 1024, 1)]);
  const up = await uploadFile(srv.url, await as('tib.farsta'), '/api/attachments', big, {
    target: 'report',
    targetId: farstaReport(),
    name: 'stor.jpg',
  });
  expect(up.status).toBe(413);
  expect((up.body.error as { message: string }).message).toBe(
    'Filen är för stor. Största tillåtna storlek är 0,1 MB.',
  );
  expect(real().seq).toBe(before.seq);
  expect((await srv.app.blobs.list()).length).toBe(before.blobs);
});

test('R218 a TiB cannot attach to another district or an observer to anything; nothing is stored', async () => {
  const before = { seq: real().seq, blobs: (await srv.app.blobs.list()).length };
  const other = await uploadFile(srv.url, await as('tib.farsta'), '/api/attachments', jpegLike(), {
    target: 'report',
    targetId: otherReport(),
    name: 'a.jpg',
  });
  expect(other.status).toBe(403);
  expect((other.body.error as { message: string }).message).toMatch(/ditt eget område/);
  const observer = await uploadFile(
    srv.url,
    await as('vice.ordf'),
    '/api/attachments',
    jpegLike(),
    {
      target: 'report',
      targetId: farstaReport(),
      name: 'a.jpg',
    },
  );
  expect(observer.status).toBe(403);
  expect((observer.body.error as { message: string }).message).toMatch(/läsbehörighet/);
  const missing = await uploadFile(srv.url, await as('ordf'), '/api/attachments', jpegLike(), {
    target: 'marker',
    targetId: 'mk_finns_inte',
    name: 'a.jpg',
  });
  expect(missing.status).toBe(404);
  expect(real().seq).toBe(before.seq);
  expect((await srv.app.blobs.list()).length).toBe(before.blobs);
});

test('R233 an upload is authorised on its own command and payload before the file is read', async () => {
  const before = { seq: real().seq, blobs: (await srv.app.blobs.list()).length };
  // Over the size limit: read first, this would have been 413; the policy answers first.
  const big = Buffer.concat([jpegLike(), Buffer.alloc(200_000)]);
  const refused = await uploadFile(srv.url, await as('vice.ordf'), '/api/attachments', big, {
    target: 'report',
    targetId: farstaReport(),
    name: 'a.jpg',
  });
  expect(refused.status).toBe(403);
  const malformed = await uploadFile(srv.url, await as('ordf'), '/api/attachments', big, {
    target: 'report',
    name: 'a.jpg',
  });
  expect(malformed.status).toBe(400);
  expect((malformed.body.error as { code: string }).code).toBe('INVALID');
  // Who may attach is let through to the size check.
  const allowed = await uploadFile(srv.url, await as('tib.farsta'), '/api/attachments', big, {
    target: 'report',
    targetId: farstaReport(),
    name: 'a.jpg',
  });
  expect(allowed.status).toBe(413);
  expect(real().seq).toBe(before.seq);
  expect((await srv.app.blobs.list()).length).toBe(before.blobs);
});

test('R218 attachment.add over the socket (no file with it) is refused: a console cannot name a hash', () => {
  const s = real().state;
  const tib = {
    userId: 'tib.farsta',
    name: 'x',
    role: 'district_officer' as const,
    districtId: 'farsta',
  };
  const out = handleCommand(
    tib,
    {
      type: 'attachment.add',
      payload: { target: 'report', targetId: farstaReport(), name: 'a.jpg' },
    },
    s,
    { now: new Date().toISOString(), newId: (p) => `${p}_1` },
  );
  expect(out).toMatchObject({ refused: true, code: 'INVALID' });
  const forged = handleCommand(
    tib,
    {
      type: 'attachment.add',
      payload: { target: 'report', targetId: farstaReport(), name: 'a.jpg', hash: 'a'.repeat(64) },
    },
    s,
    { now: new Date().toISOString(), newId: (p) => `${p}_1` },
  );
  expect(forged).toMatchObject({ refused: true, code: 'INVALID' });
});

test('R219 a confidential photo is not readable by another district: the same 404 as a file that does not exist', async () => {
  const bytes = png(33, 21, [10, 120, 60]);
  const up = await uploadFile(srv.url, await as('tib.farsta'), '/api/attachments', bytes, {
    target: 'report',
    targetId: farstaReport(),
    name: 'skadad.png',
    confidential: true,
  });
  expect(up.status).toBe(201);
  const other = await as('tib.enskede-arsta-vantor');
  const hidden = await read(other, sha256(bytes));
  const unknown = await read(other, sha256(Buffer.from('finns inte')));
  expect(hidden.status).toBe(404);
  expect(unknown.status).toBe(404);
  expect(await hidden.text()).toBe(await unknown.text());
  // The crisis leadership and the district itself see it.
  expect((await read(await as('ordf'), sha256(bytes))).status).toBe(200);
  expect((await read(await as('tib.farsta'), sha256(bytes))).status).toBe(200);
  // And the other district's live state does not list it.
  const { redactState } = await import('../shared/visibility');
  const seen = redactState(real().state, {
    role: 'district_officer',
    districtId: 'enskede-arsta-vantor',
  });
  expect(tableValues(filesOf(seen).attachments).some((a) => a.hash === sha256(bytes))).toBe(false);
});

test('R219 a photo on a confidential log entry takes the entry’s audience', async () => {
  await real().appendSystem(
    { ...SYSTEM_ACTOR, userId: 'tib.farsta', role: 'district_officer' },
    `test:log:${Date.now()}`,
    [
      draft(
        'log.written',
        { entryId: 'log_konf', districtId: 'farsta', text: 'Sekretess' },
        { districtIds: ['farsta'] },
      ),
    ],
  );
  const bytes = png(12, 12, [1, 2, 3]);
  const up = await uploadFile(srv.url, await as('tib.farsta'), '/api/attachments', bytes, {
    target: 'log',
    targetId: 'log_konf',
    name: 'logg.png',
  });
  expect(up.status).toBe(201);
  expect((await read(await as('tib.enskede-arsta-vantor'), sha256(bytes))).status).toBe(404);
  // Another district cannot attach to an entry it cannot see either.
  const blind = await uploadFile(
    srv.url,
    await as('tib.enskede-arsta-vantor'),
    '/api/attachments',
    jpegLike(),
    {
      target: 'log',
      targetId: 'log_konf',
      name: 'x.jpg',
    },
  );
  expect(blind.status).toBe(403);
});

test('R217 the same upload sent twice (a retry) is one event', async () => {
  const bytes = png(20, 20, [9, 9, 9]);
  const c = await as('tib.farsta');
  const payload = { target: 'report', targetId: farstaReport(), name: 'igen.png' };
  const first = await uploadFile(srv.url, c, '/api/attachments', bytes, payload, {
    id: 'retry-000001',
  });
  const again = await uploadFile(srv.url, c, '/api/attachments', bytes, payload, {
    id: 'retry-000001',
  });
  expect(first.status).toBe(201);
  expect(again.body).toMatchObject({
    duplicate: true,
    seq: first.body.seq,
    firstSeq: first.body.firstSeq,
  });
  expect(first.body.firstSeq).toBe(first.body.seq);
  expect(
    tableValues(filesOf(real().state).attachments).filter((a) => a.name === 'igen.png'),
  ).toHaveLength(1);
});

test('R217 the sweep removes an old blob no event references and keeps referenced and young ones', async () => {
  const orphan = Buffer.from('föräldralös');
  await srv.app.blobs.put('real', sha256(orphan), orphan);
  const { collectOrphans } = await import('../server/blobs');
  const states = new Map([['real', real().state]]);
  const young = await collectOrphans(srv.app.blobs, states, 3_600_000);
  expect(young.removed).toBe(0);
  const swept = await collectOrphans(srv.app.blobs, states, 3_600_000, Date.now() + 7_200_000);
  expect(swept.removed).toBe(1);
  expect(await srv.app.blobs.get('real', sha256(orphan))).toBeUndefined();
  const referenced = tableValues(filesOf(real().state).attachments)[0]!;
  expect(await srv.app.blobs.get('real', referenced.hash)).toBeDefined();
});

test('R220 the security chief adds a PDF to the library; a TiB may not; a photo is not a document', async () => {
  const meta = {
    title: 'Krisledningsplan',
    kind: 'crisis_plan',
    version: '2.0',
    date: '2023-01-15',
    name: 'krisledningsplan.pdf',
    levels: ['serious', 'extraordinary'],
    links: [{ cardId: 'director.serious' }],
  };
  const before = real().seq;
  const tib = await uploadFile(
    srv.url,
    await as('tib.farsta'),
    '/api/library/documents',
    pdf(),
    meta,
  );
  expect(tib.status).toBe(403);
  expect((tib.body.error as { message: string }).message).toMatch(/säkerhetschefen/);
  const photo = await uploadFile(srv.url, await as('sakchef'), '/api/library/documents', png(), {
    ...meta,
    name: 'bild.png',
  });
  expect(photo.status).toBe(415);
  expect(real().seq).toBe(before);
  const ok = await uploadFile(srv.url, await as('sakchef'), '/api/library/documents', pdf(), meta);
  expect(ok.status).toBe(201);
  const doc = tableValues(filesOf(real().state).documents).at(-1)!;
  expect(doc).toMatchObject({ title: 'Krisledningsplan', mediaType: 'application/pdf', roles: [] });
  const res = await read(await as('tib.farsta'), doc.hash);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
});

test('R221 a document for one role is read by that role and the leadership, not by others', async () => {
  const md = Buffer.from('# Kontaktrutin\n\nRing <b>jouren</b> först.\n');
  const up = await uploadFile(srv.url, await as('admin'), '/api/library/documents', md, {
    title: 'Kontaktrutin informationsfunktionen',
    kind: 'contact_routine',
    version: '1',
    date: '2024-03-01',
    name: 'kontakt.md',
    roles: ['ckl_information'],
  });
  expect(up.status).toBe(201);
  expect(up.body.mediaType).toBe('text/markdown');
  const hash = sha256(md);
  expect((await read(await as('tib.farsta'), hash)).status).toBe(404);
  expect((await read(await as('info'), hash)).status).toBe(200);
  const dir = await read(await as('ordf'), hash);
  expect(dir.status).toBe(200);
  expect(dir.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  expect(dir.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
});

test('R223 the situation export lists the attachments the reader may see, and not the others', async () => {
  const page = async (user: string) =>
    (
      await fetch(`${srv.url}/api/export/situation?format=html`, {
        headers: { cookie: await as(user) },
      })
    ).text();
  const chair = await page('ordf');
  expect(chair).toContain('<h2>Bilagor</h2>');
  expect(chair).toContain('skadad.png');
  expect(chair).toContain('foto.png');
  const other = await page('tib.enskede-arsta-vantor');
  expect(other).toContain('foto.png');
  expect(other).not.toContain('skadad.png');
  // The photos themselves are drawn in the export (data: URIs of the bytes the reader may see).
  const foto = tableValues(filesOf(real().state).attachments).find((a) => a.name === 'foto.png')!;
  const bytes = await srv.app.blobs.get('real', foto.hash);
  expect(chair).toContain(`src="data:image/png;base64,${bytes!.toString('base64')}"`);
  const secret = tableValues(filesOf(real().state).attachments).find(
    (a) => a.name === 'skadad.png',
  )!;
  const hidden = await srv.app.blobs.get('real', secret.hash);
  expect(other).not.toContain(hidden!.toString('base64'));
});
