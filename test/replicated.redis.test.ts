/**
 * Acknowledged means replicated: a real primary and a real replica of the test's own (AOF,
 * appendfsync always), a real server on loopback in the Redis mode with REDIS_WAIT_REPLICAS=1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { redisBackends } from '../server/redis/backends';
import { dataNode, type DataNode } from './support/sentinel';
import { waitFor } from './support/redis';
import {
  connectConsole,
  login,
  newCommandId,
  startTestServer,
  type TestConsole,
  type TestServer,
} from './support/server';

jest.setTimeout(60_000);

const PREFIX = 'lbrepl';
let root: string;
let primary: DataNode;
let replica: DataNode;
let srv: TestServer;
let writer: TestConsole;
let onPrimary: Redis;

/** The entries of the real log on one Redis, as [seq, commandId]. */
async function logOn(port: number): Promise<[number, string][]> {
  const r = new Redis({ port, host: '127.0.0.1' });
  try {
    const entries = await r.xrange(`${PREFIX}:log:real`, '-', '+');
    return entries.map(([id, f]) => [
      Number(id.split('-')[0]),
      (JSON.parse(f[1]) as { commandId: string }).commandId,
    ]);
  } finally {
    r.disconnect();
  }
}

const linked = async () => /slave0:.*state=online/.test(await onPrimary.info('replication'));

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'lb-repl-'));
  primary = await dataNode(root, 'primary');
  replica = await dataNode(root, 'replica');
  await primary.start();
  await replica.start(primary.port);
  onPrimary = new Redis({ port: primary.port, host: '127.0.0.1' });
  await waitFor(linked, 10_000, 'replica linked');
  srv = await startTestServer(
    {
      REDIS_URL: `redis://127.0.0.1:${primary.port}/0`,
      REDIS_PREFIX: PREFIX,
      REDIS_WAIT_REPLICAS: '1',
      // Long enough for a replica on a loaded machine to confirm the demo's seed; R121 kills it.
      REDIS_WAIT_TIMEOUT_MS: '2000',
    },
    (c) => redisBackends(c),
  );
  writer = await connectConsole(srv.url, await login(srv.url, 'stabschef'));
});

afterAll(async () => {
  writer?.close();
  await srv?.close();
  onPrimary?.disconnect();
  await replica?.kill();
  await primary?.kill();
  rmSync(root, { recursive: true, force: true });
});

test('R120 an acknowledged append is on the replica when the console hears ok', async () => {
  const ack = await writer.command('log.write', { text: 'replikerad' });
  expect(ack.ok).toBe(true);
  if (!ack.ok) return;
  // Read from the replica at once: WAIT returned only after it had the entry.
  const onReplica = await logOn(replica.port);
  expect(onReplica.find(([seq]) => seq === ack.seq)).toBeDefined();
});

test('R121 no replica confirms: NOT_CONFIRMED (never ok, never "nothing saved"); the same id answers the original seq once replicated, applied once', async () => {
  await replica.kill();
  await waitFor(async () => !(await linked()), 10_000, 'replica gone');
  const id = newCommandId();
  const stored = `stabschef:${id}`;
  const first = await writer.command('log.write', { text: 'utan replik' }, { id });
  expect(first.ok).toBe(false);
  if (first.ok) return;
  expect(first.error.code).toBe('NOT_CONFIRMED');
  expect(first.error.message).toBe('Sparat hos primären men ännu inte bekräftat – försöker igen');
  // The primary holds it, exactly once.
  const held = (await logOn(primary.port)).filter(([, c]) => c === stored);
  expect(held).toHaveLength(1);
  const [[heldSeq]] = held;
  // Nobody was told about it: a failover now could drop it.
  expect(writer.events.some((e) => e.commandId === stored)).toBe(false);
  // A retry while still unconfirmed is NOT_CONFIRMED again and stores nothing more.
  const again = await writer.command('log.write', { text: 'utan replik' }, { id });
  expect(again.ok ? 'ok' : again.error.code).toBe('NOT_CONFIRMED');
  // A new command meanwhile is not stored behind an unconfirmed tip: nothing saved.
  const other = await writer.command('log.write', { text: 'annat' });
  expect(other.ok ? 'ok' : other.error.code).toBe('STORAGE_UNAVAILABLE');
  expect((await logOn(primary.port)).filter(([, c]) => c === stored)).toHaveLength(1);

  await replica.start(primary.port);
  await waitFor(linked, 10_000, 'replica back');
  const retried = await writer.command('log.write', { text: 'utan replik' }, { id });
  expect(retried).toMatchObject({ ok: true, seq: heldSeq });
  const log = await logOn(primary.port);
  expect(log.filter(([, c]) => c === stored)).toHaveLength(1);
  // Seqs stay 1..n, each once.
  expect(log.map(([s]) => s)).toEqual(log.map((_, i) => i + 1));
  await writer.waitForSeq(heldSeq, 5000);
  expect(writer.events.filter((e) => e.commandId === stored)).toHaveLength(1);
});
