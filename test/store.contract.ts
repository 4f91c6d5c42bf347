/**
 * The contract every EventStore passes (the embedded journal and the Redis store).
 * Call describeEventStoreContract from a test file with a factory for a fresh, empty store.
 */
import type { EventStore } from '../server/store/eventStore';
import { ConflictError } from '../server/store/eventStore';
import { GENESIS_HASH, hashEvent, verifyChain } from '../server/store/hashChain';
import type { StoredEvent } from '../shared/events';
import { emptyState } from '../shared/domain/state';

export function makeEvents(
  space: string,
  fromSeq: number,
  count: number,
  prevHash: string,
): StoredEvent[] {
  const out: StoredEvent[] = [];
  let hash = prevHash;
  for (let i = 0; i < count; i++) {
    const body = {
      seq: fromSeq + i,
      space,
      type: 'log.written' as const,
      data: { entryId: `log_${fromSeq + i}`, text: `rad ${fromSeq + i} – åäö` },
      at: new Date(1_700_000_000_000 + (fromSeq + i) * 1000).toISOString(),
      actor: { userId: 'u1', name: 'Test', role: 'ckl_lead' as const },
      commandId: `c${fromSeq + i}`,
    };
    const ev = { ...body, hash: hashEvent(hash, body) } as StoredEvent;
    hash = ev.hash;
    out.push(ev);
  }
  return out;
}

