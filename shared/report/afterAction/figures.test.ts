/**
 * Every figure of the after-action report, on a state built by running commands through the
 * real pipeline and reducer (test/support/afterActionScenario.ts): the expected values follow
 * from the scenario's times by hand, and where the state holds the same fact, they agree.
 */
import { tableGet, tableValues } from '../../domain/table';
import { SYSTEM_ACTOR } from '../../domain/actor';
import type { EventDraft } from '../../events';
import { PureLog } from '../../../test/support/pureLog';
import {
  GENERATED_AT,
  MIN,
  at,
  playScenario,
  type Scenario,
} from '../../../test/support/afterActionScenario';
import { buildAfterAction, type AfterActionReport } from './index';

let sc: Scenario;
let r: AfterActionReport;
beforeAll(() => {
  sc = playScenario();
  r = buildAfterAction(sc.log.log, {
    space: 'real',
    eventId: sc.eventId,
    generatedAt: GENERATED_AT,
  });
});

test('the report is versioned and scoped to its event', () => {
  expect(r.version).toBe(1);
  expect(r.eventId).toBe(sc.eventId);
  expect(r.title).toBe('Elavbrott i Farsta');
  expect(r.period).toEqual({ from: at(0), to: at(130) });
  expect(JSON.stringify(r)).not.toContain('Vattenläcka');
  expect(r.log.every((l) => l.seq > 0)).toBe(true);
});

test('timeline: levels and decisions in order, each decision with its basis', () => {
  expect(r.timeline.map((t) => t.kind)).toEqual([
    'event',
    'support',
    'decision',
    'level',
    'decision',
    'decision',
    'ckl',
    'decision',
    'ckl',
    'decision',
    'closed',
  ]);
  const raised = r.timeline.find((t) => t.kind === 'decision' && t.at === at(10));
  expect(raised).toMatchObject({ basis: 'Många utan ström', by: 'Stadsdirektör (Stadsdirektör)' });
  const ev = r.events[0];
  expect(ev.levels.map((l) => [l.level, l.at])).toEqual([
    ['disruption', at(0)],
    ['serious', at(10)],
  ]);
  expect(ev).toMatchObject({
    highestLevel: 'serious',
    toSeriousMs: 10 * MIN,
    toCklMs: 20 * MIN,
    toExtraordinaryMs: null,
    supportDecisionMs: 7 * MIN,
    durationMs: 120 * MIN,
    closedAt: at(120),
  });
  // The state's level history says the same.
  expect(sc.log.state.events[sc.eventId].levelHistory.map((l) => [l.level, l.at])).toEqual(
    ev.levels.map((l) => [l.level, l.at]),
  );
});

test('CKL: functions activated and deactivated, staffing measured on the call list', () => {
  const c = r.ckl[0];
  expect(c).toMatchObject({ activated: true, firstActivatedAt: at(20) });
  const fn = (f: string) => c.functions.find((x) => x.fn === f);
  expect(fn('analysis')).toMatchObject({
    activatedAt: at(20),
    deactivatedAt: null,
    alarmed: true,
    firstComingAfterMs: 4 * MIN, // Anna's "coming" at 24
    staffedAfterMs: 13 * MIN, // the quota of two filled by Cecilia at 33
  });
  expect(fn('liaison')).toMatchObject({
    activatedAt: at(20),
    deactivatedAt: at(100),
    alarmed: false,
    staffedAfterMs: null,
  });
  expect(fn('information')).toMatchObject({ activatedAt: null, alarmed: false });
});

test('alarms: alarmed, reached, answered, coming, time to first answer and to the quota', () => {
  expect(r.alarms).toHaveLength(1);
  const a = r.alarms[0];
  expect(a).toMatchObject({
    alarmId: sc.alarmId,
    status: 'staffed',
    quota: 2,
    alarmed: 3, // Anna and Bo, then Cecilia as Bo's reserve
    reached: 3, // Anna's SMS delivered; Bo and Cecilia answered
    answered: 3,
    coming: 2,
    cannot: 1,
    firstAnswerAfterMs: 3 * MIN,
    quotaAfterMs: 12 * MIN,
  });
  expect(a.lists[0]).toMatchObject({
    staffs: 'CKL Analys',
    quotaAfterMs: 12 * MIN,
    exhausted: false,
  });
  expect(a.people.map((p) => [p.name, p.state, p.via, p.answerAfterMs, p.reserveFor])).toEqual([
    ['Anna Analys', 'acknowledged', 'console', 3 * MIN, null],
    ['Bo Berg', 'declined', 'recorded', 5 * MIN, null],
    ['Cecilia Ek', 'acknowledged', 'recorded', 12 * MIN, 'L-analys~kB'],
  ]);
  // The live state holds the same answers.
  const live = sc.log.state.alarm.alarms[sc.alarmId];
  expect(tableValues(live.recipients).map((x) => x.answeredAt)).toEqual(
    a.people.map((p) => p.answeredAt),
  );
});

