import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { describeParseError } from '../../shared/events/storable';
import { parseStoredEvent, type StoredEvent } from '../../shared/events';
import {
  ConflictError,
  NotConfirmedError,
  StorageUnavailableError,
  type EventStore,
  type LoadedSpace,
  type RecoveryReport,
  type Snapshot,
} from './eventStore';
import { GENESIS_HASH, verifyChain } from './hashChain';
import { spaceFileName } from './journalStore';

/**
 * The append: one script, so checking the tip and adding the batch cannot interleave with
 * another node's append. Entry ids are `<seq>-0`, so XRANGE by seq needs no index and Redis
 * itself refuses an id that does not grow. Everything that can fail is checked before the
 * first write (Redis does not roll a script back), so a batch is stored whole or not at all.
 *
 * KEYS[1] log stream, KEYS[2] set of spaces
 * ARGV[1] expected last seq, ARGV[2] space, ARGV[3] channel, ARGV[4] writer id,
 * ARGV[5] seq of the first event, ARGV[6..] the events
 * Returns {1, newLast}, {0, actualLast} on a conflict, {2, last} if the batch does not start
 * at expected + 1.
 */
const APPEND_LUA = `
local last = 0
local tip = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if #tip > 0 then last = tonumber(string.match(tip[1][1], '^(%d+)-')) end
local expected = tonumber(ARGV[1])
if last ~= expected then return {0, last} end
if tonumber(ARGV[5]) ~= expected + 1 then return {2, last} end
for i = 6, #ARGV do
  redis.call('XADD', KEYS[1], string.format('%d-0', expected + i - 5), 'e', ARGV[i])
end
local newLast = expected + #ARGV - 5
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4] .. ' ' .. string.format('%d', newLast))
return {1, newLast}
`;

/** Several nodes save snapshots; an older one never replaces a newer one. */
const SNAPSHOT_LUA = `
local cur = tonumber(redis.call('HGET', KEYS[1], 'seq') or '-1')
if tonumber(ARGV[1]) > cur then
  redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'json', ARGV[2])
  return 1
end
return 0
`;

interface Scripted {
  lbAppend(...args: (string | number)[]): Promise<[number, number]>;
  lbSnapshot(...args: (string | number)[]): Promise<number>;
}

interface ScriptedPipeline {
  lbAppend(...args: (string | number)[]): ScriptedPipeline;
  wait(replicas: number, timeoutMs: number): ScriptedPipeline;
  exec(): Promise<[Error | null, unknown][] | null>;
}

export interface RedisEventStoreOptions {
  /** Key prefix, e.g. `lagesbild`; every key this store uses starts with it. */
  prefix: string;
  /** Backstop for lost notifications: how often to look at the tip of each watched log. */
  pollMs?: number;
  /** Page size for reading a log. */
  pageSize?: number;
  /** Replicas that must confirm an append (WAIT) before it counts as stored; 0: none. */
  waitReplicas?: number;
  /** How long an append waits for them before it is NOT_CONFIRMED. */
  waitTimeoutMs?: number;
}

/** ioredis refuses to send at all while disconnected: then the append never left this node. */
const neverSent = (err: unknown): boolean =>
  /Stream isn't writeable|Connection is closed|enableOfflineQueue/.test((err as Error).message) &&
  !(err as Error).message.includes('Command timed out');

const seqOf = (id: string): number => Number(id.slice(0, id.indexOf('-')));

/**
 * The scaled-out store: one Redis stream per space holds the log, written only through the
 * append script above. Any number of nodes share it; a node learns about another node's
 * appends from a pub/sub message the script publishes (and, should one be lost while a
 * connection was down, from a reconnect hook and a slow poll of the tip).
 */
export class RedisEventStore implements EventStore {
  readonly kind = 'redis' as const;
  /** Tells this store's own appends apart from other writers' in the notifications. */
  readonly writerId = randomUUID();
  private readonly watchers = new Map<string, Set<() => void>>();
  /** Per space, the highest seq handed out by this store (loaded, read, or its own append). */
  private readonly known = new Map<string, number>();
  private readonly poll: NodeJS.Timeout;
  private polling = false;
  /** Redis answered the last append with an error (e.g. MISCONF: it cannot write its AOF). */
  private writeRefused = false;
  private closed = false;
  private readonly pageSize: number;

