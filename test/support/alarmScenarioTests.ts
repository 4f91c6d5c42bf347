/** The alarm scenario as tests, parameterised by scheduler (in process or BullMQ). */
import type { ScheduledJob, Scheduler } from '../../server/jobs/scheduler';
import type { CityState } from '../../shared/domain/state';
import {
  PEOPLE,
  alarmHarness,
  answerByLink,
  linkIn,
  setUpList,
  waitFor,
  type Harness,
} from './alarmScenario';
import { tableGet, tableValues } from '../../shared/domain/table';

const [anna, bertil, cecilia, david] = PEOPLE;

export function alarmScenarioTests(label: string, makeScheduler: () => Scheduler): void {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });
  const state = (): CityState => h.srv.app.spaces.get('real')!.state;
  const alarmOf = (id: string) => state().alarm.alarms[id];

  test(`R51 ${label}: a send the provider refuses for the moment is recorded and retried after 250 ms, once`, async () => {
    // Bertil's first attempt gets a 503; Anna's goes through.
    h = await alarmHarness(makeScheduler, { failOnceTo: bertil.phone });
    await setUpList(h, 30);
    const started = await h.command('stabschef', 'alarm.start', {
      title: 'Strömavbrott Söderort',
      listIds: ['analys'],
      message: 'Hej {namn}, kom till CKL.',
    });
    expect(started.ok).toBe(true);
    type SendRecorded = { key: string; ok: boolean; attempt: number; n: number; retryAt?: string };
    const ours = () =>
      h
        .events('alarm.sendRecorded')
        .map((e) => ({ at: e.at, d: e.data as SendRecorded }))
        .filter(({ d }) => d.key === 'analys~p-anna' || d.key === 'analys~p-bertil');
    await waitFor(
      'both first messages sent and recorded',
      () => ours().filter(({ d }) => d.ok).length === 2,
    );
    const failed = ours().filter(({ d }) => !d.ok);
    expect(failed).toHaveLength(1);
    const [f] = failed;
    // retryAt is 250 ms after the failure; the record commits a moment after the failure.
    const retryAt = Date.parse(f.d.retryAt as string);
    expect(retryAt - Date.parse(f.at)).toBeGreaterThan(200);
    expect(retryAt - Date.parse(f.at)).toBeLessThanOrEqual(250);
    const retried = ours().find(({ d }) => d.key === f.d.key && d.ok);
    expect(retried?.d).toMatchObject({ attempt: 2, n: 1 });
    expect(Date.parse(retried?.at as string)).toBeGreaterThanOrEqual(retryAt);
    expect(f.d.key).toBe('analys~p-bertil');
    expect(h.smsTo(bertil.phone)).toHaveLength(1);
    expect(h.smsTo(anna.phone)).toHaveLength(1);
    expect(tableGet(alarmOf(state().alarm.alarmOrder.at(-1)!).recipients, f.d.key)?.state).toBe(
      'sent',
    );
  });

  test(`R42 R43 R45 ${label}: cannot come → reserve at once; silence → reminder → replacement; staffed`, async () => {
    h = await alarmHarness(makeScheduler);
    await setUpList(h, 1.5);
    const started = await h.command('stabschef', 'alarm.start', {
      title: 'Strömavbrott Söderort',
      listIds: ['analys'],
      message: 'Hej {namn}, kom till CKL, Stadshuset.',
    });
    expect(started.ok).toBe(true);
    const alarmId = state().alarm.alarmOrder.at(-1)!;

    const [annaSms] = await waitFor(
      'sms to Anna',
      () => h.smsTo(anna.phone).length > 0 && h.smsTo(anna.phone),
    );
    await waitFor('sms to Bertil', () => h.smsTo(bertil.phone).length > 0);
    expect(annaSms.text).toContain('Hej Anna Alm, kom till CKL');
    expect(h.smsTo(cecilia.phone)).toHaveLength(0); // a reserve is not called before it is needed

    // Anna cannot come: Cecilia (first reserve) is called at once, well before any timeout.
    const t0 = Date.now();
    const declined = await answerByLink(linkIn(annaSms.text), { svar: 'kan-inte' });
    expect(declined.status).toBe(200);
    expect(declined.html).toContain('inte kan komma');
    const [cecSms] = await waitFor(
      'sms to Cecilia',
      () => h.smsTo(cecilia.phone).length > 0 && h.smsTo(cecilia.phone),
    );
    expect(cecSms.at - t0).toBeLessThan(1000);
    expect(tableGet(alarmOf(alarmId).recipients, 'analys~p-cecilia')?.reserveFor).toBe(
      'analys~p-anna',
    );

    // Cecilia comes.
    const ok = await answerByLink(linkIn(cecSms.text), { svar: 'kommer', eta: '20' });
    expect(ok.html).toContain('20 minuter');

    // Bertil is silent: one reminder after the timeout, then David replaces him.
    const reminder = await waitFor(
      'reminder to Bertil',
      () => h.smsTo(bertil.phone).find((m) => m.text.includes('PÅMINNELSE')),
      8000,
    );
    expect(reminder).toBeDefined();
    expect(tableGet(alarmOf(alarmId).recipients, 'analys~p-bertil')?.state).toBe('reminded');
    const [davSms] = await waitFor(
      'sms to David',
      () => h.smsTo(david.phone).length > 0 && h.smsTo(david.phone),
      8000,
    );
    expect(tableGet(alarmOf(alarmId).recipients, 'analys~p-bertil')?.state).toBe('replaced');
    expect(alarmOf(alarmId).status).toBe('active');

    await answerByLink(linkIn(davSms.text), { svar: 'kommer', eta: '35' });
    await waitFor('staffed', () => alarmOf(alarmId).status === 'staffed');
    const a = alarmOf(alarmId);
    expect(a.lists.analys.filled).toBe(2);
    expect(a.lists.analys.staffedAt).toBeDefined();
    expect(tableValues(a.recipients).map((r) => [r.name, r.state, r.etaMinutes ?? null])).toEqual([
      ['Anna Alm', 'declined', null],
      ['Bertil Ek', 'replaced', null],
      ['Cecilia Ros', 'acknowledged', 20],
      ['David Lund', 'acknowledged', 35],
    ]);
    // The demo data has a finished alarm of its own; count this alarm's.
    expect(
      h.events('alarm.staffed').filter((e) => (e.data as { alarmId: string }).alarmId === alarmId),
    ).toHaveLength(1);
    // Exactly one reminder and one first message per person: no duplicate sends.
    expect(h.smsTo(bertil.phone)).toHaveLength(2);
    for (const p of [anna, cecilia, david]) expect(h.smsTo(p.phone)).toHaveLength(1);
    // Bertil's old link still works for a late "coming" but the reused ones are refused.
    const reused = await answerByLink(linkIn(annaSms.text), { svar: 'kommer', eta: '5' });
    expect(reused.status).toBe(410);
    expect(reused.html).toContain('redan använts');
  });

  test(`R52 ${label}: a restart while a timeout is pending still fires it, once`, async () => {
    h = await alarmHarness(makeScheduler);
    await setUpList(h, 2.5, PEOPLE.slice(0, 3));
    await h.command('stabschef', 'alarm.start', {
      title: 'Omstart',
      listIds: ['analys'],
      message: 'Kom in.',
    });
    const alarmId = state().alarm.alarmOrder.at(-1)!;
    await waitFor(
      'first messages',
      () => h.smsTo(anna.phone).length === 1 && h.smsTo(bertil.phone).length === 1,
    );
    const cec = await answerByLink(linkIn(h.smsTo(anna.phone)[0].text), {
      svar: 'kommer',
      eta: '10',
    });
    expect(cec.status).toBe(200);

    // Stop the server with Bertil's silence timer pending, start a new one on the same data.
    await h.srv.close({ keepData: true });
    await h.start();
    await waitFor('reminder after restart', () => h.smsTo(bertil.phone).length === 2, 10_000);
    expect(tableGet(alarmOf(alarmId).recipients, 'analys~p-bertil')?.state).toBe('reminded');
    // And the second stage after the restart too: Bertil replaced by Cecilia.
    await waitFor('replacement', () => h.smsTo(cecilia.phone).length === 1, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      h
        .events('alarm.reminded')
        .filter((e) => (e.data as { key?: string }).key === 'analys~p-bertil'),
    ).toHaveLength(1);
    expect(h.events('alarm.silent')).toHaveLength(1);
    expect(h.smsTo(bertil.phone)).toHaveLength(2);
  });

  test(`R230 ${label}: a first message the job queue lost is restored from the log and sent once`, async () => {
    // As a Redis primary that fails over before replicating the job: added, acknowledged, gone.
    const lost: string[] = [];
    h = await alarmHarness(() => losingFirstJob(makeScheduler(), 'p-anna|1|sms', lost));
    await setUpList(h, 600, PEOPLE.slice(0, 2));
    await h.command('stabschef', 'alarm.start', {
      title: 'Bortappat jobb',
      listIds: ['analys'],
      message: 'Kom in.',
    });
    await waitFor('Bertil reached', () => h.smsTo(bertil.phone).length === 1);
    expect(lost).toHaveLength(1);
    await waitFor('Anna reached after all', () => h.smsTo(anna.phone).length === 1, 15_000);
    await new Promise((r) => setTimeout(r, 6000)); // one more check of the queue
    expect(h.smsTo(anna.phone)).toHaveLength(1);
    expect(
      h
        .events('alarm.sendRecorded')
        .filter((e) => (e.data as { key: string }).key === 'analys~p-anna'),
    ).toHaveLength(1);
  });
}

/** A scheduler that drops the first job whose id contains `match`, and says which it dropped. */
function losingFirstJob(inner: Scheduler, match: string, lost: string[]): Scheduler {
  const keep = (job: ScheduledJob) => {
    if (lost.length > 0 || !job.id.includes(match)) return true;
    lost.push(job.id);
    return false;
  };
  return {
    kind: inner.kind,
    handle: (kind, handler) => inner.handle(kind, handler),
    schedule: (job) => (keep(job) ? inner.schedule(job) : Promise.resolve()),
    scheduleFixed: (jobs) => inner.scheduleFixed(jobs.filter(keep)),
    restore: (jobs) => inner.restore(jobs),
    onReconnect: (listener) => inner.onReconnect(listener),
    cancel: (id) => inner.cancel(id),
    close: () => inner.close(),
  };
}
