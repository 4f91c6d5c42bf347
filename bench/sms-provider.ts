/**
 * A simulated SMS provider for the alarm benchmark, as its own process on the load
 * generator's core: a realistic delay per request and a share of HTTP 503s. It accepts
 * POST {to, text, reference} like the real gateway (server/channels/sms.ts) and records when
 * each reference was first accepted and how often. It honours `Idempotency-Key` as real
 * providers do (`--no-keys` plays one that does not): a key it accepted gets the same answer
 * again and nothing is sent (counted in `replayed`), a key still in progress gets 409, a key
 * whose request failed is processed anew.
 *   GET  /count?match=S&suffix=T  references first accepted that contain S and end with T
 *   GET  /stats?match=S           [{reference, count, firstAt}] for those containing S, and failures
 * Run: node --import tsx bench/sms-provider.ts [--min 30] [--max 250] [--failure 0.01] [--seed 42]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const arg = (name: string, d: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const minDelay = arg('min', 30);
const maxDelay = arg('max', 250);
const failureRate = arg('failure', 0.01);
let seed = arg('seed', 42) >>> 0;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

const honourKeys = !process.argv.includes('--no-keys');
const received = new Map<string, { count: number; firstAt: number }>();
/** Key → answer sent, or null while its first request is in progress. */
const answers = new Map<string, string | null>();
let failures = 0;
let replayed = 0;
let conflicts = 0;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'GET') {
    const match = url.searchParams.get('match') ?? '';
    const suffix = url.searchParams.get('suffix') ?? '';
    const hits = [...received].filter(([ref]) => ref.includes(match) && ref.endsWith(suffix));
    const body =
      url.pathname === '/count'
        ? { count: hits.length }
        : {
            failures,
            replayed,
            conflicts,
            received: hits.map(([reference, r]) => ({ reference, ...r })),
          };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    return;
  }
  let body = '';
  const header = req.headers['idempotency-key'];
  const key = honourKeys && typeof header === 'string' ? header : undefined;
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    if (key !== undefined && answers.has(key)) {
      const earlier = answers.get(key);
      if (earlier === null) {
        conflicts += 1;
        res.writeHead(409).end('{"error":"a request with this key is in progress"}');
      } else {
        replayed += 1;
        res
          .writeHead(200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' })
          .end(earlier);
      }
      return;
    }
    if (key !== undefined) answers.set(key, null);
    const delay = minDelay + rand() * (maxDelay - minDelay);
    const fail = rand() < failureRate;
    setTimeout(() => {
      if (fail) {
        failures += 1;
        if (key !== undefined) answers.delete(key);
        res.writeHead(503).end('{"error":"temporarily unavailable"}');
        return;
      }
      const { reference } = JSON.parse(body) as { reference: string };
      const r = received.get(reference);
      if (r) r.count += 1;
      else received.set(reference, { count: 1, firstAt: Date.now() });
      const answer = '{"status":"accepted"}';
      if (key !== undefined) answers.set(key, answer);
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    }, delay);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`sms provider on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
