/** Editing the card library through the real reducer and command handler (R235–R238, R241, R243). */
import { World, roleActor } from '../../test/support/world';
import { SYSTEM_ACTOR } from '../domain/actor';
import { draft } from '../events';
import type { CardDefinition, CardInstance } from './model';
import { DEFAULT_CARDS } from './defaults';
import { allInstances, cardsOfEvent } from './progress';
import { activeCards, cardHistory, libraryCard } from './library';
import { holdsCard } from './policy';
import { planImport } from './importPlan';

const admin = roleActor('admin');
const chief = roleActor('security_chief');
const dir = roleActor('director');
const tib = roleActor('district_officer');
const NOW = '2026-01-15T09:00:00Z';

const shipped = (id: string): CardDefinition => DEFAULT_CARDS.find((c) => c.id === id)!;
const tibCard = () => shipped('tib-disruption');
/** The card as an editor sends it: no version (the save sets it). */
const edited = (c: CardDefinition, patch: Partial<CardDefinition> = {}) => {
  const { version: _version, ...rest } = { ...c, ...patch };
  return rest;
};

const openDisruption = (w: World, title: string): string => {
  const [opened] = w.ok(tib, 'event.open', { title, area: { kind: 'district', id: 'farsta' } });
  return (opened.data as { eventId: string }).eventId;
};
const cardOf = (w: World, eventId: string, cardId: string): CardInstance =>
  cardsOfEvent(w.state, eventId).find((c) => c.card.id === cardId)!;

/** Asserts a refusal left the state and the log exactly as they were. */
function refusedUnchanged(w: World, actor = admin, type: string, payload: unknown) {
  const before = w.state;
  const length = w.events.length;
  const r = w.refused(actor, type, payload);
  expect(w.state).toBe(before);
  expect(w.events).toHaveLength(length);
  return r;
}

describe('who edits cards', () => {
  test('R235 only an administrator or the security chief saves, retires or imports a card', () => {
    const { w } = World.withEvent({ activate: [] });
    const card = edited(tibCard(), { title: 'TiB vid störning (reviderad)' });
    for (const who of [dir, tib, roleActor('ckl_lead'), roleActor('observer')]) {
      const r = refusedUnchanged(w, who, 'card.save', { card, baseVersion: 1 });
      expect(r.code).toBe('FORBIDDEN');
      expect(r.message).toBe(
        'Endast en administratör eller säkerhetschefen kan ändra åtgärdskort.',
      );
      expect(
        refusedUnchanged(w, who, 'card.retire', { cardId: 'tib-disruption', baseVersion: 1 }).code,
      ).toBe('FORBIDDEN');
      expect(refusedUnchanged(w, who, 'card.import', { cards: [card] }).code).toBe('FORBIDDEN');
    }
    const [saved] = w.ok(admin, 'card.save', { card, baseVersion: 1 });
    expect(saved.type).toBe('card.saved');
    w.ok(chief, 'card.save', { card: { ...card, title: 'Av säkerhetschefen' }, baseVersion: 2 });
    expect(libraryCard(w.state, 'tib-disruption')?.card.version).toBe(3);
  });
});

