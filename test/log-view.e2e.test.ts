/**
 * The log view and the event's dagbok in Chromium, as a TiB on a phone uses them at night
 * (R229): the newest page, older pages on request, filters kept in the address across a reload,
 * lines arriving while the person reads further down held behind "N nya" instead of moving the
 * list, and a long dagbok drawn a page at a time. SCREENSHOTS=1 writes the log view at 390,
 * 1366 and 1920 px to docs/screenshots/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { acknowledgeAttention, axeViolations, browserSuite } from './support/browser';
import type { TestConsole } from './support/server';

jest.setTimeout(120_000);
const suite = browserSuite();
const SHOTS = process.env.SCREENSHOTS ? path.resolve(__dirname, '..', 'docs', 'screenshots') : null;
const TITLE = 'Vattenläcka vid Farsta centrum';
let tib: TestConsole;
let eventId: string;

beforeAll(async () => {
  tib = await suite.console('tib.farsta');
  const opened = await tib.command('event.open', {
    title: TITLE,
    area: { kind: 'district', id: 'farsta' },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const real = suite.server.app.spaces.get('real')!;
  eventId = Object.values(real.state.events).find((e) => e.title === TITLE)!.id;
  // A long night: 130 lines in the event's dagbok, one of them with a word to search for.
  for (let i = 1; i <= 130; i++) {
    const text = i === 7 ? 'Rad 7: avstängningsventilen vid Magelungen stängd' : `Rad ${i}`;
    const ack = await tib.command('log.write', { eventId, text });
    if (!ack.ok) throw new Error(ack.error.message);
  }
});
afterAll(() => tib?.close());

const status = (page: Page) => page.getByTestId('log-status').textContent();
const firstEntry = (page: Page) =>
  page.locator('[data-testid=log-list] .log-entries > li .log-text').first().textContent();
const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('R229 on a phone: newest page first, older pages on request, filters survive a reload, new lines wait behind "N nya"', async () => {
  const { page } = await suite.signIn('tib.farsta', { path: '#/logg', phone: true });
  await acknowledgeAttention(page);
  await page.getByText('100 poster visas, fler finns.').waitFor();
  expect(await firstEntry(page)).toBe('Rad 130');
  expect(await noSidewaysScroll(page)).toBe(true);
  // On the phone the entries are on the first screen: the filters beyond the words are folded.
  const entry = await page
    .locator('[data-testid=log-list] .log-entries > li')
    .first()
    .boundingBox();
  expect(entry!.y + entry!.height).toBeLessThanOrEqual(844);
  expect(await page.getByLabel('Typ').isVisible()).toBe(false);

  // Older pages come on request, after the ones shown.
  await page.getByRole('button', { name: 'Visa äldre poster' }).click();
  await page.waitForFunction(
    () =>
      !/^100 poster/.test(document.querySelector('[data-testid=log-status]')?.textContent ?? ''),
  );
  expect(await status(page)).toMatch(/^\d+ poster visas/);
  expect(await page.locator('[data-testid=log-list] .log-entries > li').count()).toBeGreaterThan(
    100,
  );

  // A search: kind and word, in the address, and still there after a reload.
  await page.getByText('Fler filter').click();
  await page.getByLabel('Typ').selectOption('note');
  await page.getByLabel('Sökord').fill('Magelungen');
  await page.getByText('1 post visas.').waitFor();
  expect(await firstEntry(page)).toContain('avstängningsventilen vid Magelungen');
  expect(page.url()).toContain('typ=note');
  expect(page.url()).toContain('sok=Magelungen');
  await page.reload();
  await page.waitForSelector('[data-testid=connection]:has-text("Live")');
  await acknowledgeAttention(page);
  await page.getByText('1 post visas.').waitFor();
  expect(await page.getByLabel('Sökord').inputValue()).toBe('Magelungen');
  // Opened by itself, since the address narrows the search, and says how much.
  expect(await page.getByLabel('Typ').isVisible()).toBe(true);
  expect(await page.getByText('Fler filter (1 vald)').count()).toBe(1);

  // Reading further down: a new line waits behind a button instead of moving the list.
  await page.getByRole('button', { name: 'Rensa filtren' }).click();
  await page.getByText('100 poster visas, fler finns.').waitFor();
  await page.getByTestId('log-list').evaluate((el) => el.scrollTo({ top: 600 }));
  const top = await page.getByTestId('log-list').evaluate((el) => el.scrollTop);
  expect(top).toBeGreaterThan(0);
  expect((await tib.command('log.write', { eventId, text: 'Rad 131: pumpen på plats' })).ok).toBe(
    true,
  );
  const more = page.getByTestId('log-new');
  await more.waitFor();
  expect(await more.textContent()).toContain('1 ny – visa');
  expect(await firstEntry(page)).toBe('Rad 130');
  expect(await page.getByTestId('log-list').evaluate((el) => el.scrollTop)).toBe(top);
  const box = await more.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  await more.click();
  expect(await firstEntry(page)).toBe('Rad 131: pumpen på plats');

  // Back at the top, reading the newest: the next line comes straight in.
  expect((await tib.command('log.write', { eventId, text: 'Rad 132: vattnet sjunker' })).ok).toBe(
    true,
  );
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=log-list] .log-entries > li .log-text')?.textContent ===
      'Rad 132: vattnet sjunker',
  );
  expect(await page.getByTestId('log-new').count()).toBe(0);
  expect(await noSidewaysScroll(page)).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  expect(page.errors).toEqual([]);
});

test("R229 the event's dagbok on a phone: the newest 50 lines, older 50 at a time", async () => {
  const { page } = await suite.signIn('tib.farsta', { phone: true });
  await acknowledgeAttention(page);
  await page.getByRole('button', { name: new RegExp(TITLE) }).click();
  const event = page.getByTestId('event-page');
  await event.getByRole('tab', { name: 'Dagbok' }).click();
  const lines = event.getByTestId('paged-list').locator(':scope > li');
  const shown = event.getByText(/^50 av \d+ visas\.$/);
  await shown.waitFor();
  // Every line of this event's dagbok is "Rad n…", n = 1 … total.
  const total = Number(/av (\d+)/.exec((await shown.textContent()) ?? '')![1]);
  expect(total).toBeGreaterThanOrEqual(130);
  expect(await lines.count()).toBe(50);
  expect(await lines.first().textContent()).toContain(`Rad ${total}`);
  await event.getByRole('button', { name: 'Visa 50 äldre anteckningar' }).click();
  expect(await lines.count()).toBe(100);
  // Focus on the first line added, so the reader goes on where they asked.
  await page.waitForFunction(
    (n) => document.activeElement?.textContent?.includes(`Rad ${n} `) ?? false,
    total - 50,
  );
  await event.getByRole('button', { name: /^Visa \d+ äldre anteckningar$/ }).click();
  expect(await lines.count()).toBe(total);
  expect(await lines.last().textContent()).toContain('Rad 1 ');
  expect(await event.getByRole('button', { name: /äldre anteckningar/ }).count()).toBe(0);
  expect(await noSidewaysScroll(page)).toBe(true);
  expect(await axeViolations(page, '[data-testid=event-page]')).toEqual([]);
});

if (SHOTS)
  test('screenshots of the log view at 390, 1366 and 1920 px', async () => {
    for (const [width, height] of [
      [390, 844],
      [1366, 768],
      [1920, 1080],
    ]) {
      const { page, ctx } = await suite.signIn('stadsdir', {
        path: '#/logg',
        viewport: { width, height },
        phone: width < 600,
      });
      await acknowledgeAttention(page);
      await page.getByText(/poster visas/).waitFor();
      await page.screenshot({ path: path.join(SHOTS, `log-view-${width}px.png`) });
      await ctx.close();
    }
  });
