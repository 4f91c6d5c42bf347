/**
 * The map people work on, in real Chromium against a real server (R245–R248): markers drawn
 * with the bundled symbols and named, a popup with details, the layer list, search over the
 * gazetteer, no tile request unless configured. At 390×844 with touch and at 1366×768, axe
 * clean. Screenshots docs/screenshots/map-*.png (390, 1366, 1920).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, browserSuite } from './support/browser';
import { login } from './support/server';

jest.setTimeout(180_000);

const SHOTS = path.join(__dirname, '..', 'docs', 'screenshots');
const suite = browserSuite();

/** Requests that left the machine's own server (tiles, fonts, anything). */
function outside(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(suite.server.url) && !r.url().startsWith('data:')) seen.push(r.url());
  });
  return seen;
}

const ready = (page: Page) =>
  page.waitForSelector('.map-marker.mk-trygghetspunkt .marker-svg', { state: 'attached' });

/** Leaflet fades a popup in: its contrast is judged once it is fully drawn, not mid-fade. */
const popupDrawn = (page: Page) =>
  page.waitForFunction(
    () => getComputedStyle(document.querySelector('.leaflet-popup')!).opacity === '1',
  );

test('R245 every marker shows its kind symbol (SVG, no text glyph) and its name; its popup has the details', async () => {
  const { page } = await suite.signIn('stadsdir', { viewport: { width: 1366, height: 768 } });
  const away = outside(page);
  await ready(page);
  const marker = page.locator('.map-marker.mk-trygghetspunkt');
  // The symbol is drawn, not a character: the icon holds no text at all.
  expect((await marker.innerText()).trim()).toBe('');
  const box = await marker.locator('svg').boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(24);
  await expect(
    page.locator('.marker-label-text[data-marker=mk_demo_tp]').innerText(),
  ).resolves.toBe('Trygghetspunkt Farsta centrum');
  await marker.click();
  const popup = page.locator('.marker-popup[data-marker=mk_demo_tp]');
  await popup.waitFor();
  const text = await popup.innerText();
  expect(text).toContain('Trygghetspunkt Farsta centrum');
  expect(text).toContain('Farsta');
  expect(text).toContain('Placerad');
  expect(text).toMatch(/59\.24340, 18\.09210/);
  await popupDrawn(page);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'map-popup-1366.png') });
  expect(away).toEqual([]);
});

test('R246 the layer list hides and shows the districts, a marker kind and the stadsdelar', async () => {
  const { page } = await suite.signIn('stadsdir', { viewport: { width: 1366, height: 768 } });
  await ready(page);
  const layers = page.getByTestId('map-layers');
  // By keyboard: the list opens from its button with Enter.
  await layers.getByRole('button', { name: /Kartlager/ }).focus();
  await page.keyboard.press('Enter');
  const list = layers.locator('.leaflet-control-layers-list');
  await list.waitFor();
  const box = (name: string) => list.getByRole('checkbox', { name });
  // Each layer is switched by keyboard (Space on its checkbox), as with a pointer.
  const toggle = async (name: string) => {
    await box(name).focus();
    await page.keyboard.press('Space');
  };
  expect(await box('Stadsdelsområden').isChecked()).toBe(true);
  expect(await box('Stadsdelar').isChecked()).toBe(false);
  // A marker kind off: its markers leave the map; on again, they are back.
  await toggle('Trygghetspunkter');
  expect(await box('Trygghetspunkter').isChecked()).toBe(false);
  expect(await page.locator('.map-marker.mk-trygghetspunkt').count()).toBe(0);
  expect(await page.locator('.map-marker.mk-incident').count()).toBe(1);
  await toggle('Trygghetspunkter');
  await ready(page);
  // The stadsdelar come from the server the first time they are shown: 117 outlines.
  await toggle('Stadsdelar');
  await page.waitForFunction(() => document.querySelectorAll('path.neighbourhood-area').length > 0);
  expect(await page.locator('path.neighbourhood-area').count()).toBe(117);
  await toggle('Stadsdelsområden');
  expect(await page.locator('path.district-area').count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'map-layers-1366.png') });
  await toggle('Stadsdelsområden');
  expect(await page.locator('path.district-area').count()).toBe(11);
});