  constructor(
    private readonly redis: Redis,
    private readonly sub: Redis,
    private readonly opts: RedisEventStoreOptions,
  ) {
    this.pageSize = opts.pageSize ?? 2000;
    redis.defineCommand('lbAppend', { lua: APPEND_LUA, numberOfKeys: 2 });
    redis.defineCommand('lbSnapshot', { lua: SNAPSHOT_LUA, numberOfKeys: 1 });
    sub.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    // After an outage the subscription may have missed messages: everyone catches up.
    let first = true;
    sub.on('ready', () => {
      if (first) return void (first = false);
      for (const space of this.watchers.keys()) this.notify(space);
    });
    redis.on('ready', () => {
      for (const space of this.watchers.keys()) this.notify(space);
    });
    this.poll = setInterval(() => void this.pollTips(), opts.pollMs ?? 1000);
    this.poll.unref();
  }

  private key(kind: 'log' | 'snap', space: string): string {
    return `${this.opts.prefix}:${kind}:${spaceFileName(space)}`;
  }
  private get spacesKey(): string {
    return `${this.opts.prefix}:spaces`;
  }
  private channel(space: string): string {
    return `${this.opts.prefix}:appended:${space}`;
  }
  private get scripted(): Scripted {
    return this.redis as unknown as Scripted;
  }

  /** Whether the store can take writes right now (for /healthz). */
  available(): boolean {
    return this.redis.status === 'ready' && !this.writeRefused;
  }

  private unavailable(op: string, err: unknown): StorageUnavailableError {
    return new StorageUnavailableError(`redis ${op} failed: ${(err as Error).message}`, err);
  }

  private async range(space: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    let from = afterSeq;
    while (out.length < limit) {
      const count = Math.min(this.pageSize, limit - out.length);
      let page: [string, string[]][];
      try {
        page = await this.redis.xrange(this.key('log', space), `${from + 1}`, '+', 'COUNT', count);
      } catch (err) {
        throw this.unavailable('read', err);
      }
      for (const [id, fields] of page) out.push(this.decode(space, id, fields));
      if (page.length < count) break;
      from = seqOf(page[page.length - 1][0]);
    }
    return out;
  }

  private decode(space: string, id: string, fields: string[]): StoredEvent {
    const i = fields.indexOf('e');
    const raw = i >= 0 ? fields[i + 1] : undefined;
    let ev: StoredEvent;
    let json: unknown;
    const where = this.key('log', space);
    try {
      json = JSON.parse(raw ?? '');
    } catch {
      throw new UnreadableEntry(where, seqOf(id), 'inte giltig JSON');
    }
    try {
      ev = parseStoredEvent(json);
    } catch (err) {
      const hash = (json as { hash?: unknown } | null)?.hash;
      throw new UnreadableEntry(
        where,
        seqOf(id),
        describeParseError(err),
        typeof hash === 'string' ? hash : undefined,
      );
    }
    if (ev.seq !== seqOf(id))
      throw new UnreadableEntry(where, seqOf(id), `posten säger sekvens ${ev.seq}`);
    return ev;
  }

  /** The whole log, checked link by link; an unreadable entry is reported, not thrown. */
  private async scan(
    space: string,
  ): Promise<{ events: StoredEvent[]; report: RecoveryReport; tipHash: string }> {
    const report: RecoveryReport = {
      space,
      eventCount: 0,
      lastSeq: 0,
      snapshotSeq: null,
      notes: [],
    };
    const events: StoredEvent[] = [];
    /** The stream's highest entry, readable or not: the next append follows it (R82). */
    let tip = { seq: 0, hash: GENESIS_HASH };
    let from = 0;
    for (;;) {
      let page: [string, string[]][];
      try {
        page = await this.redis.xrange(this.key('log', space), `${from + 1}`, '+', 'COUNT', 5000);
      } catch (err) {
        throw this.unavailable('read', err);
      }
      for (const [id, fields] of page) {
        try {
          const ev = this.decode(space, id, fields);
          events.push(ev);
          tip = { seq: ev.seq, hash: ev.hash };
        } catch (err) {
          if (!(err instanceof UnreadableEntry)) throw err;
          (report.badRecords ??= []).push({ where: err.where, seq: err.seq, reason: err.why });
          report.chainBreak ??= {
            seq: err.seq,
            reason: `post ${err.seq} i ${err.where} går inte att läsa: ${err.why}`,
          };
          tip = { seq: err.seq, hash: err.hash ?? tip.hash };
        }
      }
      if (page.length < 5000) break;
      from = seqOf(page[page.length - 1][0]);
    }
    if (!report.chainBreak) {
      const brk = verifyChain(GENESIS_HASH, 0, events);
      if (brk) report.chainBreak = brk;
    }
    report.eventCount = events.length;
    report.lastSeq = tip.seq;
    return { events, report, tipHash: tip.hash };
  }

