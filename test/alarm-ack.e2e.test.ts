/** The one-time answer page in Chromium: answer, then reuse and expiry are refused clearly (R47). */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../scripts/chromium';
import { InProcessScheduler } from '../server/jobs/scheduler';
import {
  PEOPLE,
  alarmHarness,
  linkIn,
  setUpList,
  waitFor,
  type Harness,
} from './support/alarmScenario';
import { tableGet } from '../shared/domain/table';

let browser: Browser;
let h: Harness;
beforeAll(async () => {
  browser = await launchChromium('/usr/bin/chromium');
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await h?.close();
});

test('R47 the answer page works without the console, then refuses the reused and the expired link', async () => {
  h = await alarmHarness(() => new InProcessScheduler());
  await setUpList(h, 60);
  await h.command('stabschef', 'alarm.start', {
    title: 'Skyfall city',
    listIds: ['analys'],
    message: 'Kom till CKL.',
  });
  const sms = await waitFor('sms', () => h.smsTo(PEOPLE[0].phone)[0]);
  const link = linkIn(sms.text);

  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const cspErrors: string[] = [];
  const page = await ctx.newPage();
  page.setDefaultTimeout(5000);
  page.on(
    'console',
    (m) => m.text().includes('Content Security Policy') && cspErrors.push(m.text()),
  );
  const res = await page.goto(link, { timeout: 5000 });
  expect(res?.status()).toBe(200);
  await expect(page.title()).resolves.toContain('Skyfall city');
  expect(await page.getAttribute('html', 'lang')).toBe('sv');
  // Styles load from our own origin under the CSP (no inline style, no script).
  const bg = await page.$eval('button', (b) => getComputedStyle(b).backgroundColor);
  expect(bg).toBe('rgb(0, 90, 160)');
  await page.getByLabel('Jag kommer').check();
  await page.getByLabel(/beräknad ankomst/).fill('25');
  await page.getByRole('button', { name: 'Skicka svar' }).click();
  await page.waitForLoadState();
  await expect(page.getByRole('status').textContent()).resolves.toContain(
    'beräknad ankomst om 25 minuter',
  );
  const real = h.srv.app.spaces.get('real')!;
  // The newest alarm is this test's (the demo has a finished one before it).
  const alarm = real.state.alarm.alarms[real.state.alarm.alarmOrder.at(-1)!];
  expect(tableGet(alarm.recipients, 'analys~p-anna')).toMatchObject({
    state: 'acknowledged',
    etaMinutes: 25,
    answeredVia: 'link',
  });

  // Reused: a clear refusal, not a form.
  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole('alert').textContent()).resolves.toContain(
    'Länken har redan använts',
  );
  expect(await page.$('form')).toBeNull();

  // Expired: Bertil's link, with the clock of the link moved past its expiry in the log.
  const bertil = await waitFor('sms to Bertil', () => h.smsTo(PEOPLE[1].phone)[0]);
  const hash = tableGet(alarm.recipients, 'analys~p-bertil')!.tokenHash!;
  const token = tableGet(real.state.alarm.tokens, hash)!;
  // The expiry is state: rewrite it through a system append the way an old link would look.
  await real.appendSystem({ userId: 'system', name: 'Systemet', role: 'admin' }, 'test-expire', [
    {
      type: 'alarm.tokenIssued',
      data: {
        alarmId: token.alarmId,
        key: 'analys~p-bertil',
        tokenHash: hash,
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      },
    },
  ]);
  const expired = await page.goto(linkIn(bertil.text));
  expect(expired?.status()).toBe(410);
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Länken har gått ut');

  // Unknown token.
  const unknown = await page.goto(link.replace(/.{5}$/, 'AAAAA'));
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Länken är okänd');
  expect(cspErrors).toEqual([]);
  await ctx.close();
});
