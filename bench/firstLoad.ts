/**
 * What a console's first load costs on the wire: the page, every script and style sheet it
 * names, the service worker, and the start-up calls the console makes before it can draw
 * (/api/me, /api/config, /api/division), fetched as a browser would with brotli, with gzip and
 * with no compression at all. The uncompressed transfer is the bare baseline of the same run
 * (what a server without compression sends). The socket's snapshot is the late-join figure.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compare, fig, login, startLagesbild, tempDir, type Comparison, type Figure } from './lib';
import { rmSync } from 'node:fs';

export const ENCODINGS = {
  br: 'br, gzip, deflate, zstd',
  gzip: 'gzip, deflate',
  identity: 'identity',
} as const;
export type Encoding = keyof typeof ENCODINGS;

interface Fetched {
  /** Bytes of the body as sent (compressed or not). */
  wire: number;
  /** Bytes of the response head (status line and headers). */
  head: number;
  encoding: string;
  body: Buffer;
}

function fetchRaw(url: string, headers: Record<string, string>): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 400)
          return reject(new Error(`${url}: ${res.statusCode ?? '?'}`));
        const raw = Buffer.concat(chunks);
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        const head =
          `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length +
          // `name: value\r\n`: two bytes after each name and after each value.
          res.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0) +
          2;
        resolve({
          wire: raw.length,
          head,
          encoding,
          body:
            encoding === 'br'
              ? brotliDecompressSync(raw)
              : encoding === 'gzip'
                ? gunzipSync(raw)
                : raw,
        });
      });
    })
      .on('error', reject)
      .end();
  });
}

export interface FirstLoad {
  /** Body bytes on the wire, all resources together. */
  body: Figure;
  /** Body and response heads together: closer to what the network carries. */
  withHeaders: Figure;
  /** Bytes after decoding (the same for every encoding). */
  decoded: Figure;
  resources: { path: string; encoding: string; wire: number; decoded: number }[];
}

/** One first load with the given Accept-Encoding, signed in with `cookie`. */
export async function measureFirstLoad(
  base: string,
  cookie: string,
  encoding: Encoding,
): Promise<FirstLoad> {
  const headers = { 'accept-encoding': ENCODINGS[encoding], cookie };
  const page = await fetchRaw(`${base}/`, headers);
  const html = page.body.toString('utf8');
  const named = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
  const paths = ['/', ...new Set(named), '/sw.js', '/api/me', '/api/config', '/api/division'];
  const resources: FirstLoad['resources'] = [];
  let head = 0;
  for (const p of paths) {
    const f = p === '/' ? page : await fetchRaw(`${base}${p}`, headers);
    head += f.head;
    resources.push({ path: p, encoding: f.encoding, wire: f.wire, decoded: f.body.length });
  }
  const body = resources.reduce((n, r) => n + r.wire, 0);
  return {
    body: fig(body / 1024, 'KiB'),
    withHeaders: fig((body + head) / 1024, 'KiB'),
    decoded: fig(resources.reduce((n, r) => n + r.decoded, 0) / 1024, 'KiB'),
    resources,
  };
}

/** The benchmark section: one server with the demo data, three first loads, two ratios. */
export async function benchFirstLoad(
  log: (s: string) => void,
  opts: { dist: boolean },
): Promise<{ result: Record<string, unknown>; comparisons: Record<string, Comparison> }> {
  log('\n== First load (what the console transfers before it can draw)');
  const dataDir = tempDir('lb-bench-firstload-');
  const srv = await startLagesbild({ dataDir, dist: opts.dist });
  try {
    const cookie = await login(srv.url, 'ordf');
    const loads = {} as Record<Encoding, FirstLoad>;
    for (const e of Object.keys(ENCODINGS) as Encoding[])
      loads[e] = await measureFirstLoad(srv.url, cookie, e);
    const bare = loads.identity.body;
    const comparisons = {
      'client.firstLoad.br': compare(loads.br.body, bare),
      'client.firstLoad.gzip': compare(loads.gzip.body, bare),
    };
    for (const e of Object.keys(ENCODINGS) as Encoding[])
      log(
        `  ${e.padEnd(8)} ${String(loads[e].body.value).padStart(8)} KiB body (${loads[e].withHeaders.value} KiB with headers)${e === 'identity' ? ' — bare baseline' : ` → ${comparisons[`client.firstLoad.${e as 'br' | 'gzip'}`].ratio}× bare`}`,
      );
    for (const r of loads.br.resources)
      log(
        `    ${r.path.padEnd(34)} ${r.encoding.padEnd(8)} ${String(r.wire).padStart(8)} B of ${r.decoded}`,
      );
    return { result: { ...loads, bareBaseline: 'identity' }, comparisons };
  } finally {
    await srv.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
