/**
 * The board screen against the real store, the real reducer and the shared policy: the chair
 * convenes with the proposed agenda (R191, R193), attendance gives the quorum in words (R192),
 * an item is dealt with as the protocol's next paragraph (R194), the protocol is attested (R197),
 * and a TiB follows without any action (R190–R199: only the rule's roles act).
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { signInAs } from '../../test/fixtures';
import { feed } from '../../test/feed';
import { draft } from '../../../../shared/events';
import type { ActorRef } from '../../../../shared/domain/state';
import { BoardScreen } from './BoardScreen';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const chair: ActorRef = { userId: 'ordf', name: 'Karin Ekholm', role: 'chair' };
const map = { geojson: null, tileUrl: null };

const MEMBERS: [
  string,
  string,
  'chair' | 'first_vice_chair' | 'second_vice_chair' | 'member',
  string?,
][] = [
  ['bm_ekholm', 'Karin Ekholm', 'chair', 'ordf'],
  ['bm_berg', 'Jonas Berg', 'first_vice_chair', 'vice.ordf'],
  ['bm_noren', 'Cecilia Norén', 'second_vice_chair'],
  ['bm_lind', 'Mats Lind', 'member'],
  ['bm_yusuf', 'Amina Yusuf', 'member'],
  ['bm_wallin', 'Peter Wallin', 'member'],
  ['bm_sjoberg', 'Elin Sjöberg', 'member'],
];

/** The fixture city with the board in function, its roster and the director's information. */
function boardInFunction() {
  feed([
    draft('event.levelChanged', { eventId: 'evt1', level: 'extraordinary', decisionId: 'd0' }),
    ...MEMBERS.map(([memberId, name, position, userId]) =>
      draft('board.memberSaved', { memberId, name, position, ...(userId ? { userId } : {}) }),
    ),
    draft('board.informationGiven', {
      informationId: 'info1',
      eventId: 'evt1',
      text: '40 000 hushåll utan ström i Söderort.',
    }),
  ]);
}

function convened() {
  boardInFunction();
  feed(
    [
      draft('board.meetingConvened', {
        meetingId: 'm1',
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        form: 'mixed',
        place: 'Stadshuset',
        memberCount: 7,
        agenda: [
          {
            itemId: 'i1',
            kind: 'director_information',
            title: 'Information från stadsdirektören: 40 000 hushåll utan ström i Söderort.',
            ref: 'info1',
          },
        ],
      }),
    ],
    chair,
  );
}

const present = (...ids: string[]) =>
  feed(
    ids.map((memberId) =>
      draft('board.attendanceRecorded', { meetingId: 'm1', memberId, attendance: 'in_person' }),
    ),
    chair,
  );

afterEach(cleanup);

