import { createHash } from 'node:crypto';
import { io as ioClient } from 'socket.io-client';
import { canonicalJson } from '../../server/store/hashChain';
import type { ClientSocket } from './server';

/** Polls until the condition holds, or fails with the description. */
export async function until(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A stable digest of a projection, to prove a refused command changed nothing. */
export const stateDigest = (state: unknown): string =>
  createHash('sha256').update(canonicalJson(state)).digest('hex');

/** A raw socket with full control over headers (origin, cookie) and reconnection off. */
export function rawSocket(
  url: string,
  headers: Record<string, string>,
  auth: Record<string, unknown> = {},
): ClientSocket {
  return ioClient(url, {
    transports: ['websocket'],
    extraHeaders: headers,
    auth,
    reconnection: false,
    forceNew: true,
  }) as ClientSocket;
}

/** Resolves with 'connect' or the connect_error message. */
export const connectOutcome = (s: ClientSocket): Promise<string> =>
  new Promise((resolve) => {
    s.once('connect', () => resolve('connect'));
    s.once('connect_error', (e) => resolve(`error:${e.message}`));
  });

export const postJson = (
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
