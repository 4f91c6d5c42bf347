/** The replay player on screen: stepping, speed and playing move the picture it shows. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { StoredEvent } from '../../../../shared/events';
import { city, signInAs } from '../../test/fixtures';
import { recording } from '../../replay/player';
import { ReplayPlayer } from './ReplayScreen';

const officer = { userId: 'tib.farsta', name: 'TiB Farsta', role: 'district_officer' as const };
const T0 = Date.parse('2025-01-10T08:00:00.000Z');

function rec() {
  const initial = city();
  const events = (['strained', 'severe', 'critical'] as const).map(
    (status, i) =>
      ({
        seq: initial.seq + 1 + i,
        space: 'real',
        type: 'district.reported',
        data: {
          reportId: `rr${i}`,
          districtId: 'bromma',
          status,
          happened: `Rapport ${i + 1}`,
          consequences: '',
          actions: '',
          needs: '',
          crisisSupport: 'not_active',
          nextReportDue: new Date(T0 + (i + 2) * 3_600_000).toISOString(),
          noChange: false,
        },
        at: new Date(T0 + i * 10 * 60_000).toISOString(),
        actor: officer,
        commandId: `r${i}`,
        hash: 'h',
      }) as StoredEvent,
  );
  return recording(initial, events);
}

const bromma = () =>
  Array.from(screen.getByTestId('replay-districts').querySelectorAll('li')).find((li) =>
    li.textContent?.includes('Bromma'),
  )?.textContent ?? '';

describe('replay player', () => {
  test('steps forward and back through the events; the district list follows', () => {
    signInAs('stadsdir');
    render(
      <ReplayPlayer rec={rec()} map={{ geojson: null, tileUrl: null }} title="Test" space="real" />,
    );
    expect(screen.getByTestId('replay-position').textContent).toContain('Händelse 0 av 3');
    expect(bromma()).toBe('');
    fireEvent.click(screen.getByRole('button', { name: /Steg framåt/ }));
    fireEvent.click(screen.getByRole('button', { name: /Steg framåt/ }));
    expect(screen.getByTestId('replay-position').textContent).toContain('Händelse 2 av 3');
    expect(bromma()).toContain('Allvarligt');
    expect(screen.getByTestId('replay-log').textContent).toContain('TiB Farsta');
    fireEvent.click(screen.getByRole('button', { name: /Steg bakåt/ }));
    expect(bromma()).toContain('Ansträngt');
  });

  test('plays at the chosen speed on the wall clock and stops at the end', () => {
    jest.useFakeTimers({ now: T0 });
    try {
      signInAs('stadsdir');
      render(
        <ReplayPlayer rec={rec()} map={{ geojson: null, tileUrl: null }} title="T" space="real" />,
      );
      fireEvent.click(screen.getByLabelText('600×'));
      fireEvent.click(screen.getByRole('button', { name: /Spela/ }));
      // 600×: the 20 minutes of the period pass in 2 s of wall time.
      act(() => jest.advanceTimersByTime(1_100));
      expect(screen.getByTestId('replay-position').textContent).toMatch(/Händelse [12] av 3/);
      act(() => jest.advanceTimersByTime(2_000));
      expect(screen.getByTestId('replay-position').textContent).toContain(
        'Händelse 3 av 3 · pausad',
      );
      expect(screen.getByRole('button', { name: /Spela/ })).toBeTruthy();
    } finally {
      jest.useRealTimers();
    }
  });
});
