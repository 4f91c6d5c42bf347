/**
 * R164: the message's placeholders are filled wherever it shows: the SMS, and the answer page
 * the link opens (it showed "{namn}" raw); a typo in a placeholder is refused at start.
 */
import { InProcessScheduler } from '../server/jobs/scheduler';
import {
  PEOPLE,
  alarmHarness,
  linkIn,
  setUpList,
  waitFor,
  type Harness,
} from './support/alarmScenario';

const [anna] = PEOPLE;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

test('R164 the SMS and the answer page show the message filled for the person, no raw placeholder', async () => {
  h = await alarmHarness(() => new InProcessScheduler());
  await setUpList(h, 600);
  const started = await h.command('stabschef', 'alarm.start', {
    title: 'Skyfall',
    listIds: ['analys'],
    message: 'Hej {namn}! Du larmas till {lista} med anledning av: {rubrik}.',
  });
  expect(started.ok).toBe(true);
  const [sms] = await waitFor(
    'Anna’s SMS',
    () => h!.smsTo(anna.phone).length > 0 && h!.smsTo(anna.phone),
  );
  expect(sms.text).toContain('Hej Anna Alm! Du larmas till CKL Analys med anledning av: Skyfall.');
  const page = await fetch(linkIn(sms.text));
  const html = await page.text();
  expect(page.status).toBe(200);
  expect(html).toContain('Hej Anna Alm! Du larmas till CKL Analys med anledning av: Skyfall.');
  expect(html).not.toMatch(/\{namn\}|\{lista\}|\{rubrik\}/);
});

test('R164 a placeholder no fill knows is refused at start and nothing is sent', async () => {
  h = await alarmHarness(() => new InProcessScheduler());
  await setUpList(h, 600);
  const seq = h.srv.app.spaces.get('real')!.seq;
  const r = await h.command('stabschef', 'alarm.start', {
    title: 'Skyfall',
    listIds: ['analys'],
    message: 'Hej {namm}, kom in.',
  });
  expect(r).toMatchObject({ ok: false });
  expect(r.error?.message).toBe(
    'Okänd platshållare {namm} i meddelandet. Använd {namn}, {lista} eller {rubrik}.',
  );
  // Refused: the log did not grow (the demo's own alarm is older).
  expect(h.srv.app.spaces.get('real')!.seq).toBe(seq);
});
