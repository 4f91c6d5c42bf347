/**
 * R160: one intention, one command. A double click or a double tap on a form's submit, on a
 * one-click command or on "Skicka larm" sends one command, the form is locked until the answer
 * and empties itself after it; the store turns away a second identical unanswered command.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { consoleStore } from './store/console';
import { signInAs } from './test/fixtures';
import type { CommandAck } from '../../shared/protocol';
import { EventPage } from './components/EventPage';
import { OfficerScreen } from './screens/OfficerScreen';
import { CmdButton } from './components/kit';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));

/** A transport whose answers wait until the test releases them. */
function held(t: ReturnType<typeof signInAs>) {
  const waiting: (() => void)[] = [];
  t.answer = () =>
    new Promise<CommandAck>((resolve) =>
      waiting.push(() => resolve({ ok: true, seq: 1000, firstSeq: 1000 })),
    );
  return {
    release: async () => {
      await act(async () => {
        for (const w of waiting.splice(0)) w();
      });
      await flush();
    },
  };
}

describe('R160 forms lock on submit', () => {
  test('R160 a double click on "Skriv" sends one log line, the form is locked until the answer and cleared after it', async () => {
    const t = signInAs('tib.farsta');
    const answers = held(t);
    render(<EventPage eventId="evt1" />);
    fireEvent.click(screen.getByRole('tab', { name: 'Dagbok' }));
    const field = screen.getByLabelText('Ny anteckning i dagboken') as HTMLTextAreaElement;
    fireEvent.change(field, { target: { value: 'Reservkraft på plats.' } });
    const button = screen.getByRole('button', { name: 'Skriv' });
    fireEvent.click(button);
    fireEvent.click(button);
    await flush();
    fireEvent.click(button);
    expect(t.sent.filter((c) => c.type === 'log.write')).toHaveLength(1);
    expect((screen.getByRole('button', { name: 'Skriv' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(field.value).toBe('Reservkraft på plats.');
    await answers.release();
    expect(field.value).toBe('');
    expect((screen.getByRole('button', { name: 'Skriv' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    expect(screen.getByText('✓ Antecknat.')).toBeTruthy();
  });

  test('R160 a double tap on "Skicka lägesrapport" files one report', async () => {
    const t = signInAs('tib.farsta');
    const answers = held(t);
    render(<OfficerScreen map={{ geojson: null, tileUrl: null }} />);
    fireEvent.change(screen.getByLabelText('Vad har hänt (obligatoriskt)'), {
      target: { value: 'Vattenläcka i Farsta centrum.' },
    });
    const button = screen.getByRole('button', { name: 'Skicka lägesrapport' });
    fireEvent.click(button);
    fireEvent.click(button);
    await flush();
    fireEvent.click(button);
    expect(t.sent.filter((c) => c.type === 'district.report')).toHaveLength(1);
    await answers.release();
    expect(t.sent.filter((c) => c.type === 'district.report')).toHaveLength(1);
  });

  test('R160 a one-click command clicked twice is sent once', async () => {
    const t = signInAs('stabschef');
    const answers = held(t);
    render(
      <CmdButton
        origin="t"
        label="Godkänn"
        type="task.update"
        payload={{ taskId: 'x1', status: 'done' }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Godkänn' }));
    fireEvent.click(screen.getByRole('button', { name: 'Godkänn' }));
    await flush();
    expect(t.sent).toHaveLength(1);
    await answers.release();
  });

  test('R160 the store turns away the same unanswered command from the same place, and not a later one', async () => {
    const t = signInAs('tib.farsta');
    const answers = held(t);
    const st = consoleStore.getState();
    const payload = { eventId: 'evt1', text: 'Samma rad' };
    const a = st.send('elsewhere', 'log.write', payload);
    const b = st.send('elsewhere', 'log.write', { ...payload });
    expect(b).toBe(a);
    // Another place, or another text, is another intention.
    expect(st.send('other', 'log.write', payload)).not.toBe(a);
    expect(st.send('elsewhere', 'log.write', { ...payload, text: 'Ny rad' })).not.toBe(a);
    await answers.release();
    // Answered: the same text may be written again (a deliberate second line).
    expect(consoleStore.getState().send('elsewhere', 'log.write', payload)).not.toBe(a);
    expect(t.sent.filter((c) => c.id === a)).toHaveLength(1);
    await answers.release();
    await answers.release();
    await answers.release();
  });
});
