import { StorageUnavailableError } from '../store/eventStore';
import { CredentialRecordError, type CredentialRecord, type CredentialStore } from './credentials';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords';

export type RecordRead =
  | { kind: 'none' }
  | { kind: 'ok'; record: CredentialRecord }
  | { kind: 'bad'; error: CredentialRecordError };

/** What a session check learns about its account's generation. */
export type Generation = number | 'refuse' | 'unknown';

/**
 * Passwords and session generations over a credential store. A bad record fails closed for
 * its one account and is named in the server log once (R115). Generations are cached for
 * `cacheMs` (a shared store: every command re-checks its session, and a round trip each time
 * would cost every console), and a node that changes a record sees the change at once.
 */
export class Accounts {
  private readonly cache = new Map<string, { gen: number | 'refuse'; at: number }>();
  private readonly reported = new Set<string>();
  constructor(
    readonly store: CredentialStore,
    private readonly cacheMs = 0,
  ) {}

  async read(userId: string): Promise<RecordRead> {
    try {
      const record = await this.store.get(userId);
      return record ? { kind: 'ok', record } : { kind: 'none' };
    } catch (err) {
      if (!(err instanceof CredentialRecordError)) throw err;
      if (!this.reported.has(err.message)) {
        this.reported.add(err.message);
        console.error(
          `[credentials] ${err.message}: this account cannot sign in and its sessions are refused until an administrator resets its password`,
        );
      }
      return { kind: 'bad', error: err };
    }
  }

  /** The password is right for an account that has a readable record. Same time for every case. */
  async verify(userId: string, password: string): Promise<CredentialRecord | null> {
    const r = await this.read(userId);
    const hash = r.kind === 'ok' ? r.record.hash : await DUMMY_HASH_PROMISE;
    const ok = await verifyPassword(password, hash);
    return ok && r.kind === 'ok' ? r.record : null;
  }

  async generation(userId: string, now = Date.now()): Promise<Generation> {
    const hit = this.cache.get(userId);
    if (hit && now - hit.at < this.cacheMs) return hit.gen;
    try {
      const r = await this.read(userId);
      // No record (an IdP account): generation 0. A bad one refuses every session (R115).
      const gen = r.kind === 'ok' ? r.record.gen : r.kind === 'none' ? 0 : 'refuse';
      this.remember(userId, gen, now);
      return gen;
    } catch (err) {
      // The shared store is away: what this node last knew, or let the signature decide, as
      // the revocation list does (refusing everyone would also lock out consoles that move
      // here from a node that died).
      if (err instanceof StorageUnavailableError) return hit?.gen ?? 'unknown';
      throw err;
    }
  }

  /**
   * A new password for an account: the generation moves on (every older session is refused),
   * one write. `mustChange` for an initial password an administrator (or the first start) set.
   */
  async setPassword(
    userId: string,
    password: string,
    mustChange: boolean,
  ): Promise<CredentialRecord> {
    const before = await this.read(userId);
    // A bad record's generation is unknown: start from the clock, past any small counter.
    const gen =
      before.kind === 'ok' ? before.record.gen + 1 : before.kind === 'bad' ? Date.now() : 0;
    const record = { hash: await hashPassword(password), gen, mustChange };
    await this.store.set(userId, record);
    this.remember(userId, gen, Date.now());
    return record;
  }

  /** The first password of an account, only if it has none (several nodes starting at once). */
  async setFirstPassword(userId: string, password: string, mustChange: boolean): Promise<boolean> {
    const record = { hash: await hashPassword(password), gen: 0, mustChange };
    if (this.store.setIfAbsent) return this.store.setIfAbsent(userId, record);
    await this.store.set(userId, record);
    return true;
  }

  private remember(userId: string, gen: number | 'refuse', at: number): void {
    if (this.cacheMs <= 0) return;
    this.cache.set(userId, { gen, at });
    if (this.cache.size > 10_000)
      for (const [k, v] of this.cache) if (at - v.at >= this.cacheMs) this.cache.delete(k);
  }
}
