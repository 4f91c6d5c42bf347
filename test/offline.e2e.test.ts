/**
 * Offline duty officer in real Chromium (R17): tib.farsta loses the network, files a
 * report and a no-change confirmation, reloads (the app shell comes from the service worker, the
 * last known state and the queue from the browser), comes back and the queue is sent once, in
 * order. Then a colleague reports meanwhile: the queued report is STALE, the conflict view shows
 * both versions, passes axe, and "send mine anyway" files it on top of the colleague's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { connectConsole, login, newCommandId } from './support/server';
import { browserSuite } from './support/browser';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs', 'screenshots') : null;

const suite = browserSuite();

async function signIn(user: string): Promise<{ page: Page; ctx: BrowserContext }> {
  const r = await suite.signIn(user, { viewport: { width: 1366, height: 900 } });
  // The app shell is cached once the service worker is active (needed for an offline reload).
  await r.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  return r;
}

const real = () => suite.server.app.spaces.get('real')!;
const farsta = () => real().state.districts.farsta;
const happenedField = (p: Page) => p.getByLabel('Vad har hänt (obligatoriskt)');

async function goOffline(page: Page, ctx: BrowserContext) {
  await ctx.setOffline(true);
  // Chromium's offline emulation also ends the open WebSocket, so the console notices by itself.
  await page.waitForSelector('[data-testid=connection]:has-text("Offline")');
}

async function fileReport(page: Page, status: string, text: string) {
  await page.getByLabel('Status').first().selectOption({ label: status });
  await happenedField(page).fill(text);
  await page.getByRole('button', { name: 'Skicka lägesrapport' }).click();
}

test('R17 offline: a report and a no-change confirmation are queued, survive a reload, and are sent once and in order', async () => {
  const chair = await signIn('ordf');
  const { page, ctx } = await signIn('tib.farsta');
  const seqBefore = real().seq;
  const reportsBefore = farsta().reportIds.length;

  await goOffline(page, ctx);
  await fileReport(page, 'Allvarligt', 'Offline: strömavbrott i Hagsätra');
  await page.waitForSelector('[data-testid=outbox-item]');
  await page.getByRole('button', { name: /Inget nytt – bekräfta läget/ }).click();
  await page.waitForSelector('[data-testid=outbox-item] >> nth=1');
  // A draft typed but not sent.
  await happenedField(page).fill('Utkast: vattenläcka Farsta centrum');
  expect(real().seq).toBe(seqBefore); // nothing reached the server

  await page.reload();
  await page.waitForSelector('[data-testid=outbox]');
  const items = page.locator('[data-testid=outbox-item]');
  expect(await items.count()).toBe(2);
  await expect(items.nth(0).innerText()).resolves.toMatch(/Lägesrapport.*kl\. \d\d:\d\d/s);
  await expect(items.nth(0).innerText()).resolves.toMatch(/Hagsätra/);
  await expect(items.nth(1).innerText()).resolves.toMatch(/Inget nytt att rapportera/);
  await expect(page.locator('[data-testid=outbox]').innerText()).resolves.toMatch(
    /Ej skickat ännu/,
  );
  // The last known state, not an empty console; the draft is still in the form.
  await page.waitForSelector('[data-testid=from-cache]');
  await page.waitForSelector('.map-label[data-district=farsta]');
  expect(await happenedField(page).inputValue()).toBe('Utkast: vattenläcka Farsta centrum');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'offline-queue.png') });

  await ctx.setOffline(false);
  await page.waitForSelector('[data-testid=connection]:has-text("Live")', { timeout: 20_000 });
  await page.waitForSelector('[data-testid=outbox]', { state: 'detached' });

  // Applied once each, in queue order: the report, then the confirmation on top of it.
  const log = await suite.server.app.store.read('real', seqBefore);
  const reported = log.filter((e) => e.type === 'district.reported');
  expect(reported.map((e) => (e.data as { noChange: boolean }).noChange)).toEqual([false, true]);
  expect(farsta().reportIds.length).toBe(reportsBefore + 2);
  const latest = real().state.reports[farsta().latestReportId!];
  expect(latest).toMatchObject({ noChange: true, happened: 'Offline: strömavbrott i Hagsätra' });
  // The chair's console sees it.
  await chair.page.waitForSelector('.map-label[data-district=farsta]:has-text("Allvarligt")');
});

test('R17 offline conflict: a colleague reported meanwhile; the officer sees both and sends theirs anyway, re-based', async () => {
  const { page, ctx } = await signIn('tib.farsta');
  await goOffline(page, ctx);
  await fileReport(page, 'Kritiskt', 'Min offlineversion: evakuering Farsta strand');
  await page.waitForSelector('[data-testid=outbox-item]');

  // Meanwhile a second tib.farsta session reports.
  const cookie = await login(suite.server.url, 'tib.farsta');
  const colleague = await connectConsole(suite.server.url, cookie, real().seq);
  const theirs = await colleague.command(
    'district.report',
    {
      districtId: 'farsta',
      basedOnReportId: farsta().latestReportId ?? null,
      status: 'strained',
      happened: 'Kollegans rapport: läget stabilt',
      crisisSupport: 'not_active',
      nextReportDue: new Date(Date.now() + 3600_000).toISOString(),
    },
    { id: newCommandId() },
  );
  colleague.close();
  expect(theirs.ok).toBe(true);
  const colleagueReport = farsta().latestReportId!;

  await ctx.setOffline(false);
  const conflict = page.locator('[data-testid=conflict]');
  await conflict.waitFor({ timeout: 20_000 });
  // Nothing overwritten: the colleague's report is still the latest.
  expect(farsta().latestReportId).toBe(colleagueReport);
  await page.waitForSelector('[data-testid=conflict-theirs-head]:has-text("TiB")');
  const text = await conflict.innerText();
  expect(text).toMatch(/Min offlineversion/);
  expect(text).toMatch(/Kollegans rapport/);
  await expect(page.locator('[data-testid=outbox-item]').first().innerText()).resolves.toMatch(
    /Konflikt/,
  );
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'offline-conflict.png') });

  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: {
          run: (c: unknown, o: unknown) => Promise<{ violations: { id: string }[] }>;
        };
      }
    ).axe.run('[data-testid=conflict]', {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => v.id);
  });
  expect(violations).toEqual([]);

  await page.getByRole('button', { name: 'Skicka min version ändå' }).click();
  await page.waitForSelector('[data-testid=outbox]', { state: 'detached' });
  await page.waitForSelector('[data-testid=conflict]', { state: 'detached' });
  const mine = real().state.reports[farsta().latestReportId!];
  expect(mine).toMatchObject({
    happened: 'Min offlineversion: evakuering Farsta strand',
    status: 'critical',
  });
  // The colleague's report is kept in the history right before it.
  expect(farsta().reportIds.slice(-2)).toEqual([colleagueReport, mine.id]);
});
