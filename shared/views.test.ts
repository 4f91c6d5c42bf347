import { emptyState, type CityState, type CrisisEvent } from './domain/state';
import {
  actingRolesFor,
  cityLevel,
  districtView,
  formatAge,
  isReportOverdue,
  openEvents,
  unreportedUrgentDecisions,
} from './views';

const actor = { userId: 'u', name: 'U', role: 'director' as const };
const event = (
  id: string,
  level: CrisisEvent['level'],
  status: 'open' | 'closed',
): CrisisEvent => ({
  id,
  title: id,
  description: '',
  level,
  status,
  owner: { kind: 'central' },
  affectedDistrictIds: [],
  affectedUnitIds: [],
  openedAt: '2025-01-01T10:00:00.000Z',
  openedBy: actor,
  updatedAt: '2025-01-01T10:00:00.000Z',
  levelHistory: [],
  ckl: {},
  cklEverActivated: false,
  centralSupport: { status: 'none' },
});

function withDistrict(next?: string, confirmed?: string): CityState {
  const s = emptyState('real');
  return {
    ...s,
    districts: {
      farsta: {
        districtId: 'farsta',
        name: 'Farsta',
        reportIds: ['r1'],
        latestReportId: 'r1',
        confirmedAt: confirmed,
        nextReportDue: next,
      },
    },
    reports: {
      r1: {
        id: 'r1',
        districtId: 'farsta',
        at: '2025-01-01T10:00:00.000Z',
        by: actor,
        status: 'severe',
        happened: 'x',
        consequences: '',
        actions: '',
        needs: '',
        crisisSupport: 'standby',
        nextReportDue: next ?? '',
        noChange: false,
      },
    },
  };
}

describe('views', () => {
  test('city level is the highest level among open events only', () => {
    const s = emptyState('real');
    expect(cityLevel(s)).toBeNull();
    const s2 = {
      ...s,
      events: {
        a: event('a', 'serious', 'open'),
        b: event('b', 'extraordinary', 'closed'),
        c: event('c', 'disruption', 'open'),
      },
    };
    expect(cityLevel(s2)).toBe('serious');
    expect(openEvents(s2).map((e) => e.id)).toEqual(['a', 'c']);
  });

  test('a report is overdue exactly when the promised time has passed', () => {
    const s = withDistrict('2025-01-01T11:00:00.000Z', '2025-01-01T10:00:00.000Z');
    expect(isReportOverdue(s.districts.farsta, '2025-01-01T10:59:59.000Z')).toBe(false);
    expect(isReportOverdue(s.districts.farsta, '2025-01-01T11:00:01.000Z')).toBe(true);
    const v = districtView(s, 'farsta', '2025-01-01T11:20:00.000Z');
    expect(v).toMatchObject({
      status: 'severe',
      ageMinutes: 80,
      overdue: true,
      overdueMinutes: 20,
    });
    expect(districtView(s, 'farsta', '2025-01-01T10:30:00.000Z')).toMatchObject({
      ageMinutes: 30,
      overdue: false,
      overdueMinutes: 0,
    });
  });

  test('a district that never reported has no status and no age', () => {
    const s = emptyState('real');
    expect(districtView(s, 'bromma', '2025-01-01T10:00:00.000Z')).toMatchObject({
      status: null,
      ageMinutes: null,
      overdue: false,
    });
  });

  test('ages read as minutes, hours or days', () => {
    expect(formatAge(7)).toBe('7 min');
    expect(formatAge(125)).toBe('2 h 05 min');
    expect(formatAge(60 * 50)).toBe('2 d 2 h');
  });

  test('only unreported urgent decisions are listed for the board', () => {
    const s = emptyState('real');
    const base = {
      decidedBy: actor,
      at: '2025-01-01T10:00:00.000Z',
      basis: 'b',
      what: 'w',
      informed: [],
    };
    const s2: CityState = {
      ...s,
      decisions: {
        d1: { ...base, id: 'd1', kind: 'urgent_decision' },
        d2: {
          ...base,
          id: 'd2',
          kind: 'urgent_decision',
          reportedToBoard: { at: base.at, by: actor, reference: 'KLN 1' },
        },
        d3: { ...base, id: 'd3', kind: 'level_raised' },
      },
      decisionOrder: ['d1', 'd2', 'd3'],
    };
    expect(unreportedUrgentDecisions(s2).map((d) => d.id)).toEqual(['d1']);
  });

  test('acting roles follow live delegations only', () => {
    const s = emptyState('real');
    const d = { grantedBy: actor, at: '2025-01-01T00:00:00.000Z', basis: 'b', toUserId: 'tf' };
    const s2: CityState = {
      ...s,
      delegations: {
        a: { ...d, id: 'a', role: 'director' },
        b: { ...d, id: 'b', role: 'chair', revokedAt: '2025-01-01T01:00:00.000Z' },
        c: { ...d, id: 'c', role: 'ckl_lead', until: '2025-01-01T05:00:00.000Z' },
      },
    };
    expect(actingRolesFor(s2, 'tf', '2025-01-01T04:00:00.000Z').sort()).toEqual([
      'ckl_lead',
      'director',
    ]);
    expect(actingRolesFor(s2, 'tf', '2025-01-01T06:00:00.000Z')).toEqual(['director']);
  });
});