test('R248 search finds a district, a stadsdel without its diacritics, a former district and a place; picking moves the map', async () => {
  const { page } = await suite.signIn('stadsdir', { viewport: { width: 1920, height: 1080 } });
  await ready(page);
  const search = page.getByRole('combobox', { name: /Sök område/ });
  await search.fill('hasselby');
  const hits = page.getByRole('listbox', { name: 'Träffar' });
  await hits.getByRole('option').first().waitFor();
  const names = await hits.getByRole('option').allInnerTexts();
  expect(
    names.some((n) => n.startsWith('Hässelby-Vällingby') && n.includes('Stadsdelsområde')),
  ).toBe(true);
  expect(names.some((n) => n.startsWith('Hässelby villastad') && n.includes('Stadsdel'))).toBe(
    true,
  );
  await page.screenshot({ path: path.join(SHOTS, 'map-search-1920.png') });
  await search.fill('rinkeby');
  await hits.getByRole('option', { name: /Rinkeby-Kista.*Tidigare/ }).waitFor();
  // A place on the map is found by its name, and picking it opens its popup.
  await search.fill('transformator');
  await search.press('ArrowDown');
  await search.press('Enter');
  await page.locator('.marker-popup[data-marker=mk_demo_inc]').waitFor();
  // A stadsdel: the map zooms in and a pin names it.
  const zoomBefore = await page.evaluate(
    () => document.querySelector('.leaflet-tile-pane') !== null,
  );
  expect(zoomBefore).toBe(true);
  await search.fill('Bagarmossen');
  await hits.getByRole('option', { name: /^Bagarmossen/ }).click();
  await page.locator('.search-pin-label:has-text("Bagarmossen")').waitFor();
  // A district: it is chosen, as a tap on it would.
  await search.fill('Skarp');
  await hits.getByRole('option', { name: /^Skarpnäck.*Stadsdelsområde/ }).click();
  await page
    .getByTestId('district-panel')
    .getByRole('heading', { name: /Skarpnäck/ })
    .waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'map-1920.png') });
});

test('R245 R246 R248 a TiB on a phone: search by thumb, the layer list behind one button, a popup', async () => {
  const { page } = await suite.signIn('tib.farsta', { phone: true });
  const away = outside(page);
  await ready(page);
  // The search sits above the map; the map keeps at least half the screen.
  expect((await page.locator('.map').boundingBox())?.height).toBeGreaterThanOrEqual(844 / 2);
  const search = page.getByRole('combobox', { name: /Sök område/ });
  await search.tap();
  await search.fill('farsta');
  const hits = page.getByRole('listbox', { name: 'Träffar' });
  const first = hits.getByRole('option').first();
  await first.waitFor();
  expect((await first.boundingBox())?.height).toBeGreaterThanOrEqual(44);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'map-search-390.png') });
  await hits.getByRole('option', { name: /^Farsta strand/ }).tap();
  const toggle = page.getByTestId('map-layers').getByRole('button', { name: /Kartlager/ });
  const tb = await toggle.boundingBox();
  expect(Math.min(tb?.width ?? 0, tb?.height ?? 0)).toBeGreaterThanOrEqual(44);
  await toggle.tap();
  await page.getByTestId('map-layers').getByRole('checkbox', { name: 'Stadsdelar' }).tap();
  await page.waitForFunction(() => document.querySelectorAll('path.neighbourhood-area').length > 0);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'map-layers-390.png') });
  // Nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(away).toEqual([]);
});

test('R245 the phone popup of a marker, tapped', async () => {
  const { page } = await suite.signIn('tib.farsta', { phone: true });
  await ready(page);
  await page.locator('.map-marker.mk-trygghetspunkt').tap();
  await page.locator('.marker-popup[data-marker=mk_demo_tp]').waitFor();
  await popupDrawn(page);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'map-popup-390.png') });
});

test('R249 the situation report PDF opens with the map: districts with their status, markers numbered as in the table', async () => {
  const cookie = await login(suite.server.url, 'stadsdir');
  const res = await fetch(`${suite.server.url}/api/export/situation?format=pdf`, {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  const dir = mkdtempSync(path.join(tmpdir(), 'lb-map-pdf-'));
  const file = path.join(dir, 'lagesbild.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = execFileSync('pdftotext', ['-l', '1', file, '-']).toString();
  expect(text).toContain('Karta');
  // The map's own words are text in the PDF: the district names and their status.
  for (const name of ['Farsta', 'Bromma', 'Järva', 'Skärholmen']) expect(text).toContain(name);
  expect(text).toContain('Ingen rapport');
  expect(text).toContain('Försenad rapport');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', file, path.join(dir, 'p')]);
  copyFileSync(path.join(dir, 'p-1.png'), path.join(SHOTS, 'map-lagesbild-pdf-sida1.png'));
});
