/**
 * The crisis board's screen in real Chromium against a real server with the demo: the chair
 * convenes the board through the screen, records who is present until it is quorate, opens the
 * meeting with a justerare and notes the director's information as § 1 (R191–R194, R197); the
 * chair closes it and attests, and the justerare attests from the screen; the 1st vice chair
 * convenes only while she acts for the chair by succession (R207). With SCREENSHOTS=1 the
 * screen is photographed at 390, 1366 and 1920 px, and the kallelse, the takeover form and the
 * justering at 390 and 1366 px, into docs/screenshots/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  acknowledgeAttention,
  axeViolations,
  browserSuite,
  judgeDemoExtraordinary,
  type ConsolePage,
} from './support/browser';

jest.setTimeout(180_000);

const suite = browserSuite();
const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');
const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const STEP_SIZES = SIZES.slice(0, 2);
const real = () => suite.real();

beforeAll(async () => {
  await judgeDemoExtraordinary(suite, 'Elavbrottet hotar vård och omsorg i Söderort.');
  expect(
    await suite.command('stadsdir', 'board.inform', {
      eventId: 'evt_demo_soderort',
      text: 'Omkring 40 000 hushåll i Söderort är utan ström. Ellevio räknar med minst ett dygn.',
    }),
  ).toMatchObject({ ok: true });
});

/** `user` at the board's screen, with what the attention dialog raised acknowledged. */
async function atBoard(user: string, viewport = { width: 1366, height: 768 }, phone = false) {
  const { page } = await suite.signIn(user, { path: '#/namnd', viewport, phone });
  await acknowledgeAttention(page);
  return page;
}

/** Acknowledges what the attention dialog raises within 5 s, if it raises anything. */
async function acknowledgeRaised(page: Page) {
  await page
    .getByTestId('attention-dialog')
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await acknowledgeAttention(page);
}

/** Sends the kallelse from the screen; it reaches the sender's own console too. */
async function sendKallelse(page: Page, place: string) {
  const convene = page.getByTestId('board-convene');
  await convene.getByLabel('Plats eller länk till mötet').fill(place);
  await convene.getByRole('button', { name: 'Skicka kallelse' }).click();
  await page.getByTestId('board-current').waitFor();
  await acknowledgeRaised(page);
}

/** The page logged no console errors; its context is closed. */
async function leave(page: ConsolePage) {
  expect(page.errors).toEqual([]);
  await page.context().close();
}

async function noSidewaysScroll(page: Page, width: number) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(w).toBeLessThanOrEqual(width);
}

async function shoot(page: Page, name: string) {
  if (process.env.SCREENSHOTS === '1')
    await page.screenshot({ path: path.join(OUT, `namnd-${name}.png`), fullPage: true });
}

test('R191 R193 R196 the kallelse step and the takeover form fit 390 and 1366 px', async () => {
  for (const viewport of STEP_SIZES) {
    const phone = viewport.width < 500;
    const page = await atBoard('ordf', viewport, phone);
    const convene = page.getByTestId('board-convene');
    await convene.getByRole('button', { name: 'Skicka kallelse' }).waitFor();
    await page
      .getByTestId('proposed-agenda')
      .getByText(/40 000 hushåll/)
      .waitFor();
    await noSidewaysScroll(page, viewport.width);
    expect(await axeViolations(page, '.ckl-screen')).toEqual([]);
    await convene.scrollIntoViewIfNeeded();
    await shoot(page, `kallelse-${viewport.width}px`);
    // R196: the takeover form's districts and administrations fit too (the phone's sheet).
    const takeovers = page.getByTestId('board-takeovers');
    await takeovers.getByText('Föreslå övertagande').click();
    await takeovers.getByRole('group', { name: 'Berörda förvaltningar' }).waitFor();
    const unit = takeovers.getByLabel('Trafiknämnden');
    await unit.focus();
    await page.keyboard.press('Space');
    expect(await unit.isChecked()).toBe(true);
    await noSidewaysScroll(page, viewport.width);
    expect(await axeViolations(page, '.ckl-screen')).toEqual([]);
    // The phone's form is a sheet over the screen: the viewport shows it as the person sees it.
    if (process.env.SCREENSHOTS === '1')
      await page.screenshot({ path: path.join(OUT, `namnd-overtagande-${viewport.width}px.png`) });
    await leave(page);
  }
});

