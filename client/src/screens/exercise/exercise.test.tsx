/**
 * Exercise mode in the console against the real store, the shared reducer and the shared
 * policy: the leader's control panel, what a participant sees (R67), switching spaces while
 * the real one keeps flowing, and starting an exercise from a scenario.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import {
  emptyState,
  type ActorRef,
  type CityState,
  type UserProfile,
} from '../../../../shared/domain/state';
import type { StoredEvent } from '../../../../shared/events';
import { applyEvent } from '../../../../shared/reducer';
import { consoleStore } from '../../store/console';
import { city, FakeTransport, foundingEvents, users } from '../../test/fixtures';
import { ExerciseBanner } from '../../components/Frame';
import { ExercisePanel, ExerciseScreen } from './ExerciseScreen';
import { StartExercise } from './StartExercise';
import { SpaceBar } from './SpaceBar';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const SPACE = 'exercise-ovn1';
const lead: ActorRef = { userId: 'stabschef', name: 'Lena Nyström', role: 'ckl_lead' };
const control: ActorRef = { userId: 'system', name: 'Övningsledningen (motspel)', role: 'admin' };
const people: Record<string, UserProfile> = {
  ...users,
  stabschef: { userId: 'stabschef', name: 'Lena Nyström', role: 'ckl_lead', active: true },
};

let seq = 0;
const started = Date.now() - 60_000;
function ev(type: string, data: unknown, actor: ActorRef = control, at = started): StoredEvent {
  seq += 1;
  return {
    seq,
    space: SPACE,
    type,
    data,
    at: new Date(at).toISOString(),
    actor,
    commandId: `x${seq}`,
    hash: 'h',
  } as StoredEvent;
}

const message = (id: string, at: string, from: string, text: string) => ({
  id,
  at,
  kind: 'message' as const,
  from,
  channel: 'phone' as const,
  to: 'all' as const,
  text,
});

/** An exercise space a minute in at 60×: one inject played, two in the script. */
function exerciseSpace(): CityState {
  seq = 0;
  let s = emptyState(SPACE);
  const events = [
    ...foundingEvents(ev, people),
    ev('exercise.configured', {
      exerciseId: 'ovn1',
      name: 'Elavbrott vinter',
      realSpace: 'real',
      leader: lead,
      scenarioTitle: 'Långvarigt elavbrott i Söderort',
      objectives: ['Lägesbild inom 30 minuter'],
      timeScale: 60,
      allowRealChannels: false,
    }),
    ev('exercise.injectAdded', {
      inject: message('smhi', '00:10', 'SMHI', 'Kyla väntas.'),
      live: false,
    }),
    ev('exercise.injectAdded', {
      inject: message('ellevio', '02:00', 'Ellevio', '40 000 kunder utan ström i Söderort.'),
      live: false,
    }),
    ev('exercise.injectAdded', {
      inject: message('media', '05:00', 'Journalist', 'Ringer om äldreboenden.'),
      live: false,
    }),
    ev('exercise.injectDelivered', {
      injectId: 'smhi',
      kind: 'message',
      title: 'SMHI: Kyla väntas.',
    }),
    ev('exercise.message', {
      messageId: 'msg_smhi',
      injectId: 'smhi',
      from: 'SMHI',
      channel: 'phone',
      text: 'Kyla väntas.',
    }),
  ];
  for (const e of events) s = applyEvent(s, e);
  return s;
}

/** The real space, with the exercise started in it. */
function realWithExercise(): CityState {
  const s = city();
  return applyEvent(s, {
    seq: s.seq + 1,
    space: 'real',
    type: 'exercise.started',
    data: {
      exerciseId: 'ovn1',
      name: 'Elavbrott vinter',
      space: SPACE,
      divisionId: 'sdo-11-2023',
      participants: ['stabschef', 'tib.farsta', 'stadsdir'],
      allowRealChannels: false,
      timeScale: 60,
    },
    at: new Date(started).toISOString(),
    actor: lead,
    commandId: 'start1',
    hash: 'h',
  } as StoredEvent);
}

/** Signs in with the real space loaded; `inExercise` also loads the exercise and enters it. */
function signIn(userId: string, inExercise = true): FakeTransport {
  const t = new FakeTransport();
  const st = consoleStore.getState();
  st.signedOut();
  st.setTransport(t);
  st.signedIn(people[userId]);
  const real = realWithExercise();
  st.onSnapshot({ space: 'real', seq: real.seq, state: real });
  st.setConnection('live');
  if (inExercise) {
    st.setSpace(SPACE);
    const ex = exerciseSpace();
    // What the server sends this person (redacted for those who do not see everything).
    st.onSnapshot({ space: SPACE, seq: ex.seq, state: ex });
  }
  return t;
}

