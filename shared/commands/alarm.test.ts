/** Alarm rules, pure: handleCommand + applyEvent, no server. */
import { emptyState, type CityState } from '../domain/state';
import { SYSTEM_ACTOR, type Actor } from '../domain/actor';
import { redactState } from '../visibility';
import { pendingAlarmJobs } from '../domain/alarmJobs';
import { tableGet, tableValues } from '../domain/table';
import { recipientOf } from '../domain/alarm';
import { runOn } from '../../test/support/pureLog';

const run = (
  s: CityState,
  actor: Actor,
  type: string,
  payload: unknown,
  now = new Date().toISOString(),
) => runOn(s, actor, type, payload, now);
const admin: Actor = { userId: 'admin', name: 'Admin', role: 'admin' };
const lead: Actor = { userId: 'stabschef', name: 'Lena', role: 'ckl_lead' };
const tibFarsta: Actor = {
  userId: 'tib.farsta',
  name: 'TiB',
  role: 'district_officer',
  districtId: 'farsta',
};

function base(space = 'real'): CityState {
  let s = emptyState(space);
  s = { ...s, districts: { farsta: { districtId: 'farsta', name: 'Farsta', reportIds: [] } } };
  for (const [i, n] of ['A', 'B', 'C'].entries())
    s = run(s, admin, 'alarm.saveContact', { contactId: n, name: n, phone: `+4670100000${i}` }).s;
  s = run(s, admin, 'alarm.saveList', {
    listId: 'L',
    name: 'Analys',
    target: { kind: 'ckl', fn: 'analysis' },
    members: ['A', 'B', 'C'],
    quota: 2,
    timeoutSeconds: 60,
    channels: ['sms'],
  }).s;
  return s;
}

test('R40 only administrators keep contacts and lists', () => {
  const r = run(base(), lead, 'alarm.saveContact', { name: 'X', phone: '+46701234567' });
  expect(r.refusal?.code).toBe('FORBIDDEN');
});

test('R41 a TiB may not alarm a CKL list; the CKL lead may', () => {
  expect(
    run(base(), tibFarsta, 'alarm.start', { title: 'T', listIds: ['L'], message: 'm' }).refusal
      ?.code,
  ).toBe('FORBIDDEN');
  expect(
    run(base(), lead, 'alarm.start', { title: 'T', listIds: ['L'], message: 'm' }).refusal,
  ).toBeNull();
});

test('R44 R46 quota: two called, one reserve; two declines exhaust the list and it says so', () => {
  let s = run(base(), lead, 'alarm.start', { title: 'T', listIds: ['L'], message: 'm' }).s;
  const a = () => s.alarm.alarms[s.alarm.alarmOrder[0]];
  expect(a().recipients.keys).toEqual(['L~A', 'L~B']);
  s = run(s, lead, 'alarm.respond', { alarmId: a().id, key: 'L~A', answer: 'cannot' }).s;
  expect(a().recipients.keys).toEqual(['L~A', 'L~B', 'L~C']);
  s = run(s, lead, 'alarm.respond', { alarmId: a().id, key: 'L~B', answer: 'cannot' }).s;
  expect(a().lists.L.exhausted).toBe(true);
  expect(a().status).toBe('active');
});

test('R49 contact details are withheld from a TiB, shown to the administrative function', () => {
  const s = base();
  expect(tableValues(redactState(s, tibFarsta).alarm.contactDetails)).toEqual([]);
  expect(tableGet(redactState(s, { role: 'ckl_admin' }).alarm.contactDetails, 'A')?.phone).toBe(
    '+46701000000',
  );
});

test('R50 in an exercise real channels become the outbox unless allowed', () => {
  const s = run(base('exercise-1'), lead, 'alarm.start', {
    title: 'T',
    listIds: ['L'],
    message: 'm',
  }).s;
  const a = s.alarm.alarms[s.alarm.alarmOrder[0]];
  expect(a.exercise).toBe(true);
  expect(tableGet(a.recipients, 'L~A')?.channels).toEqual(['outbox']);
  const allowed = run(base('exercise-2'), lead, 'alarm.start', {
    title: 'T',
    listIds: ['L'],
    message: 'm',
    allowRealChannels: true,
  }).s;
  expect(recipientOf(allowed.alarm.alarms[allowed.alarm.alarmOrder[0]], 'L~A')?.channels).toEqual([
    'sms',
  ]);
});

test('R52 a timer acts once: the same timeout twice has no second effect; pending jobs are rebuilt from state', () => {
  let s = run(base(), lead, 'alarm.start', { title: 'T', listIds: ['L'], message: 'm' }).s;
  const a = s.alarm.alarms[s.alarm.alarmOrder[0]];
  const jobs = pendingAlarmJobs(s, Date.now());
  expect(jobs.filter((j) => j.kind === 'alarm.timeout')).toHaveLength(2);
  expect(jobs.filter((j) => j.kind === 'alarm.dispatch')).toHaveLength(2);
  const t = {
    alarmId: a.id,
    key: 'L~A',
    stage: 1,
    deadline: tableGet(a.recipients, 'L~A')?.deadline,
  };
  s = run(s, SYSTEM_ACTOR, 'alarm.timeout', t).s;
  expect(recipientOf(s.alarm.alarms[a.id], 'L~A')?.state).toBe('reminded');
  expect(run(s, SYSTEM_ACTOR, 'alarm.timeout', t).refusal?.code).toBe('CONFLICT');
  expect(run(s, lead, 'alarm.timeout', t).refusal?.code).toBe('FORBIDDEN');
});

test('R164 a template with a placeholder no fill knows is refused and nothing is saved', () => {
  const s = emptyState('real');
  const bad = run(s, admin, 'alarm.saveTemplate', { name: 'Inkallning', text: 'Hej {namm}!' });
  expect(bad.refusal).toMatchObject({
    code: 'INVALID',
    message: 'Okänd platshållare {namm} i mallen. Använd {namn}, {lista} eller {rubrik}.',
  });
  expect(bad.s.seq).toBe(0);
  const ok = run(s, admin, 'alarm.saveTemplate', {
    name: 'Inkallning',
    text: 'Hej {namn}, du larmas till {lista}: {rubrik}.',
  });
  expect(ok.refusal).toBeNull();
  expect(Object.values(ok.s.alarm.templates)).toHaveLength(1);
});