test('alarms: someone only sent to, not delivered, is alarmed but not reached', () => {
  const upTo = sc.log.log.findIndex((e) => e.type === 'alarm.answered');
  const early = buildAfterAction(sc.log.log.slice(0, upTo), {
    space: 'real',
    eventId: sc.eventId,
    generatedAt: at(23),
  });
  expect(early.alarms[0]).toMatchObject({
    alarmed: 2,
    reached: 1, // Anna's delivery confirmed; Bo's SMS only handed on
    answered: 0,
    firstAnswerAfterMs: null,
    quotaAfterMs: null,
    status: 'active',
  });
});

test('alarms: a confirmed delivery still counts as reached after a reminder overwrote the state', () => {
  const upTo = sc.log.log.findIndex((e) => e.type === 'alarm.answered');
  const replay = new PureLog();
  for (const e of sc.log.log.slice(0, upTo))
    replay.append(
      { ...e.actor },
      [{ type: e.type, data: e.data, audience: e.audience } as EventDraft],
      e.at,
    );
  const anna = tableGet(replay.state.alarm.alarms[sc.alarmId].recipients, 'L-analys~kA');
  replay.ok(
    SYSTEM_ACTOR,
    'alarm.timeout',
    { alarmId: sc.alarmId, key: 'L-analys~kA', stage: 1, deadline: anna?.deadline },
    at(31),
  );
  expect(tableGet(replay.state.alarm.alarms[sc.alarmId].recipients, 'L-analys~kA')?.state).toBe(
    'reminded',
  );
  const r2 = buildAfterAction(replay.log, {
    space: 'real',
    eventId: sc.eventId,
    generatedAt: at(32),
  });
  expect(r2.alarms[0]).toMatchObject({ alarmed: 2, reached: 1, answered: 0 });
});

test('districts: reports, the longest silence and the reports that came after the promised time', () => {
  expect(r.districts).toEqual([
    {
      districtId: 'farsta',
      name: 'Farsta',
      reports: 3,
      noChange: 1,
      firstAt: at(2),
      lastAt: at(95),
      worstStatus: 'severe',
      // 0→2, 2→40, 40→95, then 95→120 (closing): the longest is 55 min.
      longestGapMs: 55 * MIN,
      // Due 30, came 40 (10 min); due 70, came 95 (25 min); due 110, closed 120 (10 min).
      overdueCount: 3,
      overdueMs: 45 * MIN,
      staleAtEnd: true,
    },
  ]);
});

test('tasks: done with its duration, late when past the deadline at the end', () => {
  expect(r.tasks).toMatchObject({ total: 2, done: 1, open: 1, cancelled: 0, late: 1 });
  expect(r.tasks.rows.map((t) => [t.title, t.assignee, t.status, t.durationMs, t.late])).toEqual([
    ['Reservkraft till äldreboendet', 'Administration', 'done', 35 * MIN, false],
    ['Trygghetspunkt i Farsta centrum', 'Farsta', 'open', null, true],
  ]);
});

test('costs: summed from amountOre, voided entries shown and left out, equal to the state', () => {
  expect(r.costs).toMatchObject({
    damageOre: 1_234_550,
    responseOre: 800_000,
    totalOre: 2_034_550,
    voidedCount: 1,
  });
  expect(r.costs.rows.map((c) => [c.kind, c.amountOre, c.voided?.reason ?? null])).toEqual([
    ['Frysskador i skolan', 1_234_550, null],
    ['Reservkraft', 800_000, null],
    ['Fel belopp', 99_999, 'Registrerad två gånger.'],
  ]);
  const exact = sc.log.state.ckl.costs[sc.eventId];
  expect([r.costs.damageOre, r.costs.responseOre]).toEqual([exact.damageOre, exact.responseOre]);
});

test('evaluation: opened at closing, its findings as written', () => {
  expect(r.evaluations).toEqual([
    expect.objectContaining({
      eventTitle: 'Elavbrott i Farsta',
      status: 'done',
      openedAt: at(120),
      doneAt: at(130),
      doneBy: 'Stabschef (Stabschef (CKL))',
      summary: 'Larmet fungerade; rapporterna från Farsta kom två gånger sent.',
    }),
  ]);
});

test('the log section says every event in Swedish, never by its type name', () => {
  for (const l of r.log) {
    expect(l.text).not.toMatch(/\b[a-z]+\.[a-z]+[A-Z]\w*/);
    expect(l.text.startsWith(l.label)).toBe(true);
  }
  const sitrep = r.log.find((l) => l.type === 'analysis.sitrepDrafted');
  expect(sitrep?.text).toBe('Samlad lägesbild, utkast: Lägesbild 1 (version 1)');
});

test('the whole-space report covers both events and the other event stays open', () => {
  const all = buildAfterAction(sc.log.log, { space: 'real', generatedAt: GENERATED_AT });
  expect(all.eventId).toBeNull();
  expect(all.events.map((e) => [e.title, e.closedAt])).toEqual([
    ['Elavbrott i Farsta', at(120)],
    ['Vattenläcka i Bromma', null],
  ]);
  expect(all.events[1].durationMs).toBeNull();
  // The base log is stamped 10:00, after the backdated preparation at 07:00: the period comes
  // from the events' own times, so it still runs forward.
  expect(all.period).toEqual({ from: at(-60), to: at(130) });
  expect(all.eventCount).toBe(sc.log.log.length);
});