describe('the exercise leader’s control panel', () => {
  test('shows the whole script with statuses and the clock; pause, skip and add go to the exercise space', async () => {
    const t = signIn('stabschef');
    render(<ExercisePanel />);
    const panel = screen.getByTestId('control-panel');
    const rows = within(screen.getByTestId('inject-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/00:10.*Meddelande.*SMHI.*Spelad/),
      expect.stringMatching(/02:00.*Ellevio.*Väntar/),
      expect.stringMatching(/05:00.*Journalist.*Väntar/),
    ]);
    expect(screen.getByTestId('exercise-clock').textContent).toMatch(/Övningstid\s*01:0\d/);

    fireEvent.click(within(panel).getByRole('button', { name: /Pausa övningen/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Hoppa över Ellevio/ }));
    await flush();
    expect(t.sent.map((c) => [c.type, c.space, c.payload])).toEqual([
      ['exercise.pause', SPACE, {}],
      ['exercise.skipInject', SPACE, { injectId: 'ellevio' }],
    ]);
    // The played one cannot be skipped.
    expect(within(rows[0]).queryByRole('button')).toBeNull();

    fireEvent.change(screen.getByLabelText('Från (extern aktör)'), {
      target: { value: 'Polisen' },
    });
    fireEvent.change(screen.getByLabelText('Kanal'), { target: { value: 'rakel' } });
    fireEvent.change(screen.getByLabelText('Meddelande'), {
      target: { value: 'Trafikljus ur funktion i Farsta centrum.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Lägg till inject' }));
    await flush();
    expect(t.sent[2]).toMatchObject({
      type: 'exercise.addInject',
      space: SPACE,
      payload: {
        inject: {
          kind: 'message',
          from: 'Polisen',
          channel: 'rakel',
          text: 'Trafikljus ur funktion i Farsta centrum.',
        },
      },
    });
    expect((t.sent[2].payload as { inject: { at?: string } }).inject.at).toBeUndefined();
    expect(screen.getByText(/Injecten är tillagd/)).toBeTruthy();
  });

  test('a paused exercise offers resume; ending takes a confirmation and is sent to the real space', async () => {
    const t = signIn('stabschef');
    act(() => {
      const st = consoleStore.getState();
      const s = st.spaces[SPACE];
      st.onEvents([{ ...ev('exercise.paused', {}, lead), seq: s.seq + 1 }], {
        space: SPACE,
        from: s.seq + 1,
        to: s.seq + 1,
      });
    });
    render(<ExercisePanel />);
    expect(screen.queryByRole('button', { name: /Pausa övningen/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Återuppta övningen/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Avsluta övningen…' }));
    expect(t.sent.map((c) => c.type)).toEqual(['exercise.resume']);
    fireEvent.click(screen.getByRole('button', { name: 'Bekräfta: avsluta övningen' }));
    await flush();
    expect(t.sent[1]).toMatchObject({
      type: 'exercise.end',
      space: 'real',
      payload: { exerciseId: 'ovn1' },
    });
  });
});

describe('participants (R67)', () => {
  test('a role that receives the script but does not lead sees only what has been played', () => {
    // The director sees everything by role, so the script reaches this console; it is not shown.
    signIn('stadsdir');
    render(<ExercisePanel />);
    expect(screen.queryByTestId('control-panel')).toBeNull();
    expect(screen.queryByText(/Ellevio/)).toBeNull();
    expect(screen.queryByText(/Journalist/)).toBeNull();
    expect(screen.getByTestId('played-injects').textContent).toContain('SMHI: Kyla väntas.');
    expect(screen.queryByRole('button', { name: /Pausa/ })).toBeNull();
  });

  test('a played inject and an external actor’s message appear as they arrive', () => {
    signIn('tib.farsta', false);
    // The participant's snapshot has no script (the server redacts it).
    const st = consoleStore.getState();
    act(() => st.setSpace(SPACE));
    const ex = exerciseSpace();
    const c = ex.exercise.control!;
    const redacted = {
      ...ex,
      exercise: {
        ...ex.exercise,
        control: { ...c, injects: { smhi: c.injects.smhi }, injectOrder: ['smhi'] },
      },
    };
    act(() => st.onSnapshot({ space: SPACE, seq: ex.seq, state: redacted }));
    render(<ExerciseScreen map={{ geojson: null, tileUrl: null }} />);
    expect(screen.getAllByTestId('exercise-message')).toHaveLength(1);
    expect(screen.queryByText(/Ellevio/)).toBeNull();
    const next = ex.seq + 1;
    act(() =>
      st.onEvents(
        [
          {
            ...ev('exercise.injectDelivered', {
              injectId: 'ellevio',
              kind: 'message',
              title: 'Ellevio: 40 000 kunder utan ström i Söderort.',
            }),
            seq: next,
          },
          {
            ...ev('exercise.message', {
              messageId: 'msg_ellevio',
              injectId: 'ellevio',
              from: 'Ellevio',
              channel: 'phone',
              text: '40 000 kunder utan ström i Söderort.',
            }),
            seq: next + 1,
          },
        ],
        { space: SPACE, from: next, to: next + 1 },
      ),
    );
    expect(screen.getByTestId('played-injects').textContent).toContain(
      'Ellevio: 40 000 kunder utan ström i Söderort.',
    );
    const msgs = screen.getAllByTestId('exercise-message');
    expect(msgs).toHaveLength(2);
    // Newest first, marked ÖVNING, with who it is from and how it came.
    expect(msgs[0].textContent).toMatch(/ÖVNING.*Ellevio.*Telefon.*40 000 kunder/);
  });
});

describe('switching between reality and the exercise', () => {
  test('a participant enters the exercise from the real space; the banner says ÖVNING; real updates are counted', () => {
    signIn('tib.farsta', false);
    render(
      <>
        <ExerciseBanner />
        <SpaceBar />
      </>,
    );
    expect(screen.queryByTestId('exercise-banner')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Gå till övningen' }));
    expect(consoleStore.getState().currentSpace).toBe(SPACE);
    const ex = exerciseSpace();
    act(() => consoleStore.getState().onSnapshot({ space: SPACE, seq: ex.seq, state: ex }));
    const banner = screen.getByTestId('exercise-banner');
    expect(banner.textContent).toContain('ÖVNING');
    expect(banner.textContent).toContain('Elavbrott vinter');
    expect(banner.textContent).toContain('Inget här gäller på riktigt');
    expect(document.title).toMatch(/^ÖVNING –/);

    // Reality moves on while the person is in the exercise: it is counted, not lost.
    const real = consoleStore.getState().spaces.real;
    act(() =>
      consoleStore.getState().onEvents(
        [
          {
            seq: real.seq + 1,
            space: 'real',
            type: 'log.written',
            data: { entryId: 'l1', eventId: 'evt1', text: 'Samverkan 10:00' },
            at: new Date().toISOString(),
            actor: { userId: 'stadsdir', name: 'Maria Lindqvist', role: 'director' },
            commandId: 'r1',
            hash: 'h',
          } as StoredEvent,
        ],
        { space: 'real', from: real.seq + 1, to: real.seq + 1 },
      ),
    );
    expect(consoleStore.getState().spaces.real.seq).toBe(real.seq + 1);
    expect(screen.getByTestId('real-notice').textContent).toMatch(
      /Skarpt läge: 1 ny uppdatering.*Maria Lindqvist/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Till skarpt läge' }));
    expect(consoleStore.getState().currentSpace).toBe('real');
    expect(screen.queryByTestId('exercise-banner')).toBeNull();
    expect(consoleStore.getState().unseen.real).toBeUndefined();
  });

  test('someone not taking part gets no way in', () => {
    signIn('ordf', false);
    render(<SpaceBar />);
    expect(screen.queryByTestId('space-bar')).toBeNull();
  });
});

describe('starting an exercise', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  test('the CKL lead starts one from a scenario; it is a command of the real space', async () => {
    global.fetch = jest.fn(async () => ({
      ok: true,
      status: 200,
      json: async () => ({
        scenarios: [
          {
            id: 'elavbrott-vinter-soderort',
            title: 'Långvarigt elavbrott i Söderort',
            description: 'Vinter, minus 18.',
            division: 'sdo-11-2023',
            duration: '08:00',
            objectives: ['Lägesbild inom 30 minuter'],
            injectCount: 24,
            lastInjectAt: 7 * 3_600_000,
          },
        ],
      }),
    })) as unknown as typeof fetch;
    const t = signIn('stabschef');
    render(<StartExercise />);
    await flush();
    fireEvent.change(screen.getByLabelText('Scenario'), {
      target: { value: 'elavbrott-vinter-soderort' },
    });
    expect(screen.getByTestId('scenario-facts').textContent).toContain('24 injects');
    fireEvent.change(screen.getByLabelText('Tidsskala'), { target: { value: '600' } });
    fireEvent.click(screen.getByRole('button', { name: 'Starta övningen' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'exercise.start',
      space: 'real',
      payload: {
        name: 'Långvarigt elavbrott i Söderort',
        scenarioId: 'elavbrott-vinter-soderort',
        timeScale: 600,
        allowRealChannels: false,
      },
    });
  });

  test('a district officer has no start form (the shared policy says no)', () => {
    signIn('tib.farsta', false);
    render(<ExerciseScreen map={{ geojson: null, tileUrl: null }} />);
    expect(screen.queryByTestId('start-exercise')).toBeNull();
    expect(screen.getByTestId('exercise-list').textContent).toContain('Elavbrott vinter');
  });
});
