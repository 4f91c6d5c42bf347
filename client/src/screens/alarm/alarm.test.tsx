/**
 * The call-in board and the answer notice against the real store, the real reducer and the
 * shared policy: live changes from event batches, "Bemannat" in words, and the console answer.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { consoleStore } from '../../store/console';
import { feed } from '../../test/feed';
import { signInAs } from '../../test/fixtures';
import { draft, type EventDraft } from '../../../../shared/events';
import type { ActorRef } from '../../../../shared/domain/state';
import { CallInBoard } from './CallInBoard';
import { AlarmNotices } from './AlarmNotice';
import { AlarmScreen } from './AlarmScreen';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const director: ActorRef = { userId: 'stadsdir', name: 'Maria Lindqvist', role: 'director' };

const key = (c: string) => `L~${c}`;
const deadline = () => new Date(Date.now() + 600_000).toISOString();
const queue = (c: string, name: string, i: number, channels: ('sms' | 'console')[] = ['sms']) =>
  draft('alarm.recipientQueued', {
    alarmId: 'A1',
    key: key(c),
    listId: 'L',
    contactId: c,
    name,
    orderIndex: i,
    channels,
    deadline: deadline(),
  });

/** `c` answers "coming" on alarm A1, arriving in `etaMinutes`. */
const coming = (c: string, etaMinutes: number, via: 'console' | 'recorded') =>
  draft('alarm.answered', { alarmId: 'A1', key: key(c), answer: 'coming', etaMinutes, via });

const withReserve = (d: EventDraft, reserveFor: string): EventDraft =>
  ({ ...d, data: { ...(d.data as object), reserveFor } }) as EventDraft;

/** A list of three with a reserve, quota 2; Anna has the director's account (stadsdir). */
function setUp() {
  feed([
    draft('alarm.contactSaved', { contactId: 'anna', name: 'Anna Alm', available: true }),
    draft('alarm.contactSaved', { contactId: 'bo', name: 'Bo Ek', available: true }),
    draft('alarm.contactSaved', { contactId: 'cia', name: 'Cia Ros', available: true }),
    draft('alarm.contactSaved', {
      contactId: 'maria',
      name: 'Maria Lindqvist',
      available: true,
      userId: 'stadsdir',
    }),
    draft('alarm.listSaved', {
      listId: 'L',
      name: 'CKL Analys',
      target: { kind: 'ckl', fn: 'analysis' },
      members: ['maria', 'anna', 'bo', 'cia'],
      quota: 2,
      timeoutSeconds: 600,
      channels: ['sms', 'console'],
    }),
  ]);
}

/** Signed in as `userId`, with the list set up and its alarm under way. */
function alarmInProgress(userId: string) {
  const t = signInAs(userId);
  setUp();
  startAlarm();
  return t;
}

/** Clicks `button` and expects the console to have sent `command` for it. */
async function clickSends(
  t: ReturnType<typeof signInAs>,
  button: HTMLElement,
  command: { type: string; payload: object },
) {
  fireEvent.click(button);
  await flush();
  expect(t.sent.at(-1)).toMatchObject(command);
}

function startAlarm() {
  feed(
    [
      draft('alarm.started', {
        alarmId: 'A1',
        title: 'Skyfall city',
        message: 'Hej {namn}, kom till {lista}.',
        exercise: false,
        realChannels: false,
        lists: [
          {
            listId: 'L',
            name: 'CKL Analys',
            quota: 2,
            timeoutSeconds: 600,
            order: ['maria', 'anna', 'bo', 'cia'],
          },
        ],
      }),
      queue('maria', 'Maria Lindqvist', 0, ['sms', 'console']),
      queue('anna', 'Anna Alm', 1),
    ],
    director,
  );
}

