/**
 * Attachments and the document library in real Chromium against a real server: a TiB at
 * 390 px with touch attaches a photo to the district report and the director sees the
 * thumbnail (drawn from the file route); the security chief adds a PDF to the library, linked
 * to a step of the director's card, and the director opens it from that step; Markdown is
 * shown as text, never as HTML (R215, R219, R220, R222).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { axeViolations, browserSuite, type ConsolePage } from './support/browser';
import { pdf, png } from './support/files';

jest.setTimeout(180_000);

const suite = browserSuite();
const SHOTS = path.join(__dirname, '..', 'docs', 'screenshots');

async function shot(page: ConsolePage, name: string) {
  if (process.env.FILE_SCREENSHOTS !== '1') return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** Waits until the thumbnail is drawn from the file route (a lazy image loads once in view). */
async function drawn(page: ConsolePage, selector: string): Promise<boolean> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (sel) => {
      const img = document.querySelector<HTMLImageElement>(sel);
      return !!img && img.complete && img.naturalWidth > 0;
    },
    selector,
    { timeout: 5000 },
  );
  return true;
}

test('R215 R219 the TiB attaches a camera photo to the district report at 390 px; the director sees the thumbnail', async () => {
  const { page } = await suite.signIn('tib.farsta', { phone: true });
  const panel = page.getByTestId('district-panel');
  await panel.waitFor();
  const form = panel.locator('form.attach-form').first();
  await form.getByTestId('attach-camera').setInputFiles({
    name: 'IMG_0042.png',
    mimeType: 'image/png',
    buffer: png(160, 120, [30, 100, 180]),
  });
  await form.getByLabel('Bildtext (valfri)').fill('Vatten i källaren, Farsta gård');
  await form.getByRole('button', { name: 'Bifoga' }).tap();
  await form.getByText('Bilagan är sparad.').waitFor();
  const thumb = panel.getByRole('img', { name: 'Vatten i källaren, Farsta gård' });
  await thumb.waitFor();
  expect(await drawn(page, '[data-testid=attachment-thumb]')).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  await thumb.scrollIntoViewIfNeeded();
  await shot(page, 'files-report-390');
  expect(await axeViolations(page, '[data-testid=district-panel]')).toEqual([]);

  const director = await suite.signIn('stadsdir');
  await director.page.getByTestId('district-row-farsta').click();
  const other = director.page.getByTestId('district-panel');
  await other.getByRole('img', { name: 'Vatten i källaren, Farsta gård' }).waitFor();
  expect(await drawn(director.page, '[data-testid=attachment-thumb]')).toBe(true);
  await shot(director.page, 'files-report-1366');
  expect(page.errors).toEqual([]);
  expect(director.page.errors).toEqual([]);
});

test('R220 R222 the security chief adds a PDF linked to a card step; the director opens it from the step; Markdown stays text', async () => {
  const { page } = await suite.signIn('sakchef', { path: '#/bibliotek' });
  const upload = page.locator('form.doc-upload');
  await upload.getByTestId('doc-file').setInputFiles({
    name: 'krisledningsplan.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('Krisledningsplan for Stockholms stad'),
  });
  await upload.getByLabel('Titel').fill('Krisledningsplan för Stockholms stad');
  await upload.getByLabel('Slag').selectOption('crisis_plan');
  await upload.getByLabel('Version').fill('2023');
  await upload.getByLabel('Datum').fill('2023-02-01');
  await upload.getByLabel('Allvarlig händelse').check();
  await upload.getByTestId('doc-link').selectOption('director-serious/inform-chair');
  await upload.getByRole('button', { name: 'Lägg till' }).click();
  await upload.getByText('Dokumentet finns nu i biblioteket.').waitFor();
  await page.getByText('Krisledningsplan för Stockholms stad').first().waitFor();

  await upload.getByTestId('doc-file').setInputFiles({
    name: 'kontaktrutin.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(
      '# Kontaktrutin\n\nRing **TiB** först. <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>\n\n- Växeln\n- [Stadens webb](https://start.stockholm)\n- [farlig](javascript:alert(1))\n',
    ),
  });
  await upload.getByLabel('Titel').fill('Kontaktrutin TiB');
  await upload.getByLabel('Slag').selectOption('contact_routine');
  await upload.getByLabel('Version').fill('1.2');
  await upload.getByLabel('Datum').fill('2024-09-01');
  await upload.getByRole('button', { name: 'Lägg till' }).click();
  await upload.getByText('Dokumentet finns nu i biblioteket.').waitFor();
  const row = page.locator('.doc-list > li', { hasText: 'Kontaktrutin TiB' });
  await row.getByRole('button', { name: 'Läs' }).click();
  const md = row.locator('.markdown');
  await md.getByRole('heading', { name: 'Kontaktrutin' }).waitFor();
  expect(await md.locator('script, img').count()).toBe(0);
  expect(await md.textContent()).toContain('<script>');
  expect(await md.locator('a').count()).toBe(1);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  await shot(page, 'library-1366');
  expect(await axeViolations(page)).toEqual([]);

  // An event raised to serious opens the director's card; the linked plan is on its step.
  const title = `Skyfall e2e ${Date.now()}`;
  const tib = await suite.console('tib.farsta');
  expect(
    await tib.command('event.open', { title, area: { kind: 'district', id: 'farsta' } }),
  ).toMatchObject({ ok: true });
  tib.close();
  const real = suite.server.app.spaces.get('real')!;
  const eventId = Object.values(real.state.events).find((e) => e.title === title)!.id;
  const dir = await suite.console('stadsdir');
  expect(
    await dir.command('event.raiseToSerious', {
      eventId,
      decision: { basis: 'Flera områden berörs.', informed: [] },
    }),
  ).toMatchObject({ ok: true });
  dir.close();

  const director = await suite.signIn('stadsdir');
  await director.page.getByRole('button', { name: new RegExp(title) }).click();
  const card = director.page.getByTestId('event-page').getByTestId('card-director-serious');
  await card.waitFor();
  const link = card.getByTestId('step-inform-chair').getByRole('link', {
    name: 'Krisledningsplan för Stockholms stad (2023)',
  });
  const [popup] = await Promise.all([director.page.waitForEvent('popup'), link.click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toMatch(/\/api\/files\/[0-9a-f]{64}\?space=real$/);
  const res = await director.page.request.get(popup.url());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  await shot(director.page, 'files-card-link-1366');
  expect(page.errors).toEqual([]);
});

test.each([
  [390, 844],
  [1366, 768],
  [1920, 1080],
])('R222 the library at %i px: no sideways scrolling, axe clean', async (width, height) => {
  const { page } = await suite.signIn('tib.farsta', {
    path: '#/bibliotek',
    viewport: { width, height },
    phone: width < 500,
  });
  await page.getByRole('heading', { name: 'Dokumentbibliotek' }).waitFor();
  await page.locator('.doc-list > li').first().waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, `library-tib-${width}`);
});
