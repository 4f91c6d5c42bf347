/** The replay player's stepping logic, pure. */
import { emptyState, type CityState } from '../../../shared/domain/state';
import { applyEvent } from '../../../shared/reducer';
import type { StoredEvent } from '../../../shared/events';
import {
  StateCache,
  indexAt,
  initialPlayer,
  pause,
  play,
  recording,
  seek,
  setSpeed,
  step,
  tick,
} from './player';

const T0 = Date.parse('2025-01-10T08:00:00.000Z');
const actor = { userId: 'tib.farsta', name: 'TiB Farsta', role: 'district_officer' as const };

/** A district reported at each minute offset; seq 2.. after a division at seq 1. */
function rec(minutes: number[]) {
  const s = applyEvent(emptyState('real'), {
    seq: 1,
    space: 'real',
    type: 'division.configured',
    data: { id: 'sdo-11-2023', name: 'test', districts: [{ id: 'farsta', name: 'Farsta' }] },
    at: new Date(T0 - 3_600_000).toISOString(),
    actor: { userId: 'system', name: 'Systemet', role: 'admin' },
    commandId: 'c0',
    hash: 'h',
  } as StoredEvent);
  const events: StoredEvent[] = minutes.map((m, i) => ({
    seq: i + 2,
    space: 'real',
    type: 'district.reported',
    data: {
      reportId: `r${i}`,
      districtId: 'farsta',
      status: i % 2 ? 'severe' : 'strained',
      happened: `rapport ${i}`,
      consequences: '',
      actions: '',
      needs: '',
      crisisSupport: 'not_active',
      nextReportDue: new Date(T0 + (m + 60) * 60_000).toISOString(),
      noChange: false,
    },
    at: new Date(T0 + m * 60_000).toISOString(),
    actor,
    commandId: `c${i}`,
    hash: 'h',
  })) as StoredEvent[];
  return recording(s, events);
}

const latest = (s: CityState) => s.reports[s.districts.farsta.latestReportId ?? ''];

describe('replay player', () => {
  test('the period runs from the first to the last event; nothing is applied at the start', () => {
    const r = rec([0, 10, 30]);
    expect(r.startMs).toBe(T0);
    expect(r.endMs).toBe(T0 + 30 * 60_000);
    const p = initialPlayer(r);
    expect(p).toMatchObject({ index: 0, clockMs: T0, playing: false, speed: 60 });
  });

  test('ticking at 60× moves a minute of replay per wall second and applies what is due', () => {
    const r = rec([0, 10, 30]);
    let p = play(r, initialPlayer(r));
    p = tick(r, p, 1000); // one minute in: the first event is due
    expect(p.index).toBe(1);
    expect(p.clockMs).toBe(T0 + 60_000);
    p = tick(r, p, 9_000); // ten minutes in: the second
    expect(p.index).toBe(2);
    p = tick(r, p, 1_000);
    expect(p.index).toBe(2);
    // 600×: the rest of the period in two seconds, then it stops by itself at the end.
    p = tick(r, setSpeed(p, 600), 5_000);
    expect(p).toMatchObject({ index: 3, clockMs: r.endMs, playing: false });
  });

  test('a paused player does not move, whatever time passes', () => {
    const r = rec([0, 10]);
    const p = pause(play(r, initialPlayer(r)));
    expect(tick(r, p, 60_000)).toBe(p);
  });

  test('step goes one event at a time, the clock following; it pauses playback and stops at the ends', () => {
    const r = rec([0, 10, 30]);
    let p = play(r, initialPlayer(r));
    p = step(r, p, 1);
    expect(p).toMatchObject({ index: 1, clockMs: T0, playing: false });
    p = step(r, step(r, p, 1), 1);
    expect(p).toMatchObject({ index: 3, clockMs: T0 + 30 * 60_000 });
    expect(step(r, p, 1).index).toBe(3);
    p = step(r, p, -1);
    expect(p).toMatchObject({ index: 2, clockMs: T0 + 10 * 60_000 });
    expect(step(r, step(r, step(r, p, -1), -1), -1)).toMatchObject({ index: 0, clockMs: T0 });
  });

  test('the slider seeks: every event at or before the point is applied, clamped to the period', () => {
    const r = rec([0, 10, 30]);
    const p = initialPlayer(r);
    expect(seek(r, p, T0 + 10 * 60_000).index).toBe(2);
    expect(seek(r, p, T0 + 10 * 60_000 - 1).index).toBe(1);
    expect(seek(r, p, T0 - 999_999)).toMatchObject({ index: 1, clockMs: T0 });
    expect(seek(r, p, T0 + 999 * 60_000)).toMatchObject({ index: 3, clockMs: r.endMs });
  });

  test('play at the end starts over; play with nothing to play does not start', () => {
    const r = rec([0, 10]);
    const end = seek(r, initialPlayer(r, 10), r.endMs);
    expect(play(r, end)).toMatchObject({ index: 0, clockMs: T0, playing: true, speed: 10 });
    const empty = recording(emptyState('real'), []);
    expect(play(empty, initialPlayer(empty)).playing).toBe(false);
  });

  test('events with the same time are all applied together', () => {
    const r = rec([0, 5, 5, 5, 9]);
    expect(indexAt(r, T0 + 5 * 60_000)).toBe(4);
  });

  test('the state at any index is the shared reducer over the events, back and forth', () => {
    const minutes = Array.from({ length: 250 }, (_, i) => i);
    const r = rec(minutes);
    const cache = new StateCache(r);
    expect(cache.at(0)).toBe(r.initial);
    const s250 = cache.at(250);
    expect(s250.seq).toBe(251);
    expect(latest(s250).happened).toBe('rapport 249');
    const s101 = cache.at(101);
    expect(s101.seq).toBe(102);
    expect(latest(s101).happened).toBe('rapport 100');
    expect(latest(s101).status).toBe('strained');
    expect(latest(cache.at(102)).status).toBe('severe');
  });
});
