/** Action cards through the real reducer and command handler (R170–R179). */
import { World, roleActor, WORLD_DISTRICTS } from '../../test/support/world';
import { SYSTEM_ACTOR } from '../domain/actor';
import { emptyState } from '../domain/state';
import { draft, isEventType } from '../events';
import { isRefusal } from '../errors';
import { CardDefinition, type CardInstance } from './model';
import { DEFAULT_CARDS } from './defaults';
import { allInstances, cardProgress, cardsOfEvent, orderedSteps, progressText } from './progress';
import { cardInstance } from './derive';
import { applyEvents } from '../reducer';

const dir = roleActor('director');
const lead = roleActor('ckl_lead');
const tib = roleActor('district_officer');
const chair = roleActor('chair');
const liaison = roleActor('ckl_liaison');

const only = (cards: CardInstance[], cardId: string): CardInstance => {
  const hit = cards.filter((c) => c.card.id === cardId);
  expect(hit).toHaveLength(1);
  return hit[0];
};
const step = (inst: CardInstance, id: string) => inst.steps.find((s) => s.id === id)!;

describe('the card model', () => {
  test('R170 every shipped card parses, and a card with a repeated step id is refused', () => {
    for (const c of DEFAULT_CARDS) expect(CardDefinition.safeParse(c).success).toBe(true);
    const bad = {
      ...DEFAULT_CARDS[0],
      steps: [DEFAULT_CARDS[0].steps[0], DEFAULT_CARDS[0].steps[0]],
    };
    const r = CardDefinition.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/finns redan/);
    expect(CardDefinition.safeParse({ ...DEFAULT_CARDS[0], trigger: 'lunch' }).success).toBe(false);
    expect(
      CardDefinition.safeParse({ ...DEFAULT_CARDS[0], holder: { kind: 'role', role: 'king' } })
        .success,
    ).toBe(false);
  });

  test('R179 every shipped step cites its passage and binds only to event types in the log', () => {
    for (const c of DEFAULT_CARDS)
      for (const s of c.steps) {
        expect(s.source).toMatch(/Säkerhetsprogram .*"/);
        if (s.fulfilledBy) expect(isEventType(s.fulfilledBy.type)).toBe(true);
      }
    const byTrigger = (t: string) => DEFAULT_CARDS.filter((c) => c.trigger === t).map((c) => c.id);
    expect(byTrigger('event_serious')).toContain('director-serious');
    expect(byTrigger('disruption_opened')).toContain('tib-disruption');
    expect(byTrigger('extraordinary')).toContain('chair-extraordinary');
    expect(byTrigger('function_activated')).toHaveLength(4);
  });
});

describe('cards open from the log', () => {
  test('R171 a card opens when its trigger is applied, keyed by the event and the card', () => {
    const { w, eventId } = World.withEvent({ activate: [] });
    const cards = cardsOfEvent(w.state, eventId);
    const tibCard = only(cards, 'tib-disruption');
    const dirCard = only(cards, 'director-serious');
    const raise = w.events.find((e) => e.type === 'event.levelChanged')!;
    expect(dirCard.id).toBe(`${raise.seq}~director-serious`);
    expect(dirCard.card.version).toBe(1);
    expect(dirCard.openedAt).toBe(raise.at);
    expect(tibCard.districtId).toBe('farsta');
    // The same log replayed gives the same cards, ids included.
    expect(allInstances(applyEvents(emptyState('real'), w.events))).toEqual(allInstances(w.state));
  });

  test('R172 a repeat is no trigger: a second activation of the same function opens nothing', () => {
    const { w, eventId } = World.withEvent({ activate: ['liaison'] });
    const before = cardsOfEvent(w.state, eventId)
      .map((c) => c.card.id)
      .sort();
    expect(before).toEqual(['director-serious', 'fn-liaison', 'lead-ckl', 'tib-disruption']);
    w.ok(dir, 'ckl.activate', {
      eventId,
      functions: ['liaison', 'analysis'],
      decision: { basis: 'Mer analys.' },
    });
    const after = cardsOfEvent(w.state, eventId)
      .map((c) => c.card.id)
      .sort();
    expect(after).toEqual([...before, 'fn-analysis'].sort());
  });

  test('R172 extraordinary opens the chair card; lowering back to serious does not open the director card again', () => {
    const { w, eventId } = World.withEvent({ activate: [] });
    w.ok(dir, 'event.proposeExtraordinary', { eventId, basis: 'Allvarlig störning i elnätet.' });
    const proposalId = w.state.events[eventId].pendingProposalId!;
    w.ok(chair, 'event.declareExtraordinary', {
      proposalId,
      confirm: true,
      decision: { basis: 'Bedömt.' },
    });
    expect(only(cardsOfEvent(w.state, eventId), 'chair-extraordinary')).toBeDefined();
    w.ok(chair, 'event.lowerLevel', {
      eventId,
      to: 'serious',
      decision: { basis: 'Läget stabilt.' },
      initiative: { kind: 'own' },
    });
    expect(
      cardsOfEvent(w.state, eventId).filter((c) => c.card.id === 'director-serious'),
    ).toHaveLength(1);
  });
});

