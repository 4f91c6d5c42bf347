/**
 * The after-action page of the scripted scenario in real Chromium, with its real style sheet:
 * no serious WCAG 2.1 AA violation and nothing wider than the window. SCREENSHOTS=1 writes
 * docs/screenshots/efterhandsrapport-<width>.png (the whole page at 1366 px).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { axeViolations, launchChromium } from './support/browser';
import { GENERATED_AT, playScenario } from './support/afterActionScenario';
import { buildAfterAction } from '../shared/report/afterAction';
import { renderAfterActionHtml } from '../server/export/afterActionHtml';

const ROOT = path.join(__dirname, '..');
const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs', 'screenshots') : null;
const CSS = readFileSync(path.join(ROOT, 'server', 'export', 'report.css'), 'utf8');

let browser: Browser;
let html: string;
beforeAll(async () => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
  const sc = playScenario();
  const report = buildAfterAction(sc.log.log, {
    space: 'real',
    eventId: sc.eventId,
    generatedAt: GENERATED_AT,
  });
  html = renderAfterActionHtml(report, {});
});
afterAll(() => browser?.close());

test.each([390, 1366, 1920])(
  'the report page at %i px: accessible, nothing wider than the window',
  async (width) => {
    const ctx = await browser.newContext({
      viewport: { width, height: 900 },
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
    });
    try {
      const page = await ctx.newPage();
      await page.setContent(html);
      await page.addStyleTag({ content: CSS });
      expect(await axeViolations(page)).toEqual([]);
      const body = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        text: document.body.innerText,
      }));
      expect(body.text).toContain('3 larmade, 3 nådda, 3 svar, 2 kommer, 1 kan inte');
      expect(body.text).toContain('12\u00a0345,50\u00a0kr');
      // On a phone wide tables wrap within their cells; the page never scrolls sideways.
      expect(body.scroll).toBeLessThanOrEqual(body.client);
      if (SHOTS)
        await page.screenshot({
          path: path.join(SHOTS, `efterhandsrapport-${width}.png`),
          fullPage: width === 1366,
        });
    } finally {
      await ctx.close();
    }
  },
);