describe('versions', () => {
  test('R236 a save is the next version on the one the editor started from; the shipped card is version 1', () => {
    const { w } = World.withEvent({ activate: [] });
    expect(libraryCard(w.state, 'tib-disruption')?.card.version).toBe(1);
    const steps = [...tibCard().steps].reverse();
    w.ok(admin, 'card.save', { card: edited(tibCard(), { steps }), baseVersion: 1 });
    const v2 = libraryCard(w.state, 'tib-disruption')!;
    expect(v2.card.version).toBe(2);
    expect(v2.card.steps.map((s) => s.id)).toEqual(steps.map((s) => s.id));
    // A second editor who also started from version 1 is told, and nothing changes.
    const stale = refusedUnchanged(w, chief, 'card.save', {
      card: edited(tibCard(), { title: 'Annan ändring' }),
      baseVersion: 1,
    });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/nu version 2, du utgick från 1/);
    expect(
      refusedUnchanged(w, admin, 'card.save', {
        card: edited(v2.card),
        baseVersion: 2,
      }).message,
    ).toBe('Inga ändringar att spara.');
    // A new card starts at version 1 and cannot reuse an id.
    const fresh = edited(tibCard(), { id: 'tib-storm', title: 'TiB vid storm' });
    w.ok(admin, 'card.save', { card: fresh, baseVersion: 0 });
    expect(libraryCard(w.state, 'tib-storm')?.card.version).toBe(1);
    expect(refusedUnchanged(w, admin, 'card.save', { card: fresh, baseVersion: 0 }).message).toBe(
      'Det finns redan ett kort med id tib-storm.',
    );
    expect(cardHistory(w.state, 'tib-disruption').map((h) => [h.card.version, h.byName])).toEqual([
      [2, admin.name],
      [1, undefined],
    ]);
  });

  test('R237 a running card keeps its version; the next trigger opens the newest; a retired card opens no more', () => {
    const { w } = World.withEvent({ activate: [] });
    const first = openDisruption(w, 'Vattenläcka');
    expect(cardOf(w, first, 'tib-disruption').card.version).toBe(1);
    const extra = { id: 'shelter', text: 'Kontrollera trygghetspunkten' };
    w.ok(admin, 'card.save', {
      card: edited(tibCard(), { steps: [extra, ...tibCard().steps] }),
      baseVersion: 1,
    });
    const second = openDisruption(w, 'Storm');
    expect(cardOf(w, second, 'tib-disruption').card.version).toBe(2);
    expect(cardOf(w, second, 'tib-disruption').steps[0].id).toBe('shelter');
    // The running one still has version 1's steps and still takes ticks.
    const running = cardOf(w, first, 'tib-disruption');
    expect(running.card.version).toBe(1);
    expect(running.steps.map((s) => s.id)).not.toContain('shelter');
    w.ok(tib, 'card.tickStep', { instanceId: running.id, stepId: 'action-plan' });
    w.ok(chief, 'card.retire', { cardId: 'tib-disruption', baseVersion: 2, reason: 'Ersätts.' });
    expect(activeCards(w.state).map((c) => c.id)).not.toContain('tib-disruption');
    const third = openDisruption(w, 'Brand');
    expect(cardOf(w, third, 'tib-disruption')).toBeUndefined();
    expect(cardOf(w, second, 'tib-disruption').card.version).toBe(2);
    expect(
      refusedUnchanged(w, admin, 'card.retire', { cardId: 'tib-disruption', baseVersion: 2 })
        .message,
    ).toBe('Kortet är redan avvecklat.');
    // Saving it again brings it back as the next version.
    w.ok(admin, 'card.save', { card: edited(tibCard()), baseVersion: 2 });
    expect(libraryCard(w.state, 'tib-disruption')).toMatchObject({
      retired: false,
      card: { version: 3 },
    });
  });
});

