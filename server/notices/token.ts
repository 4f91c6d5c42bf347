import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The personal read link of a notice (R273). Derived from the server secret, the space, the
 * notice and the recipient, so a job that runs twice sends the same link and nothing about it
 * is stored: the link page finds the recipient by deriving the token again.
 */
export function noticeLinkToken(
  secret: Buffer,
  space: string,
  noticeId: string,
  userId: string,
): string {
  return createHmac('sha256', secret)
    .update(`notice-link\n${space}\n${noticeId}\n${userId}`)
    .digest('base64url');
}

/** Compares two tokens in constant time. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
