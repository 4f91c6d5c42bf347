/**
 * The CKL workspaces against the real store, reducer and shared policy: who gets which
 * controls, what is sent, and how a function that is not activated shows.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { applyEvent } from '../../../../shared/reducer';
import type { CityState } from '../../../../shared/domain/state';
import { consoleStore } from '../../store/console';
import { city, ev, signInAs, users } from '../../test/fixtures';
import { routesFor } from '../../routes';
import { AnalysisScreen } from './AnalysisScreen';
import { CklLeadScreen } from './LeadScreen';
import { InformationScreen } from './InformationScreen';
import { LiaisonScreen } from './LiaisonScreen';
import { ApprovedSitreps } from './Sitrep';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const ref = (id: keyof typeof users) => ({
  userId: id,
  name: users[id].name,
  role: users[id].role,
});
const MAP = { map: { geojson: null, tileUrl: null } };

/** The fixture city with analysis and information activated, a draft report and a draft message. */
function cklCity(): CityState {
  let s = city();
  const sources = {
    districtReportIds: ['rep1'],
    unitReportIds: [],
    staleDistrictIds: [],
    missingDistrictIds: [],
  };
  for (const e of [
    ev('ckl.activated', {
      eventId: 'evt1',
      functions: ['analysis', 'information'],
      decisionId: 'd1',
    }),
    ev(
      'analysis.sitrepDrafted',
      {
        sitrepId: 'sit1',
        series: 'evt1',
        eventId: 'evt1',
        version: 1,
        title: 'Lägesbild Söderort 10:00',
        situation: 'Farsta strömlöst.',
        forecast: '',
        consequences: '',
        needs: 'Reservkraft',
        recommendations: '',
        sources,
      },
      ref('analys'),
    ),
    ev(
      'information.messageDrafted',
      {
        messageId: 'msg1',
        eventId: 'evt1',
        targetGroup: 'public',
        headline: 'Trygghetspunkt i Farsta centrum',
        body: 'Värme och laddning finns i Farsta centrum.',
        instruction: '',
        channels: ['stockholm.se'],
        areaDistrictIds: ['farsta'],
        cap: { category: 'Safety', urgency: 'Expected', severity: 'Moderate', certainty: 'Likely' },
        version: 1,
      },
      ref('info'),
    ),
  ])
    s = applyEvent(s, e);
  return s;
}

function signInCkl(userId: keyof typeof users) {
  const t = signInAs(userId);
  const state = cklCity();
  act(() => consoleStore.getState().onSnapshot({ space: 'real', seq: state.seq, state }));
  return t;
}

describe('routes', () => {
  test("a CKL function's home is its own workspace; the lead has all four", () => {
    expect(routesFor('ckl_analysis', null)[0].id).toBe('analys');
    const liaison = routesFor('ckl_liaison', null).map((r) => r.id);
    expect(liaison[0]).toBe('samverkan');
    expect(liaison).toContain('oversikt');
    expect(liaison).not.toContain('analys');
    const lead = routesFor('ckl_lead', null).map((r) => r.id);
    expect(lead[0]).toBe('ledning');
    expect(lead).toEqual(
      expect.arrayContaining(['stab', 'samverkan', 'analys', 'information', 'administration']),
    );
    expect(routesFor('chair', null).map((r) => r.id)).not.toContain('stab');
  });
});

