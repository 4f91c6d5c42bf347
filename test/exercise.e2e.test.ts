/**
 * Exercise mode and replay in real Chromium against a real server with the demo data: the CKL
 * lead starts an exercise from a shipped scenario with compressed time, a participant's
 * console switches to it, sees the ÖVNING banner and injects arriving, while a console that
 * stays in the real space never shows any of it; the demo event is replayed on the map.
 * axe-core on the exercise and replay screens. Screenshots go to SCREENSHOT_DIR when set.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { axeViolations, browserSuite } from './support/browser';

jest.setTimeout(120_000);

const SHOTS = process.env.SCREENSHOT_DIR;

const suite = browserSuite();

const signIn = (user: string): Promise<Page> => suite.signInToMap(user);

const axe = axeViolations;

/** What sticks out past a 390 px screen with no scrolling box around it, named for a failure. */
function sticksOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const inScroller = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 391 && !inScroller(e))
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}`);
  });
}

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

describe('exercise mode in Chromium', () => {
  let lead: Page;
  let officer: Page;
  let chair: Page;

  test('the CKL lead starts an exercise; the participant switches to it and sees ÖVNING and injects; reality never shows it', async () => {
    [lead, officer, chair] = await Promise.all([
      signIn('stabschef'),
      signIn('tib.farsta'),
      signIn('ordf'),
    ]);
    await lead.goto(`${suite.server.url}/#/ovning`);
    const form = lead.getByTestId('start-exercise');
    await form.waitFor();
    // The CKL lead has the most tabs; they wrap inside the window, never widen the page.
    expect(
      await lead.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]),
    ).toEqual([1366, 1366]);
    await form.getByLabel('Scenario').selectOption('elavbrott-vinter-soderort');
    await form.getByLabel('Tidsskala').selectOption('600');
    await form.getByRole('button', { name: 'Starta övningen' }).click();
    await form.getByText('Övningen är startad').waitFor();

    // The participant's console offers the exercise; the real space is still on screen.
    await officer.getByTestId('enter-exercise').click();
    const banner = officer.getByTestId('exercise-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/ÖVNING.*Inget här gäller på riktigt/);
    expect(await officer.title()).toMatch(/^ÖVNING/);
    // Pattern and frame, not colour alone: the frame carries the striped border too.
    expect(await officer.locator('.frame-exercise').count()).toBe(1);

    await officer.goto(`${suite.server.url}/#/ovning`);
    // Injects arrive as the exercise clock runs (600×: 00:05 is half a second in).
    await officer.getByTestId('exercise-message').first().waitFor({ timeout: 10_000 });
    expect(await officer.getByTestId('exercise-messages').textContent()).toContain('SMHI');
    await officer
      .getByTestId('played-injects')
      .getByText(/Ellevio/)
      .waitFor({ timeout: 10_000 });
    // The script is not shown to a participant (R67).
    expect(await officer.getByTestId('control-panel').count()).toBe(0);
    expect(await officer.getByTestId('exercise-banner').isVisible()).toBe(true);

    // The leader's panel: the script with statuses, the clock running.
    await lead.getByRole('button', { name: 'Gå till övningen' }).first().click();
    await lead.getByTestId('control-panel').waitFor();
    await lead.locator('tr.inject-delivered').first().waitFor();
    expect(await lead.locator('tr.inject-pending').count()).toBeGreaterThan(0);
    await lead.getByTestId('exercise-clock').waitFor();

    // The chair stayed in reality: no banner, no exercise content, ever.
    await chair.waitForTimeout(500);
    expect(await chair.getByTestId('exercise-banner').count()).toBe(0);
    const chairText = (await chair.locator('body').textContent()) ?? '';
    expect(chairText).not.toContain('SMHI');
    // (The real demo mentions Ellevio too, so the check is on what only the exercise has.)
    expect(chairText).not.toContain('Spelat hittills');
    const realLog = suite.server.app.spaces.get('real')?.state.log ?? [];
    expect(JSON.stringify(realLog)).not.toContain('SMHI');

    expect(await axe(lead)).toEqual([]);
    expect(await axe(officer)).toEqual([]);
    await shot(lead, 'ovning-ledning-1366x768');
    await shot(officer, 'ovning-deltagare-1366x768');
  });

  test('the leader pauses and adds a message live; the participant gets it; back to reality shows the count', async () => {
    await lead.getByRole('button', { name: /Pausa övningen/ }).click();
    await lead.getByRole('button', { name: /Återuppta övningen/ }).waitFor();
    await lead.getByLabel('Från (extern aktör)').fill('Polisen, RLC');
    await lead
      .getByRole('textbox', { name: 'Meddelande', exact: true })
      .fill('Trafikljus ur funktion i Farsta centrum.');
    await lead.getByRole('button', { name: 'Lägg till inject' }).click();
    await lead.getByRole('button', { name: /Återuppta övningen/ }).click();
    await officer
      .getByTestId('exercise-messages')
      .getByText('Trafikljus ur funktion i Farsta centrum.')
      .waitFor({ timeout: 10_000 });
    expect((await chair.locator('body').textContent())?.includes('Trafikljus ur funktion')).toBe(
      false,
    );
  });

  test('the demo event is replayed on the map at 600×', async () => {
    await lead.getByTestId('leave-exercise').click();
    await lead.waitForFunction(() => !document.querySelector('[data-testid=exercise-banner]'));
    await lead.goto(`${suite.server.url}/#/replay?event=evt_demo_soderort`);
    const player = lead.getByTestId('replay-player');
    await player.waitFor({ timeout: 15_000 });
    await lead.waitForSelector('.map-label[data-district=farsta]');
    const pos = await lead.getByTestId('replay-position').textContent();
    const total = Number(/av (\d+)/.exec(pos ?? '')?.[1]);
    expect(total).toBeGreaterThan(3);
    await lead.getByLabel('600×').check();
    await lead.getByRole('button', { name: /Steg framåt/ }).click();
    expect(await lead.getByTestId('replay-position').textContent()).toContain(
      `Händelse 1 av ${total}`,
    );
    await lead.getByRole('button', { name: /Spela/ }).click();
    await lead.waitForFunction(
      (n) =>
        document
          .querySelector('[data-testid=replay-position]')
          ?.textContent?.includes(`Händelse ${n} av ${n}`),
      total,
      { timeout: 20_000 },
    );
    // At the end the map shows the event's districts as they were last reported.
    const status = await lead.$eval(
      '.map-label[data-district=farsta]',
      (el) => (el as HTMLElement).dataset.status,
    );
    expect(status).not.toBe('none');
    expect(await axe(lead)).toEqual([]);
    await shot(lead, 'uppspelning-1366x768');
    for (const p of [lead, officer, chair])
      expect((p as Page & { errors: string[] }).errors).toEqual([]);
  });

  test('the replay and exercise screens fit a phone: long titles and names never widen the page', async () => {
    const { page } = await suite.signIn('stabschef', {
      phone: true,
      path: '#/replay?event=evt_demo_soderort',
    });
    await page.getByTestId('replay-player').waitFor({ timeout: 15_000 });
    expect(await sticksOut(page)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(390);
    expect(await axeViolations(page, '.replay-pick')).toEqual([]);
    await page.goto(`${suite.server.url}/#/ovning`);
    await page.getByTestId('exercise-list').waitFor();
    expect(await sticksOut(page)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(390);
    await shot(page, 'ovning-390x844');
  });
});
