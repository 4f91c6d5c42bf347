import { describeEventStoreContract, makeEvents } from '../../test/store.contract';
import {
  SHARED_REDIS_URL,
  deletePrefix,
  startOwnRedis,
  testPrefix,
  waitFor,
  type OwnRedis,
} from '../../test/support/redis';
import { ConflictError, StorageUnavailableError } from './eventStore';
import { GENESIS_HASH } from './hashChain';
import { connectRedis, ready } from '../redis/connection';
import { RedisEventStore } from './redisEventStore';

async function open(prefix: string): Promise<RedisEventStore> {
  const redis = connectRedis(SHARED_REDIS_URL, 'store');
  const sub = connectRedis(SHARED_REDIS_URL, 'subscriber');
  await Promise.all([ready(redis), ready(sub)]);
  return new RedisEventStore(redis, sub, { prefix, pollMs: 200 });
}

describeEventStoreContract('redis', async () => {
  const prefix = testPrefix();
  return {
    store: await open(prefix),
    reopen: () => open(prefix),
    cleanup: () => deletePrefix(SHARED_REDIS_URL, prefix),
  };
});

describe('Redis store across nodes and outages', () => {
  const opened: RedisEventStore[] = [];
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const s of opened) await s.close();
    for (const p of prefixes) await deletePrefix(SHARED_REDIS_URL, p);
  });
  const pair = async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const a = await open(prefix);
    const b = await open(prefix);
    opened.push(a, b);
    return { a, b, prefix };
  };

  test('R1 another writer’s append calls back; the store’s own appends do not', async () => {
    const { a, b } = await pair();
    await a.load('real');
    await b.load('real');
    let onA = 0;
    let onB = 0;
    a.onForeignAppend('real', () => onA++);
    b.onForeignAppend('real', () => onB++);
    await new Promise((r) => setTimeout(r, 100)); // subscriptions in place
    const evs = makeEvents('real', 1, 4, GENESIS_HASH);
    await a.append('real', 0, evs.slice(0, 1));
    await a.append('real', 1, evs.slice(1, 2));
    await waitFor(() => onB >= 1, 3000, 'b notified');
    await new Promise((r) => setTimeout(r, 500)); // two poll rounds: no echo of own appends
    expect(onA).toBe(0);
    expect((await b.read('real', 0)).map((e) => e.seq)).toEqual([1, 2]);
    const settled = onB;
    await new Promise((r) => setTimeout(r, 500)); // b has read it all: no more calls
    expect(onB).toBe(settled);
    await expect(b.append('real', 0, evs.slice(0, 1))).rejects.toBeInstanceOf(ConflictError);
    await b.append('real', 2, evs.slice(2));
    await waitFor(() => onA >= 1, 3000, 'a notified');
  });

  test('R1b a watcher is called again until it has read what others appended', async () => {
    const { a, b } = await pair();
    await a.load('real');
    await b.load('real');
    let onB = 0;
    b.onForeignAppend('real', () => onB++); // never reads, like a catch-up that keeps failing
    await new Promise((r) => setTimeout(r, 100));
    await a.append('real', 0, makeEvents('real', 1, 1, GENESIS_HASH));
    await waitFor(() => onB >= 3, 3000, 'repeated calls from the poll');
    await b.read('real', 0);
    const after = onB;
    await new Promise((r) => setTimeout(r, 500));
    expect(onB).toBe(after);
  });

  test('R2 an edited entry is found by load and verify: the chain breaks there', async () => {
    const { a, prefix } = await pair();
    await a.load('real');
    const evs = makeEvents('real', 1, 5, GENESIS_HASH);
    await a.append('real', 0, evs);
    // Rewrite the stream with event 3's text changed (entries cannot be edited in place).
    const raw = connectRedis(SHARED_REDIS_URL, 'store');
    await ready(raw);
    const key = `${prefix}:log:real`;
    await raw.del(key);
    for (const e of evs) {
      const body = e.seq === 3 ? { ...e, data: { ...e.data, text: 'ändrad i efterhand' } } : e;
      await raw.xadd(key, `${e.seq}-0`, 'e', JSON.stringify(body));
    }
    raw.disconnect();
    const l = await a.load('real');
    expect(l.report.chainBreak?.seq).toBe(3);
    expect((await a.verify('real')).chainBreak?.seq).toBe(3);
  });
});

describe('Redis store on a Redis of its own (kill and restart)', () => {
  let own: OwnRedis;
  let store: RedisEventStore;
  beforeAll(async () => {
    own = await startOwnRedis('always');
    const conn = connectRedis(own.url, 'store');
    const sub = connectRedis(own.url, 'subscriber');
    await Promise.all([ready(conn), ready(sub)]);
    store = new RedisEventStore(conn, sub, { prefix: 'lbtest', pollMs: 200 });
  });
  afterAll(async () => {
    await store?.close();
    await own?.stop();
  });

  test('R3 Redis gone: appends fail at once with StorageUnavailableError and store nothing; back: it works and watchers catch up', async () => {
    await store.load('real');
    const evs = makeEvents('real', 1, 200, GENESIS_HASH);
    for (let i = 0; i < 100; i += 10) await store.append('real', i, evs.slice(i, i + 10));
    let woke = 0;
    store.onForeignAppend('real', () => woke++);
    await own.kill();
    const t0 = Date.now();
    await expect(store.append('real', 100, evs.slice(100, 110))).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    expect(Date.now() - t0).toBeLessThan(1000);
    await waitFor(() => !store.available(), 1000, 'store reports unavailable');
    await expect(store.read('real', 0)).rejects.toBeInstanceOf(StorageUnavailableError);

    await own.start(); // SIGKILLed with appendfsync always: every acknowledged append is back
    await waitFor(() => store.available(), 10_000, 'reconnect');
    await waitFor(() => woke > 0, 5000, 'catch-up call after reconnect');
    const back = await store.load('real');
    expect(back.events).toEqual(evs.slice(0, 100));
    expect(back.report.chainBreak).toBeUndefined();
    await store.append('real', 100, evs.slice(100, 110));
    expect((await store.read('real', 95)).map((e) => e.seq)).toEqual(
      Array.from({ length: 15 }, (_, i) => 96 + i),
    );
  });
});
