/**
 * The roster edited in place (R190) and the vice chair acting as chair on the board screen
 * (R207, R14), against the real store, reducer and shared policy.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { consoleStore } from '../../store/console';
import { signInAs } from '../../test/fixtures';
import { feed } from '../../test/feed';
import { draft } from '../../../../shared/events';
import type { ActorRef } from '../../../../shared/domain/state';
import { BoardScreen } from './BoardScreen';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const map = { geojson: null, tileUrl: null };

/** The board in function with its presidium and one ledamot, and a directory entry. */
function board() {
  feed([
    draft('event.levelChanged', { eventId: 'evt1', level: 'extraordinary', decisionId: 'd0' }),
    draft('board.memberSaved', {
      memberId: 'bm_ekholm',
      name: 'Karin Ekholm',
      position: 'chair',
      userId: 'ordf',
    }),
    draft('board.memberSaved', {
      memberId: 'bm_berg',
      name: 'Jonas Berg',
      position: 'first_vice_chair',
      userId: 'vice.ordf',
    }),
    draft('board.memberSaved', {
      memberId: 'bm_lind',
      name: 'Mats Lind',
      position: 'member',
      title: 'Borgarråd',
    }),
    draft('alarm.contactSaved', {
      contactId: 'c_lind',
      name: 'Mats Lind',
      title: 'Borgarråd',
      available: true,
    }),
  ]);
}

/** An account that keeps the roster (R190): the administrative function. */
function signInAsAdministrativeFunction() {
  const t = signInAs('stabschef');
  act(() =>
    consoleStore
      .getState()
      .signedIn({ userId: 'kansli', name: 'Nora Kansli', role: 'ckl_admin', active: true }),
  );
  return t;
}

afterEach(() => {
  act(() => consoleStore.getState().setActingFor(null));
  cleanup();
});

