import { rmSync } from 'node:fs';
import { describeEventStoreContract } from '../../test/store.contract';
import { tempDataDir } from '../../test/support/server';
import { JournalStore } from './journalStore';

describeEventStoreContract('embedded journal', async () => {
  const dir = tempDataDir('lb-journal-');
  return {
    store: new JournalStore(dir),
    reopen: async () => new JournalStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

// ------------------------------------------------------------------------------------------
// R82: a bad record is reported where it is, never cut off, and its seq is never reused.
// ------------------------------------------------------------------------------------------
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeEvents } from '../../test/store.contract';
import { GENESIS_HASH, verifyChain } from './hashChain';
import { Space } from '../space';
import { UnreadableJournalError } from './eventStore';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';

async function journalWith(n: number) {
  const dir = tempDataDir('lb-journal-bad-');
  const store = new JournalStore(dir);
  await store.load('real');
  const events = makeEvents('real', 1, n, GENESIS_HASH);
  await store.append('real', 0, events);
  await store.close();
  const file = path.join(dir, 'journal', 'real.jsonl');
  return { dir, file, events };
}

/** Rewrites line `seq` (1-based, one event per line) with `edit`. */
function editLine(file: string, seq: number, edit: (line: string) => string) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[seq - 1] = edit(lines[seq - 1]);
  writeFileSync(file, lines.join('\n'));
}

/** An acknowledged line whose data no longer passes the schema (an id the reader refuses). */
const breakData = (l: string) => l.replace(/"entryId":"[^"]*"/, '"entryId":""');

test('R82 a bad last line is reported with file, line, seq and reason, kept, and its seq is not given again', async () => {
  const { dir, file, events } = await journalWith(5);
  editLine(file, 5, breakData);
  const before = readFileSync(file, 'utf8');
  const store = new JournalStore(dir);
  const loaded = await store.load('real');
  expect(loaded.report.lastSeq).toBe(5);
  expect(loaded.report.truncatedTail).toBeUndefined();
  expect(loaded.report.badRecords).toEqual([
    {
      where: path.join('journal', 'real.jsonl'),
      line: 5,
      seq: 5,
      reason: expect.stringContaining('entryId'),
    },
  ]);
  expect(loaded.report.chainBreak).toMatchObject({ seq: 5 });
  expect(loaded.report.chainBreak?.reason).toMatch(
    /journal\/real\.jsonl rad 5 \(sekvens 5\) går inte att läsa/,
  );
  expect(readFileSync(file, 'utf8')).toBe(before); // nothing cut off or moved away
  // The next event follows the bad one and links to the hash it carries.
  expect(loaded.lastHash).toBe(events[4].hash);
  await expect(store.append('real', 4, makeEvents('real', 5, 1, events[3].hash))).rejects.toThrow();
  await store.append('real', 5, makeEvents('real', 6, 1, loaded.lastHash));
  const all = readFileSync(file, 'utf8').trim().split('\n');
  expect(all).toHaveLength(6);
  expect(JSON.parse(all[5]).seq).toBe(6);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('R82 a space opened on a journal with a bad last line continues at the next seq', async () => {
  const { dir, file } = await journalWith(4);
  editLine(file, 4, breakData);
  const store = new JournalStore(dir);
  const space = await Space.open('real', store, { snapshotEvery: 1000, replayWindow: 100 });
  expect(space.seq).toBe(4);
  expect(space.report.notes.join('\n')).toContain('nästa händelse får sekvens 5');
  const seq = await space.appendSystem(SYSTEM_ACTOR, 'after-bad', [
    { type: 'log.written', data: { entryId: 'log_after', text: 'Efter den trasiga raden.' } },
  ]);
  expect(seq).toBe(5);
  space.close();
  await store.close();
  const seqs = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).seq);
  expect(seqs).toEqual([1, 2, 3, 4, 5]);
  rmSync(dir, { recursive: true, force: true });
});

test('R82 a bad middle line is named by line and seq; the lines after it are kept and the chain break stays there', async () => {
  const { dir, file } = await journalWith(6);
  editLine(file, 3, breakData);
  const store = new JournalStore(dir);
  const r = await store.verify('real');
  expect(r.badRecords).toMatchObject([{ line: 3, seq: 3 }]);
  expect(r.chainBreak?.seq).toBe(3);
  expect(r.eventCount).toBe(5);
  expect(r.lastSeq).toBe(6);
  const events = await store.read('real', 0);
  expect(events.map((e) => e.seq)).toEqual([1, 2, 4, 5, 6]);
  expect(verifyChain(events[2].hash, 4, events.slice(3))).toBeNull();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('R82 a complete last line with no readable seq stops start-up, naming file and line', async () => {
  const { dir, file } = await journalWith(3);
  appendFileSync(file, '\u0000\u0000 a bad sector \u0000\n');
  const store = new JournalStore(dir);
  const err = await store.load('real').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UnreadableJournalError);
  expect((err as Error).message).toMatch(
    /journal\/real\.jsonl rad 4 går inte att läsa \(inte giltig JSON\)/,
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('R80 a produced event that would not read back is refused INVALID_EVENT and nothing is written', async () => {
  const dir = tempDataDir('lb-journal-gate-');
  const store = new JournalStore(dir);
  const space = await Space.open('real', store, { snapshotEvery: 1000, replayWindow: 100 });
  const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const tries: [string, unknown][] = [
    ['an empty id', { entryId: '', text: 'x' }],
    ['a field the schema does not know', { entryId: 'log_a', text: 'x', extra: 1 }],
    ['a number JSON cannot carry', { entryId: 'log_b', text: 'x', districtId: NaN }],
  ];
  for (const [, data] of tries)
    await expect(
      space.appendSystem(SYSTEM_ACTOR, `bad-${String(data)}-${Math.random()}`, [
        { type: 'log.written', data } as never,
      ]),
    ).rejects.toThrow(/ogiltig post i loggen/);
  err.mockRestore();
  expect(space.seq).toBe(0);
  space.close();
  await store.close();
  expect(readFileSync(path.join(dir, 'journal', 'real.jsonl'), 'utf8')).toBe('');
  rmSync(dir, { recursive: true, force: true });
});
