/**
 * Action cards in real Chromium against a real server: a TiB opens a disruption, the director
 * raises it to serious and sees their card open, then activates CKL and watches the step
 * "Besluta vilka CKL-funktioner som ska aktiveras" tick itself from the log (R171, R176).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { axeViolations, browserSuite, type ConsolePage } from './support/browser';

jest.setTimeout(180_000);

const suite = browserSuite();
const SHOTS = path.join(__dirname, '..', 'docs', 'screenshots');

async function shot(page: ConsolePage, name: string) {
  if (process.env.CARD_SCREENSHOTS !== '1') return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

describe('action cards in Chromium', () => {
  const title = `Vattenläcka e2e ${Date.now()}`;
  let eventId = '';

  test('R171 R176 the director raises an event to serious: the card opens, and its CKL step ticks itself when CKL is activated', async () => {
    const tib = await suite.console('tib.farsta');
    try {
      const ack = await tib.command('event.open', {
        title,
        area: { kind: 'district', id: 'farsta' },
      });
      expect(ack).toMatchObject({ ok: true });
    } finally {
      tib.close();
    }
    const real = suite.server.app.spaces.get('real');
    eventId = Object.values(real!.state.events).find((e) => e.title === title)!.id;

    const { page } = await suite.signIn('stadsdir');
    await page.getByRole('button', { name: new RegExp(title) }).click();
    const ev = page.getByTestId('event-page');
    await ev.getByRole('heading', { name: title }).waitFor();
    expect(await ev.getByTestId('card-director-serious').count()).toBe(0);

    const raise = ev.locator('details', {
      has: page.locator('summary', { hasText: 'Höj till allvarlig händelse' }),
    });
    await raise.locator('summary').click();
    await raise.getByLabel('Beslutsunderlag (obligatoriskt)').fill('Flera förvaltningar berörs.');
    await raise.getByRole('button', { name: 'Besluta: höj till allvarlig' }).click();

    const card = ev.getByTestId('card-director-serious');
    await card.waitFor({ timeout: 5000 });
    const cklStep = card.getByTestId('step-activate-ckl');
    expect(await cklStep.getAttribute('data-status')).toBe('open');
    expect(await card.getByTestId('card-progress').textContent()).toContain('0 av 6');
    // The same card on the director's own list.
    await page
      .getByTestId('my-cards')
      .getByTestId('card-director-serious')
      .filter({ hasText: title })
      .waitFor();
    await shot(page, 'cards-event-1366');

    // One tap on a step without a bound action.
    await card.getByRole('button', { name: 'Klart: Samordna arbetet och kommunikationen' }).click();
    await card
      .locator('[data-testid=step-coordinate-communication][data-status=done]')
      .waitFor({ timeout: 5000 });

    const cklForm = ev.locator('details', {
      has: page.locator('summary', { hasText: 'Aktivera CKL' }),
    });
    await cklForm.locator('summary').click();
    await cklForm.getByLabel('Analys', { exact: true }).check();
    await cklForm.getByLabel('Beslutsunderlag (obligatoriskt)').fill('Analys av läget behövs.');
    await cklForm.getByRole('button', { name: 'Besluta: aktivera valda funktioner' }).click();

    await card
      .locator('[data-testid=step-activate-ckl][data-status=done]')
      .waitFor({ timeout: 5000 });
    expect(await card.getByTestId('step-activate-ckl').textContent()).toContain('(i loggen)');
    expect(await card.getByTestId('card-progress').textContent()).toContain('2 av 6');
    const inst = real!.state.cards.instances;
    const stored = Object.values(inst.buckets)
      .flatMap((b) => Object.values(b))
      .find((i) => i.eventId === eventId && i.card.id === 'director-serious')!;
    const ticked = stored.steps.find((s) => s.id === 'activate-ckl')!;
    expect(ticked.fulfilledByType).toBe('ckl.activated');
    // The director oversees all cards of the event (R178): the TiB's and the analysis function's.
    const overview = await ev.locator('.card-overview').textContent();
    expect(overview).toContain('TiB vid störning i stadsdelsområdet');
    expect(overview).toContain('Analysfunktionen vid aktivering');
    await ev.getByTestId('event-cards').scrollIntoViewIfNeeded();
    await shot(page, 'cards-ticked-1366');
    const v = await axeViolations(page);
    expect(v).toEqual([]);
  });

  test('the TiB sees the card on the phone, 44 px taps', async () => {
    const { page } = await suite.signIn('tib.farsta', { viewport: { width: 390, height: 844 } });
    const mine = page.getByTestId('my-cards');
    const card = mine.getByTestId('card-tib-disruption').filter({ hasText: title });
    await card.waitFor();
    const box = await card
      .getByRole('button', { name: /^Klart:/ })
      .first()
      .boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'cards-tib-390');
    // The demo's older disruption has steps past their deadline: marked in words, not colour alone.
    const late = mine.locator('.card-step.is-overdue').first();
    await late.scrollIntoViewIfNeeded();
    expect(await late.textContent()).toContain('FÖRSENAT');
    await shot(page, 'cards-overdue-390');
    const { page: wide } = await suite.signIn('stadsdir', {
      viewport: { width: 1920, height: 1080 },
    });
    await wide.getByRole('button', { name: new RegExp(title) }).click();
    await wide.getByTestId('event-page').getByTestId('card-director-serious').waitFor();
    await shot(wide, 'cards-event-1920');
  });

  test('no console errors in any page', () => {
    for (const c of suite.contexts)
      for (const p of c.pages()) expect((p as ConsolePage).errors).toEqual([]);
  });
});
