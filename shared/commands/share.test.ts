/** Sharing with partners (docs/rules.md R90–R99) on the pure command path. */
import { ROLES } from '../domain/vocabulary';
import { mayIssue } from '../handleCommand';
import { redactState } from '../visibility';
import { tableGet, tableValues } from '../domain/table';
import { SHARE_AUDIENCE, shareStatus } from '../domain/share';
import { sharedReports } from '../views/share';
import { roleActor } from '../../test/support/world';
import { stateDigest } from '../../test/support/security';
import {
  analysis,
  cityWithApprovedReport,
  draftAndApprove,
  futureIso,
  hashFor,
  lead,
  tib,
} from '../../test/support/shareWorld';

const create = (sitrepId: string, extra: Record<string, unknown> = {}) => ({
  sitrepId,
  recipient: { kind: 'actor', actorId: 'lansstyrelsen-stockholm' },
  tokenHash: hashFor(1),
  ...extra,
});

describe('R90 who shares, with whom, for how long', () => {
  test('R90 only the analysis function and the CKL lead share and revoke', () => {
    const { w, sitrepId } = cityWithApprovedReport();
    const payload = { ...create(sitrepId), expiresAt: futureIso(w, 7) };
    for (const role of ROLES) {
      const verdict = mayIssue(roleActor(role), 'share.create', payload, w.state, w.now);
      const revoke = mayIssue(roleActor(role), 'share.revoke', { shareId: 'x' }, w.state, w.now);
      const may = role === 'ckl_analysis' || role === 'ckl_lead';
      expect([role, verdict?.code ?? 'ok', revoke?.code ?? 'ok']).toEqual(
        may ? [role, 'ok', 'ok'] : [role, 'FORBIDDEN', 'FORBIDDEN'],
      );
    }
  });

  test("R90 the CKL lead's deputy shares through a recorded delegation", () => {
    const { w, sitrepId } = cityWithApprovedReport();
    const deputy = roleActor('observer', 'vice.stabschef');
    w.ok(roleActor('admin'), 'user.register', {
      userId: 'vice.stabschef',
      name: 'Vice',
      role: 'observer',
    });
    const payload = { ...create(sitrepId), expiresAt: futureIso(w, 7) };
    const acting = { ...deputy, actingFor: 'ckl_lead' as const };
    expect(w.refused(acting, 'share.create', payload).code).toBe('FORBIDDEN');
    w.ok(lead, 'delegation.grant', {
      role: 'ckl_lead',
      toUserId: 'vice.stabschef',
      basis: 'Ersättare under natten.',
    });
    w.ok(acting, 'share.create', payload);
  });

  test('R90 the recipient is an actor from the register (its name kept) or a name in free text', () => {
    const { w, sitrepId } = cityWithApprovedReport();
    w.ok(analysis, 'share.create', { ...create(sitrepId), expiresAt: futureIso(w, 7) });
    w.ok(analysis, 'share.create', {
      ...create(sitrepId, { tokenHash: hashFor(2) }),
      recipient: { kind: 'other', name: ' Huddinge kommun, TiB ' },
      expiresAt: futureIso(w, 7),
    });
    const names = tableValues(w.state.shares.shares).map((s) => [
      s.recipient.kind,
      s.recipient.name,
    ]);
    expect(names).toEqual([
      ['actor', 'Länsstyrelsen i Stockholms län'],
      ['other', 'Huddinge kommun, TiB'],
    ]);
    for (const actorId of ['finns-inte', '__proto__', 'constructor', 'toString']) {
      const before = stateDigest(w.state);
      const r = w.refused(analysis, 'share.create', {
        ...create(sitrepId, { tokenHash: hashFor(3) }),
        recipient: { kind: 'actor', actorId },
        expiresAt: futureIso(w, 7),
      });
      expect([actorId, r.code]).toEqual([actorId, 'NOT_FOUND']);
      expect(r.message).toMatch(/aktörsregistret/);
      expect(stateDigest(w.state)).toBe(before);
    }
  });

  test('R90 an expiry lies ahead, at most 90 days, and is kept in UTC', () => {
    const { w, sitrepId } = cityWithApprovedReport();
    const before = stateDigest(w.state);
    for (const expiresAt of [w.now, futureIso(w, -1), futureIso(w, 90.01)]) {
      const r = w.refused(analysis, 'share.create', { ...create(sitrepId), expiresAt });
      expect(r.code).toBe('INVALID');
      expect(r.message).toMatch(/giltighetstid|högst 90 dagar/);
    }
    expect(
      w.refused(analysis, 'share.create', { ...create(sitrepId), expiresAt: 'i morgon' }).code,
    ).toBe('INVALID');
    expect(stateDigest(w.state)).toBe(before);
    const local = new Date(Date.parse(w.now) + 3_600_000).toISOString().replace('Z', '+00:00');
    w.ok(analysis, 'share.create', { ...create(sitrepId), expiresAt: local });
    const [sh] = tableValues(w.state.shares.shares);
    expect(sh.expiresAt).toMatch(/Z$/);
    expect(shareStatus(sh, w.now)).toBe('active');
    w.advance(61);
    expect(shareStatus(sh, w.now)).toBe('expired');
  });

  test('R90 a share is revoked once, by the analysis function or the lead, at once', () => {
    const { w, sitrepId } = cityWithApprovedReport();
    w.ok(analysis, 'share.create', { ...create(sitrepId), expiresAt: futureIso(w, 7) });
    const [sh] = tableValues(w.state.shares.shares);
    expect(w.refused(tib, 'share.revoke', { shareId: sh.id }).code).toBe('FORBIDDEN');
    expect(w.refused(lead, 'share.revoke', { shareId: '__proto__' }).code).toBe('NOT_FOUND');
    w.ok(lead, 'share.revoke', { shareId: sh.id, reason: 'Fel mottagare.' });
    const revoked = tableGet(w.state.shares.shares, sh.id)!;
    expect(shareStatus(revoked, w.now)).toBe('revoked');
    expect(revoked.revoked?.reason).toBe('Fel mottagare.');
    expect(w.refused(analysis, 'share.revoke', { shareId: sh.id }).code).toBe('CONFLICT');
  });
});

