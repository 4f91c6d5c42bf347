/**
 * R274: at 390 px the level banner fits the phone for the roles that see the board's flag (the
 * director, the chair, board members): no sideways scrolling, the banner inside the screen.
 * Screenshots in docs/screenshots/.
 */
import path from 'node:path';
import { acknowledgeAttention, browserSuite, judgeDemoExtraordinary } from './support/browser';

const suite = browserSuite();
const dec = { basis: 'Läget kräver det.', informed: [] };

// The widest banner: extraordinary, the board in function, the highest alert with its reference.
beforeAll(async () => {
  await judgeDemoExtraordinary(suite, dec.basis);
  expect(
    await suite.command('stadsdir', 'alert.recordHeightened', {
      level: 'highest',
      governmentDecisionRef: 'Fö2026/01234/SSK',
      text: 'Regeringen har beslutat om högsta beredskap.',
      decision: dec,
    }),
  ).toMatchObject({ ok: true });
});
const SHOTS = path.join(__dirname, '..', 'docs', 'screenshots');

test.each(['stadsdir', 'ordf', 'vice.ordf'])(
  'R274 the level banner fits 390 px with no sideways scrolling (%s)',
  async (user) => {
    const { page } = await suite.signIn(user, { phone: true });
    await acknowledgeAttention(page);
    await page.getByText('Krisledningsnämnden i funktion').first().waitFor();
    const box = await page.getByTestId('level-banner').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const widths = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      banner: (document.querySelector('[data-testid=level-banner]') as HTMLElement).scrollWidth,
    }));
    expect(widths.doc).toBeLessThanOrEqual(390);
    expect(widths.body).toBeLessThanOrEqual(390);
    expect(widths.banner).toBeLessThanOrEqual(box!.width + 1);
    await page.screenshot({ path: path.join(SHOTS, `level-banner-${user}-390.png`) });
  },
);
