/** The reducer's promise, tested directly (style.md practice 10). */
import { ACTORS, baseLog, type PureLog } from '../../test/support/pureLog';
import { emptyState } from '../domain/state';
import { applyEvents } from './index';
import { STATE_LOG_TAIL, STATE_REPORTS_PER_DISTRICT } from './core';

function busyLog(): PureLog {
  const log = baseLog();
  const dec = { basis: 'x', informed: [] };
  const [o] = log.ok(ACTORS.district_officer, 'event.open', {
    title: 'Elavbrott',
    area: { kind: 'district', id: 'farsta' },
  });
  const eventId = (o.data as { eventId: string }).eventId;
  log.ok(ACTORS.director, 'event.raiseToSerious', { eventId, decision: dec });
  log.ok(ACTORS.director, 'ckl.activate', { eventId, functions: ['analysis'], decision: dec });
  let based: string | null = null;
  for (let i = 0; i < 40; i++) {
    log.ok(ACTORS.district_officer, 'district.report', {
      districtId: 'farsta',
      basedOnReportId: based,
      status: i % 2 ? 'severe' : 'strained',
      happened: `rapport ${i}`,
      crisisSupport: 'standby',
      nextReportDue: '2026-11-23T12:00:00.000Z',
    });
    based = log.state.districts.farsta.latestReportId ?? null;
    log.ok(ACTORS.ckl_lead, 'log.write', { eventId, text: `rad ${i}` });
  }
  log.ok(ACTORS.district_officer, 'marker.place', {
    kind: 'incident',
    label: 'Brand',
    districtId: 'farsta',
    lat: 59.24,
    lng: 18.09,
  });
  log.ok(ACTORS.director, 'event.close', { eventId, decision: dec });
  return log;
}

test('replaying the whole log from empty equals the live state', () => {
  const log = busyLog();
  expect(applyEvents(emptyState('real'), log.log)).toEqual(log.state);
});

test('a snapshot plus the tail equals the full replay, wherever the snapshot is cut', () => {
  const log = busyLog();
  for (const cut of [1, 2, 10, 57, log.log.length - 1]) {
    const snap = applyEvents(emptyState('real'), log.log.slice(0, cut));
    const restored = applyEvents(JSON.parse(JSON.stringify(snap)), log.log.slice(cut));
    expect(restored).toEqual(log.state);
  }
});

test('the reducer never mutates the state it is given', () => {
  const log = busyLog();
  const half = applyEvents(emptyState('real'), log.log.slice(0, 60));
  const frozen = JSON.stringify(half);
  applyEvents(half, log.log.slice(60));
  expect(JSON.stringify(half)).toBe(frozen);
});

test('an event out of order is rejected, not applied', () => {
  const log = busyLog();
  expect(() => applyEvents(emptyState('real'), log.log.slice(1))).toThrow(/does not follow/);
});

test('the live state keeps bounded tails; the history stays in the log', () => {
  const log = busyLog();
  expect(log.state.districts.farsta.reportIds.length).toBe(STATE_REPORTS_PER_DISTRICT);
  expect(Object.keys(log.state.reports).length).toBe(STATE_REPORTS_PER_DISTRICT);
  expect(log.state.log.length).toBeLessThanOrEqual(STATE_LOG_TAIL);
});
