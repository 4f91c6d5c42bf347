/**
 * Share links in real Chromium (R90–R97): the analysis function makes a link in the console and
 * sees it once; the partner's page passes axe at 390 and 1366 px with no script; openings show
 * in the share list; revoking closes the link; an exercise's PDF says ÖVNING on every page.
 * Screenshots and PDFs: test-output/share-*.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, browserSuite, type ConsolePage } from './support/browser';
import { connectConsole, login, type TestConsole } from './support/server';
import { exerciseWithApprovedReport, postShare } from './support/shareServer';

jest.setTimeout(120_000);

const OUT = path.join(__dirname, '..', 'test-output');
mkdirSync(OUT, { recursive: true });
const suite = browserSuite();
const consoles: TestConsole[] = [];
afterAll(() => {
  for (const c of consoles) c.close();
});

/** Console errors other than the browser asking for a favicon the page does not have. */
const realErrors = (page: ConsolePage) => page.errors.filter((e) => !/status of 404/.test(e));

let url = '';

async function openPanel(user: string, width = 1366): Promise<Page> {
  const { page } = await suite.signIn(user, {
    path: '#/analys',
    viewport: { width, height: 900 },
  });
  await page.locator('[data-testid=share-panel]').waitFor();
  return page;
}

test('R90 R91 the analysis function makes a link in the console and sees it once', async () => {
  const page = await openPanel('analys');
  const panel = page.locator('[data-testid=share-panel]');
  expect(await axeViolations(page, '[data-testid=share-panel]')).toEqual([]);
  await panel.getByLabel('Mottagare').selectOption('lansstyrelsen-stockholm');
  await panel.getByRole('button', { name: 'Skapa länk' }).click();
  const link = panel.locator('[data-testid=share-link] input');
  await link.waitFor();
  url = await link.inputValue();
  expect(url).toMatch(/\/delning\/[A-Za-z0-9_-]{43}$/);
  await panel.screenshot({ path: path.join(OUT, 'share-panel-link-1366.png') });
  expect(await axeViolations(page, '[data-testid=share-panel]')).toEqual([]);
  await panel.getByRole('button', { name: 'Klar, länken är sparad' }).click();
  await panel.locator('[data-testid=share-row]').first().waitFor();
  expect(await panel.locator('[data-testid=share-link]').count()).toBe(0);
  expect(await page.content()).not.toContain(url.split('/').at(-1));
  await expect(panel.locator('[data-testid=share-row]').first().textContent()).resolves.toMatch(
    /Aktiv.*Följer senaste godkända/,
  );
});

