/**
 * A fixed crisis, played as commands at fixed times through the real command pipeline and
 * reducer: the after-action report's unit tests read its figures, the golden test its JSON.
 * Minute 0 is 08:00 UTC; every figure the tests expect follows from the times below.
 */
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { ACTORS, baseLog, type PureLog } from './pureLog';

export const T0 = Date.parse('2026-11-23T08:00:00.000Z');
export const at = (min: number): string => new Date(T0 + min * 60_000).toISOString();
export const MIN = 60_000;
/** When the report is made: after the event was closed and evaluated. */
export const GENERATED_AT = at(140);

const dec = (basis: string) => ({ basis, informed: [] });
const idOf = (evs: { data: unknown }[], field: string): string =>
  (evs.map((e) => (e.data as Record<string, string>)[field]).find(Boolean) as string) ?? '';

export interface Scenario {
  log: PureLog;
  eventId: string;
  otherEventId: string;
  alarmId: string;
}

export function playScenario(): Scenario {
  const log = baseLog();
  const { admin, ckl_admin, ckl_lead, ckl_analysis, director } = ACTORS;
  const tib = ACTORS.district_officer;

  // Preparation, an hour before: three contacts and the analysis function's call list.
  for (const [contactId, name, userId] of [
    ['kA', 'Anna Analys', 'analys'],
    ['kB', 'Bo Berg', undefined],
    ['kC', 'Cecilia Ek', undefined],
  ] as const)
    log.ok(admin, 'alarm.saveContact', { contactId, name, userId, phone: '+46701234567' }, at(-60));
  log.ok(
    admin,
    'alarm.saveList',
    {
      listId: 'L-analys',
      name: 'Analys',
      target: { kind: 'ckl', fn: 'analysis' },
      members: ['kA', 'kB', 'kC'],
      quota: 2,
      timeoutSeconds: 600,
      channels: ['sms'],
    },
    at(-60),
  );

  const eventId = idOf(
    log.ok(
      tib,
      'event.open',
      {
        title: 'Elavbrott i Farsta',
        description: 'Strömmen borta i södra Farsta.',
        area: { kind: 'district', id: 'farsta' },
        affectedDistrictIds: ['farsta'],
      },
      at(0),
    ),
    'eventId',
  );
  // Another event the report of the first must leave out.
  const otherEventId = idOf(
    log.ok(
      ACTORS.other_district,
      'event.open',
      { title: 'Vattenläcka i Bromma', area: { kind: 'district', id: 'bromma' } },
      at(1),
    ),
    'eventId',
  );
  const happened: Record<string, string> = {
    strained: 'Strömmen borta i 300 hushåll.',
    severe: 'Äldreboendet utan värme.',
  };
  const report = (status: string, due: number, now: number) =>
    log.ok(
      tib,
      'district.report',
      {
        districtId: 'farsta',
        basedOnReportId: log.state.districts.farsta.latestReportId ?? null,
        status,
        happened: happened[status],
        crisisSupport: 'standby',
        nextReportDue: at(due),
      },
      at(now),
    );
  report('strained', 30, 2);
  log.ok(tib, 'event.requestCentralSupport', { eventId, reason: 'Information till boende' }, at(5));
  log.ok(director, 'event.raiseToSerious', { eventId, decision: dec('Många utan ström') }, at(10));
  log.ok(
    director,
    'event.decideCentralSupport',
    {
      eventId,
      granted: true,
      decision: dec('Stödet behövs'),
      consulted: ['Farsta stadsdelsförvaltning'],
    },
    at(12),
  );
  log.ok(
    director,
    'ckl.activate',
    {
      eventId,
      functions: ['analysis', 'liaison', 'admin'],
      decision: dec('Samlad lägesbild behövs'),
    },
    at(20),
  );

  const alarmId = idOf(
    log.ok(
      ckl_lead,
      'alarm.start',
      { title: 'Larm analys', listIds: ['L-analys'], message: 'Kom till staben.', eventId },
      at(21),
    ),
    'alarmId',
  );
  const send = (key: string, delivered: boolean) =>
    log.ok(
      SYSTEM_ACTOR,
      'alarm.recordSend',
      { alarmId, key, n: 1, channel: 'sms', ok: true, delivered, attempt: 1 },
      at(22),
    );
  send('L-analys~kA', true);
  send('L-analys~kB', false);
  log.ok(ckl_analysis, 'alarm.respond', { alarmId, answer: 'coming', etaMinutes: 20 }, at(24));
  log.ok(ckl_lead, 'alarm.respond', { alarmId, key: 'L-analys~kB', answer: 'cannot' }, at(26));
  log.ok(
    ckl_lead,
    'alarm.respond',
    { alarmId, key: 'L-analys~kC', answer: 'coming', etaMinutes: 30 },
    at(33),
  );

  report('severe', 70, 40);
  const t1 = idOf(
    log.ok(
      ckl_lead,
      'task.create',
      {
        eventId,
        title: 'Reservkraft till äldreboendet',
        assignee: { kind: 'function', fn: 'admin' },
        deadline: at(90),
      },
      at(45),
    ),
    'taskId',
  );
  log.ok(
    ckl_lead,
    'task.create',
    {
      eventId,
      title: 'Trygghetspunkt i Farsta centrum',
      assignee: { kind: 'district', districtId: 'farsta' },
      deadline: at(60),
    },
    at(46),
  );
  const cost = (category: string, kind: string, amountSek: number, now: number) =>
    idOf(
      log.ok(
        ckl_admin,
        'administration.recordCost',
        { eventId, category, kind, amountSek },
        at(now),
      ),
      'costId',
    );
  cost('damage', 'Frysskador i skolan', 12345.5, 50);
  cost('response', 'Reservkraft', 8000, 52);
  const wrong = cost('response', 'Fel belopp', 999.99, 53);
  log.ok(
    ckl_admin,
    'administration.voidCost',
    { eventId, costId: wrong, reason: 'Registrerad två gånger.' },
    at(55),
  );
  log.ok(ckl_lead, 'task.update', { taskId: t1, status: 'done' }, at(80));
  log.ok(
    ckl_analysis,
    'analysis.draftSitrep',
    { eventId, title: 'Lägesbild 1', situation: 'Strömmen tillbaka i norra delen.' },
    at(85),
  );
  log.ok(
    tib,
    'district.confirmNoChange',
    {
      districtId: 'farsta',
      basedOnReportId: log.state.districts.farsta.latestReportId ?? null,
      nextReportDue: at(110),
    },
    at(95),
  );
  log.ok(
    director,
    'ckl.deactivate',
    { eventId, functions: ['liaison'], decision: dec('Samverkan klar') },
    at(100),
  );
  log.ok(director, 'event.close', { eventId, decision: dec('Strömmen tillbaka') }, at(120));
  const evaluationId = log.state.events[eventId].evaluationId as string;
  log.ok(
    ckl_lead,
    'evaluation.complete',
    {
      evaluationId,
      summary: 'Larmet fungerade; rapporterna från Farsta kom två gånger sent.',
      findings: ['Rapporterna från Farsta kom två gånger efter utsatt tid.'],
    },
    at(130),
  );
  return { log, eventId, otherEventId, alarmId };
}
