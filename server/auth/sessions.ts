import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const SESSION_COOKIE = 'lb_session';

export interface Session {
  sid: string;
  userId: string;
  /** Expiry, ms since epoch. */
  exp: number;
}

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
  ) {}

  issue(userId: string, now = Date.now()): { token: string; session: Session } {
    const session = { sid: randomBytes(16).toString('base64url'), userId, exp: now + this.ttlMs };
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
      typeof s.userId !== 'string'
    )
      return null;
    if (await this.revocations.isRevoked(s.sid)) return null;
    return s;
  }

  revoke(s: Session): Promise<void> {
    return this.revocations.revoke(s.sid, s.exp);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/** Embedded mode: revocations in a small file, so a restart does not bring a session back. */
export class FileRevocationList implements RevocationList {
  private map: Map<string, number> | null = null;
  constructor(private readonly file: string) {}
  private async load(): Promise<Map<string, number>> {
    if (this.map) return this.map;
    try {
      this.map = new Map(
        Object.entries(JSON.parse(await fs.readFile(this.file, 'utf8')) as Record<string, number>),
      );
    } catch {
      this.map = new Map();
    }
    return this.map;
  }
  async isRevoked(sid: string): Promise<boolean> {
    return (await this.load()).has(sid);
  }
  async revoke(sid: string, exp: number): Promise<void> {
    const m = await this.load();
    m.set(sid, exp);
    const now = Date.now();
    for (const [k, e] of m) if (e < now) m.delete(k);
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await fs.writeFile(this.file, JSON.stringify(Object.fromEntries(m)), { mode: 0o600 });
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
