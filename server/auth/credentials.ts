import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Password hashes, kept apart from the event log: the log is exported and shown, secrets are
 * not. Profiles (name, role, district) are events in the log.
 */
export interface CredentialStore {
  get(userId: string): Promise<string | undefined>;
  set(userId: string, hash: string): Promise<void>;
  /** Sets only when none is stored yet; true if this call set it (shared stores need this). */
  setIfAbsent?(userId: string, hash: string): Promise<boolean>;
}

export class FileCredentialStore implements CredentialStore {
  private cache: Record<string, string> | null = null;
  private writing: Promise<void> = Promise.resolve();
  constructor(private readonly file: string) {}

  private async all(): Promise<Record<string, string>> {
    if (this.cache) return this.cache;
    try {
      this.cache = JSON.parse(await fs.readFile(this.file, 'utf8')) as Record<string, string>;
    } catch {
      this.cache = {};
    }
    return this.cache;
  }
  async get(userId: string): Promise<string | undefined> {
    // R111: a name such as `constructor` or `__proto__` is an ordinary, unknown account.
    const all = await this.all();
    const hash = Object.hasOwn(all, userId) ? all[userId] : undefined;
    return typeof hash === 'string' ? hash : undefined;
  }
  async set(userId: string, hash: string): Promise<void> {
    const all = await this.all();
    Object.defineProperty(all, userId, {
      value: hash,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    this.writing = this.writing.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      await fs.writeFile(tmp, JSON.stringify(all, null, 1), { mode: 0o600 });
      await fs.rename(tmp, this.file);
    });
    return this.writing;
  }
}
