/**
 * The call-in board in real Chromium against a real server with the demo data: the director
 * alarms the CKL analysis list; Sofia (who has an account) answers through the notice in her
 * console, Johan through his personal link (the embedded outbox keeps it in the server's local
 * mailbox; the log records only that the message went out, R86); the
 * director's board follows live to "Bemannat". axe-core on the board.
 */
import { type Page } from 'playwright-core';
import { axeViolations, browserSuite } from './support/browser';
import { linkIn, waitFor } from './support/alarmScenario';
import type { StoredEvent } from '../shared/events';

jest.setTimeout(120_000);

const logged: StoredEvent[] = [];
const suite = browserSuite((server) =>
  server.app.spaces.get('real')!.on('events', (evs: StoredEvent[]) => logged.push(...evs)),
);
const VIEWPORT = { width: 1366, height: 900 };

async function newPage(js = true): Promise<Page> {
  const { page } = await suite.newPage({ viewport: VIEWPORT, javaScriptEnabled: js });
  page.setDefaultTimeout(10_000);
  return page;
}

async function signIn(user: string, route: string): Promise<Page> {
  return (await suite.signIn(user, { path: `#/${route}`, viewport: VIEWPORT, timeoutMs: 10_000 }))
    .page;
}

const axe = axeViolations;

test('a director alarms a list; one answers in the console, one by link; the board reaches Bemannat live', async () => {
  const [director, sofia] = await Promise.all([
    signIn('stadsdir', 'larm'),
    signIn('analys', 'oversikt'),
  ]);
  // The demo's finished alarm is in the history, nothing runs yet.
  await director.getByTestId('no-active-alarm').waitFor();
  await director
    .getByRole('button', { name: /Elavbrott Söderort – förstärkning analys/ })
    .waitFor();

  // Start: title, the CKL analysis list, the template, send.
  await director.getByLabel('Rubrik').fill('Skyfall i city');
  await director.getByRole('checkbox', { name: /CKL Analys/ }).check();
  await director.getByLabel('Meddelandemall').selectOption({ label: 'Inkallning CKL' });
  await expect(director.getByLabel('Meddelande', { exact: true }).inputValue()).resolves.toContain(
    '{namn}',
  );
  await director.getByRole('button', { name: 'Skicka larm' }).click();
  // R161: asked once more, with how many it reaches. R160: a double click starts one alarm.
  const confirm = director.getByTestId('alarm-confirm');
  await expect(confirm.textContent()).resolves.toMatch(/^Skicka larm till 4 personer\?/);
  await confirm.getByRole('button', { name: 'Ja, skicka till 4 personer' }).dblclick();
  await director.getByText('Larmet är skickat.').waitFor();
  await director.waitForTimeout(300);
  expect(
    logged.filter(
      (e) => e.type === 'alarm.started' && (e.data as { title: string }).title === 'Skyfall i city',
    ),
  ).toHaveLength(1);

  const board = director.locator('section.board', { hasText: 'Skyfall i city' });
  await board.waitFor();
  const fill = board.getByTestId('fill');
  await expect(fill.textContent()).resolves.toBe('0/2');
  await expect(board.getByTestId('alarm-status').textContent()).resolves.toContain(
    'Inkallning pågår',
  );

  // Sofia's console shows the notice (any screen) and she answers "Kommer, 15 min".
  const notice = sofia.locator('[data-testid^=alarm-notice-]');
  await notice.waitFor();
  await expect(notice.getByRole('heading').textContent()).resolves.toContain(
    'Du är larmad: Skyfall i city',
  );
  await expect(notice.textContent()).resolves.toContain('Hej Sofia Wikström!');
  await notice.getByLabel('Beräknad ankomst (minuter)').fill('15');
  const t0 = Date.now();
  await notice.getByRole('button', { name: /Kommer/ }).click();
  await director.waitForFunction(
    () =>
      [...document.querySelectorAll('section.board [data-testid=fill]')].some(
        (e) => e.textContent === '1/2',
      ),
    undefined,
    { timeout: 2000 },
  );
  console.log(`console answer → director's board: ${Date.now() - t0} ms`);
  await sofia.locator('[data-testid^=alarm-answered-]').waitFor();
  await expect(notice.count()).resolves.toBe(0);
  const sofiaRow = board.locator('tr', { hasText: 'Sofia Wikström' });
  await expect(sofiaRow.textContent()).resolves.toMatch(/Kommer, ETA 15 min.*i konsolen/);

  // Johan has no account: his link is in the local mailbox, and the log says only that it went.
  const out = await waitFor('outbox message to Johan', () =>
    suite.server.app.alarm.mailbox.find((m) => m.key === 'list_ckl_analys~ct_johan'),
  );
  expect(out.text).toContain('Hej Johan Lind!');
  const link = linkIn(out.text);
  const logged_ = logged.find(
    (e) => e.type === 'alarm.outboxed' && (e.data as { key: string }).key === out.key,
  );
  expect(logged_?.data).toMatchObject({ withLink: true });
  expect(JSON.stringify(logged)).not.toContain('/k/');
  const johan = await newPage(false);
  await johan.goto(link);
  await johan.getByLabel('Jag kommer').check();
  await johan.getByLabel(/beräknad ankomst/).fill('25');
  const t1 = Date.now();
  await johan.getByRole('button', { name: 'Skicka svar' }).click();
  await johan.waitForLoadState();
  await expect(johan.getByRole('status').textContent()).resolves.toContain('25 minuter');

  // The director's board: 2/2 and "Bemannat" in words, live.
  await board
    .getByText(/✓ Bemannat \d\d:\d\d/)
    .waitFor({ timeout: 3000 })
    .catch(async (e: Error) => {
      const st = suite.server.app.spaces.get('real')!.state;
      console.log(await board.textContent(), st.alarm.alarms[st.alarm.alarmOrder.at(-1)!]);
      throw e;
    });
  console.log(`link answer → Bemannat on the board: ${Date.now() - t1} ms`);
  await expect(fill.textContent()).resolves.toBe('2/2');
  await expect(board.locator('tr', { hasText: 'Johan Lind' }).textContent()).resolves.toMatch(
    /Kommer, ETA 25 min.*via länk/,
  );
  await expect(board.getByRole('status').textContent()).resolves.toContain('alla kvoter är fyllda');
  const state = suite.server.app.spaces.get('real')!.state;
  const alarm = state.alarm.alarms[state.alarm.alarmOrder.at(-1)!];
  expect(alarm.status).toBe('staffed');

  expect(await axe(director, 'main')).toEqual([]);
  expect(await axe(sofia, '.notices')).toEqual([]);
  expect((director as Page & { errors: string[] }).errors).toEqual([]);
  expect((sofia as Page & { errors: string[] }).errors).toEqual([]);
});
