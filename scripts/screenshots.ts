/**
 * Screenshots of each role's main screen at 1920×1080 and 1366×768, for the README.
 * Run after `npm run build:client`: npx tsx scripts/screenshots.ts
 * It starts its own server with the demo data on a free loopback port.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { startTestServer } from '../test/support/server';

const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];
const ACCOUNTS = [
  { user: 'tib.farsta', name: 'tib' },
  { user: 'ordf', name: 'ordforande' },
  { user: 'stadsdir', name: 'stadsdirektor' },
  { user: 'stabschef', name: 'stabschef' },
  { user: 'presidium', name: 'observator' },
];

export async function signIn(page: Page, url: string, user: string): Promise<void> {
  await page.goto(url);
  await page.fill('#username', user);
  await page.fill('#password', 'krisledning');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=connection]:has-text("Live")');
  await page.waitForSelector('.district-tooltip');
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startTestServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    for (const size of SIZES)
      for (const a of ACCOUNTS) {
        const ctx = await browser.newContext({
          viewport: size,
          locale: 'sv-SE',
          timezoneId: 'Europe/Stockholm',
        });
        const page = await ctx.newPage();
        await signIn(page, server.url, a.user);
        await page.waitForTimeout(400);
        const file = path.join(OUT, `${a.name}-${size.width}x${size.height}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        await ctx.close();
      }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
