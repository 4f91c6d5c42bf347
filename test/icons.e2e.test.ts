/**
 * R142 in Debian's Chromium: no screen of the console shows an emoji or pictograph in its
 * text, and the icons that replace them are drawn (they have a size on the page).
 */
import type { Page } from 'playwright-core';
import { connectConsole, login } from './support/server';
import { browserSuite, waitForScreen } from './support/browser';

jest.setTimeout(180_000);

const suite = browserSuite();
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** Every screen the person's navigation offers: its text lines that hold a pictograph. */
async function pictographsOnEveryScreen(page: Page): Promise<string[]> {
  const links = await page.$$eval('nav.route-nav a', (as) =>
    as.map((a) => ({ href: a.getAttribute('href'), label: a.textContent ?? '' })),
  );
  const found: string[] = [];
  for (const { href, label } of links.length ? links : [{ href: '', label: undefined }]) {
    if (href) {
      await page.evaluate((h) => (window.location.hash = h), href);
      await page.waitForSelector(`nav.route-nav a[href="${href}"][aria-current=page]`);
    }
    // The screen as drawn from its data (its heading, nothing still fetching).
    await waitForScreen(page, label);
    const text = await page.evaluate(() => document.body.innerText);
    for (const line of text.split('\n'))
      if (PICTOGRAPH.test(line)) found.push(`${href || 'home'}: ${line.trim().slice(0, 80)}`);
  }
  return found;
}

/** Width and height of the icon in the element `selector` names, as Chromium laid it out. */
const iconBox = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { w: Math.round(r.width), h: Math.round(r.height) };
  });

test('R142 no screen of any role shows a pictograph; the icons have a size', async () => {
  // A proposal waiting for the chair, so the event page shows its hourglass.
  const director = await connectConsole(
    suite.server.url,
    await login(suite.server.url, 'stadsdir'),
  );
  const proposed = await director.command('event.proposeExtraordinary', {
    eventId: 'evt_demo_soderort',
    basis: 'Elavbrottet hotar äldreboenden i flera stadsdelsområden.',
  });
  director.close();
  expect(proposed).toMatchObject({ ok: true });

  const found: string[] = [];
  for (const user of ['tib.farsta', 'ordf', 'stadsdir', 'stabschef', 'admin.ckl', 'admin']) {
    const { page, ctx } = await suite.signIn(user);
    found.push(...(await pictographsOnEveryScreen(page)).map((l) => `${user} ${l}`));
    if (user === 'tib.farsta') {
      // Another district's panel is read only: the lock icon (once 🔒, an empty box here).
      await page.evaluate(() => (window.location.hash = '#/tib'));
      await page.getByTestId('district-row-bromma').click();
      await page
        .getByTestId('district-panel')
        .getByText(/Endast läsning/)
        .waitFor();
      const lock = await iconBox(page, '.readonly-note svg.icon-lock');
      expect(lock.w).toBeGreaterThan(8);
      expect(lock.h).toBe(lock.w);
      // The map legend's warning sign.
      const legend = await iconBox(page, '.legend-item svg.icon-warning');
      expect(legend.w).toBeGreaterThan(8);
    }
    await ctx.close();
  }
  expect(found).toEqual([]);
});