describe('call-in board', () => {
  test('shows fill against quota, each state in words, reserves and ETA, live to "Bemannat"', () => {
    alarmInProgress('stadsdir');
    render(<CallInBoard alarmId="A1" />);
    const list = screen.getByTestId('list-L');
    expect(within(list).getByTestId('fill').textContent).toBe('0/2');
    expect(within(list).getByText('CKL Analys', { exact: false })).toBeTruthy();
    expect(screen.getByTestId('alarm-status').textContent).toContain('Inkallning pågår');
    expect(within(screen.getByTestId('r-L~anna')).getByText(/Köad/)).toBeTruthy();
    expect(screen.getByText('2 reserver ej larmade ännu')).toBeTruthy();

    // Sent, then Anna cannot come and Bo is called as her reserve.
    feed([
      draft('alarm.sendRecorded', {
        alarmId: 'A1',
        key: key('anna'),
        n: 1,
        channel: 'sms',
        ok: true,
        delivered: false,
        attempt: 1,
      }),
    ]);
    expect(within(screen.getByTestId('r-L~anna')).getByText(/Skickat/)).toBeTruthy();
    feed([
      draft('alarm.answered', { alarmId: 'A1', key: key('anna'), answer: 'cannot', via: 'link' }),
      withReserve(queue('bo', 'Bo Ek', 2), key('anna')),
    ]);
    const annaRow = screen.getByTestId('r-L~anna');
    expect(within(annaRow).getByText(/Kan inte komma/)).toBeTruthy();
    expect(within(annaRow).getByText(/via länk/)).toBeTruthy();
    expect(within(screen.getByTestId('r-L~bo')).getByText(/reserv för Anna Alm/)).toBeTruthy();
    expect(consoleStore.getState().announcement.text).toContain('reserv Bo Ek larmas');

    // Bo is silent: reminded, in words and a symbol (not colour alone).
    feed([draft('alarm.reminded', { alarmId: 'A1', key: key('bo'), deadline: deadline() })]);
    expect(within(screen.getByTestId('r-L~bo')).getByText(/Påmind/)).toBeTruthy();

    // Two say "coming" with ETA: 1/2, then 2/2 and Bemannat.
    feed([coming('maria', 20, 'console')]);
    expect(within(list).getByTestId('fill').textContent).toBe('1/2');
    expect(within(screen.getByTestId('r-L~maria')).getByText(/Kommer, ETA 20 min/)).toBeTruthy();
    expect(within(screen.getByTestId('r-L~maria')).getByText(/i konsolen/)).toBeTruthy();
    feed([
      coming('bo', 35, 'recorded'),
      draft('alarm.listStaffed', { alarmId: 'A1', listId: 'L', stoodDown: [] }),
      draft('alarm.staffed', { alarmId: 'A1' }),
    ]);
    expect(within(list).getByTestId('fill').textContent).toBe('2/2');
    expect(screen.getByTestId('alarm-status').textContent).toMatch(/✓ Bemannat \d\d:\d\d/);
    expect(screen.getByRole('status').textContent).toContain('alla kvoter är fyllda');
    expect(within(screen.getByTestId('r-L~bo')).getByText(/per telefon/)).toBeTruthy();
    expect(consoleStore.getState().announcement.text).toContain('Bemannat');
    // Nothing left to cancel or record on a staffed alarm.
    expect(screen.queryByText('Avbryt larmet…')).toBeNull();
    expect(screen.queryByText('Registrera svar per telefon')).toBeNull();
  });

  test('who may alarm the list records a phone answer and cancels; a TiB sees neither', async () => {
    const t = alarmInProgress('stadsdir');
    const { unmount } = render(<CallInBoard alarmId="A1" />);
    const anna = screen.getByTestId('r-L~anna');
    fireEvent.click(within(anna).getByText('Registrera svar per telefon'));
    fireEvent.change(within(anna).getByLabelText('Beräknad ankomst (minuter)'), {
      target: { value: '25' },
    });
    await clickSends(t, within(anna).getByRole('button', { name: 'Registrera svaret' }), {
      type: 'alarm.respond',
      payload: { alarmId: 'A1', key: 'L~anna', answer: 'coming', etaMinutes: 25 },
    });
    fireEvent.click(screen.getByText('Avbryt larmet…'));
    fireEvent.change(screen.getByLabelText('Varför avbryts larmet?'), {
      target: { value: 'Felaktigt larm' },
    });
    await clickSends(t, screen.getByRole('button', { name: 'Avbryt larmet' }), {
      type: 'alarm.cancel',
      payload: { alarmId: 'A1', reason: 'Felaktigt larm' },
    });
    unmount();

    alarmInProgress('tib.farsta');
    render(<CallInBoard alarmId="A1" />);
    expect(screen.getByTestId('fill').textContent).toBe('0/2');
    expect(screen.queryByText('Registrera svar per telefon')).toBeNull();
    expect(screen.queryByText('Avbryt larmet…')).toBeNull();
  });

  test('the start form offers only lists the person may alarm, and sends alarm.start', async () => {
    const t = signInAs('stadsdir');
    setUp();
    render(<AlarmScreen map={{ geojson: null, tileUrl: null }} />);
    fireEvent.change(screen.getByLabelText('Rubrik'), { target: { value: 'Skyfall' } });
    fireEvent.click(screen.getByLabelText(/CKL Analys/));
    expect(screen.getByTestId('alarm-preview').textContent).toBe(
      '1 lista: 2 larmas först, 2 reserver.',
    );
    fireEvent.change(screen.getByLabelText('Meddelande'), { target: { value: 'Kom in.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Skicka larm' }));
    // R161: asked once more, with how many people it reaches; nothing is sent before that.
    expect(screen.getByTestId('alarm-confirm').textContent).toMatch(
      /^Skicka larm till 4 personer\? 2 larmas först/,
    );
    expect(t.sent.filter((c) => c.type === 'alarm.start')).toHaveLength(0);
    await clickSends(t, screen.getByRole('button', { name: 'Ja, skicka till 4 personer' }), {
      type: 'alarm.start',
      payload: { title: 'Skyfall', listIds: ['L'], message: 'Kom in.' },
    });
    cleanup();
    signInAs('tib.farsta');
    setUp();
    render(<AlarmScreen map={{ geojson: null, tileUrl: null }} />);
    expect(screen.queryAllByRole('button', { name: 'Skicka larm' })).toHaveLength(0);
  });
});

