import { Redis, type RedisOptions } from 'ioredis';

/**
 * Hands the jobs of a worker that died to the living within a fraction of a second.
 *
 * BullMQ learns that a worker is gone only when the locks on its jobs expire (`JOB_LOCK_MS`),
 * and a lock short enough for an alarm is one a live node loses in a pause. A process that
 * dies, though, has its TCP connections closed by the kernel at once, and Redis forgets them.
 * So each worker keeps one connection named after its BullMQ worker id, every node watches
 * `CLIENT LIST`, and when a worker it saw is gone for `confirmPolls` looks in a row, the locks
 * that worker held are released: the next stall check moves those jobs back to waiting and a
 * living worker runs them. A run that is repeated this way is one the job handlers already
 * survive (a send resumes under its idempotency key, R52).
 *
 * A machine that vanishes without closing its connections (power, a cut cable) is still found
 * by the lock's expiry. After this node's own connection was lost (a failover, a restart of
 * Redis) it forgets whom it saw: the others reconnect at their own pace and are not dead.
 */
export interface WorkerLivenessOptions {
  /** ioredis options for the queue's Redis (sentinels included). */
  connection: RedisOptions;
  /** BullMQ's key of the queue's active list and the prefix of its job keys. */
  activeKey: string;
  jobKeyPrefix: string;
  /** Names every liveness connection of this deployment and queue. */
  namePrefix: string;
  pollMs?: number;
  confirmPolls?: number;
  /** Told the ids of jobs whose locks were released (for logs and tests). */
  onReleased?: (workerId: string, jobIds: string[]) => void;
}

/**
 * Releases the lock of every active job whose token names a worker not in ARGV. A BullMQ
 * token is `<worker id>:<counter>`; a lock of another shape is left alone.
 */
const RELEASE_LOCKS_OF = `
local gone = {}
for i = 2, #ARGV do gone[ARGV[i]] = true end
local released = {}
for _, id in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local lockKey = ARGV[1] .. id .. ':lock'
  local token = redis.call('GET', lockKey)
  if token then
    local owner = string.match(token, '^(.+):%d+$')
    if owner and gone[owner] then
      redis.call('DEL', lockKey)
      released[#released + 1] = id
    end
  end
end
return released
`;

export class WorkerLiveness {
  private readonly own: Redis;
  private readonly watcher: Redis;
  private readonly missing = new Map<string, number>();
  private seen = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** True once this worker's connection is up, so the others can see it. */
  visible = false;

  constructor(
    private readonly opts: WorkerLivenessOptions,
    private readonly workerId: string,
  ) {
    const base: RedisOptions = { ...opts.connection, maxRetriesPerRequest: null };
    this.own = new Redis({
      ...base,
      lazyConnect: true,
      connectionName: `${opts.namePrefix}${workerId}`,
    });
    this.watcher = new Redis({ ...base, lazyConnect: true });
    for (const c of [this.own, this.watcher]) c.on('error', () => undefined); // ioredis retries
    this.watcher.on('close', () => {
      this.seen = new Set();
      this.missing.clear();
    });
  }

  /** Whether this node has seen that worker connected (and not yet judged it dead). */
  sees(workerId: string): boolean {
    return this.seen.has(workerId);
  }

  /** Resolves once this worker is visible to the others: only then may it take jobs. */
  async start(): Promise<void> {
    await Promise.all([this.own.connect(), this.watcher.connect()]);
    this.visible = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.look().finally(() => this.schedule());
    }, this.opts.pollMs ?? 200);
    this.timer.unref();
  }

  /** One look at who is connected; releases what the confirmed dead held. */
  async look(): Promise<void> {
    let list: string;
    try {
      list = (await this.watcher.client('LIST')) as string;
    } catch {
      return; // not connected: no judgement
    }
    const alive = new Set<string>();
    for (const m of list.matchAll(/ name=(\S+)/g))
      if (m[1].startsWith(this.opts.namePrefix)) alive.add(m[1].slice(this.opts.namePrefix.length));
    const dead: string[] = [];
    for (const id of this.seen) {
      if (alive.has(id)) {
        this.missing.delete(id);
        continue;
      }
      const n = (this.missing.get(id) ?? 0) + 1;
      this.missing.set(id, n);
      if (n >= (this.opts.confirmPolls ?? 2)) dead.push(id);
    }
    for (const id of alive) this.seen.add(id);
    if (dead.length === 0) return;
    try {
      const released = (await this.watcher.eval(
        RELEASE_LOCKS_OF,
        1,
        this.opts.activeKey,
        this.opts.jobKeyPrefix,
        ...dead,
      )) as string[];
      for (const id of dead) {
        this.seen.delete(id);
        this.missing.delete(id);
      }
      if (released.length > 0) this.opts.onReleased?.(dead.join(','), released);
    } catch {
      // Tried again at the next look: the dead stay dead.
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([this.own.quit(), this.watcher.quit()].map((p) => p.catch(() => undefined)));
  }
}