test('R191 R192 R194 R197 the chair convenes, records attendance, opens the meeting and notes § 1', async () => {
  const page = await atBoard('ordf');
  const convene = page.getByTestId('board-convene');
  await convene.waitFor();
  await page
    .getByTestId('proposed-agenda')
    .getByText(/40 000 hushåll/)
    .waitFor();
  // The kallelse reaches the chair's own console too (R191) and asks for her answer first.
  await sendKallelse(page, 'Stadshuset och Teams');
  // Each member's answer to the kallelse stands by their name until the meeting opens.
  await page
    .getByTestId('attendance-bm_lind')
    .getByText(/Svar på kallelsen: /)
    .waitFor();
  for (const name of ['Karin Ekholm', 'Jonas Berg', 'Cecilia Norén', 'Mats Lind']) {
    const group = page.getByRole('group', { name: `Närvaro för ${name}` });
    await group.getByRole('button', { name: 'På plats' }).click();
    await group.getByRole('button', { name: /På plats/, pressed: true }).waitFor();
  }
  await page
    .getByTestId('board-quorum')
    .getByText(/Beslutsför: ja – 4 av 7 närvarande/)
    .waitFor();
  const open = page.getByTestId('board-open');
  await open.getByLabel(/Justerare/).selectOption({ label: 'Jonas Berg' });
  await open.getByRole('button', { name: 'Öppna sammanträdet' }).click();
  await page.getByTestId('board-current').getByText('Pågår').waitFor();
  const meeting = Object.values(real().state.board.meetings).find((m) => m.status === 'in_session');
  expect(meeting).toMatchObject({ place: 'Stadshuset och Teams', attesterId: 'bm_berg' });
  const item = meeting!.agenda.find((i) => i.kind === 'director_information');
  const resolve = page.getByTestId(`resolve-${item!.id}`);
  await resolve.locator('summary').click();
  await resolve.getByLabel('Beslutstext i protokollet').fill('Informationen antecknas.');
  await resolve.getByRole('button', { name: 'För till protokollet' }).click();
  await page.getByTestId(`agenda-${item!.id}`).getByText('§ 1').waitFor();
  expect(await axeViolations(page, '.ckl-screen')).toEqual([]);
  await leave(page);
});

test('the screen fits 390, 1366 and 1920 px (screenshots with SCREENSHOTS=1)', async () => {
  for (const viewport of SIZES) {
    const phone = viewport.width < 500;
    const page = await atBoard('ordf', viewport, phone);
    await page.getByTestId('board-quorum').waitFor();
    await page.getByTestId('board-protocols').waitFor();
    await noSidewaysScroll(page, viewport.width);
    expect(await axeViolations(page, '.ckl-screen')).toEqual([]);
    if (process.env.SCREENSHOTS === '1')
      await page.screenshot({
        path: path.join(OUT, `namnd-${viewport.width}.png`),
        fullPage: true,
      });
    await leave(page);
  }
});

