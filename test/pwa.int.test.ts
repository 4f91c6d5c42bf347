/**
 * The installable console on a real server (R255): the page links the web app manifest and its
 * icons; the manifest is served as `application/manifest+json` under the console's CSP (its
 * `default-src 'self'` covers `manifest-src`), says what an installed Lägesbild is, and every
 * icon it names is a PNG of the size it claims, with a maskable one among them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureClientBuilt } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

let srv: TestServer;
beforeAll(async () => {
  ensureClientBuilt();
  srv = await startTestServer();
});
afterAll(() => srv.close());

/** Width and height from a PNG's IHDR chunk, or null if it is not a PNG. */
function pngSize(b: Buffer): { w: number; h: number } | null {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (b.length < 24 || !b.subarray(0, 8).equals(sig)) return null;
  if (b.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

interface Manifest {
  name: string;
  short_name: string;
  lang: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

test('R255 the page links the manifest; it is served as application/manifest+json under the CSP and names Lägesbild in Swedish, standalone', async () => {
  const page = await fetch(`${srv.url}/`);
  const html = await page.text();
  expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
  expect(html).toMatch(/<meta name="theme-color" content="#[0-9a-f]{6}"/);
  expect(html).toMatch(/<link rel="apple-touch-icon" href="\/icons\/apple-touch-icon\.png"/);
  const csp = page.headers.get('content-security-policy') ?? '';
  // manifest-src falls back to default-src: same origin only, nothing loosened for it.
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).not.toMatch(/manifest-src/);

  const res = await fetch(`${srv.url}/manifest.webmanifest`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
  expect(res.headers.get('cache-control')).toBe('no-cache');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const m = (await res.json()) as Manifest;
  expect(m).toMatchObject({
    short_name: 'Lägesbild',
    lang: 'sv',
    start_url: '/',
    scope: '/',
    display: 'standalone',
  });
  expect(m.name).toMatch(/^Lägesbild/);
  expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/);
  // The page's theme colour is the manifest's.
  expect(html).toContain(`<meta name="theme-color" content="${m.theme_color}"`);
});

test('R255 every icon the manifest names is served and is a PNG of its stated size; 192, 512 and a maskable one', async () => {
  const m = JSON.parse(
    readFileSync(path.join(__dirname, '..', 'client', 'public', 'manifest.webmanifest'), 'utf8'),
  ) as Manifest;
  const pngs = m.icons.filter((i) => i.type === 'image/png');
  expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(pngs.some((i) => i.purpose === 'maskable' && i.sizes === '512x512')).toBe(true);
  for (const icon of [...pngs, { src: '/icons/apple-touch-icon.png', sizes: '180x180' }]) {
    const res = await fetch(`${srv.url}${icon.src}`);
    expect([icon.src, res.status]).toEqual([icon.src, 200]);
    expect(res.headers.get('content-type')).toBe('image/png');
    const size = pngSize(Buffer.from(await res.arrayBuffer()));
    const [w, h] = icon.sizes.split('x').map(Number);
    expect([icon.src, size]).toEqual([icon.src, { w, h }]);
  }
  const svg = await fetch(`${srv.url}/icons/icon.svg`);
  expect(svg.status).toBe(200);
  expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
});

test('R258 /api/config tells the console the largest upload, so a file too large is refused before it is queued', async () => {
  const c = (await (await fetch(`${srv.url}/api/config`)).json()) as { uploadMaxBytes: number };
  expect(c.uploadMaxBytes).toBeGreaterThan(0);
});
