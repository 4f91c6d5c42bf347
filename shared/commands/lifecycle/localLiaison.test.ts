/** R205, R206: local liaison persons and the one route to the public at extraordinary level. */
import { ACTORS, baseLog } from '../../../test/support/pureLog';
import { isRefusal, type Refusal } from '../../errors';
import { localLiaisonRows } from '../../views/lifecycle';

const D = ACTORS;
const dec = { basis: 'Underlag', informed: [] };
const refusal = (r: unknown): Refusal => {
  if (!isRefusal(r)) throw new Error('expected a refusal');
  return r;
};
function unchanged(log: ReturnType<typeof baseLog>, run: () => unknown): Refusal {
  const before = { state: log.state, len: log.log.length };
  const r = refusal(run());
  expect(log.state).toBe(before.state);
  expect(log.log.length).toBe(before.len);
  return r;
}

function world(extraordinary = true) {
  const log = baseLog();
  const [opened] = log.ok(D.district_officer, 'event.open', {
    title: 'Storbrand',
    area: { kind: 'district', id: 'farsta' },
    affectedUnitIds: ['trafikkontoret', 'stockholm-vatten'],
  });
  const eventId = (opened.data as { eventId: string }).eventId;
  log.ok(D.director, 'event.raiseToSerious', { eventId, decision: dec });
  if (extraordinary)
    log.ok(D.chair, 'event.judgeExtraordinary', { eventId, confirm: true, decision: dec });
  return { log, eventId };
}
const naming = (eventId: string, area = { kind: 'unit', id: 'trafikkontoret' }) => ({
  eventId,
  area,
  personName: 'Eva Lund',
  contact: '08-508 000 00',
  namedBy: 'Trafikdirektören Jan Ek',
});

describe('R205 each affected administration or company names a local liaison person', () => {
  test('R205 the unit officer records it; the liaison function sees who has and who has not', () => {
    const { log, eventId } = world();
    const before = localLiaisonRows(log.state, eventId);
    expect(before.map((r) => [r.name, !!r.liaison])).toEqual([
      ['Farsta', false],
      ['Trafiknämnden', false],
      ['Stockholm Vatten och Avfall AB', false],
    ]);
    log.ok(D.unit_officer, 'liaison.nameLocal', naming(eventId));
    const rows = localLiaisonRows(log.state, eventId);
    expect(rows[1].liaison).toMatchObject({
      personName: 'Eva Lund',
      namedBy: 'Trafikdirektören Jan Ek',
      recordedBy: { userId: 'sakord.trafik' },
    });
    expect(rows.filter((r) => !r.liaison).map((r) => r.name)).toEqual([
      'Farsta',
      'Stockholm Vatten och Avfall AB',
    ]);
    // The district's TiB for the district, the city director for anyone.
    log.ok(
      D.district_officer,
      'liaison.nameLocal',
      naming(eventId, { kind: 'district', id: 'farsta' }),
    );
    log.ok(
      D.director,
      'liaison.nameLocal',
      naming(eventId, { kind: 'unit', id: 'stockholm-vatten' }),
    );
    expect(localLiaisonRows(log.state, eventId).every((r) => r.liaison)).toBe(true);
  });

  test('R205 refusals change nothing: another unit, below extraordinary, an unaffected unit', () => {
    const { log, eventId } = world();
    expect(
      unchanged(log, () =>
        log.run(
          D.unit_officer,
          'liaison.nameLocal',
          naming(eventId, { kind: 'unit', id: 'stockholm-vatten' }),
        ),
      ).code,
    ).toBe('FORBIDDEN');
    for (const who of [D.ckl_liaison, D.observer, D.other_district])
      expect(unchanged(log, () => log.run(who, 'liaison.nameLocal', naming(eventId))).code).toBe(
        'FORBIDDEN',
      );
    expect(
      unchanged(log, () =>
        log.run(D.director, 'liaison.nameLocal', naming(eventId, { kind: 'unit', id: 'stokab' })),
      ).code,
    ).toBe('INVALID');
    const serious = world(false);
    expect(
      unchanged(serious.log, () =>
        serious.log.run(D.unit_officer, 'liaison.nameLocal', naming(serious.eventId)),
      ).code,
    ).toBe('CONFLICT');
  });
});

describe('R206 at extraordinary level the information function’s approval is the only route to the public', () => {
  function approvedPublicMessage(extraordinary: boolean) {
    const w = world(extraordinary);
    if (!extraordinary)
      w.log.ok(D.director, 'ckl.activate', {
        eventId: w.eventId,
        functions: ['information'],
        decision: dec,
      });
    const [drafted] = w.log.ok(D.ckl_information, 'information.draftMessage', {
      eventId: w.eventId,
      targetGroup: 'public',
      headline: 'Brand i Farsta',
      body: 'Stäng fönster och dörrar.',
    });
    const messageId = (drafted.data as { messageId: string }).messageId;
    return { ...w, messageId };
  }

  test('R206 unapproved: nobody publishes; approved: the information function publishes', () => {
    const { log, messageId } = approvedPublicMessage(true);
    expect(
      unchanged(log, () => log.run(D.ckl_information, 'information.publishMessage', { messageId }))
        .code,
    ).toBe('CONFLICT');
    log.ok(D.ckl_lead, 'information.approveMessage', { messageId });
    log.ok(D.ckl_information, 'information.publishMessage', { messageId });
    expect(log.state.ckl.messages[messageId].status).toBe('published');
  });

  test('R206 the CKL lead does not publish to the public at extraordinary level (may at serious)', () => {
    const x = approvedPublicMessage(true);
    x.log.ok(D.ckl_lead, 'information.approveMessage', { messageId: x.messageId });
    const r = unchanged(x.log, () =>
      x.log.run(D.ckl_lead, 'information.publishMessage', { messageId: x.messageId }),
    );
    expect(r).toMatchObject({ code: 'FORBIDDEN' });
    expect(r.message).toMatch(/informationsfunktionen/);
    for (const who of [D.director, D.chair, D.unit_officer, D.district_officer])
      expect(
        unchanged(x.log, () =>
          x.log.run(who, 'information.publishMessage', { messageId: x.messageId }),
        ).code,
      ).toBe('FORBIDDEN');
    const s = approvedPublicMessage(false);
    s.log.ok(D.director, 'information.approveMessage', { messageId: s.messageId });
    s.log.ok(D.ckl_lead, 'information.publishMessage', { messageId: s.messageId });
  });
});
