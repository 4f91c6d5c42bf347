/** What is addressed to whom, by role, and the acknowledgements the log keeps (R225–R228). */
import { World, roleActor } from '../../test/support/world';
import type { Actor } from '../domain/actor';
import type { Role } from '../domain/vocabulary';
import type { WarningFeature } from '../warnings';
import { acksOf, attentionFor, awaitingAck, warningItem } from './addressed';

const dir = roleActor('director');
const chair = roleActor('chair');
const lead = roleActor('ckl_lead');
const tib = roleActor('district_officer');
const ALL: Role[] = [
  'chair',
  'director',
  'security_chief',
  'ckl_lead',
  'ckl_liaison',
  'ckl_analysis',
  'ckl_information',
  'ckl_admin',
  'district_officer',
  'unit_officer',
  'observer',
  'admin',
];
const kindsFor = (w: World, a: Actor) => attentionFor(w.state, a, w.now).map((i) => i.kind);
const keysFor = (w: World, a: Actor) => attentionFor(w.state, a, w.now).map((i) => i.key);
const whoHas = (w: World, kind: string) =>
  ALL.filter((r) => kindsFor(w, roleActor(r)).includes(kind as never));

describe('R225 one module decides what is addressed to me, by role', () => {
  test('a raised level reaches the leadership, the observers, the owning and affected areas and the active functions; never the one who decided it', () => {
    const { w } = World.withEvent({ activate: ['analysis'] });
    expect(whoHas(w, 'level')).toEqual([
      'chair',
      'security_chief',
      'ckl_lead',
      'ckl_analysis',
      'district_officer',
      'unit_officer',
      'observer',
    ]);
    const [item] = attentionFor(w.state, tib, w.now);
    expect(item).toMatchObject({ kind: 'level', needsAck: true, from: dir.name });
    expect(item.title).toBe('Höjd nivå: Allvarlig händelse');
    // A TiB of a district the event does not touch hears nothing.
    const other: Actor = { ...tib, userId: 'u-tib-sod', districtId: 'sodermalm' };
    expect(attentionFor(w.state, other, w.now)).toEqual([]);
  });

  test('a lowered level is information: raised, but nothing waits for an acknowledgement', () => {
    const { w, eventId } = World.withEvent({ activate: [] });
    w.ok(dir, 'event.lowerLevel', { eventId, to: 'disruption', decision: { basis: 'Lugnare.' } });
    const [item] = attentionFor(w.state, tib, w.now);
    expect(item).toMatchObject({ kind: 'level', needsAck: false, title: 'Sänkt nivå: Störning' });
    expect(awaitingAck(w.state, tib, w.now)).toEqual([]);
  });

  test('a proposal reaches the chair and whoever acts for the chair, nobody else', () => {
    const { w, eventId } = World.withEvent({ activate: [] });
    w.ok(dir, 'event.proposeExtraordinary', {
      eventId,
      basis: 'Samhällsviktig verksamhet slås ut.',
    });
    expect(whoHas(w, 'proposal')).toEqual(['chair']);
    const vice: Actor = { ...roleActor('observer', 'u-vice'), actingFor: 'chair' };
    expect(kindsFor(w, vice)).not.toContain('proposal');
    w.ok(roleActor('admin'), 'user.register', { userId: 'u-vice', name: 'Vice', role: 'observer' });
    w.ok(roleActor('admin'), 'delegation.grant', {
      role: 'chair',
      toUserId: 'u-vice',
      basis: 'Ordföranden är bortrest.',
    });
    expect(kindsFor(w, vice)).toContain('proposal');
    // Settled once the chair decides: it is no longer waiting for anyone.
    const [p] = Object.values(w.state.proposals);
    w.ok(chair, 'event.declareExtraordinary', {
      proposalId: p.id,
      confirm: true,
      decision: { basis: 'Bedömt.' },
    });
    expect(keysFor(w, chair)).not.toContain(`proposal:${p.id}`);
  });

  test('a support request reaches the director and the security chief', () => {
    const { w: ww, eventId } = World.withEvent({ activate: [] });
    ww.ok(tib, 'event.requestCentralSupport', {
      eventId,
      reason: 'Behöver samordnad information.',
    });
    expect(whoHas(ww, 'support')).toEqual(['director', 'security_chief']);
    const item = attentionFor(ww.state, dir, ww.now).find((i) => i.kind === 'support');
    expect(item?.title).toBe('Begäran om centralt stöd: Farsta');
  });

  test('a task reaches the person, the district officer or the function it is given to', () => {
    const { w, eventId } = World.withEvent({ activate: ['analysis'] });
    w.ok(lead, 'task.create', {
      eventId,
      title: 'Rapportera läget i Farsta',
      assignee: { kind: 'district', districtId: 'farsta' },
    });
    w.ok(lead, 'task.create', {
      eventId,
      title: 'Konsekvensanalys',
      assignee: { kind: 'function', fn: 'analysis' },
    });
    w.ok(lead, 'task.create', {
      eventId,
      title: 'Ring länsstyrelsen',
      assignee: { kind: 'user', userId: 'u-security_chief' },
    });
    expect(whoHas(w, 'task')).toEqual(['security_chief', 'ckl_analysis', 'district_officer']);
    // Not to the one who gave it.
    expect(kindsFor(w, lead)).not.toContain('task');
  });

  test('an overdue step of a card I hold reaches me once its deadline has passed', () => {
    const { w } = World.withEvent({ activate: [] });
    expect(kindsFor(w, tib)).not.toContain('card');
    w.advance(24 * 60);
    const cards = attentionFor(w.state, tib, w.now).filter((i) => i.kind === 'card');
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0].title).toMatch(/^Försenat steg: /);
    // A card held by someone else is not mine.
    expect(
      attentionFor(w.state, roleActor('observer'), w.now).filter((i) => i.kind === 'card'),
    ).toEqual([]);
  });

  test('a new warning reaches only the roles the administrator chose, and only for Stockholm county', () => {
    const f = (counties: string[]): WarningFeature =>
      ({
        type: 'Feature',
        id: 'smhi-1',
        geometry: null,
        properties: { source: 'smhi', level: 'orange', headline: 'Kraftig vind', counties },
      }) as unknown as WarningFeature;
    const at = '2026-01-15T08:00:00.000Z';
    expect(warningItem(f(['01']), ['ckl_analysis'], { role: 'ckl_analysis' }, at)).toMatchObject({
      kind: 'warning',
      needsAck: false,
      title: 'Ny varning för Stockholms län: Orange varning',
    });
    expect(warningItem(f(['01']), ['ckl_analysis'], { role: 'district_officer' }, at)).toBeNull();
    expect(warningItem(f(['14']), ['ckl_analysis'], { role: 'ckl_analysis' }, at)).toBeNull();
    expect(
      warningItem(f(['01']), ['director'], { role: 'observer', actingFor: 'director' }, at),
    ).not.toBeNull();
  });
});