describe('ticking', () => {
  test('R176 a step bound to an action ticks itself, linked to the event that fulfilled it', () => {
    const { w, eventId } = World.withEvent({ activate: [] });
    const [, activated] = w.ok(dir, 'ckl.activate', {
      eventId,
      functions: ['liaison'],
      decision: { basis: 'Samordning.', informed: ['Krisledningsnämndens ordförande'] },
    });
    const card = only(cardsOfEvent(w.state, eventId), 'director-serious');
    expect(step(card, 'activate-ckl')).toMatchObject({
      status: 'done',
      fulfilledBySeq: activated.seq,
      fulfilledByType: 'ckl.activated',
      by: { userId: dir.userId },
    });
    // The chair was named among the informed in the activation decision.
    expect(step(card, 'inform-chair').status).toBe('done');
    expect(step(card, 'inform-presidium').status).toBe('open');
    // An action on another event does not tick this card.
    const [other] = w.ok(tib, 'event.open', {
      title: 'Vattenläcka',
      area: { kind: 'district', id: 'farsta' },
    });
    const otherId = (other.data as { eventId: string }).eventId;
    w.ok(tib, 'log.write', { eventId: otherId, text: 'Läcka i Farsta strand.' });
    expect(step(only(cardsOfEvent(w.state, eventId), 'tib-disruption'), 'document').status).toBe(
      'open',
    );
    expect(step(only(cardsOfEvent(w.state, otherId), 'tib-disruption'), 'document').status).toBe(
      'done',
    );
  });

  test('R175 a tick is done, or not applicable with a reason; once; who and when are recorded', () => {
    const { w, eventId } = World.withEvent({ activate: [] });
    const card = only(cardsOfEvent(w.state, eventId), 'director-serious');
    w.advance(5);
    w.ok(dir, 'card.tickStep', { instanceId: card.id, stepId: 'coordinate-communication' });
    const r = w.refused(dir, 'card.tickStep', {
      instanceId: card.id,
      stepId: 'reporting',
      status: 'not_applicable',
    });
    expect(r.code).toBe('INVALID');
    expect(r.message).toMatch(/Ange varför/);
    w.ok(dir, 'card.tickStep', {
      instanceId: card.id,
      stepId: 'reporting',
      status: 'not_applicable',
      reason: 'Endast en förvaltning berörs.',
    });
    const seq = w.state.seq;
    const again = w.refused(dir, 'card.tickStep', { instanceId: card.id, stepId: 'reporting' });
    expect(again.code).toBe('CONFLICT');
    expect(w.state.seq).toBe(seq);
    const now = cardInstance(w.state, card.id)!;
    expect(step(now, 'coordinate-communication')).toMatchObject({
      status: 'done',
      at: w.now,
      by: { userId: dir.userId },
    });
    expect(step(now, 'reporting')).toMatchObject({
      status: 'not_applicable',
      reason: 'Endast en förvaltning berörs.',
    });
    expect(w.refused(dir, 'card.tickStep', { instanceId: card.id, stepId: 'nope' }).code).toBe(
      'NOT_FOUND',
    );
    for (const id of ['__proto__', 'constructor', 'toString'])
      expect(w.refused(dir, 'card.tickStep', { instanceId: id, stepId: 'x' }).code).toBe(
        'NOT_FOUND',
      );
  });

  test('R174 the holder, whoever acts for them, and the CKL lead and director may tick; nobody else', () => {
    const { w, eventId } = World.withEvent({ activate: ['liaison'] });
    const tibCard = only(cardsOfEvent(w.state, eventId), 'tib-disruption');
    const fnCard = only(cardsOfEvent(w.state, eventId), 'fn-liaison');
    const dirCard = only(cardsOfEvent(w.state, eventId), 'director-serious');
    const otherTib = { ...tib, userId: 'u-tib-sk', districtId: 'skarpnack' };
    const tick = (a: typeof dir, inst: CardInstance, stepId: string) =>
      w.try(a, 'card.tickStep', { instanceId: inst.id, stepId });
    const refusedFor = (a: typeof dir, inst: CardInstance, stepId: string) => {
      const r = tick(a, inst, stepId);
      return isRefusal(r) ? r.code : 'ok';
    };
    expect(refusedFor(otherTib, tibCard, 'action-plan')).toBe('FORBIDDEN');
    expect(refusedFor(liaison, tibCard, 'action-plan')).toBe('FORBIDDEN');
    expect(refusedFor(roleActor('observer'), dirCard, 'reporting')).toBe('FORBIDDEN');
    expect(refusedFor(roleActor('security_chief'), dirCard, 'reporting')).toBe('FORBIDDEN');
    expect(refusedFor(tib, tibCard, 'action-plan')).toBe('ok');
    // A unit's disruption opens no TiB card.
    const [unitEv] = w.ok(roleActor('unit_officer'), 'event.open', {
      title: 'Signalfel',
      area: { kind: 'unit', id: 'trafikkontoret' },
    });
    const unitEventId = (unitEv.data as { eventId: string }).eventId;
    expect(cardsOfEvent(w.state, unitEventId).map((c) => c.card.id)).toEqual([]);
    expect(refusedFor(liaison, fnCard, 'dependencies')).toBe('ok');
    expect(refusedFor(lead, tibCard, 'crisis-support')).toBe('ok');
    expect(refusedFor(dir, fnCard, 'representative')).toBe('ok');
    // A deputy director through a recorded delegation.
    const deputy = { ...roleActor('security_chief', 'u-deputy'), actingFor: 'director' as const };
    expect(refusedFor(deputy, dirCard, 'reporting')).toBe('FORBIDDEN');
    w.append(SYSTEM_ACTOR, [
      draft('user.registered', { userId: 'u-deputy', name: 'Vice', role: 'security_chief' }),
    ]);
    w.ok(dir, 'delegation.grant', {
      role: 'director',
      toUserId: 'u-deputy',
      basis: 'Semester.',
    });
    expect(refusedFor(deputy, dirCard, 'reporting')).toBe('ok');
  });

  test('R173 R178 deadlines run from the trigger; overdue steps are counted and ordered first', () => {
    const { w, eventId } = World.withEvent({ activate: [] });
    const card = only(cardsOfEvent(w.state, eventId), 'director-serious');
    expect(step(card, 'activate-ckl').dueAt).toBe(
      new Date(Date.parse(card.openedAt) + 30 * 60_000).toISOString(),
    );
    expect(progressText(cardProgress(card, w.now))).toBe('0 av 6');
    w.advance(45);
    expect(progressText(cardProgress(card, w.now))).toBe('0 av 6, 1 försenad');
    w.advance(30);
    w.ok(dir, 'card.tickStep', { instanceId: card.id, stepId: 'reporting' });
    const now = cardInstance(w.state, card.id)!;
    expect(progressText(cardProgress(now, w.now))).toBe('1 av 6, 3 försenade');
    expect(orderedSteps(now).map((r) => r.step.id)).toEqual([
      'activate-ckl',
      'inform-chair',
      'inform-presidium',
      'coordinate-communication',
      'central-support',
      'reporting',
    ]);
  });

  test('R175 a closed event takes no more ticks', () => {
    const w = new World();
    w.append(SYSTEM_ACTOR, [
      draft('division.configured', { id: 't', name: 'T', districts: WORLD_DISTRICTS }),
      draft('user.registered', {
        userId: tib.userId,
        name: 'TiB',
        role: 'district_officer',
        districtId: 'farsta',
      }),
    ]);
    const [opened] = w.ok(tib, 'event.open', {
      title: 'Störning',
      area: { kind: 'district', id: 'farsta' },
    });
    const eventId = (opened.data as { eventId: string }).eventId;
    const card = only(cardsOfEvent(w.state, eventId), 'tib-disruption');
    w.ok(tib, 'event.close', { eventId, decision: { basis: 'Åtgärdat.' } });
    const r = w.refused(tib, 'card.tickStep', { instanceId: card.id, stepId: 'action-plan' });
    expect(r.message).toBe('Händelsen är avslutad.');
  });
});

