/**
 * `npm run verify-log [-- --data DIR] [--space NAME]`: re-reads every journal and checks the
 * hash chain; prints the first broken link and exits 1 if there is one. With REDIS_URL or
 * REDIS_SENTINELS set (and REDIS_PREFIX as the nodes use) it checks the logs in Redis instead.
 * Built into dist/server/verify-log.js with the server: it runs where the server runs, after
 * `npm prune --omit=dev`.
 */
import path from 'node:path';
import type { EventStore } from '../server/store/eventStore';
import { JournalStore } from '../server/store/journalStore';
import { connectRedis, parseSentinels, ready, type RedisTarget } from '../server/redis/connection';
import { RedisEventStore } from '../server/store/redisEventStore';

async function openStore(dir: string): Promise<{ store: EventStore; where: string }> {
  const url = process.env.REDIS_URL || undefined;
  const sentinels = parseSentinels(process.env.REDIS_SENTINELS ?? '');
  if (!url && sentinels.length === 0) return { store: new JournalStore(dir), where: dir };
  const target: RedisTarget =
    sentinels.length > 0 ? { url, sentinels, name: process.env.REDIS_SENTINEL_NAME } : { url };
  const conn = connectRedis(target, 'store', 60_000);
  const sub = connectRedis(target, 'subscriber');
  await Promise.all([ready(conn), ready(sub)]);
  const prefix = process.env.REDIS_PREFIX ?? 'lagesbild';
  return { store: new RedisEventStore(conn, sub, { prefix }), where: `Redis (${prefix})` };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = path.resolve(opt('data') ?? process.env.DATA_DIR ?? 'data');
  const { store, where } = await openStore(dir);
  const spaces = opt('space') ? [opt('space') as string] : await store.spaces();
  if (spaces.length === 0) {
    console.log(`Ingen logg i ${where}.`);
    await store.close();
    return;
  }
  let broken = false;
  for (const space of spaces) {
    const r = await store.verify(space);
    if (r.chainBreak) {
      broken = true;
      console.log(
        `${space}: BRUTEN vid sekvens ${r.chainBreak.seq} – ${r.chainBreak.reason} (${r.eventCount} händelser lästa)`,
      );
    } else if (r.truncatedTail) {
      console.log(
        `${space}: ${r.eventCount} händelser, kedjan hel; ofullständig sista rad (${r.truncatedTail.bytes} byte) efter sekvens ${r.truncatedTail.afterSeq}`,
      );
    } else {
      console.log(`${space}: ${r.eventCount} händelser, kedjan hel (sista sekvens ${r.lastSeq}).`);
    }
  }
  await store.close();
  process.exitCode = broken ? 1 : 0;
}

main().catch((err) => {
  console.error(`verify-log: ${(err as Error).message}`);
  process.exit(2);
});
