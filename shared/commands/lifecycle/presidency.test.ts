/** R207, R208: who acts for whom without a delegation. */
import { ACTORS, NOW } from '../../../test/support/pureLog';
import { boardLog, BOARD_ACTORS } from '../../../test/support/boardLog';
import { isRefusal, type Refusal } from '../../errors';
import { actingRolesFor } from '../../views';

const D = ACTORS;
const dec = { basis: 'Underlag', informed: [] };
const refusal = (r: unknown): Refusal => {
  if (!isRefusal(r)) throw new Error('expected a refusal');
  return r;
};
function unchanged(log: ReturnType<typeof boardLog>, run: () => unknown): Refusal {
  const before = { state: log.state, len: log.log.length };
  const r = refusal(run());
  expect(log.state).toBe(before.state);
  expect(log.log.length).toBe(before.len);
  return r;
}
function serious(log: ReturnType<typeof boardLog>) {
  const [opened] = log.ok(D.director, 'event.open', { title: 'Storm', area: { kind: 'central' } });
  const eventId = (opened.data as { eventId: string }).eventId;
  log.ok(D.director, 'event.raiseToSerious', { eventId, decision: dec });
  return eventId;
}
const vice1 = { ...BOARD_ACTORS.vice, actingFor: 'chair' as const };
const vice2 = { ...BOARD_ACTORS.vice2, actingFor: 'chair' as const };

describe('R207 the chair is replaced by the 1st, then the 2nd vice chair when recorded unavailable', () => {
  test('R207 while the chair is available, a vice chair cannot act as chair', () => {
    const log = boardLog();
    const eventId = serious(log);
    expect(
      unchanged(log, () =>
        log.run(vice1, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec }),
      ).code,
    ).toBe('FORBIDDEN');
    expect(actingRolesFor(log.state, 'vice.ordf', NOW)).not.toContain('chair');
  });

  test('R207 chair recorded unavailable (who, when, why): the 1st vice chair judges; the record says so', () => {
    const log = boardLog();
    const eventId = serious(log);
    log.ok(D.director, 'presidency.recordUnavailable', {
      position: 'chair',
      reason: 'På resa utomlands, nås inte.',
    });
    expect(log.state.lifecycle.unavailable?.chair).toMatchObject({
      reason: 'På resa utomlands, nås inte.',
      at: NOW,
      by: { userId: 'stadsdir' },
    });
    expect(actingRolesFor(log.state, 'vice.ordf', NOW)).toContain('chair');
    expect(
      unchanged(log, () =>
        log.run(vice2, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec }),
      ).code,
    ).toBe('FORBIDDEN');
    log.ok(vice1, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec });
    const d = log.state.decisions[log.state.decisionOrder.at(-1) as string];
    expect(d.decidedBy).toMatchObject({ userId: 'vice.ordf', actingFor: 'chair' });
  });

  test('R207 with the 1st vice chair unavailable too, the 2nd vice chair acts; lifting it restores order', () => {
    const log = boardLog();
    const eventId = serious(log);
    log.ok(D.chair, 'presidency.recordUnavailable', { position: 'chair', reason: 'Sjuk.' });
    log.ok(BOARD_ACTORS.vice, 'presidency.recordUnavailable', {
      position: 'first_vice_chair',
      reason: 'Strömlöst hemma, ingen förbindelse.',
    });
    expect(actingRolesFor(log.state, 'vice.ordf', NOW)).not.toContain('chair');
    log.ok(vice2, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec });
    log.ok(D.director, 'presidency.recordAvailable', { position: 'chair' });
    expect(actingRolesFor(log.state, 'vice2.ordf', NOW)).not.toContain('chair');
  });

  test('R207 refusals change nothing: others may not record it; twice; the 1st vice before the chair', () => {
    const log = boardLog();
    for (const who of [D.ckl_lead, D.observer, BOARD_ACTORS.lind, D.security_chief])
      expect(
        unchanged(log, () =>
          log.run(who, 'presidency.recordUnavailable', { position: 'chair', reason: 'x' }),
        ).code,
      ).toBe('FORBIDDEN');
    expect(
      unchanged(log, () =>
        log.run(D.director, 'presidency.recordUnavailable', {
          position: 'first_vice_chair',
          reason: 'x',
        }),
      ).code,
    ).toBe('CONFLICT');
    log.ok(D.director, 'presidency.recordUnavailable', { position: 'chair', reason: 'x' });
    expect(
      unchanged(log, () =>
        log.run(D.director, 'presidency.recordUnavailable', { position: 'chair', reason: 'y' }),
      ).code,
    ).toBe('CONFLICT');
  });
});

describe('R208 the tjänstgörande stadsdirektör and säkerhetschef come from the duty roster', () => {
  const from = new Date(Date.parse(NOW) - 3600_000).toISOString();
  const to = new Date(Date.parse(NOW) + 3600_000).toISOString();
  test('R208 the person on the director’s duty acts as director during the shift only', () => {
    const log = boardLog();
    const deputy = { ...D.acting, actingFor: 'director' as const };
    const [opened] = log.ok(D.district_officer, 'event.open', {
      title: 'Elavbrott',
      area: { kind: 'district', id: 'farsta' },
    });
    const eventId = (opened.data as { eventId: string }).eventId;
    expect(
      unchanged(log, () => log.run(deputy, 'event.raiseToSerious', { eventId, decision: dec }))
        .code,
    ).toBe('FORBIDDEN');
    log.ok(D.director, 'duty.saveShift', {
      duty: 'director',
      personName: D.acting.name,
      userId: D.acting.userId,
      from,
      to,
    });
    expect(actingRolesFor(log.state, D.acting.userId, NOW)).toEqual(['director']);
    log.ok(deputy, 'event.raiseToSerious', { eventId, decision: dec });
    expect(log.state.decisions[log.state.decisionOrder.at(-1) as string].decidedBy).toMatchObject({
      userId: D.acting.userId,
      actingFor: 'director',
    });
    // After the relief time the shift no longer makes them tjänstgörande.
    expect(actingRolesFor(log.state, D.acting.userId, to)).toEqual([]);
  });

  test('R208 the security chief’s duty likewise', () => {
    const log = boardLog();
    log.ok(D.director, 'duty.saveShift', {
      duty: 'security_chief',
      personName: D.acting.name,
      userId: D.acting.userId,
      from,
      to,
    });
    expect(actingRolesFor(log.state, D.acting.userId, NOW)).toEqual(['security_chief']);
  });
});
