/**
 * @jest-environment node
 */
// Node's own Blob and WebCrypto (jsdom has no crypto.subtle); the queue's contract, not IndexedDB
// (that is the browser's: test/pwa.e2e.test.ts runs it in Chromium).
import { emptyState, type CityState } from '../../../shared/domain/state';
import { tableFromEntries } from '../../../shared/domain/table';
import { emptyFilesState, type FilesState } from '../../../shared/files/model';
import { createUploadQueue, attachmentCommandId, UPLOAD_QUEUE_FILES } from './uploadQueue';
import { memoryUploads, type QueuedUpload } from './uploadStore';
import type { UploadResult } from './api';

const photo = (text: string) => new Blob([text], { type: 'image/png' });

function rig(o: { live?: boolean; store?: ReturnType<typeof memoryUploads> | null } = {}) {
  let live = o.live ?? false;
  const sent: QueuedUpload[] = [];
  const answers: UploadResult[] = [];
  const said: string[] = [];
  const q = createUploadQueue({
    store: o.store === undefined ? memoryUploads() : o.store,
    live: () => live,
    retryMs: null,
    announce: (t) => said.push(t),
    send: (u) => {
      sent.push(u);
      return Promise.resolve(answers.shift() ?? { ok: true, seq: sent.length });
    },
  });
  return {
    q,
    sent,
    answers,
    said,
    setLive: (v: boolean) => {
      live = v;
    },
  };
}

const req = (file: Blob, targetId = 'rep_1', target: 'report' | 'marker' = 'report') => ({
  space: 'real',
  target,
  targetId,
  name: 'IMG_1.png',
  payload: { target, targetId, name: 'IMG_1.png', confidential: false },
  file,
});

test('R257 the command id comes from the file, the record and its space: the same photo for the same record is one id', async () => {
  const a = await attachmentCommandId(undefined, req(photo('x')));
  expect(a).toMatch(/^ph-[0-9a-f]{48}$/);
  expect(await attachmentCommandId(undefined, req(photo('x')))).toBe(a);
  expect(await attachmentCommandId(undefined, req(photo('y')))).not.toBe(a);
  expect(await attachmentCommandId(undefined, req(photo('x'), 'rep_2'))).not.toBe(a);
  expect(await attachmentCommandId(undefined, req(photo('x'), 'rep_1', 'marker'))).not.toBe(a);
  expect(await attachmentCommandId(undefined, { ...req(photo('x')), space: 'ex_1' })).not.toBe(a);
});

test('R257 after that photo was removed from the record, choosing it again is a new attachment (a new id)', async () => {
  const bytes = new TextEncoder().encode('x');
  const hash = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  const before = await attachmentCommandId(undefined, req(photo('x')));
  const s: CityState = {
    ...emptyState('real'),
    files: {
      ...emptyFilesState(),
      attachments: tableFromEntries([
        ['att_1', { id: 'att_1', hash, target: 'report', targetId: 'rep_1', removed: true }],
      ]) as unknown as FilesState['attachments'],
    },
  };
  const after = await attachmentCommandId(s, req(photo('x')));
  expect(after).not.toBe(before);
});

test('R257 offline the photo waits (once, however often it is chosen); live again it is sent once, with its id', async () => {
  const r = rig();
  await r.q.getState().start('tib.farsta');
  expect(await r.q.getState().attach(req(photo('x')))).toEqual({ ok: true, queued: true });
  expect(await r.q.getState().attach(req(photo('x')))).toEqual({ ok: true, queued: true });
  await r.q.getState().attach(req(photo('z'), 'mark_1', 'marker'));
  expect(r.q.getState().items.map((u) => u.name)).toEqual(['IMG_1.png', 'IMG_1.png']);
  expect(r.sent).toHaveLength(0);
  const ids = r.q.getState().items.map((u) => u.id);

  r.setLive(true);
  await r.q.getState().flush();
  expect(r.sent.map((u) => u.id)).toEqual(ids);
  expect(r.q.getState().items).toEqual([]);
  await r.q.getState().flush();
  expect(r.sent).toHaveLength(2);
  expect(r.said).toContain('Bilagan IMG_1.png är skickad.');
});

