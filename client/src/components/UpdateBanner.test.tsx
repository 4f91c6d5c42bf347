/** The console when the server runs another release: one clear banner, one action, no live state. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { consoleStore } from '../store/console';
import { signInAs } from '../test/fixtures';
import { ConnectionStatus, UpdateBanner } from './Frame';

afterEach(() => act(() => consoleStore.setState({ mustReload: null })));

test('no banner while the versions agree', () => {
  signInAs('stadsdir');
  render(<UpdateBanner />);
  expect(screen.queryByTestId('update-banner')).toBeNull();
});

test('a version mismatch shows "En ny version finns – ladda om sidan" with a reload button', () => {
  const t = signInAs('tib.farsta');
  t.online = false;
  act(() => consoleStore.getState().send('test', 'log.write', { text: 'Väntar' }));
  const reload = jest.fn();
  render(
    <>
      <UpdateBanner reload={reload} />
      <ConnectionStatus />
    </>,
  );
  act(() => consoleStore.getState().protocolMismatch(2));
  const banner = screen.getByRole('alert');
  expect(banner.textContent).toContain('En ny version finns – ladda om sidan');
  expect(banner.textContent).toContain('Det du ser nu uppdateras inte längre.');
  expect(banner.textContent).toContain('1 åtgärd som väntar skickas efter omladdningen.');
  // The status line says why it is not live, not "offline since".
  expect(screen.getByTestId('connection').textContent).toContain('Ny version – inte ansluten');
  const button = screen.getByRole('button', { name: 'Ladda om sidan' });
  button.focus();
  expect(document.activeElement).toBe(button);
  fireEvent.click(button);
  expect(reload).toHaveBeenCalledTimes(1);
});
