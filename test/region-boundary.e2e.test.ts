/**
 * A bad record never blanks a console, seen in Chromium. Prototype names as ids, accepted by
 * the server, render like any other id; a record the console cannot show (corrupted on the
 * wire here, as a bug elsewhere could send it) blanks only its region, which is marked and
 * can be reported, while the rest of the console stays live.
 */
import { HOSTILE } from './support/hostile';
import { breakOneRecord, browserSuite } from './support/browser';

jest.setTimeout(120_000);
const suite = browserSuite();

test('prototype names as ids are shown like any other id: no region fails, no page error', async () => {
  const admin = await suite.console('admin');
  const dir = await suite.console('stadsdir');
  const acks = [];
  for (const { value: h } of HOSTILE.slice(0, 5)) {
    acks.push(
      await admin.command('alarm.saveContact', {
        contactId: h,
        name: h,
        phone: '+46701234567',
        available: true,
      }),
      await admin.command('alarm.saveList', {
        listId: h,
        name: h,
        target: { kind: 'ckl', fn: 'liaison' },
        members: [h],
        quota: 1,
        timeoutSeconds: 600,
        channels: ['sms'],
      }),
      await dir.command('event.open', { title: h, description: h, area: { kind: 'central' } }),
      await dir.command('log.write', { text: h }),
    );
  }
  admin.close();
  dir.close();
  const accepted = acks.filter((a) => a.ok).length;
  expect([accepted, acks.filter((a) => !a.ok)]).toEqual([20, []]);
  for (const [user, path] of [
    ['stabschef', '#/stab'],
    ['admin', '#/larmadmin'],
    ['stadsdir', ''],
  ] as const) {
    const { page } = await suite.signIn(user, { path });
    await page.waitForTimeout(500);
    expect([user, await page.locator('.region-error').count()]).toEqual([user, 0]);
    expect(page.errors).toEqual([]);
  }
});

test('a record the console cannot show blanks only its region, marked, with a way to report it', async () => {
  const { page } = await suite.newPage();
  await breakOneRecord(page);
  await page.goto(suite.server.url);
  await page.fill('#username', 'stadsdir');
  await page.fill('#password', 'krisledning');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=connection]:has-text("Live")');
  const placeholder = page.locator('.region-error', { hasText: 'Listorna gick inte att visa' });
  await placeholder.waitFor();
  // The rest works: the level banner, the map.
  expect(await page.locator('[data-testid=city-level]').textContent()).toBeTruthy();
  expect(await page.locator('.leaflet-container').count()).toBe(1);
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...a) => {
    logged.push(a.map(String).join(' '));
  });
  const info = jest.spyOn(console, 'info').mockImplementation((...a) => {
    logged.push(a.map(String).join(' '));
  });
  const warn = jest.spyOn(console, 'warn').mockImplementation((...a) => {
    logged.push(a.map(String).join(' '));
  });
  try {
    await placeholder.getByRole('button', { name: 'Rapportera fel' }).click();
    await placeholder.getByText('Felrapporten är skickad. Tack!').waitFor();
  } finally {
    spy.mockRestore();
    info.mockRestore();
    warn.mockRestore();
  }
  expect(logged.join('\n')).toContain('region="Listorna"');
});
