import { createHmac, randomBytes } from 'node:crypto';

/**
 * R91: a share link's token is 256 random bits made here and shown once to its creator; the
 * log holds only its keyed hash. The key is derived from the server secret, so a hash made
 * anywhere else (a `share.create` sent over the socket with a hash of a chosen word) matches
 * no token anyone can present. Changing SESSION_SECRET therefore also closes every link.
 */
export interface ShareTokens {
  /** A new token and its hash. */
  issue(): { token: string; hash: string };
  /** The hash a presented token would have, or null when it cannot be a token at all. */
  hashOf(token: string): string | null;
  /** A keyed, shortened hash of who opened a link (address and user agent), never reversible. */
  visitor(address: string, userAgent: string): string;
}

/** 32 bytes in base64url, no padding. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function shareTokens(secret: Buffer): ShareTokens {
  const key = createHmac('sha256', secret).update('lagesbild/share-token/v1').digest();
  const visitorKey = createHmac('sha256', secret).update('lagesbild/share-visitor/v1').digest();
  const hash = (token: string) => createHmac('sha256', key).update(token).digest('hex');
  return {
    issue() {
      const token = randomBytes(32).toString('base64url');
      return { token, hash: hash(token) };
    },
    hashOf: (token) => (SHARE_TOKEN_PATTERN.test(token) ? hash(token) : null),
    visitor: (address, userAgent) =>
      createHmac('sha256', visitorKey)
        .update(`${address}\n${userAgent.slice(0, 400)}`)
        .digest('hex')
        .slice(0, 16),
  };
}