test('R197 the justerare attests from the screen after the chair (justering at 390 and 1366 px)', async () => {
  const meeting = Object.values(real().state.board.meetings).find((m) => m.status === 'in_session');
  expect(meeting).toBeDefined();
  const chair = await suite.console('ordf');
  expect(await chair.command('board.closeMeeting', { meetingId: meeting!.id })).toMatchObject({
    ok: true,
  });
  expect(await chair.command('board.attestProtocol', { meetingId: meeting!.id })).toMatchObject({
    ok: true,
  });
  chair.close();
  for (const viewport of STEP_SIZES) {
    const phone = viewport.width < 500;
    const page = await atBoard('vice.ordf', viewport, phone);
    const row = page.getByTestId(`protocol-${meeting!.id}`);
    await row.getByText('Protokollet ej justerat (1 av 2 justeringar)').waitFor();
    const attest = row.getByRole('button', { name: 'Justera protokollet' });
    await attest.waitFor();
    await noSidewaysScroll(page, viewport.width);
    expect(await axeViolations(page, '.ckl-screen')).toEqual([]);
    await row.scrollIntoViewIfNeeded();
    await shoot(page, `justering-${viewport.width}px`);
    if (viewport === STEP_SIZES.at(-1)) {
      await attest.click();
      await row.getByText('Protokollet justerat').waitFor();
      expect(
        Object.values(real().state.board.meetings).find((m) => m.id === meeting!.id),
      ).toMatchObject({ status: 'attested' });
    }
    await leave(page);
  }
});

test('R190 the administrative function changes a member in place at 390 px', async () => {
  const page = await atBoard('admin.ckl', SIZES[0], true);
  const row = page.getByTestId('board-member-bm_wallin');
  await row.getByText('Ändra Peter Wallin').click();
  const form = row.getByTestId('board-edit-bm_wallin');
  await form.getByLabel(/Uppdrag i staden/).fill('Borgarråd, stadsbyggnadsroteln');
  await noSidewaysScroll(page, SIZES[0].width);
  expect(await axeViolations(page, '.ckl-screen')).toEqual([]);
  if (process.env.SCREENSHOTS === '1')
    await page.screenshot({ path: path.join(OUT, 'namnd-ledamot-390px.png') });
  await form.getByRole('button', { name: 'Spara ändringen' }).click();
  await form.getByText('Ändringen är sparad.').waitFor();
  const m = Object.values(real().state.board.members).find((x) => x.id === 'bm_wallin');
  expect(m).toMatchObject({ title: 'Borgarråd, stadsbyggnadsroteln', position: 'member' });
  await leave(page);
});

test('R207 the 1st vice chair convenes from the screen only while she acts for the chair by succession', async () => {
  const page = await atBoard('vice.ordf');
  const meeting = page.getByTestId('board-meeting');
  await meeting.getByText('Ordföranden kallar nämnden till sammanträde.').waitFor();
  expect(await page.getByTestId('board-convene').count()).toBe(0);
  // The demo's delegation has ended: nothing to act as until the chair is recorded unavailable.
  const actAs = page.getByLabel('Agera som');
  expect(await actAs.count()).toBe(0);
  const dir = await suite.console('stadsdir');
  expect(
    await dir.command('presidency.recordUnavailable', {
      position: 'chair',
      reason: 'Ordföranden nås inte.',
    }),
  ).toMatchObject({ ok: true });
  await actAs.waitFor();
  // Succession alone gives her nothing on the screen until she chooses to act for the chair.
  expect(await page.getByTestId('board-convene').count()).toBe(0);
  await actAs.selectOption({ label: 'vice ordförande' });
  // What is addressed to the chair now asks for her attention first.
  await acknowledgeRaised(page);
  // The kallelse reaches her own console too and asks for her answer.
  await sendKallelse(page, 'Teams');
  const convened = Object.values(real().state.board.meetings).find((m) => m.status === 'convened');
  expect(convened?.convenedBy).toMatchObject({ userId: 'vice.ordf', actingFor: 'chair' });
  const cancel = page.locator('summary', { hasText: 'Ställ in sammanträdet' });
  await cancel.waitFor();
  // Acting as herself again, the chair's actions leave the screen.
  await actAs.selectOption({ index: 0 });
  await cancel.waitFor({ state: 'detached' });
  expect(await dir.command('presidency.recordAvailable', { position: 'chair' })).toMatchObject({
    ok: true,
  });
  dir.close();
  await leave(page);
});
