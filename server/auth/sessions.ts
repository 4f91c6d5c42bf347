import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const SESSION_COOKIE = 'lb_session';

export interface Session {
  sid: string;
  userId: string;
  /** Expiry, ms since epoch. */
  exp: number;
  /** The account's credential generation when issued (R113; absent in older tokens: 0). */
  gen?: number;
  /** The real space's seq when issued: an account re-enabled later refuses it (R114). */
  seq?: number;
  /** Signed in with an initial password: this session may only change it (R112). */
  mustChange?: boolean;
}

/** The account's current credential generation, as the session check needs it (accounts.ts). */
export type GenerationLookup = (userId: string) => Promise<number | 'refuse' | 'unknown'>;

/** Ended sessions (sign-out): checked on every request and socket. */
export interface RevocationList {
  isRevoked(sid: string): Promise<boolean>;
  revoke(sid: string, exp: number): Promise<void>;
}

/**
 * Session tokens are signed, so every node can check them without a shared session table;
 * the token carries only an id, the user and the expiry. Signing out revokes the id.
 */
export class SessionTokens {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlMs: number,
    private readonly revocations: RevocationList,
    private readonly generation: GenerationLookup = () => Promise.resolve('unknown'),
  ) {}

  issue(
    userId: string,
    at: { gen: number; seq: number; mustChange?: boolean },
    now = Date.now(),
  ): { token: string; session: Session } {
    return this.seal({
      sid: randomBytes(16).toString('base64url'),
      userId,
      exp: now + this.ttlMs,
      gen: at.gen,
      seq: at.seq,
      ...(at.mustChange ? { mustChange: true } : {}),
    });
  }

  /** The same session under a new generation (after its own password change): id and expiry kept. */
  renew(s: Session, gen: number): { token: string; session: Session } {
    const { mustChange: _done, ...rest } = s;
    return this.seal({ ...rest, gen });
  }

  private seal(session: Session): { token: string; session: Session } {
    const body = Buffer.from(JSON.stringify(session)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, session };
  }

  async check(token: string | undefined, now = Date.now()): Promise<Session | null> {
    if (!token || token.length > 1024) return null;
    const [body, mac] = token.split('.');
    if (!body || !mac) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let s: Session;
    try {
      s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Session;
    } catch {
      return null;
    }
    if (
      typeof s.exp !== 'number' ||
      s.exp <= now ||
      typeof s.sid !== 'string' ||
      typeof s.userId !== 'string' ||
      (s.gen !== undefined && !Number.isSafeInteger(s.gen)) ||
      (s.seq !== undefined && !Number.isSafeInteger(s.seq))
    )
      return null;
    if (await this.revocations.isRevoked(s.sid)) return null;
    const gen = await this.generation(s.userId);
    if (gen === 'refuse' || (gen !== 'unknown' && gen !== (s.gen ?? 0))) return null;
    return s;
  }

  revoke(s: Session): Promise<void> {
    return this.revocations.revoke(s.sid, s.exp);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/**
 * Embedded mode: revocations in a small file, so a restart does not bring a session back.
 * Written atomically (temp file, fsync, rename, R118): a crash leaves the old list or the new
 * one, never half of one. A list that exists but cannot be read or parsed fails closed: every
 * session counts as revoked (everyone signs in again) until an operator repairs or removes it.
 */
export class FileRevocationList implements RevocationList {
  private map: Map<string, number> | null = null;
  private broken = false;
  private writing: Promise<void> = Promise.resolve();
  constructor(private readonly file: string) {}
  private loading: Promise<Map<string, number>> | null = null;
  private load(): Promise<Map<string, number>> {
    // One read however many callers ask at once, so they all share (and write) one list.
    return (this.loading ??= this.read());
  }
  private async read(): Promise<Map<string, number>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return (this.map = new Map());
      return this.failClosed(err);
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      const m = new Map<string, number>();
      for (const [sid, exp] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof exp !== 'number') throw new Error(`expiry of ${sid} is not a number`);
        m.set(sid, exp);
      }
      return (this.map = m);
    } catch (err) {
      return this.failClosed(err);
    }
  }
  private failClosed(err: unknown): Map<string, number> {
    if (!this.broken)
      console.error(
        `[sessions] ${this.file} cannot be read (${(err as Error).message}): every session is treated as ended until it is repaired or removed`,
      );
    this.broken = true;
    return new Map();
  }
  async isRevoked(sid: string): Promise<boolean> {
    const m = await this.load();
    return this.broken || m.has(sid);
  }
  async revoke(sid: string, exp: number): Promise<void> {
    const m = await this.load();
    if (this.broken) return; // never overwrite a list we could not read: it fails closed
    m.set(sid, exp);
    const now = Date.now();
    for (const [k, e] of m) if (e < now) m.delete(k);
    const body = JSON.stringify(Object.fromEntries(m));
    this.writing = this.writing.catch(() => undefined).then(() => writeAtomically(this.file, body));
    return this.writing;
  }
}

/** Temp file in the same directory, fsync, rename over the old one, fsync the directory. */
export async function writeAtomically(file: string, body: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fh = await fs.open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(body);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, file);
  const dir = await fs.open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** The signing secret: SESSION_SECRET, or one made once and kept in the data directory. */
export async function loadOrCreateSecret(dataDir: string, fromEnv?: string): Promise<Buffer> {
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  const file = path.join(dataDir, 'session-secret');
  try {
    return await fs.readFile(file);
  } catch {
    const secret = randomBytes(32);
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}