describe('R226 an acknowledgement is a command in the log: who, what, when', () => {
  test('the chair acknowledges a proposal; the director sees who and when', () => {
    const { w, eventId } = World.withEvent({ activate: [] });
    w.ok(dir, 'event.proposeExtraordinary', { eventId, basis: 'Underlag.' });
    const key = awaitingAck(w.state, chair, w.now).find((i) => i.kind === 'proposal')!.key;
    w.advance(3);
    const [e] = w.ok(chair, 'attention.acknowledge', { key });
    expect(e).toMatchObject({
      type: 'attention.acknowledged',
      data: { key, kind: 'proposal' },
      actor: { userId: chair.userId },
    });
    expect(acksOf(w.state, key)).toEqual([
      { by: expect.objectContaining({ userId: chair.userId, name: chair.name }), at: w.now },
    ]);
    expect(awaitingAck(w.state, chair, w.now).map((i) => i.key)).not.toContain(key);
    // Still addressed to the chair (the decision is still theirs), only no longer waiting.
    expect(keysFor(w, chair)).toContain(key);
  });

  test('several people acknowledge one level change, each once', () => {
    const { w } = World.withEvent({ activate: [] });
    const key = attentionFor(w.state, tib, w.now)[0].key;
    w.ok(tib, 'attention.acknowledge', { key });
    w.ok(chair, 'attention.acknowledge', { key });
    expect(acksOf(w.state, key).map((k) => k.by.userId)).toEqual([tib.userId, chair.userId]);
  });
});

describe('R227 a refused acknowledgement changes nothing and says why', () => {
  test('twice, not addressed, information only, unknown: refused, state and log untouched', () => {
    const { w, eventId } = World.withEvent({ activate: [] });
    w.ok(dir, 'event.proposeExtraordinary', { eventId, basis: 'Underlag.' });
    const key = awaitingAck(w.state, chair, w.now).find((i) => i.kind === 'proposal')!.key;
    w.ok(chair, 'attention.acknowledge', { key });
    const before = w.state;
    const log = w.events.length;
    const again = w.refused(chair, 'attention.acknowledge', { key });
    expect(again).toMatchObject({ code: 'CONFLICT', message: 'Du har redan kvitterat detta.' });
    const notMine = w.refused(tib, 'attention.acknowledge', { key });
    expect(notMine.code).toBe('FORBIDDEN');
    expect(notMine.message).toMatch(/inte riktat till dig/);
    expect(w.refused(tib, 'attention.acknowledge', { key: 'proposal:nope' }).code).toBe(
      'FORBIDDEN',
    );
    expect(w.refused(tib, 'attention.acknowledge', { key: 'x' }).code).toBe('INVALID');
    expect(w.refused(tib, 'attention.acknowledge', { key, extra: 1 }).code).toBe('INVALID');
    expect(w.state).toBe(before);
    expect(w.events).toHaveLength(log);
    w.ok(dir, 'event.lowerLevel', { eventId, to: 'disruption', decision: { basis: 'Lugnare.' } });
    const info = attentionFor(w.state, tib, w.now).find((i) => i.kind === 'level')!;
    const mid = w.state;
    expect(w.refused(tib, 'attention.acknowledge', { key: info.key }).code).toBe('FORBIDDEN');
    expect(w.state).toBe(mid);
    expect(w.events.filter((e) => e.type === 'attention.acknowledged')).toHaveLength(1);
  });
});