describe('exercise spaces', () => {
  test('R177 cards open from exercise triggers in the exercise space and never tick real ones', () => {
    const real = World.withEvent({ activate: [] });
    const realCard = only(cardsOfEvent(real.w.state, real.eventId), 'director-serious');
    const ex = new World();
    ex.state = emptyState('ex-1');
    ex.append(SYSTEM_ACTOR, [
      draft('exercise.configured', {
        exerciseId: 'ex-1',
        name: 'Elavbrott',
        realSpace: 'real',
        leader: { userId: lead.userId, name: lead.name, role: 'ckl_lead' },
        objectives: ['Samverkan'],
        timeScale: 1,
        allowRealChannels: false,
      }),
    ]);
    const leaderCard = only(allInstances(ex.state), 'leader-exercise');
    expect(leaderCard.userId).toBe(lead.userId);
    // The exercise plays the same escalation; its cards are its own.
    for (const e of real.w.events) {
      if (e.type === 'exercise.configured') continue;
      ex.append(e.actor as typeof dir, [{ type: e.type, data: e.data } as never]);
    }
    const exCard = only(allInstances(ex.state), 'director-serious');
    expect(exCard.id).not.toBe(realCard.id);
    ex.ok(dir, 'ckl.activate', {
      eventId: real.eventId,
      functions: ['analysis'],
      decision: { basis: 'Övning.' },
    });
    expect(step(only(allInstances(ex.state), 'director-serious'), 'activate-ckl').status).toBe(
      'done',
    );
    expect(step(cardInstance(real.w.state, realCard.id)!, 'activate-ckl').status).toBe('open');
    // A tick sent to the real space for an exercise card finds nothing.
    const ghost = real.w.refused(dir, 'card.tickStep', {
      instanceId: exCard.id,
      stepId: 'reporting',
    });
    expect(ghost.code).toBe('NOT_FOUND');
  });
});
