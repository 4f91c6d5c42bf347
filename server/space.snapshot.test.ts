import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '../shared/domain/actor';
import { STATE_VERSION } from '../shared/domain/state';
import { Space } from './space';
import { JournalStore } from './store/journalStore';

const lead: Actor = { userId: 'stabschef', name: 'Lena', role: 'ckl_lead' };
const opts = { snapshotEvery: 1_000_000, replayWindow: 100 };
let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'lb-snap-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const snapshotFile = () => path.join(dir, 'snapshots', readdirSync(path.join(dir, 'snapshots'))[0]);

async function write(space: Space, n: number, from: number): Promise<void> {
  for (let i = from; i < from + n; i++) {
    const r = await space.submit(lead, `c${i}`, {
      type: 'log.write',
      payload: { text: `rad ${i}` },
    });
    expect(r.ok).toBe(true);
  }
}

/** Eight commands with a snapshot after the fifth; the state after all eight. */
async function logWithSnapshotAt5of8() {
  const store = new JournalStore(dir);
  const space = await Space.open('real', store, opts);
  await write(space, 5, 0);
  await space.snapshot();
  await write(space, 3, 5);
  const full = space.state;
  space.close();
  await store.close();
  return full;
}

test('a snapshot of the current state shape is used, and records its version', async () => {
  const full = await logWithSnapshotAt5of8();

  expect(JSON.parse(readFileSync(snapshotFile(), 'utf8')).stateVersion).toBe(STATE_VERSION);
  const again = await Space.open('real', new JournalStore(dir), opts);
  expect(again.report.snapshotSeq).toBe(5);
  expect(again.state).toEqual(full);
  again.close();
});

test('a snapshot of an older state shape is not used: the whole log is replayed and the report says so', async () => {
  const full = await logWithSnapshotAt5of8();

  // What a version-1 snapshot looks like to this code: no version, a state it cannot read.
  const file = snapshotFile();
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  delete snap.stateVersion;
  snap.state = { ...snap.state, log: 'not the current shape' };
  writeFileSync(file, JSON.stringify(snap));

  const again = await Space.open('real', new JournalStore(dir), opts);
  expect(again.report.snapshotSeq).toBeNull();
  expect(again.report.notes.join(' ')).toMatch(/äldre version/);
  expect(again.state).toEqual(full);
  again.close();
});

test('R231 a retry after a restart from a snapshot answers the seqs its command produced', async () => {
  await logWithSnapshotAt5of8();
  const again = await Space.open('real', new JournalStore(dir), opts);
  // c2 lies before the snapshot, c6 after it (replayed from the log).
  expect(await again.submit(lead, 'c2', { type: 'log.write', payload: { text: 'x' } })).toEqual({
    ok: true,
    firstSeq: 3,
    seq: 3,
    duplicate: true,
  });
  expect(await again.submit(lead, 'c6', { type: 'log.write', payload: { text: 'x' } })).toEqual({
    ok: true,
    firstSeq: 7,
    seq: 7,
    duplicate: true,
  });
  again.close();
});

test('R231 a snapshot that kept only the last seq of each command still answers a retry', async () => {
  await logWithSnapshotAt5of8();
  const file = snapshotFile();
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  snap.commandIds = snap.commandIds.map(([id, seq]: [string, number]) => [id, seq]);
  writeFileSync(file, JSON.stringify(snap));
  const again = await Space.open('real', new JournalStore(dir), opts);
  expect(await again.submit(lead, 'c4', { type: 'log.write', payload: { text: 'x' } })).toEqual({
    ok: true,
    firstSeq: 5,
    seq: 5,
    duplicate: true,
  });
  expect(again.seq).toBe(8);
  again.close();
});
