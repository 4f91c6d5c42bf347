/**
 * R84: a region that cannot be shown is marked and can be reported; the rest of the console
 * renders. Hostile ids in the state (prototype names) do not blank any region.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { RegionBoundary } from './RegionBoundary';
import { consoleStore } from '../store/console';
import { useUi } from '../store/ui';
import { ev, signInAs } from '../test/fixtures';
import { applyEvent } from '../../../shared/reducer';
import { OfficerScreen } from '../screens/OfficerScreen';
import { LeadershipScreen } from '../screens/LeadershipScreen';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));

/** jsdom has no fetch Response; the client reads only these three members. */
const answer = (status: number, body: unknown) =>
  ({ ok: status < 400, status, json: async () => body }) as unknown as Response;

let broken = true;
function Fragile(): React.ReactElement {
  if (broken) throw new Error('trasig post');
  return <p>Listan visas igen</p>;
}

let errorSpy: jest.SpyInstance;
beforeEach(() => {
  errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  useUi.setState({ selectedDistrictId: null, selectedEventId: null, placing: null });
});
afterEach(() => errorSpy.mockRestore());

test('R84 a throwing region shows the marked placeholder; its neighbours still render', async () => {
  broken = true;
  const calls: { url: string; init: RequestInit }[] = [];
  const realFetch = global.fetch;
  global.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer(202, { ok: true });
  }) as typeof fetch;
  try {
    render(
      <main>
        <RegionBoundary region="Händelselistan">
          <Fragile />
        </RegionBoundary>
        <RegionBoundary region="Kartan">
          <p>Kartan visas</p>
        </RegionBoundary>
      </main>,
    );
    const alert = screen.getByRole('alert', { name: 'Händelselistan: fel' });
    expect(alert.textContent).toContain('Den här delen kunde inte visas');
    expect(alert.className).toBe('region-error');
    expect(screen.getByText('Kartan visas')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Rapportera fel' }));
    await flush();
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/client-error');
    expect(calls[0].init.method).toBe('POST');
    const body = JSON.parse(String(calls[0].init.body)) as Record<string, string>;
    expect(body.region).toBe('Händelselistan');
    expect(body.message).toContain('trasig post');
    expect(screen.getByText('Felrapporten är skickad. Tack!')).toBeTruthy();

    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Försök igen' }));
    expect(screen.getByText('Listan visas igen')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  } finally {
    global.fetch = realFetch;
  }
});

test('R84 a report that cannot be sent says so in the placeholder', async () => {
  broken = true;
  const realFetch = global.fetch;
  global.fetch = (async () =>
    answer(429, {
      error: { code: 'RATE_LIMITED', message: 'Många felrapporter.' },
    })) as typeof fetch;
  try {
    render(
      <RegionBoundary region="Loggen">
        <Fragile />
      </RegionBoundary>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Rapportera fel' }));
    await flush();
    expect(screen.getByText(/Felrapporten kunde inte skickas: Många felrapporter/)).toBeTruthy();
  } finally {
    global.fetch = realFetch;
  }
});

const tib = { userId: 'tib.farsta', name: 'TiB Farsta', role: 'district_officer' as const };
/** Records whose ids and references are the names a plain object answers from its prototype. */
function withHostileRecords(): void {
  let s = consoleStore.getState().spaces.real;
  const at = s.seq;
  const hostile = [
    ev(
      'event.opened',
      {
        eventId: '__proto__',
        title: 'Händelse med id __proto__',
        description: '',
        owner: { kind: 'district', id: 'constructor' },
        affectedDistrictIds: ['toString'],
        affectedUnitIds: ['hasOwnProperty'],
      },
      tib,
    ),
    ev(
      'district.reported',
      {
        reportId: 'constructor',
        districtId: 'farsta',
        status: 'strained',
        happened: 'Rapport med id constructor',
        consequences: '',
        actions: '',
        needs: '',
        crisisSupport: 'none',
        nextReportDue: new Date(Date.now() + 60 * 60_000).toISOString(),
        noChange: false,
      },
      tib,
    ),
    ev(
      'log.written',
      { entryId: '__proto__', districtId: 'valueOf', text: 'Loggrad __proto__' },
      tib,
    ),
    ev(
      'marker.placed',
      {
        markerId: 'toString',
        kind: 'incident',
        label: 'Markering toString',
        districtId: 'farsta',
        eventId: 'constructor',
        lat: 59.25,
        lng: 18.09,
      },
      tib,
    ),
  ].map((e, i) => ({ ...e, seq: at + i + 1 }));
  for (const e of hostile) s = applyEvent(s, e);
  consoleStore.getState().onSnapshot({ space: 'real', seq: s.seq, state: s });
}

test('R84 records with prototype-name ids blank no region of the officer console', () => {
  signInAs('tib.farsta');
  withHostileRecords();
  render(<OfficerScreen map={{ geojson: null, tileUrl: null }} />);
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getAllByText('Händelse med id __proto__').length).toBeGreaterThan(0);
  // The detail panel on the hostile event, then on a district that does not exist.
  act(() => useUi.getState().selectEvent('__proto__'));
  expect(screen.queryByRole('alert')).toBeNull();
  act(() => useUi.getState().selectEvent('constructor'));
  act(() => useUi.getState().selectDistrict('constructor'));
  expect(screen.queryByRole('alert')).toBeNull();
});

test('R84 records with prototype-name ids blank no region of the leadership console', () => {
  signInAs('stadsdir');
  withHostileRecords();
  render(<LeadershipScreen map={{ geojson: null, tileUrl: null }} />);
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getAllByText('Händelse med id __proto__').length).toBeGreaterThan(0);
});