export function describeEventStoreContract(
  name: string,
  make: () => Promise<{
    store: EventStore;
    reopen: () => Promise<EventStore>;
    cleanup: () => Promise<void>;
  }>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let ctx: Awaited<ReturnType<typeof make>>;
    beforeEach(async () => {
      ctx = await make();
    });
    afterEach(async () => {
      await ctx.store.close();
      await ctx.cleanup();
    });

    test('S1 an empty space loads with nothing and the genesis hash', async () => {
      const l = await ctx.store.load('real');
      expect(l.events).toEqual([]);
      expect(l.snapshot).toBeNull();
      expect(l.lastHash).toBe(GENESIS_HASH);
    });

    test('S2 appended events read back in order, equal to what was written', async () => {
      await ctx.store.load('real');
      const evs = makeEvents('real', 1, 5, GENESIS_HASH);
      await ctx.store.append('real', 0, evs.slice(0, 2));
      await ctx.store.append('real', 2, evs.slice(2));
      expect(await ctx.store.read('real', 0)).toEqual(evs);
      expect(await ctx.store.read('real', 3)).toEqual(evs.slice(3));
      expect(await ctx.store.read('real', 1, 2)).toEqual(evs.slice(1, 3));
    });

    test('S3 an append that does not follow the last seq is refused and stores nothing', async () => {
      await ctx.store.load('real');
      const evs = makeEvents('real', 1, 3, GENESIS_HASH);
      await ctx.store.append('real', 0, evs.slice(0, 1));
      await expect(ctx.store.append('real', 0, evs.slice(0, 1))).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(ctx.store.append('real', 5, evs.slice(1))).rejects.toBeInstanceOf(ConflictError);
      expect((await ctx.store.read('real', 0)).map((e) => e.seq)).toEqual([1]);
    });

    test('S4 what was appended survives closing and reopening, chain intact', async () => {
      await ctx.store.load('real');
      const evs = makeEvents('real', 1, 10, GENESIS_HASH);
      await ctx.store.append('real', 0, evs);
      await ctx.store.close();
      ctx.store = await ctx.reopen();
      const l = await ctx.store.load('real');
      expect(l.events).toEqual(evs);
      expect(l.lastHash).toBe(evs[9].hash);
      expect(l.report.chainBreak).toBeUndefined();
      expect(verifyChain(GENESIS_HASH, 0, l.events)).toBeNull();
    });

    test('S5 a snapshot is returned with only the events after it', async () => {
      await ctx.store.load('real');
      const evs = makeEvents('real', 1, 8, GENESIS_HASH);
      await ctx.store.append('real', 0, evs);
      const state = { ...emptyState('real'), seq: 5 };
      await ctx.store.saveSnapshot('real', {
        seq: 5,
        hash: evs[4].hash,
        state,
        commandIds: [['c5', 5]],
      });
      await ctx.store.close();
      ctx.store = await ctx.reopen();
      const l = await ctx.store.load('real');
      expect(l.snapshot?.seq).toBe(5);
      expect(l.snapshot?.commandIds).toEqual([['c5', 5]]);
      expect(l.events.map((e) => e.seq)).toEqual([6, 7, 8]);
    });

    test('S6 spaces are separate logs with their own sequence', async () => {
      await ctx.store.load('real');
      await ctx.store.load('exercise-x1');
      await ctx.store.append('real', 0, makeEvents('real', 1, 2, GENESIS_HASH));
      await ctx.store.append('exercise-x1', 0, makeEvents('exercise-x1', 1, 3, GENESIS_HASH));
      expect((await ctx.store.read('real', 0)).length).toBe(2);
      expect((await ctx.store.read('exercise-x1', 0)).length).toBe(3);
      expect((await ctx.store.spaces()).sort()).toEqual(['exercise-x1', 'real']);
    });

    test('S7 concurrent appends at the same expected seq: exactly one wins', async () => {
      await ctx.store.load('real');
      const a = makeEvents('real', 1, 1, GENESIS_HASH);
      const b = makeEvents('real', 1, 1, GENESIS_HASH).map((e) => ({ ...e, commandId: 'other' }));
      const results = await Promise.allSettled([
        ctx.store.append('real', 0, a),
        ctx.store.append('real', 0, b),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await ctx.store.read('real', 0)).toHaveLength(1);
    });

    test('S8 verify reports a clean chain', async () => {
      await ctx.store.load('real');
      await ctx.store.append('real', 0, makeEvents('real', 1, 4, GENESIS_HASH));
      const r = await ctx.store.verify('real');
      expect(r.chainBreak).toBeUndefined();
      expect(r.lastSeq).toBe(4);
    });

    test('S9 a batch that would leave a gap is refused and stores nothing', async () => {
      await ctx.store.load('real');
      const evs = makeEvents('real', 1, 4, GENESIS_HASH);
      await ctx.store.append('real', 0, evs.slice(0, 1));
      await expect(ctx.store.append('real', 1, evs.slice(2))).rejects.toThrow();
      expect((await ctx.store.read('real', 0)).map((e) => e.seq)).toEqual([1]);
      await ctx.store.append('real', 1, evs.slice(1));
      expect((await ctx.store.read('real', 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });

    test('S10 a snapshot that does not match the log is not used, and the reason is noted', async () => {
      await ctx.store.load('real');
      const evs = makeEvents('real', 1, 4, GENESIS_HASH);
      await ctx.store.append('real', 0, evs);
      await ctx.store.saveSnapshot('real', {
        seq: 3,
        hash: 'f'.repeat(64),
        state: { ...emptyState('real'), seq: 3 },
        commandIds: [],
      });
      await ctx.store.close();
      ctx.store = await ctx.reopen();
      const l = await ctx.store.load('real');
      expect(l.snapshot).toBeNull();
      expect(l.events).toEqual(evs);
      expect(l.report.notes.join(' ')).toMatch(/sekvens 3/);
    });

    test('S11 read pages through a long log in order', async () => {
      await ctx.store.load('real');
      const evs = makeEvents('real', 1, 2500, GENESIS_HASH);
      for (let i = 0; i < evs.length; i += 500)
        await ctx.store.append('real', i, evs.slice(i, i + 500));
      expect((await ctx.store.read('real', 0)).map((e) => e.seq)).toEqual(evs.map((e) => e.seq));
      expect((await ctx.store.read('real', 1999, 3)).map((e) => e.seq)).toEqual([2000, 2001, 2002]);
      const l = await ctx.store.load('real');
      expect(l.report.lastSeq).toBe(2500);
      expect(l.report.chainBreak).toBeUndefined();
    });
  });
}
