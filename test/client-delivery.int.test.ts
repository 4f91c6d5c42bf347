/**
 * How the built console reaches a browser, on a real server: the precompressed copies in the
 * encoding asked for, hashed assets cached for a year, the page revalidated every time, and
 * source maps neither served nor referenced.
 */
import { request } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ensureClientBuilt } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

const ROOT = path.resolve(__dirname, '..');
const CLIENT = path.join(ROOT, 'dist', 'client');

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire (not decoded). */
  body: Buffer;
}

/** A plain HTTP GET that neither decodes nor adds an Accept-Encoding of its own. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

const decode = (r: Raw): Buffer =>
  r.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(r.body)
    : r.headers['content-encoding'] === 'gzip'
      ? gunzipSync(r.body)
      : r.body;

let srv: TestServer;
let script: string;
let style: string;
beforeAll(async () => {
  ensureClientBuilt();
  srv = await startTestServer();
  const html = readFileSync(path.join(CLIENT, 'index.html'), 'utf8');
  script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
  style = /href="(\/assets\/[^"]+\.css)"/.exec(html)![1];
});
afterAll(() => srv.close());

test('hashed assets come precompressed in the encoding asked for, with Vary, cached immutable', async () => {
  const plain = readFileSync(path.join(CLIENT, script));
  for (const [accept, encoding] of [
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['', undefined],
    ['identity', undefined],
  ] as const) {
    const r = await get(`${srv.url}${script}`, accept ? { 'accept-encoding': accept } : {});
    expect([accept, r.status]).toEqual([accept, 200]);
    expect([accept, r.headers['content-encoding']]).toEqual([accept, encoding]);
    expect(r.headers.vary).toMatch(/Accept-Encoding/i);
    expect(r.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decode(r).equals(plain)).toBe(true);
    if (encoding) expect(r.body.length).toBeLessThan(plain.length / 3);
  }
  const css = await get(`${srv.url}${style}`, { 'accept-encoding': 'br' });
  expect(css.headers['content-type']).toMatch(/^text\/css/);
  expect(css.headers['content-encoding']).toBe('br');
  // Each encoding has its own validator, so a cache never answers one with the other's bytes.
  const br = await get(`${srv.url}${script}`, { 'accept-encoding': 'br' });
  const gz = await get(`${srv.url}${script}`, { 'accept-encoding': 'gzip' });
  expect(br.headers.etag).toBeDefined();
  expect(br.headers.etag).not.toBe(gz.headers.etag);
  const again = await get(`${srv.url}${script}`, {
    'accept-encoding': 'br',
    'if-none-match': String(br.headers.etag),
  });
  expect(again.status).toBe(304);
});

test('the page is revalidated on every load, compressed too, and answers every console path', async () => {
  for (const p of ['/', '/index.html', '/some/console/path']) {
    const r = await get(`${srv.url}${p}`, { 'accept-encoding': 'gzip, br' });
    expect([p, r.status]).toEqual([p, 200]);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['content-encoding']).toBe('br');
    expect(decode(r).toString()).toContain('<div id="root">');
  }
  const sw = await get(`${srv.url}/sw.js`);
  expect(sw.status).toBe(200);
  expect(sw.headers['cache-control']).toBe('no-cache');
});

test('a missing asset is a 404, never the page in its place', async () => {
  const r = await get(`${srv.url}/assets/index-gone.js`, { 'accept-encoding': 'br' });
  expect(r.status).toBe(404);
  expect(r.headers['content-type']).not.toMatch(/html/);
});

test('source maps stay on disk for operators: not served, not referenced', async () => {
  const maps = path.join(ROOT, 'dist', 'sourcemaps', 'client', `${script}.map`);
  expect(existsSync(maps)).toBe(true);
  expect(readdirSync(path.join(CLIENT, 'assets')).filter((f) => f.endsWith('.map'))).toEqual([]);
  for (const p of [`${script}.map`, `${script}.map.br`, '/assets/x.js.map'])
    expect([p, (await get(`${srv.url}${p}`)).status]).toEqual([p, 404]);
  for (const p of [script, style]) {
    const r = await get(`${srv.url}${p}`);
    expect(r.body.toString()).not.toMatch(/sourceMappingURL/);
    expect(r.headers.sourcemap).toBeUndefined();
    expect(r.headers['x-sourcemap']).toBeUndefined();
  }
});

test('the district borders go out compressed too', async () => {
  const plain = await get(`${srv.url}/api/division`);
  const br = await get(`${srv.url}/api/division`, { 'accept-encoding': 'br, gzip' });
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers.vary).toMatch(/Accept-Encoding/i);
  expect(br.headers['content-type']).toMatch(/application\/geo\+json/);
  expect(decode(br).equals(plain.body)).toBe(true);
  expect(br.body.length).toBeLessThan(plain.body.length / 3);
  expect(JSON.parse(plain.body.toString()).type).toBe('FeatureCollection');
});