  async load(space: string): Promise<LoadedSpace> {
    const { events, report, tipHash } = await this.scan(space);
    let snapshot: Snapshot | null = null;
    let raw: string | null;
    try {
      raw = await this.redis.hget(this.key('snap', space), 'json');
    } catch (err) {
      throw this.unavailable('read', err);
    }
    if (raw) {
      try {
        const s = JSON.parse(raw) as Snapshot;
        const at = events[s.seq - 1];
        if (at && at.seq === s.seq && at.hash === s.hash) snapshot = s;
        else
          report.notes.push(
            `Ögonblicksbilden (sekvens ${s.seq}) stämmer inte med loggen och används inte.`,
          );
      } catch {
        report.notes.push('Ögonblicksbilden går inte att läsa och används inte.');
      }
    }
    report.snapshotSeq = snapshot?.seq ?? null;
    this.bump(space, report.lastSeq);
    const after = snapshot ? events.slice(snapshot.seq) : events;
    // After a bad last entry the next event links to the hash it carries (see the journal).
    return { snapshot, events: after, lastHash: tipHash, report };
  }

  async append(space: string, expectedSeq: number, events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    // The conflict check comes first (in the script); here only the batch's own consistency.
    events.forEach((e, i) => {
      if (e.seq !== events[0].seq + i || e.space !== space)
        throw new Error(`append to ${space}: event ${i} has seq ${e.seq} in ${e.space}`);
    });
    const args = [
      this.key('log', space),
      this.spacesKey,
      expectedSeq,
      space,
      this.channel(space),
      this.writerId,
      events[0].seq,
      ...events.map((e) => JSON.stringify(e)),
    ];
    const wait = this.opts.waitReplicas ?? 0;
    let result: [number, number];
    let confirmedBy = Number.POSITIVE_INFINITY;
    try {
      if (wait === 0) result = await this.scripted.lbAppend(...args);
      else {
        // One round trip: the script, then WAIT for the replicas to have everything up to it.
        const pipe = (this.redis.pipeline() as unknown as ScriptedPipeline)
          .lbAppend(...args)
          .wait(wait, this.opts.waitTimeoutMs ?? 1000);
        const replies = (await pipe.exec()) ?? [];
        const [appendErr, appended] = replies[0] ?? [new Error('no reply to the append')];
        if (appendErr) throw appendErr;
        result = appended as [number, number];
        const [waitErr, replicas] = replies[1] ?? [new Error('no reply to WAIT')];
        if (waitErr) throw new NotConfirmedError(`WAIT failed: ${waitErr.message}`, waitErr);
        confirmedBy = Number(replicas);
      }
    } catch (err) {
      if (err instanceof NotConfirmedError) throw err;
      // A reply error means Redis is up but refuses writes (nothing was stored); a lost
      // connection heals by itself.
      if ((err as Error).name === 'ReplyError') {
        this.writeRefused = true;
        throw this.unavailable('append', err);
      }
      if (wait === 0 || neverSent(err)) throw this.unavailable('append', err);
      // Sent, but the answer never came (timeout, connection lost): the primary may hold it.
      throw new NotConfirmedError(`append outcome unknown: ${(err as Error).message}`, err);
    }
    this.writeRefused = false;
    const [ok, last] = result;
    if (ok === 0) throw new ConflictError(space, expectedSeq, Number(last));
    if (ok !== 1)
      throw new Error(
        `append to ${space}: batch starts at ${events[0].seq}, not ${expectedSeq + 1}`,
      );
    if (confirmedBy < wait)
      throw new NotConfirmedError(
        `append to ${space} up to ${Number(last)}: ${confirmedBy} of ${wait} replica(s) confirmed within ${this.opts.waitTimeoutMs ?? 1000} ms`,
      );
    this.bump(space, Number(last));
  }

