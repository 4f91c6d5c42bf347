/**
 * R244: on a phone the header is one line beside the name — the connection, what waits, the
 * account menu — over the level banner, so the screen's height is the map's. The menu holds
 * who I am, what I act as, the sound, the password and signing out; it opens and closes by
 * keyboard and by touch. Screenshots in docs/screenshots/.
 */
import path from 'node:path';
import { acknowledgeAttention, axeViolations, browserSuite } from './support/browser';

const suite = browserSuite();
const SHOTS = path.join(__dirname, '..', 'docs', 'screenshots');

test.each(['tib.farsta', 'ordf'])(
  'R244 at 390×844 the header leaves the screen to the work; the account menu holds the rest (%s)',
  async (user) => {
    const { page } = await suite.signIn(user, { phone: true });
    await acknowledgeAttention(page);
    const header = await page.locator('header.topbar').boundingBox();
    const banner = await page.getByTestId('level-banner').boundingBox();
    if (!header || !banner) throw new Error('no header');
    await page.screenshot({ path: path.join(SHOTS, `header-${user}-390.png`) });
    // Everything above the level banner: the brand, the connection and the menu on one line,
    // and the next briefing when there is one.
    expect(banner.y).toBeLessThanOrEqual(170);
    expect(header.height - banner.height).toBeLessThanOrEqual(180);
    const toggle = page.getByTestId('account-toggle');
    await expect(toggle.textContent()).resolves.toMatch(/\S/);
    await expect(page.getByTestId('account-panel').isVisible()).resolves.toBe(false);

    await toggle.tap();
    const panel = page.getByTestId('account-panel');
    await panel.waitFor();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    for (const name of ['Logga ut', 'Byt lösenord'])
      await expect(panel.getByText(name, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(panel.getByTestId('attention-sound').isVisible()).resolves.toBe(true);
    const small = await panel
      .locator('button, a, select')
      .evaluateAll((els) =>
        els.map((el) => el.getBoundingClientRect().height).filter((h) => h < 44),
      );
    expect(small).toEqual([]);
    const box = await panel.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(390);
    expect(await axeViolations(page, 'header.topbar')).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `header-menu-${user}-390.png`) });

    // Escape closes it and gives the focus back to the button that opened it.
    await page.getByTestId('attention-sound').focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    ).resolves.toBe('account-toggle');
    // A link in the menu leads on, and the menu closes behind it.
    await toggle.tap();
    await panel.getByText('Byt lösenord', { exact: true }).tap();
    await page.waitForSelector('.password-screen');
    await panel.waitFor({ state: 'hidden' });
    expect(page.errors).toEqual([]);
  },
);

test('R244 at 1366 px the header keeps everything in view, with no menu', async () => {
  const { page } = await suite.signIn('ordf', { viewport: { width: 1366, height: 768 } });
  await acknowledgeAttention(page);
  expect(await page.getByTestId('account-toggle').count()).toBe(0);
  await expect(page.getByText('Logga ut', { exact: true }).isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('whoami').isVisible()).resolves.toBe(true);
});

test('R244 on a phone the unread notices show the first and count the rest, a tap away', async () => {
  const { page } = await suite.signIn('vice.ordf', { phone: true });
  await acknowledgeAttention(page);
  const notices = page.getByTestId('my-notices');
  await notices.waitFor();
  await expect(notices.getByRole('listitem').count()).resolves.toBe(1);
  const more = notices.getByTestId('notices-more');
  const label = (await more.textContent()) ?? '';
  const rest = Number(/Visa (\d+)/.exec(label)?.[1]);
  expect(rest).toBeGreaterThanOrEqual(1);
  await expect(more.getAttribute('aria-expanded')).resolves.toBe('false');
  await more.tap();
  await expect(notices.getByRole('listitem').count()).resolves.toBe(rest + 1);
  await expect(more.getAttribute('aria-expanded')).resolves.toBe('true');
  expect(await axeViolations(page, '[data-testid=my-notices]')).toEqual([]);
  await more.tap();
  await expect(notices.getByRole('listitem').count()).resolves.toBe(1);
  await page.screenshot({ path: path.join(SHOTS, 'header-notices-vice.ordf-390.png') });
  expect(page.errors).toEqual([]);
});
