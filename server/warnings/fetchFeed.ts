/**
 * One read of one feed, conditional on what the last read saw: ETag and Last-Modified for
 * URLs (If-None-Match / If-Modified-Since), modification time and size for files. The body is
 * read only up to the size bound, so a huge or endless response cannot fill memory.
 */
import { open, stat } from 'node:fs/promises';
import { MAX_FEED_BYTES } from '../../shared/warnings';
import type { WarningFeedConfig } from './feeds';

export interface Validators {
  etag?: string;
  lastModified?: string;
  /** Files: `${mtimeMs}:${size}`. */
  fileStamp?: string;
}

export type FetchResult =
  | { kind: 'unchanged' }
  | { kind: 'body'; text: string; validators: Validators }
  | { kind: 'failed'; reason: string };

export const FETCH_TIMEOUT_MS = 15_000;

async function readFile(
  feed: WarningFeedConfig,
  prev: Validators,
  maxBytes: number,
): Promise<FetchResult> {
  let st;
  try {
    st = await stat(feed.location);
  } catch (err) {
    return {
      kind: 'failed',
      reason: `filen kan inte läsas (${(err as NodeJS.ErrnoException).code})`,
    };
  }
  const stamp = `${st.mtimeMs}:${st.size}`;
  if (prev.fileStamp === stamp) return { kind: 'unchanged' };
  if (st.size > maxBytes)
    return { kind: 'failed', reason: `svaret är för stort (${st.size} byte, högst ${maxBytes})` };
  const fh = await open(feed.location, 'r');
  try {
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    if (bytesRead > maxBytes)
      return { kind: 'failed', reason: `svaret är för stort (mer än ${maxBytes} byte)` };
    return {
      kind: 'body',
      text: buf.subarray(0, bytesRead).toString('utf8'),
      validators: { fileStamp: stamp },
    };
  } finally {
    await fh.close();
  }
}

async function readUrl(
  feed: WarningFeedConfig,
  prev: Validators,
  maxBytes: number,
  timeoutMs: number,
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    accept:
      feed.kind === 'cap'
        ? 'application/cap+xml, application/xml, application/json'
        : 'application/json',
    'user-agent': 'Lagesbild (Stockholms stad) warning intake',
  };
  if (prev.etag) headers['if-none-match'] = prev.etag;
  if (prev.lastModified) headers['if-modified-since'] = prev.lastModified;
  let res: Response;
  try {
    res = await fetch(feed.location, {
      headers,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why =
      e.name === 'TimeoutError'
        ? `inget svar på ${timeoutMs / 1000} s`
        : (e.cause?.code ?? e.message);
    return { kind: 'failed', reason: `källan svarar inte (${why})` };
  }
  if (res.status === 304) {
    await res.body?.cancel();
    return { kind: 'unchanged' };
  }
  if (!res.ok) {
    await res.body?.cancel();
    return { kind: 'failed', reason: `källan svarade ${res.status}` };
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    return { kind: 'failed', reason: `svaret är för stort (${declared} byte, högst ${maxBytes})` };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = res.body?.getReader();
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return { kind: 'failed', reason: `svaret är för stort (mer än ${maxBytes} byte)` };
      }
      chunks.push(value);
    }
  } catch (err) {
    return { kind: 'failed', reason: `svaret bröts (${(err as Error).message})` };
  }
  return {
    kind: 'body',
    text: Buffer.concat(chunks).toString('utf8'),
    validators: {
      etag: res.headers.get('etag') ?? undefined,
      lastModified: res.headers.get('last-modified') ?? undefined,
    },
  };
}

export function fetchFeed(
  feed: WarningFeedConfig,
  prev: Validators,
  maxBytes = MAX_FEED_BYTES,
  timeoutMs = FETCH_TIMEOUT_MS,
): Promise<FetchResult> {
  return feed.isFile ? readFile(feed, prev, maxBytes) : readUrl(feed, prev, maxBytes, timeoutMs);
}
