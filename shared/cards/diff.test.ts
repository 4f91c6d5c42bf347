/** The history view's account of what changed between two versions of a card (R236). */
import { World, roleActor } from '../../test/support/world';
import { cardChanges, versionHistory } from './diff';
import { DEFAULT_CARDS } from './defaults';
import { CARD_VERSIONS_KEPT, type CardDefinition } from './model';

const base = (): CardDefinition => ({
  id: 'prov',
  version: 1,
  title: 'Provkort',
  holder: { kind: 'role', role: 'director' },
  trigger: 'event_serious',
  steps: [
    { id: 'a', text: 'Första' },
    { id: 'b', text: 'Andra', deadlineMinutes: 30 },
    { id: 'c', text: 'Tredje' },
    { id: 'd', text: 'Fjärde' },
  ],
});

describe('cardChanges', () => {
  test('R236 two equal versions have no changes', () => {
    for (const c of DEFAULT_CARDS) expect(cardChanges(c, { ...c, version: 2 })).toEqual([]);
  });

  test('R236 title, holder and trigger are named with what they were', () => {
    const was = base();
    const now: CardDefinition = {
      ...was,
      title: 'Nytt namn',
      holder: { kind: 'function', fn: 'information' },
      trigger: 'ckl_activated',
    };
    expect(cardChanges(was, now)).toEqual([
      'Rubriken ändrad till ”Nytt namn” (var ”Provkort”).',
      'Innehavare: Information (var Stadsdirektör).',
      'Utlösare: CKL aktiverad (var Allvarlig händelse).',
    ]);
  });

  test('R236 added, removed and moved steps; swapping two neighbours names one step', () => {
    const was = base();
    const [a, b, c, d] = was.steps;
    const now: CardDefinition = {
      ...was,
      steps: [b!, a!, { id: 'e', text: 'Ny' }, d!],
    };
    expect(cardChanges(was, now)).toEqual([
      'Nytt steg 3: ”Ny”.',
      `Steg borttaget (var steg 3): ”${c!.text}”.`,
      'Steg ”Andra” flyttat från plats 2 till plats 1.',
    ]);
  });

  test('R236 a kept step: text, guidance, deadline, bound action, source and documents', () => {
    const was = base();
    const now: CardDefinition = {
      ...was,
      steps: was.steps.map((s) =>
        s.id === 'b'
          ? {
              id: 'b',
              text: 'Andra, omskriven',
              guidance: 'Ring först.',
              fulfilledBy: { type: 'information.messagePublished' },
              source: 'Krisledningsplan 2024, avsnitt 4.2',
              documents: ['doc-1'],
            }
          : s,
      ),
    };
    const titles = new Map([['doc-1', 'Krisledningsplan (2024)']]);
    expect(cardChanges(was, now, (id) => titles.get(id) ?? id)).toEqual([
      'Steg 2: ny text ”Andra, omskriven” (var ”Andra”).',
      'Steg 2: vägledning tillagd.',
      'Steg 2: tidsfristen borttagen (var 30 min).',
      'Steg 2: bockas av när meddelande publiceras.',
      'Steg 2: källa ”Krisledningsplan 2024, avsnitt 4.2”.',
      'Steg 2: dokument länkat – Krisledningsplan (2024).',
    ]);
    expect(cardChanges(now, was, (id) => titles.get(id) ?? id)).toEqual([
      'Steg 2: ny text ”Andra” (var ”Andra, omskriven”).',
      'Steg 2: vägledningen borttagen.',
      'Steg 2: tidsfrist 30 min.',
      'Steg 2: bockas nu av för hand (var: Meddelande publiceras).',
      'Steg 2: källan borttagen.',
      'Steg 2: länk till dokument borttagen – Krisledningsplan (2024).',
    ]);
  });
});

describe('versionHistory', () => {
  const admin = roleActor('admin');
  const chief = roleActor('security_chief');
  const shipped = DEFAULT_CARDS.find((c) => c.id === 'tib-disruption')!;
  const send = (c: CardDefinition, patch: Partial<CardDefinition>) => {
    const { version: _v, ...rest } = { ...c, ...patch };
    return rest;
  };

  test('R236 every kept version with who saved it, when, and what changed from the one before', () => {
    const w = new World();
    w.ok(admin, 'card.save', { card: send(shipped, { title: 'TiB (ny)' }), baseVersion: 1 });
    w.advance(5);
    const steps = [...shipped.steps].reverse();
    w.ok(chief, 'card.save', { card: send(shipped, { title: 'TiB (ny)', steps }), baseVersion: 2 });
    const h = versionHistory(w.state, 'tib-disruption');
    expect(h.map((v) => [v.card.version, v.byName])).toEqual([
      [3, chief.name],
      [2, admin.name],
      [1, undefined],
    ]);
    expect(h[0]!.at).toBe(w.now);
    expect(h[0]!.changes!.every((c) => /flyttat från plats/.test(c))).toBe(true);
    expect(h[1]!.changes).toEqual([`Rubriken ändrad till ”TiB (ny)” (var ”${shipped.title}”).`]);
    expect(h[2]!.changes).toBeNull();
  });

  test('R236 past the kept versions the oldest kept one says nothing it cannot know', () => {
    const w = new World();
    const n = CARD_VERSIONS_KEPT + 2;
    for (let v = 1; v < n; v++)
      w.ok(admin, 'card.save', { card: send(shipped, { title: `TiB ${v}` }), baseVersion: v });
    const h = versionHistory(w.state, 'tib-disruption');
    // The shipped version 1 is always listed; versions 2 and 3 are only in the log.
    expect(h.map((v) => v.card.version)).toEqual([
      ...Array.from({ length: CARD_VERSIONS_KEPT }, (_, i) => n - i),
      1,
    ]);
    expect(h[CARD_VERSIONS_KEPT - 1]!.changes).toBeNull();
    expect(h[0]!.changes).toEqual([`Rubriken ändrad till ”TiB ${n - 1}” (var ”TiB ${n - 2}”).`]);
  });
});
