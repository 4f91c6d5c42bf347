import {
  appendFileSync,
  existsSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { makeEvents } from '../../test/store.contract';
import { tempDataDir } from '../../test/support/server';
import { GENESIS_HASH, hashEvent } from './hashChain';
import { CHECKPOINT_EVERY, JournalIndex } from './journalIndex';
import { JournalStore } from './journalStore';
import { UnreadableJournalError } from './eventStore';
import type { StoredEvent } from '../../shared/events';

async function journalWith(n: number) {
  const dir = tempDataDir('lb-journal-index-');
  const store = new JournalStore(dir);
  await store.load('real');
  const events = makeEvents('real', 1, n, GENESIS_HASH);
  // Several appends, so the index is built from appends as well as from a scan.
  for (let i = 0; i < n; i += 500) await store.append('real', i, events.slice(i, i + 500));
  await store.close();
  return {
    dir,
    file: path.join(dir, 'journal', 'real.jsonl'),
    indexFile: path.join(dir, 'index', 'real.json'),
    events,
  };
}

const seqs = (evs: StoredEvent[]) => evs.map((e) => e.seq);

test('the index is persisted beside the journal and describes every line', async () => {
  const { dir, indexFile, events } = await journalWith(2500);
  expect(existsSync(indexFile)).toBe(true);
  const idx = JournalIndex.parse(readFileSync(indexFile, 'utf8'));
  expect(idx?.count).toBe(2500);
  expect(idx?.checkpoints.map((c) => c.seq)).toEqual([CHECKPOINT_EVERY, CHECKPOINT_EVERY * 2]);
  expect(idx?.checkpoints[0].hash).toBe(events[CHECKPOINT_EVERY - 1].hash);
  const store = new JournalStore(dir);
  await store.load('real');
  expect(await store.read('real', 2490)).toEqual(events.slice(2490));
  expect(await store.read('real', 1000, 3)).toEqual(events.slice(1000, 1003));
  expect(await store.read('real', 0)).toEqual(events);
  expect(await store.read('real', 2500)).toEqual([]);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('R181 a missing or garbled index is rebuilt from the journal, verified', async () => {
  const { dir, indexFile, events } = await journalWith(1200);
  rmSync(indexFile);
  let store = new JournalStore(dir);
  let loaded = await store.load('real');
  expect(loaded.report.chainBreak).toBeUndefined();
  expect(existsSync(indexFile)).toBe(true);
  expect(await store.read('real', 1100)).toEqual(events.slice(1100));
  await store.close();
  writeFileSync(indexFile, '{"v":1,"count":3');
  store = new JournalStore(dir);
  loaded = await store.load('real');
  expect(loaded.report.chainBreak).toBeUndefined();
  expect(JournalIndex.parse(readFileSync(indexFile, 'utf8'))?.count).toBe(1200);
  expect(await store.read('real', 1199)).toEqual(events.slice(1199));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('after the journal is truncated at a line the stale index is rebuilt and the next seq follows the journal', async () => {
  const { dir, file, indexFile } = await journalWith(1500);
  const lines = readFileSync(file, 'utf8').split('\n');
  truncateSync(file, Buffer.byteLength(lines.slice(0, 1400).join('\n') + '\n'));
  const store = new JournalStore(dir);
  const loaded = await store.load('real');
  expect(loaded.report.lastSeq).toBe(1400);
  expect(JournalIndex.parse(readFileSync(indexFile, 'utf8'))?.count).toBe(1400);
  expect(seqs(await store.read('real', 1395))).toEqual([1396, 1397, 1398, 1399, 1400]);
  const next = makeEvents('real', 1401, 2, loaded.lastHash);
  await store.append('real', 1400, next);
  expect(await store.read('real', 1399)).toEqual([...(await store.read('real', 1399, 1)), ...next]);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a torn last line is cut off, the index ends before it, and the next append reads back', async () => {
  const { dir, file, events } = await journalWith(30);
  appendFileSync(file, '{"seq":31,"space":"real","ty');
  const store = new JournalStore(dir);
  const loaded = await store.load('real');
  expect(loaded.report.truncatedTail).toMatchObject({ afterSeq: 30 });
  const next = makeEvents('real', 31, 1, events[29].hash);
  await store.append('real', 30, next);
  expect(await store.read('real', 29)).toEqual([events[29], ...next]);
  await store.close();
  const reopened = new JournalStore(dir);
  expect((await reopened.load('real')).report.chainBreak).toBeUndefined();
  expect(seqs(await reopened.read('real', 28))).toEqual([29, 30, 31]);
  await reopened.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rewrites line `seq` (1-based, one event per line) with `edit`. */
function editLine(file: string, seq: number, edit: (line: string) => string) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[seq - 1] = edit(lines[seq - 1]);
  writeFileSync(file, lines.join('\n'));
}

test('R19 a tampered line is still found at start-up although a valid index is on disk', async () => {
  const { dir, file } = await journalWith(1100);
  editLine(file, 700, (l) => l.replace('rad 700', 'rad 7OO'));
  const store = new JournalStore(dir);
  const loaded = await store.load('real');
  expect(loaded.report.chainBreak).toMatchObject({ seq: 700 });
  expect((await store.verify('real')).chainBreak).toMatchObject({ seq: 700 });
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('R180 a line changed on disk after start-up is refused by a read, never passed on', async () => {
  const { dir, file, events } = await journalWith(40);
  const store = new JournalStore(dir);
  await store.load('real');
  // Same length, so every offset in the index still points at a whole line.
  editLine(file, 20, (l) => l.replace('rad 20', 'rad 2O'));
  await expect(store.read('real', 19, 1)).rejects.toBeInstanceOf(UnreadableJournalError);
  await expect(store.read('real', 0)).rejects.toThrow(/sekvens 20/);
  expect(await store.read('real', 20)).toEqual(events.slice(20));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('R181 a journal rewritten with a new, self-consistent chain is noted against the index checkpoints', async () => {
  const { dir, file } = await journalWith(CHECKPOINT_EVERY + 10);
  // A rewrite that recomputes every hash: the chain alone cannot show it.
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  let prev = GENESIS_HASH;
  const rewritten = lines.map((l, i) => {
    const e = JSON.parse(l) as StoredEvent;
    const body = {
      ...e,
      data: { ...e.data, text: i === 3 ? 'omskriven' : (e.data as { text: string }).text },
    } as StoredEvent;
    const hash = hashEvent(prev, body);
    prev = hash;
    return JSON.stringify({ ...body, hash });
  });
  writeFileSync(file, rewritten.join('\n') + '\n');
  const store = new JournalStore(dir);
  const loaded = await store.load('real');
  expect(loaded.report.chainBreak).toBeUndefined();
  expect(loaded.report.notes.join('\n')).toMatch(
    new RegExp(`händelse ${CHECKPOINT_EVERY} har en annan kedja`),
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('R82 with a stale index and a bad last line the seq that line claims is never given again', async () => {
  const { dir, file, indexFile, events } = await journalWith(10);
  editLine(file, 10, (l) => l.replace(/"entryId":"[^"]*"/, '"entryId":""'));
  writeFileSync(indexFile, '{}');
  const store = new JournalStore(dir);
  const loaded = await store.load('real');
  expect(loaded.report.lastSeq).toBe(10);
  await expect(
    store.append('real', 9, makeEvents('real', 10, 1, events[8].hash)),
  ).rejects.toThrow();
  await store.append('real', 10, makeEvents('real', 11, 1, loaded.lastHash));
  expect(seqs(await store.read('real', 8))).toEqual([9, 11]);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('concurrent appends are written together and each is acknowledged once durable', async () => {
  const dir = tempDataDir('lb-journal-group-');
  const store = new JournalStore(dir);
  await store.load('real');
  const events = makeEvents('real', 1, 60, GENESIS_HASH);
  // Each append follows the previous one: all but the first wait for the write under way.
  const acks = Array.from({ length: 20 }, (_, i) =>
    store.append('real', i * 3, events.slice(i * 3, i * 3 + 3)),
  );
  // A stale writer in the same group is refused alone.
  const stale = store.append('real', 0, events.slice(0, 1));
  await Promise.all(acks);
  await expect(stale).rejects.toThrow(/expected last seq 0/);
  expect(await store.read('real', 0)).toEqual(events);
  await store.close();
  expect(
    readFileSync(path.join(dir, 'journal', 'real.jsonl'), 'utf8')
      .trim()
      .split('\n'),
  ).toHaveLength(60);
  rmSync(dir, { recursive: true, force: true });
});

test('a long read gives the event loop turns while it runs', async () => {
  const { dir, events } = await journalWith(6000);
  const store = new JournalStore(dir);
  await store.load('real');
  let turns = 0;
  const timer = setInterval(() => turns++, 0);
  const all = await store.read('real', 0);
  clearInterval(timer);
  expect(all).toHaveLength(events.length);
  expect(turns).toBeGreaterThan(0);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a journal not loaded by this store is indexed on first read and re-indexed when it grows', async () => {
  const { dir, events } = await journalWith(50);
  const writer = new JournalStore(dir);
  const loaded = await writer.load('real');
  const reader = new JournalStore(dir);
  expect(seqs(await reader.read('real', 48))).toEqual([49, 50]);
  await writer.append('real', 50, makeEvents('real', 51, 1, loaded.lastHash));
  expect(seqs(await reader.read('real', 48))).toEqual([49, 50, 51]);
  expect((await reader.read('real', 0, 2))[1]).toEqual(events[1]);
  await writer.close();
  await reader.close();
  rmSync(dir, { recursive: true, force: true });
});
