/** The start record of a send (R128), pure: handleCommand + applyEvent, no server. */
import { emptyState, type CityState } from '../../domain/state';
import { SYSTEM_ACTOR, type Actor } from '../../domain/actor';
import { isRefusal, type Refusal } from '../../errors';
import { pendingAlarmJobs } from '../../domain/alarmJobs';
import { recipientOf } from '../../domain/alarm';
import { lookup } from '../../domain/keyed';
import { runOn } from '../../../test/support/pureLog';

function run(s: CityState, actor: Actor, type: string, payload: unknown): CityState | Refusal {
  const r = runOn(s, actor, type, payload, new Date().toISOString());
  return r.refusal ?? r.s;
}
const ok = (r: CityState | Refusal): CityState => {
  if (isRefusal(r)) throw new Error(`${r.code}: ${r.message}`);
  return r;
};
const admin: Actor = { userId: 'admin', name: 'Admin', role: 'admin' };
const lead: Actor = { userId: 'stabschef', name: 'Lena', role: 'ckl_lead' };

function alarmed(): { s: CityState; alarmId: string } {
  let s = emptyState('real');
  s = ok(run(s, admin, 'alarm.saveContact', { contactId: 'A', name: 'A', phone: '+46701000000' }));
  s = ok(
    run(s, admin, 'alarm.saveList', {
      listId: 'L',
      name: 'Analys',
      target: { kind: 'ckl', fn: 'analysis' },
      members: ['A'],
      quota: 1,
      timeoutSeconds: 60,
      channels: ['sms'],
    }),
  );
  s = ok(run(s, lead, 'alarm.start', { title: 'T', listIds: ['L'], message: 'm' }));
  return { s, alarmId: s.alarm.alarmOrder[0] };
}
const start = (alarmId: string, attempt = 1) => ({
  alarmId,
  key: 'L~A',
  n: 1,
  channel: 'sms',
  attempt,
  idempotencyKey: `real|${alarmId}|L~A|1|sms`,
});
const send = (s: CityState, alarmId: string) =>
  lookup(recipientOf(lookup(s.alarm.alarms, alarmId), 'L~A')?.sends, '1:sms');

test('R128 the start of a hand-over is recorded by the system only; a person is refused and nothing changes', () => {
  const { s, alarmId } = alarmed();
  for (const actor of [lead, admin]) {
    const r = run(s, actor, 'alarm.recordSendStart', start(alarmId));
    expect(isRefusal(r) && r.code).toBe('FORBIDDEN');
    expect(isRefusal(r) && r.message).toBe('Det här kommandot används bara av systemet.');
  }
  const after = ok(run(s, SYSTEM_ACTOR, 'alarm.recordSendStart', start(alarmId)));
  expect(send(after, alarmId)).toMatchObject({ status: 'pending', attempts: 0, started: 1 });
  expect(send(s, alarmId)?.started).toBeUndefined();
});

test('R128 an attempt starts once, never after its outcome, and a started attempt is resumed as itself', () => {
  const { s, alarmId } = alarmed();
  const started = ok(run(s, SYSTEM_ACTOR, 'alarm.recordSendStart', start(alarmId)));
  const again = run(started, SYSTEM_ACTOR, 'alarm.recordSendStart', start(alarmId));
  expect(isRefusal(again) && again.message).toBe('Försöket är redan påbörjat.');
  expect(
    isRefusal(run(s, SYSTEM_ACTOR, 'alarm.recordSendStart', { ...start(alarmId), key: 'L~X' })),
  ).toBe(true);
  // The worker died here: the rebuilt job is the same attempt (same job id, same key).
  const jobs = pendingAlarmJobs(started, Date.now()).filter((j) => j.kind === 'alarm.dispatch');
  expect(jobs.map((j) => j.data)).toEqual([expect.objectContaining({ key: 'L~A', attempt: 1 })]);
  const recorded = ok(
    run(started, SYSTEM_ACTOR, 'alarm.recordSend', {
      alarmId,
      key: 'L~A',
      n: 1,
      channel: 'sms',
      ok: true,
      attempt: 1,
      resumed: true,
    }),
  );
  expect(send(recorded, alarmId)).toMatchObject({ status: 'sent', attempts: 1 });
  const late = run(recorded, SYSTEM_ACTOR, 'alarm.recordSendStart', start(alarmId, 2));
  expect(isRefusal(late) && late.message).toBe('Utskicket är redan avslutat.');
  expect(pendingAlarmJobs(recorded, Date.now()).filter((j) => j.kind === 'alarm.dispatch')).toEqual(
    [],
  );
});