describe('the roster and the acting chair on the board screen', () => {
  test('R190 the administrative function changes a member in place: position, office, contact entry', async () => {
    const t = signInAsAdministrativeFunction();
    board();
    render(<BoardScreen map={map} />);
    const row = screen.getByTestId('board-member-bm_lind');
    expect(row.textContent).toContain('inga kontaktuppgifter');
    const form = within(row).getByTestId('board-edit-bm_lind');
    fireEvent.click(within(form).getByText('Ändra Mats Lind'));
    expect(within(form).getByLabelText('Namn')).toHaveProperty('value', 'Mats Lind');
    fireEvent.change(within(form).getByLabelText('Uppdrag i nämnden'), {
      target: { value: 'second_vice_chair' },
    });
    fireEvent.change(within(form).getByLabelText(/Uppdrag i staden/), {
      target: { value: 'Kommunstyrelsens 2:e vice ordförande' },
    });
    fireEvent.change(within(form).getByLabelText(/Kontaktuppgifter/), {
      target: { value: 'c_lind' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara ändringen' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'board.saveMember',
      payload: {
        memberId: 'bm_lind',
        name: 'Mats Lind',
        position: 'second_vice_chair',
        title: 'Kommunstyrelsens 2:e vice ordförande',
        contactId: 'c_lind',
      },
    });
    expect(within(form).getByRole('status').textContent).toContain('Ändringen är sparad.');
    feed([draft('board.memberSaved', t.sent[0].payload as never)]);
    const changed = screen.getByTestId('board-member-bm_lind');
    expect(changed.textContent).toContain('2:e vice ordförande');
    expect(changed.textContent).toContain('kontaktuppgifter: Mats Lind');
  });

  test("R190 the refusal stands under the member's form in the server's words", async () => {
    const t = signInAsAdministrativeFunction();
    t.answer = async () => ({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Karin Ekholm är redan ordförande. Ändra först den ledamotens uppdrag.',
      },
    });
    board();
    render(<BoardScreen map={map} />);
    const form = screen.getByTestId('board-edit-bm_lind');
    fireEvent.click(within(form).getByText('Ändra Mats Lind'));
    fireEvent.change(within(form).getByLabelText('Uppdrag i nämnden'), {
      target: { value: 'chair' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara ändringen' }));
    await flush();
    expect(within(form).getByRole('alert').textContent).toContain('redan ordförande');
  });

  test('R190 a member changed by someone else while the form is open: the form says who, the save is refused, the current values are read in', async () => {
    const t = signInAsAdministrativeFunction();
    board();
    const seqOf = (id: string) => consoleStore.getState().spaces.real.board.members[id]!.updatedSeq;
    const opened = seqOf('bm_lind')!;
    render(<BoardScreen map={map} />);
    const form = screen.getByTestId('board-edit-bm_lind');
    fireEvent.click(within(form).getByText('Ändra Mats Lind'));
    const office = () => within(form).getByLabelText(/Uppdrag i staden/);
    fireEvent.change(office(), { target: { value: 'Borgarråd för stadsbyggnad' } });
    // The administrator saves another office for him, and renames the untouched chair.
    const admin: ActorRef = { userId: 'admin', name: 'Anna Admin', role: 'admin' };
    feed(
      [
        draft('board.memberSaved', {
          memberId: 'bm_lind',
          name: 'Mats Lind',
          position: 'member',
          title: 'Finansborgarråd',
        }),
        draft('board.memberSaved', {
          memberId: 'bm_ekholm',
          name: 'Karin Ekholm-Ståhl',
          position: 'chair',
          userId: 'ordf',
        }),
      ],
      admin,
    );
    const stale = within(form).getByTestId('board-edit-stale-bm_lind');
    expect(stale.getAttribute('role')).toBe('alert');
    expect(stale.textContent).toContain(
      'Ledamoten har ändrats av Anna Admin sedan du öppnade formuläret.',
    );
    // What was typed stays until the person chooses to read in the current values.
    expect(office()).toHaveProperty('value', 'Borgarråd för stadsbyggnad');
    // A form nobody typed in simply follows the change.
    const chairForm = screen.getByTestId('board-edit-bm_ekholm');
    expect(within(chairForm).getByLabelText('Namn')).toHaveProperty('value', 'Karin Ekholm-Ståhl');
    expect(within(chairForm).queryByRole('alert')).toBeNull();

    t.answer = async () => ({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          'Ledamoten har ändrats av Anna Admin sedan du öppnade formuläret. Läs in de nuvarande uppgifterna och gör din ändring igen.',
      },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara ändringen' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'board.saveMember',
      payload: { memberId: 'bm_lind', baseSeq: opened, title: 'Borgarråd för stadsbyggnad' },
    });
    expect(
      within(form)
        .getAllByRole('alert')
        .map((a) => a.textContent)
        .join(' '),
    ).toContain('Läs in de nuvarande uppgifterna och gör din ändring igen.');

    fireEvent.click(within(stale).getByRole('button', { name: /Läs in de nuvarande uppgifterna/ }));
    expect(office()).toHaveProperty('value', 'Finansborgarråd');
    expect(within(form).queryByTestId('board-edit-stale-bm_lind')).toBeNull();
    t.answer = async () => ({ ok: true, seq: 1000, firstSeq: 1000 });
    fireEvent.change(office(), { target: { value: 'Finansborgarråd, stadsbyggnad' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara ändringen' }));
    await flush();
    expect(seqOf('bm_lind')).toBeGreaterThan(opened);
    expect(t.sent[1]).toMatchObject({
      payload: { memberId: 'bm_lind', baseSeq: seqOf('bm_lind') },
    });
  });

  test('R190 the chair, the director and the members follow the roster without changing it', () => {
    for (const user of ['ordf', 'stadsdir', 'vice.ordf'] as const) {
      signInAs(user);
      board();
      render(<BoardScreen map={map} />);
      expect(screen.getByTestId('board-member-bm_lind')).toBeTruthy();
      expect(screen.queryByText(/^Ändra /)).toBeNull();
      expect(screen.queryByText('Lägg till ledamot')).toBeNull();
      cleanup();
    }
  });

  test('R207 R14 the 1st vice chair convenes as the chair only while acting for her: by delegation, then by succession', async () => {
    const t = signInAs('vice.ordf');
    board();
    render(<BoardScreen map={map} />);
    // Without acting for the chair she follows, as a member does.
    expect(screen.queryByTestId('board-convene')).toBeNull();
    expect(screen.getByText('Ordföranden kallar nämnden till sammanträde.')).toBeTruthy();
    // Acting for the chair through the chair's delegation (the fixture's del1).
    act(() => consoleStore.getState().setActingFor('chair'));
    const form = screen.getByTestId('board-convene');
    fireEvent.change(within(form).getByLabelText('Plats eller länk till mötet'), {
      target: { value: 'Teams' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Skicka kallelse' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'board.convene',
      actingFor: 'chair',
      payload: { place: 'Teams' },
    });
    // The delegation revoked: acting for the chair gives her nothing ...
    feed([draft('delegation.revoked', { delegationId: 'del1' })], {
      userId: 'ordf',
      name: 'Karin Ekholm',
      role: 'chair',
    });
    expect(screen.queryByTestId('board-convene')).toBeNull();
    // ... until the chair is recorded unavailable and she succeeds her (R207).
    feed([draft('presidency.unavailable', { position: 'chair', reason: 'Utomlands, nås inte.' })]);
    expect(screen.getByTestId('board-convene')).toBeTruthy();
    act(() => consoleStore.getState().setActingFor(null));
    expect(screen.queryByTestId('board-convene')).toBeNull();
  });

  test('R207 R191 R192 the vice chair acting for the chair records attendance and opens the meeting; not without', async () => {
    const t = signInAs('vice.ordf');
    board();
    feed([draft('delegation.revoked', { delegationId: 'del1' })]);
    feed([draft('presidency.unavailable', { position: 'chair', reason: 'Sjuk.' })]);
    feed([
      draft('board.memberSaved', {
        memberId: 'bm_a',
        name: 'Sofia Wikström',
        position: 'member',
        userId: 'analys',
      }),
      draft('board.meetingConvened', {
        meetingId: 'm1',
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        form: 'in_person',
        place: 'Stadshuset',
        memberCount: 4,
        agenda: [],
      }),
      ...['bm_berg', 'bm_lind', 'bm_a'].map((memberId) =>
        draft('board.attendanceRecorded', { meetingId: 'm1', memberId, attendance: 'in_person' }),
      ),
    ]);
    render(<BoardScreen map={map} />);
    expect(screen.getByTestId('board-quorum').textContent).toContain('Beslutsför: ja');
    expect(screen.queryByRole('button', { name: 'Öppna sammanträdet' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Närvaro för Karin Ekholm' })).toBeNull();
    act(() => consoleStore.getState().setActingFor('chair'));
    const row = screen.getByRole('group', { name: 'Närvaro för Karin Ekholm' });
    fireEvent.click(within(row).getByRole('button', { name: 'Frånvarande' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'board.recordAttendance',
      actingFor: 'chair',
      payload: { meetingId: 'm1', memberId: 'bm_ekholm', attendance: 'absent' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Öppna sammanträdet' }));
    await flush();
    expect(t.sent[1]).toMatchObject({
      type: 'board.openMeeting',
      actingFor: 'chair',
      payload: { meetingId: 'm1', attesterId: 'bm_a' },
    });
  });
});
