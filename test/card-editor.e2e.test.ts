/**
 * The action-card editor in real Chromium against a real server (R235–R240): the administrator
 * adds a step to a card, moves it up by keyboard and saves the next version; a TiB has no such
 * screen; a broken YAML file is previewed with the line and the reason and changes nothing.
 * The security chief's plan in the library is linked from a step with its source, and the
 * history shows the new version. With SCREENSHOTS=1 it writes
 * docs/screenshots/card-editor-{390,1366,1920}.png and atgardskort-historik-{390,1366}px.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { login } from './support/server';
import { pdf, uploadFile } from './support/files';
import { axeViolations, browserSuite, type ConsolePage } from './support/browser';
import { libraryCard } from '../shared/cards/library';
import { filesOf } from '../shared/files/policy';
import { tableValues } from '../shared/domain/table';

jest.setTimeout(180_000);

const suite = browserSuite();
const SHOTS = path.join(__dirname, '..', 'docs', 'screenshots');
const STEP = 'Samordna budskapen med berörda förvaltningar';

async function shot(page: Page, width: number, name = `card-editor-${width}.png`) {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
}

const exportYaml = async (cookie: string) =>
  (await fetch(`${suite.server.url}/api/cards/export`, { headers: { cookie } })).text();

/** Opens the editor on a card and waits for it. */
async function openCard(page: Page, title: string) {
  await page.getByRole('button', { name: `Redigera ${title}` }).click();
  await page
    .getByTestId('card-editor')
    .getByRole('heading', { name: `Redigera: ${title}` })
    .waitFor();
  return page.getByTestId('card-editor');
}

