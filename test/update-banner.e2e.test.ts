/**
 * A rolling deploy seen in Chromium: the console is live on a node, the node is replaced by one
 * of the next release on the same address and data, and the console, reconnecting by itself,
 * shows "En ny version finns – ladda om sidan" instead of reading the new node's stream.
 * SCREENSHOTS=1 writes the banner at 390, 1366 and 1920 px to docs/screenshots/.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { axeViolations, ensureClientBuilt, launchChromium } from './support/browser';
import { startTestServer, tempDataDir, type TestServer } from './support/server';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..');
const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs', 'screenshots') : null;
const dataDir = tempDataDir('lb-update-');
let server: TestServer | undefined;
let browser: Browser;
let port: string;

/** The node on this address and data directory, speaking the given protocol version. */
async function node(protocolVersion: number): Promise<TestServer> {
  const s = await startTestServer({ DATA_DIR: dataDir, PORT: port }, undefined, {
    protocolVersion,
  });
  port = new URL(s.url).port;
  return s;
}

beforeAll(async () => {
  ensureClientBuilt();
  port = '0';
  server = await node(PROTOCOL_VERSION);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

for (const width of [390, 1366, 1920])
  test(`at ${width} px: a node of the next release makes the console ask for a reload`, async () => {
    if (server?.app.config.protocolVersion !== PROTOCOL_VERSION) {
      await server?.close({ keepData: true });
      server = await node(PROTOCOL_VERSION);
    }
    const ctx = await browser.newContext({
      viewport: { width, height: width < 600 ? 844 : 900 },
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
    });
    try {
      const page = await ctx.newPage();
      await page.goto(server.url);
      await page.fill('#username', 'stadsdir');
      await page.fill('#password', 'krisledning');
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=connection]:has-text("Live")');
      const level = await page.textContent('[data-testid=city-level]');

      // The deploy: the same address, the same log, the next protocol version.
      await server.close({ keepData: true });
      server = await node(PROTOCOL_VERSION + 1);
      const banner = page.getByRole('alert').filter({ hasText: 'En ny version finns' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain('En ny version finns – ladda om sidan');
      expect(await page.textContent('[data-testid=connection]')).toContain(
        'Ny version – inte ansluten',
      );
      // What was on screen stays as it was; nothing from the new node was read.
      expect(await page.textContent('[data-testid=city-level]')).toBe(level);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `ny-version-${width}px.png`) });
      expect(await axeViolations(page)).toEqual([]);
      const reload = page.getByRole('button', { name: 'Ladda om sidan' });
      const box = await reload.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);

      // The button reloads the page (this bundle is still the old release, so it asks again).
      await Promise.all([page.waitForEvent('load'), reload.click()]);
      await page.getByRole('alert').filter({ hasText: 'En ny version finns' }).waitFor();
    } finally {
      await ctx.close();
    }
  });
