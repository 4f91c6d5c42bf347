/**
 * Screenshots of the password screens (R112, R113), the accounts screen and a region whose
 * record is bad (R84), at 390 and 1366 px. Run after `npm run build:client`:
 * npx tsx scripts/account-screenshots.ts
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { breakOneRecord } from '../test/support/browser';
import { launchChromium } from './chromium';
import { login, startTestServer, type TestServer } from '../test/support/server';

const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');
const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
];
const INITIAL = 'hallon-kaj-regn-fyr-42';

async function page(browser: Browser, size: { width: number; height: number }): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: size,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  return ctx.newPage();
}

async function signIn(p: Page, url: string, user: string, password = 'krisledning') {
  await p.goto(url);
  await p.fill('#username', user);
  await p.fill('#password', password);
  await p.click('button[type=submit]');
}

async function shoot(
  p: Page,
  name: string,
  size: { width: number; height: number },
  fullPage = size.width < 600,
) {
  const file = path.join(OUT, `${name}-${size.width}x${size.height}.png`);
  await p.screenshot({ path: file, fullPage });
  console.log(file);
}

/** A region whose record is bad: a marked placeholder, a way to report it. */
async function regionShot(
  browser: Browser,
  server: TestServer,
  size: { width: number; height: number },
) {
  const broken = await page(browser, size);
  await breakOneRecord(broken);
  await signIn(broken, server.url, 'stadsdir');
  await broken.waitForSelector('[data-testid=connection]:has-text("Live")');
  await broken.waitForSelector('.region-error');
  await broken.click('.region-error >> text=Rapportera fel');
  await broken.waitForSelector('.region-error-status:has-text("skickad")');
  await shoot(broken, 'region-placeholder', size);
  await broken.context().close();
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server: TestServer = await startTestServer();
  const browser = await launchChromium();
  try {
    const admin = await login(server.url, 'admin');
    const made = await fetch(`${server.url}/api/accounts`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: 'ny.samverkan',
        name: 'Sara Nyström',
        role: 'ckl_liaison',
        initialPassword: INITIAL,
      }),
    });
    if (made.status !== 201) throw new Error(`account: ${made.status} ${await made.text()}`);

    for (const size of SIZES) {
      if (process.env.ONLY === 'region') {
        await regionShot(browser, server, size);
        continue;
      }
      // The first sign-in with an initial password: only the change form.
      const forced = await page(browser, size);
      await signIn(forced, server.url, 'ny.samverkan', INITIAL);
      await forced.waitForSelector('.password-form');
      await forced.fill('input[autocomplete=current-password]', INITIAL);
      await forced.locator('input[autocomplete=new-password]').first().fill('sommar2024');
      await shoot(forced, 'password-first-sign-in', size);
      await forced.context().close();

      // The console's own screen, from "Byt lösenord" in the header.
      const own = await page(browser, size);
      await signIn(own, server.url, 'analys');
      await own.waitForSelector('[data-testid=connection]:has-text("Live")');
      await own.click('[data-testid=change-password-link]');
      await own.waitForSelector('.password-screen');
      await own.fill('input[autocomplete=current-password]', 'krisledning');
      await own
        .locator('input[autocomplete=new-password]')
        .first()
        .fill('regn över slussen i natt');
      await own.locator('input[autocomplete=new-password]').nth(1).fill('regn över slussen');
      await shoot(own, 'password-change', size);
      await own.context().close();

      // The administrator's accounts screen.
      const accounts = await page(browser, size);
      await signIn(accounts, server.url, 'admin');
      await accounts.waitForSelector('[data-testid=connection]:has-text("Live")');
      await accounts.goto(`${server.url}/#/konton`);
      await accounts.waitForSelector('.accounts-table');
      await shoot(accounts, 'accounts', size, false);
      await accounts.context().close();

      await regionShot(browser, server, size);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