describe('R91 the token is kept only as its hash', () => {
  test('R91 the command carries a hex hash, never a token, and one hash opens one share', () => {
    const { w, sitrepId } = cityWithApprovedReport();
    for (const tokenHash of ['kort', hashFor(1).toUpperCase(), `${hashFor(1)}0`, undefined]) {
      const r = w.refused(analysis, 'share.create', {
        ...create(sitrepId),
        tokenHash,
        expiresAt: futureIso(w, 7),
      });
      expect(r.code).toBe('INVALID');
    }
    w.ok(analysis, 'share.create', { ...create(sitrepId), expiresAt: futureIso(w, 7) });
    expect(
      w.refused(analysis, 'share.create', { ...create(sitrepId), expiresAt: futureIso(w, 7) }).code,
    ).toBe('CONFLICT');
    const [created] = w.events.filter((e) => e.type === 'share.created');
    expect(created.data).toMatchObject({ tokenHash: hashFor(1) });
    expect(Object.keys(created.data as object)).not.toContain('token');
  });
});

describe('R92 only the approved version leaves the city, frozen', () => {
  test('R92 a draft, a returned and a superseded version cannot be shared', () => {
    const { w, eventId, sitrepId } = cityWithApprovedReport();
    const [d] = w.ok(analysis, 'analysis.draftSitrep', {
      eventId,
      title: 'Utkast',
      situation: 'x',
    });
    const draftId = (d.data as { sitrepId: string }).sitrepId;
    const before = stateDigest(w.state);
    const r = w.refused(analysis, 'share.create', {
      ...create(draftId),
      expiresAt: futureIso(w, 7),
    });
    expect([r.code, r.message]).toEqual([
      'CONFLICT',
      'Endast en godkänd lägesbild kan delas. Utkast lämnar aldrig staden.',
    ]);
    w.ok(lead, 'ckl.returnSitrep', { sitrepId: draftId, comment: 'Mer om vatten.' });
    expect(
      w.refused(analysis, 'share.create', { ...create(draftId), expiresAt: futureIso(w, 7) }).code,
    ).toBe('CONFLICT');
    draftAndApprove(w, eventId, 'Version tre');
    expect(
      w.refused(analysis, 'share.create', { ...create(sitrepId), expiresAt: futureIso(w, 7) })
        .message,
    ).toMatch(/ersatt av en nyare/);
    for (const id of ['__proto__', 'constructor', 'finns-inte'])
      expect(
        w.refused(analysis, 'share.create', { ...create(id), expiresAt: futureIso(w, 7) }).code,
      ).toBe('NOT_FOUND');
    expect(before).not.toBe(stateDigest(w.state)); // the approval above did change the state
  });

  test('R92 the shared version is frozen: later reports and versions do not change it', () => {
    const { w, eventId, sitrepId } = cityWithApprovedReport();
    w.ok(analysis, 'share.create', { ...create(sitrepId), expiresAt: futureIso(w, 7) });
    const [sh] = tableValues(w.state.shares.shares);
    const [frozen] = sharedReports(w.state, sh);
    expect(frozen).toMatchObject({ sitrepId, version: 1, eventTitle: 'Elavbrott i Söderort' });
    const farsta = frozen.districts.find((d) => d.districtId === 'farsta');
    expect(farsta).toMatchObject({ state: 'fresh', status: 'severe' });
    // Skarpnäck is affected and never reported; Södermalm is outside the event.
    expect(frozen.districts.find((d) => d.districtId === 'skarpnack')?.state).toBe('missing');
    expect(frozen.districts.find((d) => d.districtId === 'sodermalm')?.state).toBe('outside');
    w.ok(tib, 'district.report', {
      districtId: 'farsta',
      basedOnReportId: w.state.districts.farsta.latestReportId,
      status: 'normal',
      happened: 'Strömmen är tillbaka.',
      crisisSupport: 'not_active',
      nextReportDue: futureIso(w, 1),
    });
    draftAndApprove(w, eventId, 'Version två');
    expect(sharedReports(w.state, sh)).toEqual([frozen]);
  });

  test('R90 a following share gets each new approved version, in the approving command', () => {
    const { w, eventId, sitrepId } = cityWithApprovedReport();
    w.ok(analysis, 'share.create', {
      ...create(sitrepId),
      follow: true,
      expiresAt: futureIso(w, 7),
    });
    const [sh] = tableValues(w.state.shares.shares);
    const v2 = draftAndApprove(w, eventId, 'Version två');
    const approval = w.events.filter((e) => e.type === 'analysis.sitrepApproved').at(-1)!;
    const published = w.events.filter(
      (e) => e.type === 'share.reportPublished' && e.commandId === approval.commandId,
    );
    expect(published).toHaveLength(1);
    expect(published[0].audience).toEqual(SHARE_AUDIENCE);
    expect(sharedReports(w.state, sh).map((r) => [r.sitrepId, r.version])).toEqual([
      [v2, 2],
      [sitrepId, 1],
    ]);
    // Once the link is revoked, nothing more is published for it.
    w.ok(lead, 'share.revoke', { shareId: sh.id });
    const count = w.events.filter((e) => e.type === 'share.reportPublished').length;
    draftAndApprove(w, eventId, 'Version tre');
    expect(w.events.filter((e) => e.type === 'share.reportPublished')).toHaveLength(count);
  });

  test('R90 a pinned share publishes only its own version', () => {
    const { w, eventId, sitrepId } = cityWithApprovedReport();
    w.ok(analysis, 'share.create', { ...create(sitrepId), expiresAt: futureIso(w, 7) });
    draftAndApprove(w, eventId, 'Version två');
    const published = w.events.filter((e) => e.type === 'share.reportPublished');
    expect(
      published.map((e) => (e.data as { report: { sitrepId: string } }).report.sitrepId),
    ).toEqual([sitrepId]);
  });
});

describe('R98 the share list is the crisis staff’s', () => {
  test('R98 share events carry the share audience; snapshots leave shares out for others', () => {
    const { w, sitrepId } = cityWithApprovedReport();
    w.ok(analysis, 'share.create', { ...create(sitrepId), expiresAt: futureIso(w, 7) });
    for (const e of w.events.filter((x) => x.type.startsWith('share.')))
      expect(e.audience).toEqual(SHARE_AUDIENCE);
    for (const role of ROLES) {
      const seen = tableValues(redactState(w.state, roleActor(role)).shares.shares).length;
      const sees = [
        'chair',
        'director',
        'security_chief',
        'ckl_lead',
        'ckl_analysis',
        'admin',
        'ckl_liaison',
      ];
      expect([role, seen]).toEqual([role, sees.includes(role) ? 1 : 0]);
    }
  });
});