describe('CKL lead', () => {
  test('approves the draft situation report from the approvals list', async () => {
    const t = signInCkl('stabschef');
    render(<CklLeadScreen {...MAP} />);
    const approvals = screen.getByTestId('approvals');
    const card = within(approvals).getByTestId('sitrep');
    expect(card.textContent).toContain('Lägesbild Söderort 10:00');
    fireEvent.click(
      within(card).getByRole('button', {
        name: 'Godkänn och skicka till ordföranden och stadsdelsområdena',
      }),
    );
    await flush();
    expect(t.sent[0]).toMatchObject({ type: 'ckl.approveSitrep', payload: { sitrepId: 'sit1' } });
  });

  test('returns a public message with a reason; the approvals list has no publish controls', async () => {
    const t = signInCkl('stabschef');
    render(<CklLeadScreen {...MAP} />);
    const msg = within(screen.getByTestId('approvals')).getByTestId('message');
    expect(within(msg).queryByRole('button', { name: /Återkalla/ })).toBeNull();
    fireEvent.click(within(msg).getByRole('button', { name: 'Återremittera…' }));
    fireEvent.change(within(msg).getByLabelText('Vad ska ändras?'), {
      target: { value: 'Ange öppettider.' },
    });
    fireEvent.click(within(msg).getByRole('button', { name: 'Återremittera meddelandet' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'information.returnMessage',
      payload: { messageId: 'msg1', reason: 'Ange öppettider.' },
    });
  });

  test('the overdue task is flagged in words, not colour alone', () => {
    signInCkl('stabschef');
    const s = consoleStore.getState().spaces.real;
    const withTask = applyEvent(
      s,
      ev(
        'task.created',
        {
          taskId: 't1',
          eventId: 'evt1',
          title: 'Pressmeddelande',
          description: '',
          assignee: { kind: 'function', fn: 'information' },
          deadline: new Date(Date.now() - 10 * 60_000).toISOString(),
        },
        ref('stabschef'),
      ),
    );
    act(() =>
      consoleStore.getState().onSnapshot({ space: 'real', seq: withTask.seq, state: withTask }),
    );
    render(<CklLeadScreen {...MAP} />);
    const task = within(screen.getByTestId('tasks')).getByTestId('task');
    expect(task.textContent).toContain('FÖRSENAT');
    expect(screen.getByText('1 uppdrag är försenat.')).toBeTruthy();
  });
});

describe('information', () => {
  test('the drafter cannot approve their own message and is told who approves', () => {
    signInCkl('info');
    render(<InformationScreen {...MAP} />);
    const msg = screen.getByTestId('message');
    expect(within(msg).queryByRole('button', { name: 'Godkänn meddelandet' })).toBeNull();
    expect(msg.textContent).toContain('Väntar på godkännande av stabschefen eller stadsdirektören');
  });
});

describe('analysis', () => {
  test('the draft is filled from the latest reports and sent for the event', async () => {
    const t = signInCkl('analys');
    render(<AnalysisScreen {...MAP} />);
    expect(screen.getByTestId('picture-farsta').textContent).toContain('Inaktuell');
    const form = screen.getByTestId('draft-sitrep');
    fireEvent.click(within(form).getByRole('button', { name: 'Hämta från rapporterna' }));
    const situation = within(form).getByLabelText('Läge') as HTMLTextAreaElement;
    expect(situation.value).toContain('Farsta (allvarligt');
    expect(situation.value).toContain('Strömlöst i hela Farsta.');
    expect((within(form).getByLabelText('Behov') as HTMLTextAreaElement).value).toContain(
      'Farsta: Reservkraft',
    );
    fireEvent.click(
      within(form).getByRole('button', { name: 'Skicka till stabschefen för godkännande' }),
    );
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'analysis.draftSitrep',
      payload: { eventId: 'evt1', situation: expect.stringContaining('Strömlöst i hela Farsta.') },
    });
  });

  test('the analysis function sees no approve button on its own draft', () => {
    signInCkl('analys');
    render(<AnalysisScreen {...MAP} />);
    expect(screen.queryByRole('button', { name: /Godkänn och skicka/ })).toBeNull();
  });
});

describe('activation (R21)', () => {
  test('a function that is not activated says so; the register can still be kept', () => {
    signInCkl('stabschef');
    render(<LiaisonScreen {...MAP} />);
    expect(screen.getByTestId('fn-status-liaison').textContent).toContain(
      'Funktionen är inte aktiverad',
    );
    expect(screen.getByText('Lägg till aktör i registret')).toBeTruthy();
  });

  test('the chair sees only approved situation reports', () => {
    signInCkl('ordf');
    const { unmount } = render(<ApprovedSitreps />);
    expect(screen.getByText('Ingen godkänd lägesrapport ännu.')).toBeTruthy();
    unmount();
    const s = consoleStore.getState().spaces.real;
    const r = s.ckl.sitreps.sit1;
    const approved = applyEvent(
      s,
      ev(
        'analysis.sitrepApproved',
        { ...r, sitrepId: r.id, sentTo: ['Krisledningsnämndens ordförande'] },
        ref('stabschef'),
      ),
    );
    act(() =>
      consoleStore.getState().onSnapshot({ space: 'real', seq: approved.seq, state: approved }),
    );
    render(<ApprovedSitreps />);
    expect(screen.getByTestId('sitrep').textContent).toContain('Godkänd och skickad');
  });
});
