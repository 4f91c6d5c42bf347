/**
 * The store is fed only by the event stream: it applies the shared reducer, replaces its state
 * on a snapshot, and asks again (resync with its last seq) when a batch does not follow on.
 */
import { emptyState, type CityState } from '../../../shared/domain/state';
import type { StoredEvent } from '../../../shared/events';
import type { CommandAck, CommandEnvelope } from '../../../shared/protocol';
import { createConsoleStore, RETRY_MS, type Transport } from './console';
import type { ConsoleActions } from './consoleTypes';

const actor = { userId: 'tib.farsta', name: 'TiB Farsta', role: 'district_officer' as const };
const ev = (seq: number, title: string): StoredEvent =>
  ({
    seq,
    space: 'real',
    type: 'event.opened',
    data: {
      eventId: `evt_${seq}`,
      title,
      description: '',
      owner: { kind: 'district', id: 'farsta' },
      affectedDistrictIds: ['farsta'],
      affectedUnitIds: [],
    },
    at: new Date(Date.UTC(2025, 0, 1, 10, seq)).toISOString(),
    actor,
    commandId: `c${seq}`,
    hash: 'h',
  }) as StoredEvent;

function base(seq: number): CityState {
  return {
    ...emptyState('real'),
    seq,
    districts: { farsta: { districtId: 'farsta', name: 'Farsta', reportIds: [] } },
  };
}

class FakeTransport implements Transport {
  online = true;
  sent: CommandEnvelope[] = [];
  resyncs: { space: string; lastSeq: number }[] = [];
  answer: (env: CommandEnvelope) => Promise<CommandAck> = async () => ({
    ok: true,
    seq: 99,
    firstSeq: 99,
  });
  connected = () => this.online;
  send = (env: CommandEnvelope) => {
    this.sent.push(env);
    return this.answer(env);
  };
  resync = (space: string, lastSeq: number) => void this.resyncs.push({ space, lastSeq });
}

const TIB_FARSTA = {
  userId: 'tib.farsta',
  name: 'TiB Farsta',
  role: 'district_officer',
  districtId: 'farsta',
  active: true,
} as const;

function setup(me: Parameters<ConsoleActions['signedIn']>[0] = TIB_FARSTA) {
  const store = createConsoleStore({ storage: null });
  const t = new FakeTransport();
  store.getState().setTransport(t);
  store.getState().signedIn(me);
  store.getState().onSnapshot({ space: 'real', seq: 10, state: base(10) });
  return { store, t };
}