  /**
   * WAIT covers only this connection's own writes, so a harmless write first: replication is
   * in order, and a replica that has it has everything the primary held before it, whoever
   * wrote that.
   */
  async confirm(): Promise<boolean> {
    const wait = this.opts.waitReplicas ?? 0;
    if (wait === 0) return true;
    try {
      const replies = await this.redis
        .pipeline()
        .incr(`${this.opts.prefix}:confirm`)
        .wait(wait, this.opts.waitTimeoutMs ?? 1000)
        .exec();
      const [err, n] = replies?.[1] ?? [new Error('no reply')];
      return !err && !replies?.[0]?.[0] && Number(n) >= wait;
    } catch {
      return false;
    }
  }

  async read(
    space: string,
    afterSeq: number,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<StoredEvent[]> {
    const events = await this.range(space, afterSeq, limit);
    const last = events.at(-1);
    if (last) this.bump(space, last.seq);
    return events;
  }

  async saveSnapshot(space: string, snapshot: Snapshot): Promise<void> {
    try {
      await this.scripted.lbSnapshot(
        this.key('snap', space),
        snapshot.seq,
        JSON.stringify(snapshot),
      );
    } catch (err) {
      throw this.unavailable('snapshot', err);
    }
  }

  onForeignAppend(space: string, cb: () => void): () => void {
    let set = this.watchers.get(space);
    if (!set) {
      set = new Set();
      this.watchers.set(space, set);
      void this.sub.subscribe(this.channel(space)).catch((err: Error) => {
        // The poll still notices other writers; the subscription comes back on reconnect.
        console.error(`[redis] subscribe ${space} failed: ${err.message}`);
      });
    }
    set.add(cb);
    return () => {
      const s = this.watchers.get(space);
      if (!s) return;
      s.delete(cb);
      if (s.size === 0) {
        this.watchers.delete(space);
        if (!this.closed) void this.sub.unsubscribe(this.channel(space)).catch(() => undefined);
      }
    };
  }

  private onMessage(channel: string, message: string): void {
    const prefix = `${this.opts.prefix}:appended:`;
    if (!channel.startsWith(prefix)) return;
    const space = channel.slice(prefix.length);
    const [writer, seq] = message.split(' ');
    if (writer === this.writerId) return;
    // Already read (a catch-up got there first): nothing new.
    if (Number(seq) > (this.known.get(space) ?? 0)) this.notify(space);
  }

  private bump(space: string, seq: number): void {
    if (seq > (this.known.get(space) ?? 0)) this.known.set(space, seq);
  }

  private notify(space: string): void {
    for (const cb of this.watchers.get(space) ?? []) {
      try {
        cb();
      } catch (err) {
        console.error(`[redis] foreign-append callback for ${space} failed`, err);
      }
    }
  }

  private async pollTips(): Promise<void> {
    if (this.polling || this.closed || this.redis.status !== 'ready') return;
    this.polling = true;
    try {
      for (const space of this.watchers.keys()) {
        const tip = await this.redis.xrevrange(this.key('log', space), '+', '-', 'COUNT', 1);
        const last = tip.length > 0 ? seqOf(tip[0][0]) : 0;
        // Behind what was read: a notification was lost, or the catch-up it caused failed.
        if (last > (this.known.get(space) ?? 0)) this.notify(space);
      }
    } catch {
      /* Redis went away between the status check and the call; the next tick tries again */
    } finally {
      this.polling = false;
    }
  }

  async verify(space: string): Promise<RecoveryReport> {
    return (await this.scan(space)).report;
  }

  async spaces(): Promise<string[]> {
    try {
      return await this.redis.smembers(this.spacesKey);
    } catch (err) {
      throw this.unavailable('read', err);
    }
  }

  /** Closes the connections this store was given; it owns them from construction. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.poll);
    this.watchers.clear();
    await Promise.all(
      [this.redis, this.sub].map((r) =>
        r.status === 'ready' ? r.quit().catch(() => r.disconnect()) : r.disconnect(),
      ),
    );
  }
}

class UnreadableEntry extends Error {
  constructor(
    readonly where: string,
    readonly seq: number,
    readonly why: string,
    readonly hash?: string,
  ) {
    super(`post ${seq} i ${where} går inte att läsa: ${why}`);
  }
}