describe('krisledningsnämnden', () => {
  test('R190 R191 R193 the chair sees the roster and convenes with the agenda from the open matters', async () => {
    const t = signInAs('ordf');
    boardInFunction();
    render(<BoardScreen map={map} />);
    const roster = screen.getByTestId('board-members');
    expect(within(roster).getByText('1:e vice ordförande')).toBeTruthy();
    expect(within(roster).getAllByText('Ledamot')).toHaveLength(4);
    expect(within(screen.getByTestId('proposed-agenda')).getByText(/40 000 hushåll/)).toBeTruthy();
    const form = screen.getByTestId('board-convene');
    fireEvent.change(within(form).getByLabelText('Form'), { target: { value: 'remote' } });
    fireEvent.change(within(form).getByLabelText('Plats eller länk till mötet'), {
      target: { value: 'Teams' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Skicka kallelse' }));
    await flush();
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatchObject({
      type: 'board.convene',
      payload: { form: 'remote', place: 'Teams' },
    });
    expect(Date.parse((t.sent[0].payload as { startsAt: string }).startsAt)).toBeGreaterThan(
      Date.now(),
    );
    expect(screen.getByText(/Kallelsen är skickad/)).toBeTruthy();
  });

  test('R192 attendance is recorded per member and the quorum is said in words', async () => {
    const t = signInAs('ordf');
    convened();
    render(<BoardScreen map={map} />);
    expect(screen.getByTestId('board-quorum').textContent).toContain(
      'Beslutsför: nej – 0 av 7 närvarande, minst 4',
    );
    const row = screen.getByRole('group', { name: 'Närvaro för Mats Lind' });
    fireEvent.click(within(row).getByRole('button', { name: 'På distans' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'board.recordAttendance',
      payload: { meetingId: 'm1', memberId: 'bm_lind', attendance: 'remote' },
    });
    present('bm_ekholm', 'bm_berg', 'bm_noren', 'bm_lind');
    expect(screen.getByTestId('board-quorum').textContent).toContain(
      'Beslutsför: ja – 4 av 7 närvarande, minst 4',
    );
    // R197: the justerare is another present member with an account.
    const open = screen.getByTestId('board-open');
    expect(within(open).getByLabelText(/Justerare/)).toHaveProperty('value', 'bm_berg');
    fireEvent.click(within(open).getByRole('button', { name: 'Öppna sammanträdet' }));
    await flush();
    expect(t.sent[1]).toMatchObject({
      type: 'board.openMeeting',
      payload: { meetingId: 'm1', attesterId: 'bm_berg' },
    });
  });

  test('R194 an agenda item is resolved with its text and becomes the next paragraph', async () => {
    const t = signInAs('ordf');
    convened();
    present('bm_ekholm', 'bm_berg', 'bm_noren', 'bm_lind');
    feed([draft('board.meetingOpened', { meetingId: 'm1', attesterId: 'bm_berg' })], chair);
    render(<BoardScreen map={map} />);
    const item = screen.getByTestId('resolve-i1');
    fireEvent.click(within(item).getByText('Behandla ärendet'));
    fireEvent.change(within(item).getByLabelText('Beslutstext i protokollet'), {
      target: { value: 'Informationen antecknas.' },
    });
    fireEvent.click(within(item).getByRole('button', { name: 'För till protokollet' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'board.resolveItem',
      payload: {
        meetingId: 'm1',
        itemId: 'i1',
        outcome: 'noted',
        text: 'Informationen antecknas.',
      },
    });
    feed(
      [
        draft('board.itemResolved', {
          meetingId: 'm1',
          itemId: 'i1',
          outcome: 'noted',
          paragraph: 1,
          text: 'Informationen antecknas.',
        }),
      ],
      chair,
    );
    expect(within(screen.getByTestId('agenda-i1')).getByText('§ 1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Avsluta sammanträdet' }));
    await flush();
    expect(t.sent[1]).toMatchObject({ type: 'board.closeMeeting', payload: { meetingId: 'm1' } });
    feed([draft('board.meetingClosed', { meetingId: 'm1' })], chair);
    // R197: the protocol waits for two attestations; the chair attests for herself.
    const past = screen.getByTestId('protocol-m1');
    expect(within(past).getByText(/ej justerat \(0 av 2/)).toBeTruthy();
    fireEvent.click(within(past).getByRole('button', { name: 'Justera protokollet' }));
    await flush();
    expect(t.sent[2]).toMatchObject({ type: 'board.attestProtocol', payload: { meetingId: 'm1' } });
  });

  test("R191 R192 R194 a refusal shows the server's words where the chair acted", async () => {
    const t = signInAs('ordf');
    t.answer = async () => ({
      ok: false,
      error: { code: 'CONFLICT', message: 'Nämnden är inte beslutför: 0 av 7 närvarande.' },
    });
    convened();
    render(<BoardScreen map={map} />);
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Närvaro för Mats Lind' })).getByRole('button', {
        name: 'Frånvarande',
      }),
    );
    await flush();
    expect(screen.getByRole('alert').textContent).toContain('inte beslutför');
  });

  test("R199 R196 the director informs and proposes a takeover; the convening is the chair's", async () => {
    const t = signInAs('stadsdir');
    boardInFunction();
    render(<BoardScreen map={map} />);
    expect(screen.queryByTestId('board-convene')).toBeNull();
    expect(screen.getByText('Ordföranden kallar nämnden till sammanträde.')).toBeTruthy();
    const card = screen.getByTestId('board-takeovers');
    fireEvent.click(within(card).getByText('Föreslå övertagande'));
    fireEvent.change(within(card).getByLabelText('Nämnd vars område tas över'), {
      target: { value: 'Trafiknämnden' },
    });
    fireEvent.change(within(card).getByLabelText(/Vilken del av verksamheten/), {
      target: { value: 'Avstängning av gator i Farsta' },
    });
    fireEvent.click(within(card).getByLabelText('Farsta'));
    fireEvent.change(within(card).getByLabelText('Beslutsunderlag'), {
      target: { value: 'Trafiknämnden kan inte sammanträda i natt.' },
    });
    expect(within(card).queryByLabelText(/Nämndens beslut kan inte avvaktas/)).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Lägg förslaget till nämnden' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'board.proposeTakeover',
      payload: {
        scope: {
          fromBoard: 'Trafiknämnden',
          part: 'Avstängning av gator i Farsta',
          districtIds: ['farsta'],
        },
        basis: 'Trafiknämnden kan inte sammanträda i natt.',
      },
    });
    fireEvent.click(screen.getByText('Information till nämnden'));
    fireEvent.change(screen.getByLabelText('Information om händelsen'), {
      target: { value: 'Reservkraft är på plats vid tre äldreboenden.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Lämna informationen' }));
    await flush();
    expect(t.sent[1]).toMatchObject({
      type: 'board.inform',
      payload: { text: 'Reservkraft är på plats vid tre äldreboenden.' },
    });
  });

  test('R196 the takeover form offers the administrations, sends their ids and lists them', async () => {
    const t = signInAs('stadsdir');
    boardInFunction();
    render(<BoardScreen map={map} />);
    const card = screen.getByTestId('board-takeovers');
    fireEvent.click(within(card).getByText('Föreslå övertagande'));
    const units = within(card).getByRole('group', { name: 'Berörda förvaltningar' });
    // R196: a company is named with why it is not taken over, never offered as a choice.
    expect(within(units).queryByLabelText('AB Stokab')).toBeNull();
    expect(units.textContent).toContain('AB Stokab');
    expect(units.getAttribute('aria-describedby')).toBe('board-companies-note');
    fireEvent.change(within(card).getByLabelText('Nämnd vars område tas över'), {
      target: { value: 'Trafiknämnden' },
    });
    fireEvent.change(within(card).getByLabelText(/Vilken del av verksamheten/), {
      target: { value: 'Gatuunderhåll i Söderort' },
    });
    fireEvent.click(within(card).getByLabelText('Farsta'));
    fireEvent.click(within(units).getByLabelText('Trafiknämnden'));
    fireEvent.click(within(units).getByLabelText('Fastighetsnämnden'));
    fireEvent.click(within(units).getByLabelText('Fastighetsnämnden'));
    fireEvent.change(within(card).getByLabelText('Beslutsunderlag'), {
      target: { value: 'Trafiknämnden kan inte sammanträda.' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Lägg förslaget till nämnden' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'board.proposeTakeover',
      payload: { scope: { districtIds: ['farsta'], unitIds: ['trafikkontoret'] } },
    });
    const scope = {
      fromBoard: 'Trafiknämnden',
      part: 'Gatuunderhåll i Söderort',
      districtIds: ['farsta'],
      unitIds: ['trafikkontoret'],
      from: new Date().toISOString(),
    };
    feed([
      draft('board.takeoverProposed', { proposalId: 'tkp1', scope, basis: 'Underlag.' }),
      draft('board.takeoverStarted', {
        takeoverId: 'tk1',
        scope: { ...scope, unitIds: ['fastighetskontoret'], districtIds: [] },
        decisionId: 'dec1',
        source: { kind: 'urgent' },
      }),
    ]);
    const listed = within(card)
      .getAllByText(/^Berör:/)
      .map((e) => e.textContent);
    expect(listed).toEqual(['Berör: Fastighetsnämnden', 'Berör: Farsta; Trafiknämnden']);
  });

  test('R190 R191 R192 R194 R197 a TiB follows the board and sees no actions', () => {
    const t = signInAs('tib.farsta');
    convened();
    present('bm_ekholm', 'bm_berg', 'bm_noren', 'bm_lind');
    render(<BoardScreen map={map} />);
    expect(screen.getByTestId('board-quorum').textContent).toContain('Beslutsför: ja');
    expect(screen.getByText(/Information från stadsdirektören: 40 000/)).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByText('Behandla ärendet')).toBeNull();
    expect(screen.queryByText('Öppna sammanträdet')).toBeNull();
    expect(t.sent).toHaveLength(0);
  });
});