describe('console store', () => {
  test('applies a batch that follows on with the shared reducer', () => {
    const { store, t } = setup();
    store.getState().onEvents([ev(11, 'A'), ev(12, 'B')], { space: 'real', from: 11, to: 12 });
    const s = store.getState().spaces.real;
    expect(s.seq).toBe(12);
    expect(Object.values(s.events).map((e) => e.title)).toEqual(['A', 'B']);
    expect(t.resyncs).toEqual([]);
  });

  test('a batch with a gap is not applied and triggers one resync from the last seq', () => {
    const { store, t } = setup();
    store.getState().onEvents([ev(14, 'D')], { space: 'real', from: 14, to: 14 });
    store.getState().onEvents([ev(15, 'E')], { space: 'real', from: 15, to: 15 });
    expect(store.getState().spaces.real.seq).toBe(10);
    expect(t.resyncs).toEqual([{ space: 'real', lastSeq: 10 }]);
    // The server answers the resync with what was missed; the state catches up.
    store.getState().onEvents([ev(11, 'A'), ev(12, 'B'), ev(13, 'C'), ev(14, 'D'), ev(15, 'E')], {
      space: 'real',
      from: 11,
      to: 15,
    });
    expect(store.getState().spaces.real.seq).toBe(15);
    expect(Object.keys(store.getState().spaces.real.events)).toHaveLength(5);
    expect(store.getState().resyncing.real).toBe(false);
  });

  test('events left out of a batch (not visible to this person) do not break the sequence', () => {
    const { store, t } = setup();
    store.getState().onEvents([ev(11, 'A'), ev(13, 'C')], { space: 'real', from: 11, to: 14 });
    expect(store.getState().spaces.real.seq).toBe(14);
    expect(t.resyncs).toEqual([]);
  });

  test('a repeated batch is ignored; a snapshot replaces the state', () => {
    const { store } = setup();
    store.getState().onEvents([ev(11, 'A')], { space: 'real', from: 11, to: 11 });
    store.getState().onEvents([ev(11, 'A')], { space: 'real', from: 11, to: 11 });
    expect(Object.keys(store.getState().spaces.real.events)).toEqual(['evt_11']);
    store.getState().onSnapshot({ space: 'real', seq: 50, state: base(50) });
    expect(store.getState().spaces.real.seq).toBe(50);
    expect(store.getState().spaces.real.events).toEqual({});
  });

  test('once the server speaks another protocol version, nothing it sends is applied', () => {
    const { store } = setup();
    const before = store.getState().spaces.real;
    store.getState().protocolMismatch(2);
    store.getState().onEvents([ev(11, 'A')], { space: 'real', from: 11, to: 11 });
    store.getState().onSnapshot({ space: 'real', seq: 50, state: base(50) });
    expect(store.getState().spaces.real).toBe(before);
    expect(store.getState().mustReload).toEqual({ serverVersion: 2 });
  });

  test('a command sent offline waits in the outbox and goes out with the same id when back', async () => {
    const { store, t } = setup();
    t.online = false;
    store.getState().setConnection('reconnecting');
    const id = store.getState().send('form', 'log.write', { text: 'hej' });
    expect(store.getState().acks.form).toEqual({ status: 'queued', commandId: id });
    expect(store.getState().pending.map((p) => p.id)).toEqual([id]);
    expect(t.sent).toEqual([]);
    // The first attempt gets no answer (connection dropped again): it stays queued.
    t.online = true;
    t.answer = () => Promise.reject(new Error('timeout'));
    await store.getState().flush();
    expect(store.getState().pending).toHaveLength(1);
    t.answer = async () => ({ ok: true, seq: 11, firstSeq: 11 });
    store.getState().setConnection('live');
    await new Promise((r) => setTimeout(r, 0));
    expect(t.sent.map((e) => e.id)).toEqual([id, id]);
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().acks.form).toMatchObject({ status: 'ok', seq: 11 });
  });

  test('a command whose answer was lost is sent again with the same id while still connected', async () => {
    jest.useFakeTimers();
    try {
      const { store, t } = setup();
      let calls = 0;
      t.answer = () =>
        ++calls === 1
          ? Promise.reject(new Error('timeout'))
          : Promise.resolve({ ok: true, seq: 12, firstSeq: 12 });
      const id = store.getState().send('f', 'log.write', { text: 'x' });
      await jest.advanceTimersByTimeAsync(0);
      expect(store.getState().acks.f).toMatchObject({ status: 'queued' });
      await jest.advanceTimersByTimeAsync(RETRY_MS);
      expect(t.sent.map((e) => e.id)).toEqual([id, id]);
      expect(store.getState().acks.f).toMatchObject({ status: 'ok', seq: 12 });
    } finally {
      jest.useRealTimers();
    }
  });

  test('R123 NOT_CONFIRMED keeps the command and sends it again with the same id until ok', async () => {
    jest.useFakeTimers();
    try {
      const { store, t } = setup();
      let calls = 0;
      t.answer = async () =>
        ++calls === 1
          ? {
              ok: false,
              error: {
                code: 'NOT_CONFIRMED',
                message: 'Sparat hos primären men ännu inte bekräftat – försöker igen',
              },
            }
          : { ok: true, seq: 13, firstSeq: 13 };
      const id = store.getState().send('f', 'log.write', { text: 'x' });
      await jest.advanceTimersByTimeAsync(0);
      expect(store.getState().acks.f).toMatchObject({ status: 'queued' });
      expect(store.getState().pending.map((c) => c.id)).toEqual([id]);
      await jest.advanceTimersByTimeAsync(RETRY_MS);
      expect(t.sent.map((e) => e.id)).toEqual([id, id]);
      expect(store.getState().acks.f).toMatchObject({ status: 'ok', seq: 13 });
      expect(store.getState().pending).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  test("a refusal shows the server's message where the person acted", async () => {
    const { store, t } = setup();
    t.answer = async () => ({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: 'Du kan bara rapportera för ditt eget stadsdelsområde.',
      },
    });
    store.getState().send('report:bromma', 'district.report', {
      districtId: 'bromma',
      basedOnReportId: null,
      status: 'normal',
      happened: 'Inget särskilt.',
      crisisSupport: 'not_active',
      nextReportDue: '2026-01-01T12:00:00.000Z',
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().acks['report:bromma']).toMatchObject({
      status: 'refused',
      message: 'Du kan bara rapportera för ditt eget stadsdelsområde.',
    });
    expect(store.getState().pending).toEqual([]);
  });

  describe("R234 a queued report's follower is based on the report the first produced", () => {
    const report = (happened: string) =>
      ({
        districtId: 'farsta',
        basedOnReportId: null,
        status: 'strained',
        happened,
        crisisSupport: 'not_active',
        nextReportDue: '2026-01-01T12:00:00.000Z',
      }) as const;
    // The server's command id on the event is its own business: the ack's seqs name the event.
    const reported = (seq: number, reportId: string): StoredEvent =>
      ({
        seq,
        space: 'real',
        type: 'district.reported',
        data: {
          ...report('x'),
          reportId,
          consequences: '',
          actions: '',
          needs: '',
          noChange: false,
        },
        at: new Date(Date.UTC(2025, 0, 1, 10, seq)).toISOString(),
        actor,
        commandId: `server-made-${seq}`,
        hash: 'h',
      }) as StoredEvent;
    const settle = async () => {
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    };
    const queueTwo = (store: ReturnType<typeof setup>['store'], t: FakeTransport) => {
      t.online = false;
      store.getState().send('report:farsta', 'district.report', report('Första'));
      store.getState().send('report:farsta:2', 'district.report', report('Andra'));
      t.online = true;
    };

    /**
     * Goes live with the queue as it is: the first answer runs `first` (what the console hears
     * meanwhile) and acks with the seqs it returns. The payloads' bases as they were sent.
     */
    const basesSent = async (
      store: ReturnType<typeof setup>['store'],
      t: FakeTransport,
      first: () => { seq: number; firstSeq: number },
    ) => {
      let n = 0;
      t.answer = async () => {
        n += 1;
        const seqs = n === 1 ? first() : { seq: 90 + n, firstSeq: 90 + n };
        return { ok: true, ...seqs };
      };
      store.getState().setConnection('live');
      await settle();
      return t.sent.map((e) => (e.payload as { basedOnReportId: unknown }).basedOnReportId);
    };

    test('found by the seqs its ack names, the event seen before the ack', async () => {
      const { store, t } = setup();
      queueTwo(store, t);
      const sent = await basesSent(store, t, () => {
        store.getState().onEvents([reported(11, 'rep_first')], { space: 'real', from: 11, to: 11 });
        return { seq: 11, firstSeq: 11 };
      });
      expect(sent).toEqual([null, 'rep_first']);
    });

    test('the ack first: the follower waits until the console has applied its seq', async () => {
      const { store, t } = setup();
      queueTwo(store, t);
      let n = 0;
      t.answer = async () => {
        n += 1;
        if (n === 1) {
          setTimeout(() => {
            // Another officer's report, then this command's: only the one at the ack's seq counts.
            store.getState().onEvents([reported(11, 'rep_other'), reported(12, 'rep_first')], {
              space: 'real',
              from: 11,
              to: 12,
            });
          }, 10);
          return { ok: true, seq: 12, firstSeq: 12 };
        }
        return { ok: true, seq: 13, firstSeq: 13 };
      };
      store.getState().setConnection('live');
      await settle();
      expect(t.sent).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 20));
      await settle();
      expect(
        t.sent.map((e) => (e.payload as { basedOnReportId: unknown }).basedOnReportId),
      ).toEqual([null, 'rep_first']);
    });

    test("a snapshot at exactly the ack's seq: the district's latest report is the command's", async () => {
      const { store, t } = setup();
      queueTwo(store, t);
      const sent = await basesSent(store, t, () => {
        const at = base(12);
        at.districts.farsta.reportIds = ['rep_older', 'rep_first'];
        at.districts.farsta.latestReportId = 'rep_first';
        store.getState().onSnapshot({ space: 'real', seq: 12, state: at });
        return { seq: 12, firstSeq: 12 };
      });
      expect(sent).toEqual([null, 'rep_first']);
    });

    test("past the ack's seq without its event, the follower goes as written", async () => {
      const { store, t } = setup();
      queueTwo(store, t);
      const sent = await basesSent(store, t, () => {
        // A snapshot that has moved on past the command: whose the latest report is, is unknown.
        store.getState().onSnapshot({ space: 'real', seq: 14, state: base(14) });
        return { seq: 12, firstSeq: 12 };
      });
      expect(sent).toEqual([null, null]);
    });

    test("R27 a unit's queued reports are a chain too: the chain is the command's declaration", async () => {
      const { store, t } = setup({
        userId: 'sakord.vatten',
        name: 'Säkerhetssamordnare Stockholm Vatten',
        role: 'unit_officer',
        unitId: 'stockholm-vatten',
        active: true,
      });
      const unitReport = {
        unitId: 'stockholm-vatten',
        basedOnReportId: null,
        status: 'strained',
        happened: 'Tryckfall i ledningsnätet.',
        nextReportDue: '2026-01-01T12:00:00.000Z',
      } as const;
      t.online = false;
      store.getState().send('unit:1', 'unit.report', unitReport);
      store.getState().send('unit:2', 'unit.confirmNoChange', {
        unitId: 'stockholm-vatten',
        basedOnReportId: null,
        nextReportDue: '2026-01-01T13:00:00.000Z',
      });
      t.online = true;
      const sent = await basesSent(store, t, () => {
        const e = {
          ...reported(11, 'urep_first'),
          type: 'unit.reported',
          data: { ...unitReport, reportId: 'urep_first', noChange: false },
        } as unknown as StoredEvent;
        store.getState().onEvents([e], { space: 'real', from: 11, to: 11 });
        return { seq: 11, firstSeq: 11 };
      });
      expect(t.sent.map((e) => e.type)).toEqual(['unit.report', 'unit.confirmNoChange']);
      expect(sent).toEqual([null, 'urep_first']);
    });
  });

  test('"offline since" keeps the moment the connection was lost', () => {
    const { store } = setup();
    store.getState().setConnection('live', '2025-01-01T10:00:00.000Z');
    store.getState().setConnection('reconnecting', '2025-01-01T10:05:00.000Z');
    store.getState().setConnection('offline', '2025-01-01T10:05:15.000Z');
    expect(store.getState().connection).toEqual({
      status: 'offline',
      since: '2025-01-01T10:05:00.000Z',
    });
  });
});
