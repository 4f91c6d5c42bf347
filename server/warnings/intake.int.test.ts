/**
 * R136 and R131 at the edge of the intake: one read of a real HTTP feed on loopback — asked
 * conditionally, refused when it stops answering, answers with an error, redirects, or sends
 * more than the bound (declared or streamed) — and the poller's backoff, which keeps the last
 * good set and its age while a feed fails.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import { fetchFeed, type FetchResult } from './fetchFeed';
import { parseWarningFeeds, type WarningFeedConfig } from './feeds';
import { BACKOFF_MAX_MS, pollFeed, type FeedRecord } from './poll';

const FEEDS = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'feeds', 'sr-vma');
const recorded = readFileSync(
  path.join(FEEDS, readdirSync(FEEDS).find((n) => n.startsWith('2025-12-27')) as string),
  'utf8',
);

let handler: (req: IncomingMessage, res: ServerResponse) => void = (_q, r) => r.end();
const seen: IncomingMessage[] = [];
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
const feedAt = (p: string): WarningFeedConfig => parseWarningFeeds(`vma=${base}${p}`)[0];

test('R136 the feed is asked conditionally: ETag and Last-Modified are sent back, 304 is "unchanged"', async () => {
  const stamp = 'Sat, 27 Dec 2025 18:34:06 GMT';
  handler = (req, res) => {
    if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === stamp)
      return void res.writeHead(304).end();
    res.writeHead(200, { etag: '"v1"', 'last-modified': stamp }).end(recorded);
  };
  const first = await fetchFeed(feedAt('/alerts'), {});
  expect(first).toMatchObject({ kind: 'body', validators: { etag: '"v1"', lastModified: stamp } });
  const again = await fetchFeed(feedAt('/alerts'), (first as { validators: object }).validators);
  expect(again).toEqual({ kind: 'unchanged' });
});

test('R136 a feed that stops answering is refused after the timeout, with the reason in words', async () => {
  handler = () => undefined; // never answers
  const r = await fetchFeed(feedAt('/hangs'), {}, undefined, 300);
  expect(r).toEqual({ kind: 'failed', reason: 'källan svarar inte (inget svar på 0.3 s)' });
});

test('R136 an error status and a redirect are refused, naming what happened', async () => {
  handler = (_q, res) => res.writeHead(503).end('busy');
  expect(await fetchFeed(feedAt('/down'), {})).toEqual({
    kind: 'failed',
    reason: 'källan svarade 503',
  });
  handler = (_q, res) => res.writeHead(302, { location: 'https://example.org/' }).end();
  const r = await fetchFeed(feedAt('/moved'), {});
  expect(r.kind).toBe('failed');
});

test('R131 more than the bound is refused unread, whether declared or streamed without end', async () => {
  handler = (_q, res) => res.writeHead(200, { 'content-length': '2000' }).end('x'.repeat(2000));
  expect(await fetchFeed(feedAt('/big'), {}, 1000)).toEqual({
    kind: 'failed',
    reason: 'svaret är för stort (2000 byte, högst 1000)',
  });
  let written = 0;
  let closed: Promise<void> = Promise.resolve();
  handler = (_q, res) => {
    closed = new Promise((r) => res.on('close', () => r()));
    res.writeHead(200, { 'content-type': 'application/json' });
    const pump = () => {
      while (written < 10_000_000 && !res.destroyed) {
        written += 16_384;
        if (!res.write('y'.repeat(16_384))) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  };
  expect(await fetchFeed(feedAt('/endless'), {}, 100_000)).toEqual({
    kind: 'failed',
    reason: 'svaret är för stort (mer än 100000 byte)',
  });
  // The reader hung up: the server saw the connection close long before ten megabytes.
  await closed;
  expect(written).toBeLessThan(10_000_000);
});

test('R136 while a feed fails the last good set stays with its age; tries back off, doubling to a ceiling', async () => {
  const feed = feedAt('/alerts');
  const logged: string[] = [];
  const log = (_f: WarningFeedConfig, reason: string) => logged.push(reason);
  let answer: FetchResult = { kind: 'body', text: recorded, validators: { etag: '"v1"' } };
  const fetcher = async () => answer;
  const poll = 60_000;
  let now = Date.parse('2026-12-03T08:00:00Z');
  let rec: FeedRecord = await pollFeed(feed, undefined, fetcher, now, poll, log);
  expect(rec).toMatchObject({ state: 'ok', count: 1, dataAt: '2026-12-03T08:00:00.000Z' });
  const good = rec.warnings;

  answer = { kind: 'failed', reason: 'källan svarade 503' };
  const waits: number[] = [];
  for (let i = 0; i < 8; i++) {
    now += poll;
    const before = rec;
    rec = await pollFeed(feed, rec, fetcher, now, poll, log);
    if (rec !== before && rec.nextTryAt > now) waits.push(rec.nextTryAt - now);
    now = Math.max(now, rec.nextTryAt);
  }
  expect(rec).toMatchObject({
    state: 'error',
    reason: 'källan svarade 503',
    failingSince: '2026-12-03T08:01:00.000Z',
    dataAt: '2026-12-03T08:00:00.000Z',
    count: 1,
  });
  expect(rec.warnings).toBe(good);
  expect(waits.slice(0, 4)).toEqual([poll, 2 * poll, 4 * poll, 8 * poll]);
  expect(Math.max(...waits)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
  // The same failure is logged once, not once per try.
  expect(logged).toEqual(['källan svarade 503']);

  // A response that fails its parser is a failure too, and keeps the good set.
  answer = { kind: 'body', text: '{"alerts": "no"}', validators: { etag: '"v2"' } };
  rec = await pollFeed(feed, { ...rec, nextTryAt: 0 }, fetcher, now, poll, log);
  expect(rec.state).toBe('error');
  expect(rec.warnings).toBe(good);
  expect(rec.validators).toEqual({ etag: '"v1"' });

  answer = { kind: 'unchanged' };
  rec = await pollFeed(feed, { ...rec, nextTryAt: 0 }, fetcher, now, poll, log);
  expect(rec).toMatchObject({ state: 'ok', failures: 0, failingSince: null, reason: null });
  expect(rec.warnings).toBe(good);
});
