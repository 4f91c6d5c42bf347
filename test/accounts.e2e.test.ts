/**
 * Passwords in Chromium (R112, R113): a first sign-in with an initial password shows only the
 * change form and opens the console once it is changed; "Byt lösenord" in the header changes
 * it, signs the person out of their other browser, and keeps this one live.
 */
import { axeViolations, browserSuite } from './support/browser';
import { login } from './support/server';

jest.setTimeout(90_000);
const suite = browserSuite();
const INITIAL = 'hallon-kaj-regn-fyr-42';

test('R112 a first sign-in with an initial password gets the change form, then the console', async () => {
  const admin = await login(suite.server.url, 'admin');
  const made = await fetch(`${suite.server.url}/api/accounts`, {
    method: 'POST',
    headers: { cookie: admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      userId: 'ny.analys',
      name: 'Nina Nyberg',
      role: 'ckl_analysis',
      initialPassword: INITIAL,
    }),
  });
  expect(made.status).toBe(201);

  const { page } = await suite.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(suite.server.url);
  await page.fill('#username', 'ny.analys');
  await page.fill('#password', INITIAL);
  await page.click('button[type=submit]');
  await page.waitForSelector('.password-form');
  expect(await page.locator('[data-testid=connection]').count()).toBe(0); // no console yet
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel('Engångslösenord').fill(INITIAL);
  await page.getByLabel('Nytt lösenord', { exact: true }).fill('kort');
  await page.getByText('Lösenordet måste ha minst 12 tecken.').waitFor();
  await page.getByLabel('Nytt lösenord', { exact: true }).fill('stilla vatten vid strömmen');
  await page.getByLabel('Nytt lösenord igen').fill('stilla vatten vid strömmen');
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  await page.waitForSelector('[data-testid=connection]:has-text("Live")');
  expect(await page.locator('[data-testid=whoami]').textContent()).toContain('Nina Nyberg');

  // A reload goes straight to the console: the renewed cookie is an ordinary session.
  await page.reload();
  await page.waitForSelector('[data-testid=connection]:has-text("Live")');
  expect(page.errors).toEqual([]);
});

test('R113 Byt lösenord in the header signs out the other browser and keeps this one live', async () => {
  const here = await suite.signIn('info');
  const there = await suite.signIn('info');
  await here.page.click('[data-testid=change-password-link]');
  await here.page.waitForSelector('.password-screen');
  expect(await axeViolations(here.page, '.password-screen')).toEqual([]);
  await here.page.getByLabel('Nuvarande lösenord').fill('krisledning');
  await here.page.getByLabel('Nytt lösenord', { exact: true }).fill('ljus i fönstren på kajen');
  await here.page.getByLabel('Nytt lösenord igen').fill('ljus i fönstren på kajen');
  await here.page.getByRole('button', { name: 'Byt lösenord' }).click();
  await here.page.getByText('Lösenordet är bytt. Dina andra sessioner har avslutats.').waitFor();

  // The other browser is back at the sign-in page, told why.
  await there.page.waitForSelector('#username');
  await there.page.getByText('Lösenordet för ditt konto har bytts').waitFor();
  // This one reconnects by itself with its renewed cookie and stays live.
  await here.page.waitForSelector('[data-testid=connection]:has-text("Live")');
  await here.page.reload();
  await here.page.waitForSelector('[data-testid=connection]:has-text("Live")');
  expect(here.page.errors).toEqual([]);
});
