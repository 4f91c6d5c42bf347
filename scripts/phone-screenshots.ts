/**
 * Screenshots of the duty officer's flows on a phone (390×844, touch) and of the TiB's screen
 * at 1366×768 and 1920×1080, for docs/screenshots/. Run after `npm run build:client`:
 * npx tsx scripts/phone-screenshots.ts (OUT=dir to write elsewhere).
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { startTestServer } from '../test/support/server';
import { launchChromium } from './chromium';
import { signIn } from './screenshots';

const OUT = process.env.OUT ?? path.resolve(__dirname, '..', 'docs', 'screenshots');

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startTestServer();
  const browser = await launchChromium();
  const shot = async (
    name: string,
    size: { width: number; height: number },
    user: string,
    act?: (p: import('playwright-core').Page) => Promise<void>,
    hash = '',
  ) => {
    const phone = size.width < 500;
    const ctx = await browser.newContext({
      viewport: size,
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      ...(phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 1 } : {}),
    });
    const page = await ctx.newPage();
    await signIn(page, server.url, user, hash);
    if (!hash) await page.waitForSelector('.map-label[data-district=farsta]');
    if (act) await act(page);
    await page.waitForTimeout(400);
    const file = path.join(OUT, `${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await ctx.close();
  };
  const phone = { width: 390, height: 844 };
  try {
    await shot('phone-tib', phone, 'tib.farsta');
    await shot('phone-tib-panel', phone, 'tib.farsta', async (p) => {
      await p.getByTestId('district-panel').scrollIntoViewIfNeeded();
    });
    await shot('phone-tib-sheet', phone, 'tib.farsta', async (p) => {
      await p.getByText('Öppna störning', { exact: true }).first().tap();
    });
    await shot('phone-larm', phone, 'stabschef', undefined, '#/larm');
    const startAlarm = async (p: import('playwright-core').Page) => {
      await p.getByLabel('Rubrik').fill('Skyfall i city');
      await p.getByRole('checkbox', { name: /CKL Analys/ }).check();
      await p.getByLabel('Meddelandemall').selectOption({ label: 'Inkallning CKL' });
      await p.getByRole('button', { name: 'Skicka larm' }).click();
    };
    const wide = { width: 1366, height: 768 };
    await shot('larm-bekrafta', wide, 'stadsdir', startAlarm, '#/larm');
    await shot(
      'larm-kanaler',
      wide,
      'stadsdir',
      async (p) => {
        await startAlarm(p);
        await p.getByRole('button', { name: /^Ja, skicka till/ }).click();
        await p
          .getByText(/inte skickat – lagt i utkorgen/)
          .first()
          .waitFor();
        await p.locator('section.board', { hasText: 'Skyfall i city' }).scrollIntoViewIfNeeded();
      },
      '#/larm',
    );
    await shot('tib', { width: 1366, height: 768 }, 'tib.farsta');
    await shot('tib', { width: 1920, height: 1080 }, 'tib.farsta');
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