describe('the action-card editor in Chromium', () => {
  test('R235 R236 the administrator adds a step, moves it up and saves: the library shows version 2', async () => {
    const { page } = await suite.signIn('admin', { path: '#/atgardskort' });
    await page.locator('nav.route-nav a', { hasText: 'Åtgärdskort' }).waitFor();
    const row = page.getByTestId('lib-fn-information');
    expect(await row.getByTestId('lib-version-fn-information').textContent()).toBe('version 1');

    const editor = await openCard(page, 'Informationsfunktionen vid aktivering');
    expect(await editor.getByTestId('editor-version').textContent()).toContain('Version 1');
    await editor.getByRole('button', { name: '+ Lägg till steg' }).click();
    // The new step's text field has the focus.
    await page.keyboard.type(STEP);
    expect(await editor.getByLabel('Text (steg 4)').inputValue()).toBe(STEP);
    await editor.getByLabel('Tidsfrist i minuter efter utlösningen (valfritt)').nth(3).fill('90');
    await editor
      .getByLabel('Bockas av när konsolen loggar (valfritt)')
      .nth(3)
      .selectOption({ label: 'Meddelande publiceras' });
    // Moved up from the keyboard.
    await editor.getByRole('button', { name: `Flytta upp steg 4: ${STEP}` }).focus();
    await page.keyboard.press('Enter');
    expect(await editor.getByLabel('Text (steg 3)').inputValue()).toBe(STEP);

    await editor.getByRole('button', { name: 'Spara som version 2' }).click();
    await editor.getByText('Sparat som version 2.').waitFor();
    await page
      .locator('[data-testid=lib-version-fn-information]', { hasText: 'version 2' })
      .waitFor();
    expect(await editor.getByTestId('editor-version').textContent()).toContain('Version 2');
    await editor.getByRole('button', { name: 'Spara som version 3' }).waitFor();

    const saved = libraryCard(suite.server.app.spaces.get('real')!.state, 'fn-information')!;
    expect(saved.card.version).toBe(2);
    expect(saved.card.steps.map((s) => s.text)).toEqual([
      'Informera medarbetare, allmänhet och medier',
      'Starta mediebevakning',
      STEP,
      'Planera presskonferens vid behov',
    ]);
    expect(saved.card.steps[2]).toMatchObject({
      deadlineMinutes: 90,
      fulfilledBy: { type: 'information.messagePublished' },
    });
    expect(await axeViolations(page)).toEqual([]);
    await editor.getByTestId('edit-step-steg-4').scrollIntoViewIfNeeded();
    await shot(page, 1366);
  });

  test('R235 a TiB has no Åtgärdskort in the navigation and cannot reach the editor', async () => {
    const { page } = await suite.signIn('tib.farsta', { path: '#/atgardskort' });
    const tabs = await page.$$eval('nav.route-nav a', (as) => as.map((a) => a.textContent));
    expect(tabs.length).toBeGreaterThan(1);
    expect(tabs).not.toContain('Åtgärdskort');
    expect(await page.getByTestId('card-editor').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Åtgärdskort', exact: true }).count()).toBe(0);
    const r = await fetch(`${suite.server.url}/api/cards/export`, {
      headers: { cookie: await login(suite.server.url, 'tib.farsta') },
    });
    expect(r.status).toBe(403);
  });

  test('R239 R240 a broken YAML file is previewed with the line and the reason and changes nothing; an unchanged one changes nothing, a changed one is imported once confirmed', async () => {
    const cookie = await login(suite.server.url, 'admin');
    const before = await exportYaml(cookie);
    const broken = before.replace(/deadlineMinutes: \d+/, 'deadlineMinutes: -5');
    expect(broken).not.toBe(before);
    const line = broken.split('\n').findIndex((l) => l.includes('deadlineMinutes: -5')) + 1;

    const { page } = await suite.signIn('admin', {
      path: '#/atgardskort',
      viewport: { width: 390, height: 844 },
      phone: true,
    });
    const panel = page.getByTestId('card-file');
    await panel.getByTestId('card-import-file').setInputFiles({
      name: 'atgardskort.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(broken),
    });
    await panel.getByText('atgardskort.yaml').waitFor();
    await panel.getByRole('button', { name: 'Förhandsgranska import' }).click();
    const problems = panel.getByTestId('import-problems');
    await problems.waitFor();
    const text = (await problems.textContent()) ?? '';
    expect(text).toContain(`Rad ${line}`);
    expect(text).toMatch(/Tidsfrist.*1–20160 \(-5 går inte\)/);
    expect(await panel.getByRole('button', { name: 'Importera', exact: true }).count()).toBe(0);
    expect(await exportYaml(cookie)).toBe(before);

    // The same file unbroken changes nothing (R240); one changed title is one new version.
    const pickFile = async (text: string) => {
      await panel.getByTestId('card-import-file').setInputFiles({
        name: 'kort.yaml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(text),
      });
      await panel.getByText('kort.yaml').waitFor();
      await panel.getByRole('button', { name: 'Förhandsgranska import' }).click();
    };
    await pickFile(before);
    await panel.getByText('Filen går att importera men ändrar ingenting.').waitFor();
    expect(await panel.getByRole('button', { name: 'Importera', exact: true }).count()).toBe(0);
    await pickFile(
      before.replace(
        'title: Stadsdirektör vid höjd beredskap',
        'title: Höjd beredskap – stadsdirektören',
      ),
    );
    await panel.getByText('Sparas som ny version (1 kort): director-heightened').waitFor();
    expect(await exportYaml(cookie)).toBe(before);
    await panel.getByRole('button', { name: 'Importera', exact: true }).click();
    await panel.getByText('Importen är klar.').waitFor();
    await page.locator('[data-testid=lib-director-heightened]', { hasText: 'version 2' }).waitFor();
    expect(await page.getByTestId('lib-director-heightened').textContent()).toContain(
      'Höjd beredskap – stadsdirektören',
    );

    // The phone: one column, no sideways scrolling, every button a 44 px target.
    const editor = await openCard(page, 'Stabschef när CKL aktiveras');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    const small = await page.$$eval('.cardlib-screen button, .cardlib-screen select', (els) =>
      els
        .map((e) => ({ text: e.textContent, h: e.getBoundingClientRect().height }))
        .filter((b) => b.h < 44),
    );
    expect(small).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await editor.getByRole('heading').first().scrollIntoViewIfNeeded();
    await shot(page, 390);
  });

  test('R237 retiring a card asks first; the library then marks it retired', async () => {
    const { page } = await suite.signIn('sakchef', { path: '#/atgardskort' });
    const editor = await openCard(page, 'Övningsledare när övningen startar');
    await editor.getByRole('button', { name: 'Avveckla kortet…' }).click();
    const confirm = editor.locator('.confirm-box');
    await confirm.getByText('Kortet öppnas inte vid nästa utlösning.').waitFor();
    expect(
      libraryCard(suite.server.app.spaces.get('real')!.state, 'leader-exercise')!.retired,
    ).toBe(false);
    await confirm.getByLabel('Skäl (valfritt)').fill('Ersätts av övningens eget kort.');
    await confirm.getByRole('button', { name: 'Ja, avveckla kortet' }).click();
    await editor.getByText('Kortet är avvecklat.').waitFor();
    const row = page.getByTestId('lib-leader-exercise');
    await row.getByText('Avvecklat').waitFor();
    const lib = libraryCard(suite.server.app.spaces.get('real')!.state, 'leader-exercise')!;
    expect(lib.retired).toBe(true);
    expect(lib.record?.retired?.reason).toBe('Ersätts av övningens eget kort.');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('R179 R236 a step gets a source and a library document; the history shows version 2 with both', async () => {
    const up = await uploadFile(
      suite.server.url,
      await login(suite.server.url, 'sakchef'),
      '/api/library/documents',
      pdf(),
      {
        title: 'Krisledningsplan',
        kind: 'crisis_plan',
        version: '2.0',
        date: '2024-01-15',
        name: 'krisledningsplan.pdf',
        levels: [],
        links: [],
      },
    );
    expect(up.status).toBe(201);
    const source = 'Krisledningsplan 2.0, avsnitt 3.1: "TiB larmar stadsdirektören."';
    const title = 'TiB vid störning i stadsdelsområdet';

    const { page } = await suite.signIn('admin', { path: '#/atgardskort' });
    const editor = await openCard(page, title);
    await editor.getByLabel('Källa i stadens planer (valfritt, steg 1)').fill(source);
    // The document is chosen from the keyboard.
    const docs = editor.getByRole('group', { name: 'Dokument i biblioteket (valfritt, steg 1)' });
    await docs.getByLabel('Krisledningsplan (2.0)').focus();
    await page.keyboard.press('Space');
    expect(await docs.getByLabel('Krisledningsplan (2.0)').isChecked()).toBe(true);
    await editor.getByRole('button', { name: 'Spara som version 2' }).click();
    await editor.getByText('Sparat som version 2.').waitFor();

    const step = libraryCard(suite.server.app.spaces.get('real')!.state, 'tib-disruption')!.card
      .steps[0]!;
    expect(step.source).toBe(source);
    const doc = tableValues(filesOf(suite.server.app.spaces.get('real')!.state).documents).find(
      (d) => d.title === 'Krisledningsplan',
    )!;
    expect(step.documents).toEqual([doc.id]);

    const history = page.getByTestId('card-history');
    const v2 = history.getByTestId('history-v2');
    await v2.waitFor();
    const text = (await v2.textContent()) ?? '';
    expect(text).toContain('Version 2 (gällande)');
    expect(text).toMatch(/Sparad av \S+/);
    expect(text).toContain(`Steg 1: källa ”${source}”`);
    expect(text).toContain('Steg 1: dokument länkat – Krisledningsplan (2.0).');
    expect(await history.getByTestId('history-v1').textContent()).toContain(
      'Levereras med konsolen',
    );
    await editor.getByRole('button', { name: 'Visa versionshistorik' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(
      `Versionshistorik: ${title}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 1366, 'atgardskort-historik-1366px.png');

    // The phone: the same history in one column, nothing sideways, 44 px targets.
    const phone = await suite.signIn('sakchef', {
      path: '#/atgardskort',
      viewport: { width: 390, height: 844 },
      phone: true,
    });
    const onPhone = await openCard(phone.page, title);
    await onPhone
      .getByRole('group', { name: 'Dokument i biblioteket (valfritt, steg 1)' })
      .waitFor();
    await onPhone.getByRole('button', { name: 'Visa versionshistorik' }).click();
    await phone.page.getByTestId('history-v2').waitFor();
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    const small = await phone.page.$$eval(
      '.cardlib-screen button, .cardlib-screen select, .cardedit-docs label',
      (els) =>
        els
          .map((e) => ({ text: e.textContent, h: e.getBoundingClientRect().height }))
          .filter((b) => b.h < 44),
    );
    expect(small).toEqual([]);
    expect(await axeViolations(phone.page)).toEqual([]);
    await shot(phone.page, 390, 'atgardskort-historik-390px.png');
  });

  test('R236 at 1920 px the library and the open card stand side by side', async () => {
    const { page } = await suite.signIn('admin', {
      path: '#/atgardskort',
      viewport: { width: 1920, height: 1080 },
    });
    const editor = await openCard(page, 'TiB vid störning i stadsdelsområdet');
    const list = (await page.locator('.cardlib').boundingBox())!;
    const box = (await editor.boundingBox())!;
    expect(box.x).toBeGreaterThan(list.x + list.width - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1920,
    );
    await shot(page, 1920);
  });

  test('no console errors in any page but the refused file', () => {
    // The browser logs the import route's 422 for the broken file; that answer is the test.
    const expected = /status of 422/;
    for (const c of suite.contexts)
      for (const p of c.pages())
        expect((p as ConsolePage).errors.filter((e) => !expected.test(e))).toEqual([]);
  });
});
