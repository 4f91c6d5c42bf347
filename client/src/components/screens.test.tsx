/**
 * The non-trivial screens against the real store and the shared policy: what a person sees,
 * what they may do, and how the server's answer is shown where they acted.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { consoleStore } from '../store/console';
import { useUi } from '../store/ui';
import { signInAs } from '../test/fixtures';
import { DistrictPanel } from './DistrictPanel';
import { ProposalCard } from '../screens/ChairScreen';
import { LevelBanner, ConnectionStatus, WhoAmI, ExerciseBanner } from './Frame';
import { EventPage } from './EventPage';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));

beforeEach(() =>
  useUi.setState({ selectedDistrictId: null, selectedEventId: null, placing: null }),
);

describe('district panel', () => {
  test('the officer files a structured report for their own district, based on the latest one', async () => {
    const t = signInAs('tib.farsta');
    render(<DistrictPanel districtId="farsta" />);
    expect(screen.getByText(/FÖRSENAD/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Vad har hänt (obligatoriskt)'), {
      target: { value: 'Strömmen är tillbaka i norra Farsta.' },
    });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'strained' } });
    fireEvent.click(screen.getByRole('button', { name: 'Skicka lägesrapport' }));
    await flush();
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatchObject({
      type: 'district.report',
      payload: {
        districtId: 'farsta',
        basedOnReportId: 'rep1',
        status: 'strained',
        happened: 'Strömmen är tillbaka i norra Farsta.',
      },
    });
    expect(typeof t.sent[0].id).toBe('string');
    expect(screen.getByText(/Lägesrapporten är sparad/)).toBeTruthy();
  });

  test('another district is read-only for the officer: no report form, no no-change button', () => {
    signInAs('tib.farsta');
    render(<DistrictPanel districtId="bromma" />);
    expect(screen.getByText(/Endast läsning/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Skicka lägesrapport' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Inget nytt/ })).toBeNull();
    expect(screen.queryByText('Ny markering')).toBeNull();
  });

  test("a refusal shows the server's message by the form and keeps what was typed", async () => {
    const t = signInAs('tib.farsta');
    t.answer = async () => ({
      ok: false,
      error: {
        code: 'STALE',
        message:
          'Stadsdelsområdets läge har ändrats sedan du började. Jämför med den senaste rapporten.',
      },
    });
    render(<DistrictPanel districtId="farsta" />);
    const box = screen.getByLabelText('Vad har hänt (obligatoriskt)');
    fireEvent.change(box, { target: { value: 'Mitt utkast' } });
    fireEvent.click(screen.getByRole('button', { name: 'Skicka lägesrapport' }));
    await flush();
    // A STALE answer is a conflict: the form points to the conflict view (it stays queued).
    expect(screen.getByRole('alert').textContent).toContain('läget har ändrats sedan du skrev');
    expect(consoleStore.getState().pending[0].conflict?.code).toBe('STALE');
    expect((box as HTMLTextAreaElement).value).toBe('Mitt utkast');
  });

  test('while offline the report waits in the outbox, the form says so, and it goes when back', async () => {
    const t = signInAs('tib.farsta');
    t.online = false;
    act(() => consoleStore.getState().setConnection('reconnecting'));
    render(<DistrictPanel districtId="farsta" />);
    fireEvent.change(screen.getByLabelText('Vad har hänt (obligatoriskt)'), {
      target: { value: 'Skickas senare' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Skicka lägesrapport' }));
    expect(screen.getByText(/skickas automatiskt när anslutningen är tillbaka/)).toBeTruthy();
    expect(t.sent).toHaveLength(0);
    t.online = true;
    act(() => consoleStore.getState().setConnection('live'));
    await flush();
    expect(t.sent).toHaveLength(1);
    expect(screen.getByText(/Lägesrapporten är sparad/)).toBeTruthy();
  });
});

describe('chair', () => {
  test('declaring extraordinary takes two deliberate steps and sends confirm: true', async () => {
    const t = signInAs('ordf');
    const p = consoleStore.getState().spaces.real.proposals.prop1;
    render(<ProposalCard p={p} />);
    expect(screen.getByText(/Fler än 40 000 hushåll/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Besluta extraordinär händelse…' }));
    const confirm = screen.getByRole('button', { name: 'Bekräfta beslut: extraordinär händelse' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(confirm);
    expect(t.sent).toHaveLength(0);
    fireEvent.click(screen.getByLabelText(/Jag har tagit del av underlaget/));
    fireEvent.click(confirm);
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'event.declareExtraordinary',
      payload: { proposalId: 'prop1', confirm: true, decision: { basis: expect.any(String) } },
    });
  });

  test('the director sees the proposal but cannot declare', () => {
    signInAs('stadsdir');
    const p = consoleStore.getState().spaces.real.proposals.prop1;
    render(<ProposalCard p={p} />);
    expect(screen.queryByRole('button', { name: 'Besluta extraordinär händelse…' })).toBeNull();
  });
});

describe('delegation (R14)', () => {
  test('a deputy chooses to act for the chair and then may declare; the envelope says so', async () => {
    const t = signInAs('vice.ordf');
    const p = consoleStore.getState().spaces.real.proposals.prop1;
    render(
      <>
        <WhoAmI onSignOut={() => undefined} />
        <ProposalCard p={p} />
      </>,
    );
    expect(screen.queryByRole('button', { name: 'Besluta extraordinär händelse…' })).toBeNull();
    fireEvent.change(screen.getByLabelText(/Agera som/), { target: { value: 'chair' } });
    expect(screen.getByTestId('whoami').textContent).toContain('tjänstgör som vice ordförande');
    fireEvent.click(screen.getByRole('button', { name: 'Besluta extraordinär händelse…' }));
    fireEvent.click(screen.getByLabelText(/Jag har tagit del av underlaget/));
    fireEvent.click(screen.getByRole('button', { name: 'Bekräfta beslut: extraordinär händelse' }));
    await flush();
    expect(t.sent[0]).toMatchObject({ type: 'event.declareExtraordinary', actingFor: 'chair' });
  });
});

describe('frame and event page', () => {
  test('the level banner says the level in words; the connection shows offline since HH:MM', () => {
    signInAs('ordf');
    render(
      <>
        <LevelBanner />
        <ConnectionStatus />
      </>,
    );
    expect(screen.getByTestId('city-level').textContent).toBe('Störning');
    expect(screen.getByTestId('connection').textContent).toContain('Live');
    act(() => consoleStore.getState().setConnection('offline', '2025-06-01T08:05:00.000Z'));
    expect(screen.getByTestId('connection').textContent).toContain('Offline sedan 10:05');
  });

  test('a dagbok line is written from the event page and the box clears when saved', async () => {
    const t = signInAs('stadsdir');
    render(<EventPage eventId="evt1" />);
    fireEvent.click(screen.getByRole('tab', { name: 'Dagbok' }));
    const box = screen.getByLabelText('Ny anteckning i dagboken') as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Samverkanskonferens 10:00 med Ellevio.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Skriv' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'log.write',
      payload: { eventId: 'evt1', text: 'Samverkanskonferens 10:00 med Ellevio.' },
    });
    expect(box.value).toBe('');
  });

  test('an exercise space is marked ÖVNING; the real space is not', () => {
    signInAs('ordf');
    render(<ExerciseBanner />);
    expect(screen.queryByTestId('exercise-banner')).toBeNull();
    act(() => consoleStore.getState().setSpace('ex-storm-1'));
    expect(screen.getByTestId('exercise-banner').textContent).toContain('ÖVNING');
    act(() => consoleStore.getState().setSpace('real'));
    expect(screen.queryByTestId('exercise-banner')).toBeNull();
  });

  test('the director gets decision actions on the event page; the officer does not', () => {
    signInAs('stadsdir');
    const { unmount } = render(<EventPage eventId="evt1" />);
    const actions = screen.getByRole('region', { name: 'Beslut om händelsen' });
    expect(within(actions).getByText('Höj till allvarlig händelse')).toBeTruthy();
    unmount();
    signInAs('tib.farsta');
    render(<EventPage eventId="evt1" />);
    expect(screen.queryByText('Höj till allvarlig händelse')).toBeNull();
    expect(screen.getByText('Begär centralt stöd')).toBeTruthy();
  });
});