describe('answer notice', () => {
  const consoleSent = () =>
    draft('alarm.sendRecorded', {
      alarmId: 'A1',
      key: key('maria'),
      n: 1,
      channel: 'console',
      ok: true,
      delivered: true,
      attempt: 1,
    });

  test('the alarmed person sees the notice once the console message is sent, and answers "Kommer"', async () => {
    const t = alarmInProgress('stadsdir');
    render(<AlarmNotices />);
    // Queued but not yet notified: no notice.
    expect(screen.queryByTestId('alarm-notice-A1')).toBeNull();
    feed([
      draft('alarm.consoleNotified', {
        alarmId: 'A1',
        key: key('maria'),
        userId: 'stadsdir',
        n: 1,
        text: 'Hej',
      }),
      consoleSent(),
    ]);
    const notice = screen.getByTestId('alarm-notice-A1');
    expect(within(notice).getByRole('heading').textContent).toContain('Du är larmad: Skyfall city');
    expect(within(notice).getByText('Hej Maria Lindqvist, kom till CKL Analys.')).toBeTruthy();
    expect(consoleStore.getState().announcement.text).toContain('Du är larmad: Skyfall city');

    // "Kommer" without an ETA is caught here, with the reason, and focus on the field.
    fireEvent.click(within(notice).getByRole('button', { name: /Kommer/ }));
    expect(within(notice).getByRole('alert').textContent).toContain('hur många minuter');
    expect(t.sent.filter((c) => c.type === 'alarm.respond')).toHaveLength(0);
    fireEvent.change(within(notice).getByLabelText('Beräknad ankomst (minuter)'), {
      target: { value: '20' },
    });
    await clickSends(t, within(notice).getByRole('button', { name: /Kommer/ }), {
      type: 'alarm.respond',
      payload: { alarmId: 'A1', answer: 'coming', etaMinutes: 20 },
    });
    expect((t.sent.at(-1)!.payload as { key?: string }).key).toBeUndefined();

    // The server's answer comes back as an event: the notice goes, a confirmation stays.
    feed([coming('maria', 20, 'console')]);
    expect(screen.queryByTestId('alarm-notice-A1')).toBeNull();
    expect(screen.getByTestId('alarm-answered-A1').textContent).toContain('om 20 min');
    fireEvent.click(screen.getByRole('button', { name: 'Stäng' }));
    expect(screen.queryByTestId('alarm-answered-A1')).toBeNull();
  });

  test('"Kan inte komma" sends at once; someone not alarmed sees no notice', async () => {
    const t = alarmInProgress('stadsdir');
    feed([consoleSent()]);
    render(<AlarmNotices />);
    await clickSends(t, screen.getByRole('button', { name: /Kan inte komma/ }), {
      type: 'alarm.respond',
      payload: { alarmId: 'A1', answer: 'cannot' },
    });

    cleanup();
    alarmInProgress('ordf');
    feed([consoleSent()]);
    render(<AlarmNotices />);
    expect(screen.queryByTestId('alarm-notice-A1')).toBeNull();
  });
});

describe('R164 message templates', () => {
  test('R164 the board shows the message filled, as the first person called got it', () => {
    alarmInProgress('stadsdir');
    render(<CallInBoard alarmId="A1" />);
    const line = screen.getByTestId('board-message').textContent ?? '';
    expect(line).toBe(
      'Meddelande (så som Maria Lindqvist fick det): ”Hej Maria Lindqvist, kom till CKL Analys.”',
    );
    expect(line).not.toMatch(/\{namn\}|\{lista\}/);
  });

  test('R164 the start form previews the message as the first person will read it, and flags a typo', () => {
    signInAs('stadsdir');
    setUp();
    render(<AlarmScreen map={{ geojson: null, tileUrl: null }} />);
    fireEvent.change(screen.getByLabelText('Rubrik'), { target: { value: 'Skyfall' } });
    fireEvent.click(screen.getByLabelText(/CKL Analys/));
    fireEvent.change(screen.getByLabelText('Meddelande'), {
      target: { value: 'Hej {namn}! {lista}: {rubrik}.' },
    });
    const preview = screen.getByTestId('message-preview');
    expect(preview.textContent).toContain('så får Maria Lindqvist meddelandet');
    expect(preview.textContent).toContain('Hej Maria Lindqvist! CKL Analys: Skyfall.');
    fireEvent.change(screen.getByLabelText('Meddelande'), { target: { value: 'Hej {namm}.' } });
    expect(within(screen.getByTestId('message-preview')).getByRole('alert').textContent).toMatch(
      /Okänd platshållare \{namm\}/,
    );
  });
});
