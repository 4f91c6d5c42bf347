/** Endurance rules, pure: duty schedules (R54) and handovers (R55), handleCommand + applyEvent. */
import { emptyState, type CityState } from '../domain/state';
import type { Actor } from '../domain/actor';
import { draft } from '../events';
import { onDuty } from '../domain/alarm';
import { applyDrafts, runOn } from '../../test/support/pureLog';

const T0 = Date.parse('2025-01-15T06:00:00Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

const run = (s: CityState, actor: Actor, type: string, payload: unknown, now = at(0)) =>
  runOn(s, actor, type, payload, now);

const admin: Actor = { userId: 'admin', name: 'Admin', role: 'admin' };
const cklAdmin: Actor = { userId: 'admin.ckl', name: 'Hanna', role: 'ckl_admin' };
const lead: Actor = { userId: 'stabschef', name: 'Lena', role: 'ckl_lead' };
const director: Actor = { userId: 'stadsdir', name: 'Maria', role: 'director' };
const analyst: Actor = { userId: 'analys', name: 'Sofia', role: 'ckl_analysis' };
const analyst2: Actor = { userId: 'analys2', name: 'Nils', role: 'ckl_analysis' };
const observer: Actor = { userId: 'presidium', name: 'Gustav', role: 'observer' };
const tibFarsta: Actor = {
  userId: 'tib.farsta',
  name: 'TiB Farsta',
  role: 'district_officer',
  districtId: 'farsta',
};
const tibBromma: Actor = {
  userId: 'tib.bromma',
  name: 'TiB Bromma',
  role: 'district_officer',
  districtId: 'bromma',
};

function base(): CityState {
  let s = emptyState('real');
  s = applyDrafts(
    s,
    [
      draft('division.configured', {
        id: 'd',
        name: 'd',
        districts: [
          { id: 'farsta', name: 'Farsta' },
          { id: 'bromma', name: 'Bromma' },
        ],
      }),
      ...[admin, cklAdmin, lead, director, analyst, analyst2, observer, tibFarsta, tibBromma].map(
        (u) =>
          draft('user.registered', {
            userId: u.userId,
            name: u.name,
            role: u.role,
            ...(u.districtId ? { districtId: u.districtId } : {}),
          }),
      ),
    ],
    admin,
    at(-600),
  );
  return s;
}

const shift = (duty: string, from: number, to: number, extra: Record<string, unknown> = {}) => ({
  duty,
  personName: 'Sofia Wikström',
  from: at(from),
  to: at(to),
  ...extra,
});

describe('R54 duty schedules', () => {
  test('R54 admin, administrative function, CKL lead and director plan any duty', () => {
    for (const a of [admin, cklAdmin, lead, director])
      expect(run(base(), a, 'duty.saveShift', shift('ckl:analysis', 0, 480)).refusal).toBeNull();
  });

  test('R54 others may not plan, not even the CKL function itself or an observer', () => {
    for (const a of [analyst, observer])
      expect(run(base(), a, 'duty.saveShift', shift('ckl:analysis', 0, 480)).refusal?.code).toBe(
        'FORBIDDEN',
      );
  });

  test("R54 a TiB plans their own district's duties and nothing else", () => {
    const s = base();
    expect(run(s, tibFarsta, 'duty.saveShift', shift('district:farsta', 0, 480)).refusal).toBe(
      null,
    );
    expect(
      run(s, tibFarsta, 'duty.saveShift', shift('crisis_support:farsta', 0, 480)).refusal,
    ).toBeNull();
    for (const duty of ['district:bromma', 'ckl:analysis', 'ckl_lead', 'crisis_support'])
      expect(run(s, tibFarsta, 'duty.saveShift', shift(duty, 0, 480)).refusal?.code).toBe(
        'FORBIDDEN',
      );
    // A duty that only ends like the TiB's district is not theirs.
    expect(run(s, tibFarsta, 'duty.saveShift', shift('ckl:farsta', 0, 480)).refusal?.code).toBe(
      'FORBIDDEN',
    );
  });

  test('R54 a duty must be one the city has: a CKL function, the lead, a known district', () => {
    const s = base();
    for (const duty of ['ckl:nonsense', 'district:atlantis', 'kaffe', 'crisis_support:atlantis'])
      expect(run(s, admin, 'duty.saveShift', shift(duty, 0, 480)).refusal?.code).toBe('INVALID');
    for (const duty of ['ckl:information', 'ckl_lead', 'district:bromma', 'crisis_support'])
      expect(run(s, admin, 'duty.saveShift', shift(duty, 0, 480)).refusal).toBeNull();
  });

  test('R54 a shift ends after it starts; the relief time is the boundary', () => {
    const s = base();
    expect(run(s, admin, 'duty.saveShift', shift('ckl_lead', 60, 60)).refusal?.code).toBe(
      'INVALID',
    );
    let st = run(s, admin, 'duty.saveShift', shift('ckl_lead', 0, 480, { shiftId: 'a' })).s;
    st = run(
      st,
      admin,
      'duty.saveShift',
      shift('ckl_lead', 480, 960, { shiftId: 'b', personName: 'Nils' }),
    ).s;
    // At the relief time the incoming person is on, not both.
    expect(onDuty(st.alarm, 'ckl_lead', at(479)).map((x) => x.id)).toEqual(['a']);
    expect(onDuty(st.alarm, 'ckl_lead', at(480)).map((x) => x.id)).toEqual(['b']);
    expect(onDuty(st.alarm, 'ckl_lead', at(960))).toEqual([]);
  });

  test('R54 one person holds one shift at a time', () => {
    let s = run(
      base(),
      admin,
      'duty.saveShift',
      shift('ckl:analysis', 0, 480, { shiftId: 'a', userId: 'analys' }),
    ).s;
    const clash = run(
      s,
      admin,
      'duty.saveShift',
      shift('ckl:information', 240, 600, { userId: 'analys' }),
    );
    expect(clash.refusal?.code).toBe('CONFLICT');
    expect(clash.refusal?.message).toMatch(/redan ett pass/);
    // Moving the same shift is not a clash with itself; back to back is fine.
    s = run(
      s,
      admin,
      'duty.saveShift',
      shift('ckl:analysis', 60, 480, { shiftId: 'a', userId: 'analys' }),
    ).s;
    expect(s.alarm.duty.a.from).toBe(at(60));
    expect(
      run(s, admin, 'duty.saveShift', shift('ckl:information', 480, 600, { userId: 'analys' }))
        .refusal,
    ).toBeNull();
  });

  test("R54 removing: a TiB removes their own district's shift only; unknown is NOT_FOUND", () => {
    let s = run(
      base(),
      admin,
      'duty.saveShift',
      shift('district:farsta', 0, 60, { shiftId: 'f' }),
    ).s;
    s = run(s, admin, 'duty.saveShift', shift('district:bromma', 0, 60, { shiftId: 'b' })).s;
    expect(run(s, tibFarsta, 'duty.removeShift', { shiftId: 'b' }).refusal?.code).toBe('FORBIDDEN');
    expect(run(s, tibFarsta, 'duty.removeShift', { shiftId: 'nope' }).refusal?.code).toBe(
      'NOT_FOUND',
    );
    const r = run(s, tibFarsta, 'duty.removeShift', { shiftId: 'f' });
    expect(r.refusal).toBeNull();
    expect(r.s.alarm.duty.f).toBeUndefined();
  });
});

describe('R55 handovers', () => {
  /** A day: a decision and a report before the first handover, another of each after it. */
  function day() {
    let s = base();
    s = run(s, admin, 'duty.saveShift', shift('ckl:analysis', 0, 480, { userId: 'analys' })).s;
    s = run(
      s,
      admin,
      'duty.saveShift',
      shift('ckl:analysis', 480, 960, { userId: 'analys2', personName: 'Nils' }),
    ).s;
    s = applyDrafts(
      s,
      [
        draft('event.opened', {
          eventId: 'e1',
          title: 'Elavbrott',
          description: '',
          owner: { kind: 'district', id: 'farsta' },
          affectedDistrictIds: ['farsta'],
          affectedUnitIds: [],
        }),
        draft('decision.recorded', {
          decisionId: 'd1',
          kind: 'central_support',
          eventId: 'e1',
          basis: 'b',
          what: 'Centralt stöd beviljas.',
          informed: [],
        }),
        draft('task.created', {
          taskId: 't1',
          eventId: 'e1',
          title: 'Lägesbild till ordföranden',
          description: '',
          assignee: { kind: 'function', fn: 'analysis' },
          deadline: at(30),
        }),
        draft('task.created', {
          taskId: 't2',
          title: 'Avslutat uppdrag',
          description: '',
          assignee: { kind: 'function', fn: 'analysis' },
        }),
        draft('task.updated', { taskId: 't2', status: 'done' }),
        draft('event.centralSupportRequested', { eventId: 'e1', reason: 'Reservkraft.' }),
      ],
      director,
      at(10),
    );
    return s;
  }

  test('R55 the handover lists decisions, open tasks, reports and unanswered requests', () => {
    const r = run(
      day(),
      analyst,
      'handover.create',
      { duty: 'ckl:analysis', toUserId: 'analys2', note: 'Ring Ellevio 15:00.' },
      at(475),
    );
    expect(r.refusal).toBeNull();
    const h = Object.values(r.s.alarm.handovers)[0];
    expect(h).toMatchObject({ duty: 'ckl:analysis', toUserId: 'analys2', at: at(475) });
    expect(h.summary.since).toBeUndefined();
    expect(h.summary.decisions.map((d) => d.what)).toEqual(['Centralt stöd beviljas.']);
    expect(h.summary.openTasks).toEqual([
      expect.objectContaining({ id: 't1', overdue: true, deadline: at(30) }),
    ]);
    expect(h.summary.unanswered.map((u) => u.kind)).toContain('central_support');
  });

  test('R55 a second handover of the same duty covers only what happened since the first', () => {
    let s = run(
      day(),
      analyst,
      'handover.create',
      { duty: 'ckl:analysis', toUserId: 'analys2' },
      at(475),
    ).s;
    s = applyDrafts(
      s,
      [
        draft('decision.recorded', {
          decisionId: 'd2',
          kind: 'level_raised',
          eventId: 'e1',
          basis: 'b',
          what: 'Höjs till allvarlig.',
          informed: [],
        }),
      ],
      director,
      at(500),
    );
    // Another duty's handover does not move this duty's "since".
    s = run(s, lead, 'handover.create', { duty: 'ckl_lead', toUserId: 'stadsdir' }, at(600)).s;
    const r = run(
      s,
      analyst2,
      'handover.create',
      { duty: 'ckl:analysis', toUserId: 'analys' },
      at(955),
    );
    expect(r.refusal).toBeNull();
    const h = r.s.alarm.handovers[r.s.alarm.handoverOrder.at(-1)!];
    expect(h.summary.since).toBe(at(475));
    expect(h.summary.decisions.map((d) => d.what)).toEqual(['Höjs till allvarlig.']);
    // Open tasks and unanswered requests are the current picture, not a diff.
    expect(h.summary.openTasks.map((t) => t.id)).toEqual(['t1']);
  });

  test('R55 only someone on that duty (or who plans it) hands over, never to themself', () => {
    const s = day();
    expect(
      run(s, observer, 'handover.create', { duty: 'ckl:analysis', toUserId: 'analys2' }, at(475))
        .refusal?.code,
    ).toBe('FORBIDDEN');
    // Off shift: Nils is not on analysis before 480.
    expect(
      run(s, analyst2, 'handover.create', { duty: 'ckl:analysis', toUserId: 'analys' }, at(100))
        .refusal?.code,
    ).toBe('FORBIDDEN');
    expect(
      run(s, analyst, 'handover.create', { duty: 'ckl:analysis', toUserId: 'analys' }, at(100))
        .refusal?.code,
    ).toBe('INVALID');
    expect(
      run(s, tibBromma, 'handover.create', { duty: 'district:farsta', toUserId: 'tib.farsta' })
        .refusal?.code,
    ).toBe('FORBIDDEN');
    expect(
      run(s, tibFarsta, 'handover.create', { duty: 'district:farsta', toUserId: 'tib.bromma' })
        .refusal,
    ).toBeNull();
  });

  test('R55 only the incoming person acknowledges, once', () => {
    const s = run(
      day(),
      analyst,
      'handover.create',
      { duty: 'ckl:analysis', toUserId: 'analys2' },
      at(475),
    ).s;
    const id = s.alarm.handoverOrder[0];
    for (const a of [analyst, lead, admin])
      expect(run(s, a, 'handover.acknowledge', { handoverId: id }, at(481)).refusal?.code).toBe(
        'FORBIDDEN',
      );
    const ok = run(s, analyst2, 'handover.acknowledge', { handoverId: id }, at(481));
    expect(ok.refusal).toBeNull();
    expect(ok.s.alarm.handovers[id].acknowledgedAt).toBe(at(481));
    expect(
      run(ok.s, analyst2, 'handover.acknowledge', { handoverId: id }, at(482)).refusal?.code,
    ).toBe('CONFLICT');
  });
});