test('R93 the partner page needs no account and passes axe at 390 and 1366 px', async () => {
  expect(url).not.toBe('');
  for (const width of [390, 1366]) {
    const { page } = await suite.newPage({ viewport: { width, height: 800 } });
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    await page.locator('h1').waitFor();
    await page.screenshot({ path: path.join(OUT, `share-page-${width}.png`), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // No horizontal scrolling on a phone; the map is drawn.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(width);
    expect(await page.locator('svg.district-map path.d').count()).toBe(11);
    expect(realErrors(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({
      path: path.join(OUT, `share-page-print-${width}.png`),
      fullPage: true,
    });
  }
  // The page is complete without any script at all.
  const { page } = await suite.newPage({ javaScriptEnabled: false });
  await page.goto(url);
  await expect(page.locator('h1').textContent()).resolves.toBe('Lägesbild: Elavbrott i Söderort');
  expect(await page.locator('table.districts tbody tr').count()).toBeGreaterThan(0);
});

test('R95 the share list shows the openings per recipient', async () => {
  const page = await openPanel('stabschef');
  const panel = page.locator('[data-testid=share-panel]');
  await panel.getByRole('button', { name: 'Uppdatera visningarna' }).click();
  await panel.locator('[data-testid=share-views]', { hasText: 'sidvisningar' }).first().waitFor();
  const group = panel.getByRole('region', { name: 'Delat med Länsstyrelsen i Stockholms län' });
  await expect(group.locator('h3').textContent()).resolves.toMatch(/1 länk · [1-9]\d* öppningar/);
  await panel.screenshot({ path: path.join(OUT, 'share-panel-list-1366.png') });
  const { page: wide } = await suite.signIn('analys', {
    path: '#/analys',
    viewport: { width: 1920, height: 1080 },
  });
  await wide.locator('[data-testid=share-row]').first().waitFor();
  await wide.screenshot({ path: path.join(OUT, 'share-analys-1920.png') });
});

test('R94 revoking in the console closes the link at once, with a sentence for the partner', async () => {
  const page = await openPanel('stabschef');
  const panel = page.locator('[data-testid=share-panel]');
  await panel.getByRole('button', { name: 'Återkalla…' }).first().click();
  await panel.getByLabel('Varför (frivilligt)').fill('Fel mottagare');
  await panel.getByRole('button', { name: 'Återkalla länken nu' }).click();
  await panel.getByText('Länken är återkallad.').waitFor();
  await panel.screenshot({ path: path.join(OUT, 'share-panel-revoked-1366.png') });
  const { page: partner } = await suite.newPage({ viewport: { width: 390, height: 800 } });
  const res = await partner.goto(url);
  expect(res?.status()).toBe(410);
  await expect(partner.locator('[role=alert]').textContent()).resolves.toMatch(
    /återkallade länken .*Den visar inte längre lägesbilden\./,
  );
  await partner.screenshot({ path: path.join(OUT, 'share-revoked-390.png'), fullPage: true });
  expect(await axeViolations(partner)).toEqual([]);
});

function pdfPages(file: string): string[] {
  return execFileSync('pdftotext', ['-layout', file, '-'])
    .toString()
    .split('\f')
    .filter((p) => p.trim());
}

test('R97 an exercise link says ÖVNING on every PDF page and in the file name; a real one does not', async () => {
  const srv = suite.server;
  const lead = await connectConsole(srv.url, await login(srv.url, 'stabschef'));
  consoles.push(lead);
  const long = Array.from(
    { length: 45 },
    (_, i) => `Avsnitt ${i + 1}: brandförsvaret arbetar i kvarteret; boende hålls inomhus.`,
  ).join('\n\n');
  const ex = await exerciseWithApprovedReport(srv, lead, { name: 'PDF-övning', situation: long });
  consoles.push(...ex.consoles);
  const analys = await login(srv.url, 'analys');
  const made = await postShare(srv.url, analys, { space: ex.space, sitrepId: ex.sitrepId });
  expect(made.status).toBe(201);
  const res = await fetch(`${made.body.url}/lagesbild.pdf`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toMatch(
    /filename="OVNING-lagesbild-ovningsbrand-i-farsta-v1\.pdf"; filename\*=UTF-8''%C3%96VNING-/,
  );
  const file = path.join(OUT, 'share-ovning.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const pages = pdfPages(file);
  expect(pages.length).toBeGreaterThan(1);
  for (const [i, p] of pages.entries())
    expect([i + 1, p.includes('ÖVNING')]).toEqual([i + 1, true]);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '2',
    file,
    path.join(OUT, 'share-ovning'),
  ]);
  // A second download is served from the cache (same tag), and 304 when the tag is sent.
  const again = await fetch(`${made.body.url}/lagesbild.pdf`, {
    headers: { 'if-none-match': res.headers.get('etag') ?? '' },
  });
  expect(again.status).toBe(304);
  const realShare = await postShare(srv.url, analys, {
    sitrepId: Object.values(srv.app.spaces.get('real')!.state.ckl.sitreps).find(
      (r) => r.status === 'approved',
    )!.id,
  });
  const realPdf = await fetch(`${realShare.body.url}/lagesbild.pdf`);
  const realFile = path.join(OUT, 'share-real.pdf');
  writeFileSync(realFile, Buffer.from(await realPdf.arrayBuffer()));
  const text = pdfPages(realFile).join('\n');
  expect(text).not.toContain('ÖVNING');
  expect(text).toContain('Lägesbild: Elavbrott i Söderort');
});
