/**
 * The warnings workspace in real Chromium (R133–R135, R139): SMHI areas on the map with the
 * level in words, the list with source, level, times, status and feed status, a VMA exercise
 * marked as not real, a new warning touching Stockholm county appearing live with a notice for
 * the analysis function, and a warning put in an event's log as decision basis. Screenshots at
 * 390, 1366 and 1920 px in docs/screenshots/.
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acknowledgeAttention, axeViolations, browserSuite } from './support/browser';
import { PROJECT_ROOT } from '../server/paths';

jest.setTimeout(120_000);

const FEEDS = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'feeds', 'sr-vma');
const vma = (prefix: string) =>
  path.join(FEEDS, readdirSync(FEEDS).find((n) => n.startsWith(prefix)) as string);
const dir = mkdtempSync(path.join(tmpdir(), 'lb-warn-e2e-'));
const vmaFile = path.join(dir, 'vma.json');
copyFileSync(vma('2025-11-23'), vmaFile);
const smhiFile = path.join(dir, 'smhi.json');
copyFileSync(
  path.join(PROJECT_ROOT, 'shared', 'warnings', 'testdata', 'smhi-ibww-handwritten.json'),
  smhiFile,
);
const SHOTS = path.join(PROJECT_ROOT, 'docs', 'screenshots');

const suite = browserSuite(undefined, {
  WARNING_FEEDS: `smhi=${smhiFile},vma=${vmaFile}`,
  WARNING_POLL_SECONDS: '1',
});

test('R133 R134 R135 the layer and the list: levels in words, a new VMA live and marked TEST, a notice for the analysis function', async () => {
  const { page } = await suite.signIn('analys', {
    path: '#/varningar',
    viewport: { width: 1366, height: 900 },
  });
  const list = page.locator('[data-testid=warning-list]');
  await list.locator('li').nth(2).waitFor();
  expect(await list.locator('li').count()).toBe(3);
  // The level in words on the map, not colour alone.
  const labels = page.locator('.warning-map-label');
  await labels.first().waitFor();
  expect(await labels.allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining('Gul varning · SMHI: Vind')]),
  );
  await page.getByText(/SMHI \(smhi\.json\): hämtat \d\d:\d\d/).waitFor();
  await page.getByText(/VMA \(vma\.json\): hämtat \d\d:\d\d · 0 varningar/).waitFor();

  // A new VMA (the quarterly siren test, status Exercise, the whole country) arrives live.
  copyFileSync(vma('2025-12-01T13'), vmaFile);
  const vmaItem = list.locator('li[data-warning="vma:SRCAP20251201140327E"]');
  await vmaItem.waitFor();
  expect(await vmaItem.locator('[data-testid=not-real]').textContent()).toBe(
    'TEST – inte ett verkligt meddelande (Övning)',
  );
  expect(await vmaItem.textContent()).toContain('Hela landet');
  expect(await vmaItem.textContent()).toContain('inget område på kartan');
  // It touches Stockholm county: a notice for the analysis function (a default attention role).
  const notice = page.locator('.warning-notice');
  await notice.waitFor();
  expect(await notice.textContent()).toMatch(
    /Ny varning för Stockholms län.*TEST – inte ett verkligt/,
  );
  // The new warning raises the attention dialog too (R228), information to close; marked TEST.
  const raised = page.getByRole('alertdialog', { name: /TEST – inte ett verkligt meddelande/ });
  await raised.waitFor();
  expect(await raised.textContent()).toContain('Ny varning för Stockholms län');
  expect(await acknowledgeAttention(page)).toBe(1);
  expect(await axeViolations(page, '.col-left')).toEqual([]);

  await list.locator('li[data-warning="smhi:9001-90011"] button').click();
  await page.locator('[data-testid=warning-detail]').waitFor();
  for (const width of [1366, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `warnings-${width}.png`) });
  }
  expect(page.errors).toEqual([]);
});

test('R168 the warnings on a duty officer’s phone: no sideways scrolling, the map at least half the screen, a warning opened by a tap', async () => {
  const { page } = await suite.signIn('tib.farsta', { path: '#/varningar', phone: true });
  const list = page.locator('[data-testid=warning-list]');
  await list.locator('li').first().waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  const map = await page.locator('.leaflet-container').first().boundingBox();
  expect(map?.height ?? 0).toBeGreaterThanOrEqual(844 / 2);
  await list.locator('li[data-warning="smhi:9001-90011"] button').tap();
  const detail = page.locator('[data-testid=warning-detail]');
  await detail.waitFor();
  // The detail is brought into view by the tap itself.
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid=warning-detail]')?.getBoundingClientRect();
    return !!r && r.top < window.innerHeight && r.bottom > 0;
  });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Every button in the list and the detail is a thumb's size.
  const small = await page.evaluate(
    () =>
      [
        ...document.querySelectorAll(
          '[data-testid=warning-list] button, [data-testid=warning-detail] button',
        ),
      ]
        .map((b) => b.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height < 44).length,
  );
  expect(small).toBe(0);
  expect(await axeViolations(page, '.col-left')).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'warnings-390.png'), fullPage: true });
  expect(page.errors).toEqual([]);
});

test('R139 from warning to action: the SMHI warning goes into the open event’s log as decision basis', async () => {
  const { page } = await suite.signIn('analys', {
    path: '#/varningar',
    viewport: { width: 1366, height: 900 },
  });
  const list = page.locator('[data-testid=warning-list]');
  await list.locator('li[data-warning="smhi:9001-90011"] button').click();
  const detail = page.locator('[data-testid=warning-detail]');
  await detail.getByRole('button', { name: 'Lägg i händelsens logg som beslutsunderlag' }).click();
  await detail.getByText('Varningen finns nu i händelsens logg.').waitFor();
  const real = suite.server.app.spaces.get('real')!;
  const entry = real.state.log.at(-1);
  expect(entry?.source).toMatchObject({ source: 'smhi', id: '9001-90011', level: 'yellow' });
  expect(entry?.text).toMatch(
    /^Beslutsunderlag: Gul varning från SMHI – Vind – Stockholms skärgård/,
  );
});