test('R257 a send that was not decided (no connection, storage away) keeps the photo, in order, for the next try', async () => {
  const r = rig();
  await r.q.getState().start('tib.farsta');
  await r.q.getState().attach(req(photo('a')));
  await r.q.getState().attach(req(photo('b')));
  r.setLive(true);
  r.answers.push({ ok: false, retry: true, message: 'Lagringen är inte tillgänglig.' });
  await r.q.getState().flush();
  expect(r.sent).toHaveLength(1);
  expect(r.q.getState().items).toHaveLength(2);
  await r.q.getState().flush();
  expect(r.sent.map((u) => u.id)).toEqual([r.sent[0].id, r.sent[0].id, r.sent[2].id]);
  expect(r.q.getState().items).toEqual([]);
});

test('R257 a photo the server refuses once back is dropped from the queue and listed with the reason', async () => {
  const r = rig();
  await r.q.getState().start('tib.farsta');
  await r.q.getState().attach(req(photo('a')));
  r.setLive(true);
  r.answers.push({ ok: false, retry: false, message: 'Markeringen finns inte.' });
  await r.q.getState().flush();
  expect(r.q.getState().items).toEqual([]);
  expect(r.q.getState().refused).toEqual([
    expect.objectContaining({ name: 'IMG_1.png', message: 'Markeringen finns inte.' }),
  ]);
  r.q.getState().dismissRefused(r.q.getState().refused[0].id);
  expect(r.q.getState().refused).toEqual([]);
});

test('R257 online, a send the connection drops on the way waits like one made offline', async () => {
  const r = rig({ live: true });
  await r.q.getState().start('tib.farsta');
  r.answers.push({ ok: false, retry: true, message: 'Ingen förbindelse.' });
  expect(await r.q.getState().attach(req(photo('a')))).toEqual({ ok: true, queued: true });
  expect(r.q.getState().items.map((u) => u.id)).toEqual([r.sent[0].id]);
});

test('R258 a browser that cannot keep files refuses at once, in Swedish, and nothing waits', async () => {
  const r = rig({ store: null });
  await r.q.getState().start('tib.farsta');
  const out = await r.q.getState().attach(req(photo('a')));
  expect(out).toEqual({
    ok: false,
    message: expect.stringMatching(/^Den här webbläsaren kan inte spara filen till senare\./),
  });
  expect(r.q.getState().items).toEqual([]);
});

test('R258 a file larger than the server takes, or a full queue, is refused at once with the reason', async () => {
  const r = rig();
  await r.q.getState().start('tib.farsta');
  r.q.getState().setMaxBytes(2 ** 20);
  expect(await r.q.getState().attach(req(photo('x'.repeat(3 * 2 ** 20))))).toEqual({
    ok: false,
    message: 'Filen är för stor (3 MB). Största tillåtna storlek är 1 MB.',
  });
  r.q.getState().setMaxBytes(10_000);
  for (let i = 0; i < UPLOAD_QUEUE_FILES; i++) await r.q.getState().attach(req(photo(`p${i}`)));
  const full = await r.q.getState().attach(req(photo('one more')));
  expect(full).toEqual({
    ok: false,
    message: expect.stringMatching(/^Filen sparades inte: 20 filer \(1 kB\) väntar redan/),
  });
  expect(r.q.getState().items).toHaveLength(UPLOAD_QUEUE_FILES);
});

test("R257 one person's waiting photos are not another's", async () => {
  const store = memoryUploads();
  const a = rig({ store });
  await a.q.getState().start('tib.farsta');
  await a.q.getState().attach(req(photo('a')));
  const b = rig({ store });
  await b.q.getState().start('tib.bromma');
  expect(b.q.getState().items).toEqual([]);
  await b.q.getState().start('tib.farsta');
  expect(b.q.getState().items).toHaveLength(1);
});
