/**
 * R163: the board says which channel really carried each message. With no SMS provider the
 * outbox stands in and the record says so (never "SMS: skickat"); with one, the SMS is sent.
 */
import { InProcessScheduler } from '../server/jobs/scheduler';
import { PEOPLE, alarmHarness, setUpList, waitFor, type Harness } from './support/alarmScenario';
import { tableGet } from '../shared/domain/table';
import { sendText, stateLabel } from '../client/src/screens/alarm/views';

const [anna] = PEOPLE;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function alarmAnna(harness: Harness) {
  await setUpList(harness, 600);
  const started = await harness.command('stabschef', 'alarm.start', {
    title: 'Skyfall',
    listIds: ['analys'],
    message: 'Hej {namn}, kom till CKL.',
  });
  expect(started.ok).toBe(true);
  const state = () => harness.srv.app.spaces.get('real')!.state;
  const id = state().alarm.alarmOrder.at(-1)!;
  const recipient = () =>
    tableGet(state().alarm.alarms[id].recipients, `analys~${anna.contactId}`)!;
  await waitFor(
    'Anna’s first message recorded',
    () => recipient()?.sends['1:sms']?.status === 'sent',
  );
  return recipient();
}

test('R163 no SMS provider configured: the outbox stands in, recorded as such, and the board says "inte skickat"', async () => {
  h = await alarmHarness(() => new InProcessScheduler(), {}, { sms: false });
  const r = await alarmAnna(h);
  const rec = h.events('alarm.sendRecorded').find((e) => (e.data as { key: string }).key === r.key);
  expect(rec?.data).toMatchObject({ channel: 'sms', via: 'outbox', ok: true });
  expect(r.sends['1:sms'].via).toBe('outbox');
  expect(h.smsTo(anna.phone)).toHaveLength(0);
  expect(h.events('alarm.outboxed').length).toBeGreaterThan(0);
  const line = sendText(r.sends['1:sms'], false, () => '14:00');
  expect(line).toBe('SMS: inte skickat – lagt i utkorgen 14:00 (ingen SMS-leverantör är inställd)');
  expect(line).not.toMatch(/SMS: skickat/);
  expect(stateLabel(r)).toBe('I utkorgen – inte skickat');
});

test('R163 with an SMS provider the SMS is sent and recorded as sent by SMS', async () => {
  h = await alarmHarness(() => new InProcessScheduler());
  const r = await alarmAnna(h);
  expect(r.sends['1:sms'].via).toBeUndefined();
  expect(h.smsTo(anna.phone)).toHaveLength(1);
  expect(sendText(r.sends['1:sms'], false, () => '14:00')).toBe('SMS: skickat 14:00');
  expect(stateLabel(r)).not.toBe('I utkorgen – inte skickat');
});
