/**
 * The duty officer's phone in real Chromium against a real server: one event per intention
 * however the button is pressed (R160), and the TiB's flows at 390×844 with touch (R168): no
 * sideways scrolling, the map at least half the screen, a marker placed by a tap, axe-core
 * clean; and all of Stockholm on the map at 1366×768.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { connectConsole } from './support/server';
import { axeViolations, browserSuite, freeSpotInFarsta } from './support/browser';

jest.setTimeout(120_000);

const suite = browserSuite();
const real = () => suite.real();

async function phone(user: string, route = ''): Promise<{ page: Page; ctx: BrowserContext }> {
  const ctx = await suite.browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  suite.contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(`${suite.server.url}/${route}`);
  await page.fill('#username', user);
  await page.fill('#password', 'krisledning');
  await page.tap('button[type=submit]');
  await page.waitForSelector('[data-testid=connection]:has-text("Live")');
  // A home screen with the map waits for it; a unit officer's home has none.
  if (!route) await page.waitForSelector('.map-label[data-district=farsta], main h2');
  return { page, ctx };
}

test('R160 a double click on "Skicka lägesrapport" makes one report; the same command id sent again makes none', async () => {
  const { page } = await suite.signIn('tib.farsta');
  await page.waitForSelector('.map-label[data-district=farsta]');
  const before = real().state.districts.farsta.reportIds.length;
  const panel = page.getByTestId('district-panel');
  await panel.getByLabel('Vad har hänt (obligatoriskt)').fill('Dubbelklick: vattenläcka i Farsta.');
  await panel.getByRole('button', { name: 'Skicka lägesrapport' }).dblclick();
  await panel.getByText('Lägesrapporten är sparad.').waitFor();
  // A moment more, so a second command would have arrived too.
  await page.waitForTimeout(500);
  const reports = real().state.districts.farsta.reportIds;
  expect(reports.length).toBe(before + 1);
  const logged = real()
    .eventsAfter(0)
    ?.filter(
      (e) =>
        e.type === 'district.reported' &&
        (e.data as { happened: string }).happened === 'Dubbelklick: vattenläcka i Farsta.',
    );
  expect(logged).toHaveLength(1);

  // The server's side of it: the same command id again is answered "duplicate", nothing added.
  const commandId = logged![0].commandId;
  const own = commandId.slice(commandId.lastIndexOf(':') + 1);
  const cookies = await page.context().cookies();
  const c = await connectConsole(
    suite.server.url,
    cookies.map((k) => `${k.name}=${k.value}`).join('; '),
  );
  try {
    const seq = real().seq;
    const ack = await c.command(
      'district.report',
      {
        districtId: 'farsta',
        basedOnReportId: null,
        status: 'normal',
        happened: 'Dubbelklick: vattenläcka i Farsta.',
        crisisSupport: 'not_active',
        nextReportDue: new Date(Date.now() + 3_600_000).toISOString(),
      },
      { id: own },
    );
    expect(ack).toMatchObject({ ok: true, duplicate: true });
    expect(real().seq).toBe(seq);
  } finally {
    c.close();
  }
});

test('R168 the TiB at 390×844 with touch: no sideways scrolling, the map at least half the screen, a marker placed by a tap, axe clean', async () => {
  const { page } = await phone('tib.farsta');
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    viewport: window.innerWidth,
  }));
  // Against the device's width: a mobile viewport grows to fit content that is too wide.
  expect(widths).toEqual({ scroll: 390, body: 390, viewport: 390 });
  const map = await page.locator('.map').boundingBox();
  if (!map) throw new Error('no map');
  expect(map.height).toBeGreaterThanOrEqual(844 / 2);
  expect(map.width).toBeLessThanOrEqual(390);

  // Every button a thumb presses in the TiB's panel is at least 44 px high.
  const small = await page.$$eval('.col-right button:not([disabled]), .col-right select', (els) =>
    els
      .map((el) => ({
        text: (el.textContent ?? '').trim().slice(0, 30),
        h: el.getBoundingClientRect().height,
      }))
      .filter((b) => b.h > 0 && b.h < 44),
  );
  expect(small).toEqual([]);

  const before = Object.keys(real().state.markers).length;
  const panel = page.getByTestId('district-panel');
  await panel.getByLabel('Benämning').fill('Trygghetspunkt Farsta centrum');
  await panel.getByLabel('Typ').selectOption('trygghetspunkt');
  await panel.getByRole('button', { name: 'Välj plats på kartan' }).tap();
  // Back up to the map and tap inside Farsta, just above its label.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('.workspace').evaluate((el) => el.scrollTo(0, 0));
  const spot = await freeSpotInFarsta(page);
  await page.touchscreen.tap(spot.x, spot.y);
  await panel.getByText('Markeringen är sparad.').waitFor({ timeout: 5000 });
  expect(Object.keys(real().state.markers).length).toBe(before + 1);
  const placed = Object.values(real().state.markers).find(
    (m) => m.label === 'Trygghetspunkt Farsta centrum',
  );
  expect(placed?.districtId).toBe('farsta');

  expect(await axeViolations(page)).toEqual([]);
  // Still no sideways scrolling with the panel and its answers open.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
});

test.each([
  ['tib.farsta', '#/larm'],
  ['tib.farsta', '#/bemanning'],
  ['tib.farsta', '#/ovning'],
  ['tib.farsta', '#/oversikt'],
  ['sakord.trafik', ''],
  ['sakord.trafik', '#/bemanning'],
])('R168 %s %s at 390 px: no sideways scrolling, axe clean', async (user, route) => {
  const { page, ctx } = await phone(user, route);
  await page.waitForTimeout(300);
  const w = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    widest: [...document.querySelectorAll('body *')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      // The map and the one-row tab strip scroll inside themselves, never the page.
      .filter(
        ({ el, r }) =>
          r.right > 391 && !el.closest('.leaflet-container') && !el.closest('.route-nav'),
      )
      .slice(0, 3)
      .map(({ el, r }) => `${el.tagName.toLowerCase()}.${el.className} → ${Math.round(r.right)}`),
  }));
  expect(w).toEqual({ scroll: 390, widest: [] });
  expect(await axeViolations(page)).toEqual([]);
  await ctx.close();
});

test('R167 a long title without a break wraps inside its card at 390 and 1366 px', async () => {
  const { page } = await phone('tib.farsta');
  const cookies = await page.context().cookies();
  const c = await connectConsole(
    suite.server.url,
    cookies.map((k) => `${k.name}=${k.value}`).join('; '),
  );
  const title = `Vattenläcka${'Farstastrandsvägen'.repeat(8)}`;
  try {
    const ack = await c.command('event.open', {
      title,
      area: { kind: 'district', id: 'farsta' },
    });
    expect(ack).toMatchObject({ ok: true });
  } finally {
    c.close();
  }
  const item = page.getByText(title, { exact: true }).first();
  await item.waitFor();
  const overflow = (p: Page) =>
    p.evaluate(() => ({
      page: document.documentElement.scrollWidth - window.innerWidth,
      columns: [...document.querySelectorAll('.col')].filter(
        (el) => el.scrollWidth > el.clientWidth + 1,
      ).length,
    }));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  expect((await overflow(page)).columns).toBe(0);
  const desk = await suite.signIn('tib.farsta');
  await desk.page.getByText(title, { exact: true }).first().waitFor();
  expect(await overflow(desk.page)).toEqual({ page: 0, columns: 0 });
});

test('R168 a form opened on the phone rises as a bottom sheet', async () => {
  const { page } = await phone('tib.farsta');
  await page.getByText('Öppna störning', { exact: true }).first().tap();
  const sheet = await page.locator('details.action[open]').first().boundingBox();
  if (!sheet) throw new Error('no sheet');
  expect(Math.round(sheet.y + sheet.height)).toBe(844);
  expect(sheet.width).toBe(390);
  await page.getByLabel('Rubrik').fill('Vattenläcka Farsta');
  expect(await axeViolations(page)).toEqual([]);
  // Sent with the thumb; the sheet shows the answer and the form is empty again.
  const sheetEl = page.locator('details.action[open]').first();
  await sheetEl.getByRole('button', { name: 'Öppna störning' }).tap();
  await sheetEl.getByText('Störningen är öppnad.').waitFor();
  expect(await page.getByLabel('Rubrik').inputValue()).toBe('');
  expect(Object.values(real().state.events).some((e) => e.title === 'Vattenläcka Farsta')).toBe(
    true,
  );
});

test('R168 the TiB files a report with the thumb at 390 px', async () => {
  const { page } = await phone('tib.farsta');
  const panel = page.getByTestId('district-panel');
  const before = real().state.districts.farsta.reportIds.length;
  await panel.getByLabel('Status').selectOption('critical');
  await panel.getByLabel('Vad har hänt (obligatoriskt)').fill('Från mobilen: översvämning.');
  await panel.getByRole('button', { name: 'Skicka lägesrapport' }).tap();
  await panel.getByText('Lägesrapporten är sparad.').waitFor();
  expect(real().state.districts.farsta.reportIds.length).toBe(before + 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
});

test('R168 at 1366×768 all of Stockholm fits on the map: every district is inside its box', async () => {
  const { page } = await suite.signIn('ordf');
  await page.waitForSelector('.map-label[data-district=farsta]');
  await page.waitForTimeout(300);
  const out = await page.evaluate(() => {
    const box = document.querySelector('.map')!.getBoundingClientRect();
    const paths = [...document.querySelectorAll('.leaflet-overlay-pane path')];
    return {
      count: paths.length,
      outside: paths
        .map((p) => p.getBoundingClientRect())
        .filter(
          (r) =>
            r.left < box.left - 1 ||
            r.right > box.right + 1 ||
            r.top < box.top - 1 ||
            r.bottom > box.bottom + 1,
        ).length,
    };
  });
  expect(out.count).toBeGreaterThan(10);
  expect(out.outside).toBe(0);
});
