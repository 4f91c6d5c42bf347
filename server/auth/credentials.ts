import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { writeAtomically } from './sessions';

/**
 * What the server keeps about a password, apart from the event log (the log is exported and
 * shown, secrets are not; profiles are events in the log). One record per account, written
 * whole, so a password, its "must be changed" mark and the session generation change together.
 */
export interface CredentialRecord {
  /** The scrypt hash (server/auth/passwords.ts). */
  hash: string;
  /**
   * Sessions carry the generation they were issued under; a password change or reset moves it
   * on, and every session of an older generation is refused (R113).
   */
  gen: number;
  /** An initial password (set by an administrator, or the first one): must be changed (R112). */
  mustChange: boolean;
}

/**
 * A stored entry that cannot be read as a record. It fails closed for that one account (no
 * sign-in, its sessions refused) and says where and why (R115); other accounts are untouched.
 */
export class CredentialRecordError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = 'CredentialRecordError';
  }
}

export interface CredentialStore {
  /** The account's record, undefined when it has none; throws CredentialRecordError on a bad one. */
  get(userId: string): Promise<CredentialRecord | undefined>;
  set(userId: string, record: CredentialRecord): Promise<void>;
  /** Sets only when none is stored yet; true if this call set it (shared stores need this). */
  setIfAbsent?(userId: string, record: CredentialRecord): Promise<boolean>;
}

const Stored = z
  .object({
    v: z.literal(1),
    hash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/),
    gen: z.number().int().min(0),
    mustChange: z.boolean(),
  })
  .strict();

export const encodeRecord = (r: CredentialRecord): string =>
  JSON.stringify({ v: 1, hash: r.hash, gen: r.gen, mustChange: r.mustChange });

/**
 * Reads one stored entry. A bare scrypt hash is a record of the first version (generation 0,
 * nothing to change); anything else must be a whole, valid record.
 */
export function decodeRecord(raw: unknown, where: string): CredentialRecord {
  if (typeof raw === 'string' && /^scrypt\$[^{}]*$/.test(raw))
    return decodeRecord({ v: 1, hash: raw, gen: 0, mustChange: false }, where);
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      throw new CredentialRecordError(where, 'not JSON');
    }
  }
  const parsed = Stored.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CredentialRecordError(
      where,
      `not a credential record (${issue.path.join('.') || 'value'}: ${issue.message})`,
    );
  }
  const { hash, gen, mustChange } = parsed.data;
  return { hash, gen, mustChange };
}

/**
 * Embedded mode: one JSON file of records, replaced atomically. A file that exists but cannot
 * be read or parsed fails closed: nobody signs in with a password and nothing is written over
 * it, until an operator repairs or restores it (the error names the file).
 */
export class FileCredentialStore implements CredentialStore {
  private entries: Map<string, unknown> | null = null;
  /** Entries already read as records: every command re-checks its session's generation. */
  private readonly decoded = new Map<string, CredentialRecord>();
  private broken: CredentialRecordError | null = null;
  private loading: Promise<Map<string, unknown>> | null = null;
  private writing: Promise<void> = Promise.resolve();
  constructor(private readonly file: string) {}

  private load(): Promise<Map<string, unknown>> {
    return (this.loading ??= this.read());
  }
  private async read(): Promise<Map<string, unknown>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return (this.entries = new Map());
      return this.failClosed((err as Error).message);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return this.failClosed(`not JSON (${(err as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return this.failClosed('not an object of accounts');
    // Object.entries reads own keys only: "__proto__" in the file is an ordinary account.
    return (this.entries = new Map(Object.entries(parsed as Record<string, unknown>)));
  }
  private failClosed(reason: string): Map<string, unknown> {
    this.broken = new CredentialRecordError(this.file, reason);
    console.error(
      `[credentials] ${this.broken.message}: no password sign-in until it is repaired or restored`,
    );
    return new Map();
  }

  async get(userId: string): Promise<CredentialRecord | undefined> {
    const entries = await this.load();
    if (this.broken) throw this.broken;
    if (!entries.has(userId)) return undefined;
    const known = this.decoded.get(userId);
    if (known) return known;
    const record = decodeRecord(entries.get(userId), `${this.file}, account "${userId}"`);
    this.decoded.set(userId, record);
    return record;
  }
  async set(userId: string, record: CredentialRecord): Promise<void> {
    const entries = await this.load();
    if (this.broken) throw this.broken; // never write over a file we could not read
    entries.set(userId, JSON.parse(encodeRecord(record)) as unknown);
    this.decoded.set(userId, { ...record });
    const body = JSON.stringify(Object.fromEntries(entries), null, 1);
    this.writing = this.writing.catch(() => undefined).then(() => writeAtomically(this.file, body));
    return this.writing;
  }
  async setIfAbsent(userId: string, record: CredentialRecord): Promise<boolean> {
    const entries = await this.load();
    if (!this.broken && entries.has(userId)) return false;
    await this.set(userId, record);
    return true;
  }
}
