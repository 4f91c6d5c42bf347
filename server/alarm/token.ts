import { createHash, createHmac } from 'node:crypto';

/**
 * The personal one-time link token. Derived from the server secret and the recipient, so a
 * dispatch that runs twice (a retry, a second node) sends the same link; only its hash is in
 * the log (R47).
 */
export function linkToken(secret: Buffer, space: string, alarmId: string, key: string): string {
  return createHmac('sha256', secret)
    .update(`alarm-link\n${space}\n${alarmId}\n${key}`)
    .digest('base64url');
}

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A token's shape, checked before any lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
