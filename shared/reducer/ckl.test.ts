/** R38: the CKL work is events on the one log: it replays to the live state, and every console
 *  that replays only what it may see ends where the server's redacted snapshot ends. */
import { World, roleActor } from '../../test/support/world';
import { emptyState } from '../domain/state';
import { parseStoredEvent, type StoredEvent } from '../events';
import { applyEvents } from './index';
import { canSee, redactState } from '../visibility';
import { ROLES } from '../domain/vocabulary';
import { CKL_LIST_TAIL } from './ckl';

const lead = roleActor('ckl_lead');
const liaison = roleActor('ckl_liaison');
const analysis = roleActor('ckl_analysis');
const info = roleActor('ckl_information');
const adm = roleActor('ckl_admin');
const get = (evs: StoredEvent[], key: string) => (evs[0].data as Record<string, string>)[key];

/** A shift of CKL work touching every function. */
function scenario() {
  const { w, eventId } = World.withEvent();
  w.ok(lead, 'ckl.setBriefing', { nextAt: '2026-01-15T09:00:00.000Z', intervalMinutes: 120 });
  w.ok(liaison, 'liaison.logContact', {
    actorId: 'ellevio',
    eventId,
    direction: 'in',
    channel: 'phone',
    summary: 'Återställning tidigast i morgon.',
  });
  const conf = get(
    w.ok(liaison, 'liaison.scheduleConference', { eventId, at: w.now, cadenceMinutes: 180 }),
    'conferenceId',
  );
  w.ok(liaison, 'liaison.startConference', { conferenceId: conf });
  w.ok(liaison, 'liaison.rollCall', {
    conferenceId: conf,
    entries: [{ actorId: 'polisen', presence: 'present' }],
  });
  w.ok(liaison, 'liaison.minute', { conferenceId: conf, item: 'situation', text: 'Läge.' });
  w.ok(liaison, 'liaison.closeConference', { conferenceId: conf, jointDirection: 'Inriktning.' });
  w.ok(roleActor('unit_officer'), 'unit.report', {
    unitId: 'trafikkontoret',
    basedOnReportId: null,
    status: 'strained',
    happened: 'Signalfel.',
    nextReportDue: '2026-01-15T10:00:00.000Z',
  });
  const draftOnly = get(
    w.ok(analysis, 'analysis.draftSitrep', { eventId, title: 'Lägesbild', situation: 'Ett.' }),
    'sitrepId',
  );
  w.ok(lead, 'ckl.returnSitrep', { sitrepId: draftOnly, comment: 'Mer.' });
  const s2 = get(
    w.ok(analysis, 'analysis.draftSitrep', { eventId, title: 'Lägesbild', situation: 'Två.' }),
    'sitrepId',
  );
  w.ok(lead, 'ckl.approveSitrep', { sitrepId: s2 });
  w.ok(analysis, 'analysis.draftSitrep', { eventId, title: 'Lägesbild', situation: 'Tre.' });
  const m1 = get(
    w.ok(info, 'information.draftMessage', {
      eventId,
      targetGroup: 'public',
      headline: 'Värmestugor',
      body: 'Öppet kl 18.',
    }),
    'messageId',
  );
  w.ok(lead, 'information.approveMessage', { messageId: m1 });
  w.ok(info, 'information.publishMessage', { messageId: m1 });
  const m2 = get(
    w.ok(info, 'information.draftMessage', {
      targetGroup: 'staff',
      headline: 'Internt',
      body: 'Utkast.',
    }),
    'messageId',
  );
  w.ok(info, 'information.withdrawMessage', { messageId: m2, reason: 'Onödigt.' });
  w.ok(info, 'information.logMedia', { source: 'DN', summary: 'Artikel.', tone: 'neutral' });
  const sup = get(
    w.ok(analysis, 'administration.requestStaffSupport', { person: 'Kollega', need: 'Stöd.' }),
    'requestId',
  );
  w.ok(adm, 'administration.handleStaffSupport', { requestId: sup, status: 'closed' });
  w.ok(adm, 'administration.recordCost', {
    eventId,
    category: 'damage',
    kind: 'Skada',
    amountSek: 99.95,
  });
  w.ok(adm, 'administration.recordMovement', {
    person: 'Lena',
    site: 'protected_command_post',
    direction: 'in',
  });
  w.ok(adm, 'administration.addShift', {
    post: 'analysis',
    person: 'Sofia',
    from: '2026-01-15T08:00:00.000Z',
    to: '2026-01-15T16:00:00.000Z',
  });
  w.ok(adm, 'administration.recordSupply', {
    name: 'Filtar',
    category: 'lodging',
    quantity: 30,
    unit: 'st',
    site: 'alternative_site',
  });
  w.advance(30);
  w.ok(lead, 'ckl.recordBriefing', { summary: 'Genomgång 1.' });
  return w;
}

test('R38 replaying the CKL events from the log (through the wire format) equals the live state', () => {
  const w = scenario();
  const wire = w.events.map((e) => parseStoredEvent(JSON.parse(JSON.stringify(e))));
  const replayed = applyEvents(emptyState('real'), wire);
  expect(replayed).toEqual(w.state);
  expect(JSON.parse(JSON.stringify(replayed))).toEqual(JSON.parse(JSON.stringify(w.state)));
});

test.each(ROLES)(
  'R38 a %s console that replays only the events it may see equals its redacted snapshot',
  (role) => {
    const w = scenario();
    const actor = roleActor(role);
    const seen = w.events.filter((e) => canSee(actor, e.audience));
    // Seq numbers skip what the console may not see; the reducer checks order, so renumber.
    const renumbered = seen.map((e, i) => ({ ...e, seq: i + 1 }));
    const mine = applyEvents(emptyState('real'), renumbered);
    const redacted = redactState(w.state, actor);
    expect(mine.ckl).toEqual(redacted.ckl);
  },
);

test('R29 R30 R34 a district console never holds drafts or staff-support requests', () => {
  const w = scenario();
  const tib = redactState(w.state, roleActor('district_officer'));
  expect(Object.values(tib.ckl.sitreps).map((r) => r.status)).toEqual(['approved']);
  expect(Object.values(tib.ckl.messages).map((m) => m.status)).toEqual(['published']);
  expect(tib.ckl.staffSupport).toEqual({});
  const admin = redactState(w.state, roleActor('ckl_admin'));
  expect(Object.keys(admin.ckl.staffSupport)).toHaveLength(1);
  expect(Object.keys(admin.ckl.sitreps)).toHaveLength(3);
});

test('R38 the state stays bounded: list tails keep the newest entries', () => {
  const { w, eventId } = World.withEvent();
  for (let i = 0; i < CKL_LIST_TAIL + 20; i++)
    w.ok(info, 'information.logMedia', { eventId, source: 'X', summary: `n${i}`, tone: 'neutral' });
  expect(w.state.ckl.media).toHaveLength(CKL_LIST_TAIL);
  expect(w.state.ckl.media.at(-1)?.summary).toBe(`n${CKL_LIST_TAIL + 19}`);
});
