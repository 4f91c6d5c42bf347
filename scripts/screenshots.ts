/**
 * Screenshots of each role's main screen at 1920×1080 and 1366×768, for the README.
 * Run after `npm run build:client`: npx tsx scripts/screenshots.ts
 * It starts its own server with the demo data on a free loopback port.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startTestServer, type TestServer } from '../test/support/server';
import type { Browser } from 'playwright-core';

const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];
const ACCOUNTS: { user: string; name: string; hash?: string; sizes?: number[] }[] = [
  { user: 'tib.farsta', name: 'tib' },
  { user: 'ordf', name: 'ordforande' },
  { user: 'stadsdir', name: 'stadsdirektor' },
  { user: 'stabschef', name: 'stabschef' },
  { user: 'presidium', name: 'observator' },
  // The CKL workspaces (issue 4): no map, so no map wait.
  { user: 'stabschef', name: 'ckl-stab', hash: '#/stab' },
  { user: 'samverkan', name: 'ckl-samverkan', hash: '#/samverkan', sizes: [1920] },
  { user: 'analys', name: 'ckl-analys', hash: '#/analys', sizes: [1920] },
  { user: 'info', name: 'ckl-information', hash: '#/information', sizes: [1920] },
  { user: 'admin.ckl', name: 'ckl-administration', hash: '#/administration', sizes: [1920] },
];

export async function signIn(page: Page, url: string, user: string, hash = ''): Promise<void> {
  await page.goto(url + (hash ? `/${hash}` : ''));
  await page.fill('#username', user);
  await page.fill('#password', 'krisledning');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=connection]:has-text("Live")');
  if (!hash) await page.waitForSelector('.district-tooltip');
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startTestServer();
  const browser = await launchChromium();
  try {
    // SCREENSHOTS=alarm takes only the alarm screens.
    const roles = process.env.SCREENSHOTS === 'alarm' ? [] : ACCOUNTS;
    for (const size of SIZES)
      for (const a of roles.filter((x) => !x.sizes || x.sizes.includes(size.width))) {
        if (process.env.ONLY && !a.name.startsWith(process.env.ONLY)) continue;
        const ctx = await browser.newContext({
          viewport: size,
          locale: 'sv-SE',
          timezoneId: 'Europe/Stockholm',
        });
        const page = await ctx.newPage();
        await signIn(page, server.url, a.user, a.hash);
        await page.waitForTimeout(400);
        const file = path.join(OUT, `${a.name}-${size.width}x${size.height}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        await ctx.close();
      }
    await alarmScreens(browser, server);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Alarm and call-in (issue 5): the board live, the answer notice, administration, duty. */
async function alarmScreens(browser: Browser, server: TestServer): Promise<void> {
  const real = server.app.spaces.get('real');
  if (!real) return;
  const lead = real.state.users.stabschef;
  await real.submit(
    { userId: lead.userId, name: lead.name, role: lead.role },
    'screenshots:alarm',
    {
      type: 'alarm.start',
      payload: {
        title: 'Skyfall i city',
        listIds: ['list_ckl_analys', 'list_ckl_info'],
        templateId: 'tpl_ckl',
      },
    },
  );
  const shots: { user: string; route: string; name: string; click?: string }[] = [
    { user: 'stadsdir', route: 'larm', name: 'larm-inkallningstavla' },
    { user: 'analys', route: 'oversikt', name: 'larm-svar-i-konsolen' },
    { user: 'admin.ckl', route: 'larmadmin', name: 'larm-admin-kontakter' },
    { user: 'admin.ckl', route: 'larmadmin', name: 'larm-admin-larmlistor', click: 'Larmlistor' },
    { user: 'admin.ckl', route: 'larmadmin', name: 'larm-admin-larmplaner', click: 'Larmplaner' },
    { user: 'stabschef', route: 'bemanning', name: 'bemanning-overlamning' },
  ];
  for (const s of shots) {
    const ctx = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
    });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/#/${s.route}`);
    await page.fill('#username', s.user);
    await page.fill('#password', 'krisledning');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=connection]:has-text("Live")');
    if (s.click) await page.getByRole('tab', { name: s.click }).click();
    await page.waitForTimeout(600);
    const file = path.join(OUT, `${s.name}-1366x900.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await ctx.close();
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