describe('validation', () => {
  const cases: [string, (c: CardDefinition) => unknown, RegExp][] = [
    ['an unknown trigger', (c) => ({ ...edited(c), trigger: 'lunch' }), /Okänd utlösare "lunch"/],
    [
      'an unknown role',
      (c) => ({ ...edited(c), holder: { kind: 'role', role: 'king' } }),
      /Okänd roll "king"/,
    ],
    [
      'duplicate step ids',
      (c) => edited(c, { steps: [c.steps[0], { ...c.steps[1], id: c.steps[0].id }] }),
      /Steg-id document finns redan/,
    ],
    [
      'an empty step text',
      (c) => edited(c, { steps: [{ ...c.steps[0], text: '   ' }] }),
      /steg 1 › Text: ange stegets text/,
    ],
    [
      'a deadline that is no whole number of minutes',
      (c) => edited(c, { steps: [{ ...c.steps[0], deadlineMinutes: -5 }] }),
      /steg 1 › Tidsfrist: ange ett helt antal minuter/,
    ],
    [
      'an unknown bound action',
      (c) => edited(c, { steps: [{ ...c.steps[0], fulfilledBy: { type: 'coffee.brewed' } }] }),
      /okänd bunden åtgärd "coffee.brewed"/,
    ],
    [
      'a library document that does not exist',
      (c) => edited(c, { steps: [{ ...c.steps[0], documents: ['doc-missing'] }] }),
      /dokumentet "doc-missing" finns inte i biblioteket/,
    ],
    ['no steps', (c) => edited(c, { steps: [] }), /minst ett steg/],
  ];
  test.each(cases)('R238 %s is refused with the reason and changes nothing', (_name, make, re) => {
    const { w } = World.withEvent({ activate: [] });
    const r = refusedUnchanged(w, admin, 'card.save', { card: make(tibCard()), baseVersion: 1 });
    expect(r.code).toBe('INVALID');
    expect(r.message).toMatch(/^Kortet sparades inte: /);
    expect(r.message).toMatch(re);
    const imp = refusedUnchanged(w, admin, 'card.import', {
      cards: [edited(shipped('lead-ckl'), { title: 'Ändrad' }), make(tibCard())],
    });
    expect(imp.message).toMatch(/^Inga kort importerades: kort 2: /);
    expect(imp.message).toMatch(re);
  });

  test('R238 an import is all or nothing: one bad card of many saves none', () => {
    const { w } = World.withEvent({ activate: [] });
    const plan = planImport(
      [
        edited(tibCard(), { title: 'Ny rubrik' }),
        { ...edited(shipped('lead-ckl')), trigger: 'nope' },
        edited(shipped('fn-admin')),
        edited(shipped('fn-admin')),
      ],
      w.state,
    );
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.issues.map((i) => [i.index, i.path.join('.')])).toEqual([
      [1, 'trigger'],
      [3, 'id'],
    ]);
    expect(libraryCard(w.state, 'tib-disruption')?.card.version).toBe(1);
  });
});

describe('the card for an alarm that reaches me', () => {
  test('R241 the first console notice of an alarm opens the alarmed person’s card, held by that person alone', () => {
    const { w } = World.withEvent({ activate: [] });
    w.append(SYSTEM_ACTOR, [
      draft('alarm.consoleNotified', {
        alarmId: 'a1',
        key: 'r1',
        userId: roleActor('ckl_analysis').userId,
        n: 1,
        text: 'Larm: inställelse',
      }),
    ]);
    const inst = allInstances(w.state).find((i) => i.card.id === 'alarmed-person')!;
    expect(inst.userId).toBe(roleActor('ckl_analysis').userId);
    expect(inst.steps.map((s) => s.id)).toEqual(['answer', 'handover', 'plans', 'endurance']);
    expect(holdsCard(roleActor('ckl_analysis'), w.state, NOW, inst)).toBe(true);
    expect(holdsCard(roleActor('ckl_information'), w.state, NOW, inst)).toBe(false);
    for (const st of inst.card.steps) expect(st.source).toMatch(/Säkerhetsprogram .*"/);
    // A reminder (the second notice) opens nothing more.
    w.append(SYSTEM_ACTOR, [
      draft('alarm.consoleNotified', {
        alarmId: 'a1',
        key: 'r1',
        userId: roleActor('ckl_analysis').userId,
        n: 2,
        text: 'Påminnelse',
      }),
    ]);
    expect(allInstances(w.state).filter((i) => i.card.id === 'alarmed-person')).toHaveLength(1);
  });
});

describe('exercise spaces', () => {
  test('R243 cards are edited in the real space only; an exercise keeps the cards it started with', () => {
    const { w } = World.withEvent({ activate: [] });
    w.state = { ...w.state, space: 'ex-1' };
    const r = refusedUnchanged(w, admin, 'card.save', {
      card: edited(tibCard(), { title: 'Övningsändring' }),
      baseVersion: 1,
    });
    expect(r.message).toMatch(/ändras i skarpt läge/);
  });
});
