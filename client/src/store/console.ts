/**
 * The console's store: one CityState per space, fed ONLY by the server's event stream
 * (snapshot, then `events` batches) through the shared reducer (stream.ts). Commands go out
 * through a transport with a client-made id and wait in the outbox until the server answers
 * (commands.ts). This file puts the parts together and keeps who is signed in, the cache of
 * the last known state and what screens read from the store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { emptyState, type CityState } from '../../../shared/domain/state';
import type { Actor } from '../../../shared/domain/actor';
import { REAL_SPACE } from '../../../shared/protocol';
import { capability } from '../../../shared/policy/capability';
import type { CommandPayload, CommandType } from '../../../shared/commands';
import { createOutbox, type Outbox } from './outbox';
import { lastUser, safeStorage, stateCache } from './localCache';
import { lookup } from '../../../shared/domain/keyed';
import type { Console, ConsoleState, StoreOptions, StoreParts, Transport } from './consoleTypes';
import { createCommandSide } from './commands';
import { createStreamSide } from './stream';

export type {
  AckState,
  ConflictChoice,
  ConnectionStatus,
  Console,
  ConsoleActions,
  ConsoleState,
  PlayedInject,
  StoreOptions,
  Transport,
} from './consoleTypes';
export { RETRY_MS } from './commands';

const nowIso = () => new Date().toISOString();

/** The state cache is written at most this often (and when the page is hidden). */
const CACHE_EVERY_MS = 1_000;

export function createConsoleStore(opts: StoreOptions = {}): StoreApi<Console> {
  let transport: Transport | null = null;
  let outbox: Outbox = createOutbox('anonymous', null);
  let announceSeq = 0;
  const storage = opts.storage === undefined ? safeStorage() : opts.storage;

  const store = createStore<Console>()((set, get, api) => {
    const parts: StoreParts = {
      get,
      set,
      subscribe: api.subscribe,
      transport: () => transport,
      outbox: () => outbox,
    };
    const stream = createStreamSide(parts);
    const commands = createCommandSide({
      ...parts,
      resync: stream.resync,
      versionAt: stream.versionAt,
    });

    return {
      me: null,
      actingFor: null,
      connection: { status: 'connecting', since: nowIso() },
      spaces: { [REAL_SPACE]: emptyState(REAL_SPACE) },
      loaded: {},
      currentSpace: REAL_SPACE,
      resyncing: {},
      acks: {},
      pending: [],
      announcement: { id: 0, text: '' },
      sessionMessage: null,
      fromCache: {},
      unseen: {},
      played: {},
      mustReload: null,

      ...stream.actions,
      ...commands,

      signedIn(me) {
        const same = get().me?.userId === me.userId;
        if (!same) outbox = createOutbox(me.userId, storage);
        lastUser.set(me, storage);
        // A console that has not heard from the server yet shows the last known state.
        const cached =
          same || get().loaded[REAL_SPACE] ? null : stateCache.get(me.userId, REAL_SPACE, storage);
        set((s) => ({
          me,
          sessionMessage: null,
          pending: outbox.list(),
          ...(cached
            ? {
                spaces: { ...s.spaces, [REAL_SPACE]: cached.state },
                loaded: { ...s.loaded, [REAL_SPACE]: true },
                fromCache: { [REAL_SPACE]: cached.savedAt },
              }
            : {}),
        }));
      },
      signedOut(message) {
        const me = get().me;
        if (me) stateCache.clear(me.userId, storage);
        lastUser.set(null, storage);
        outbox = createOutbox('anonymous', null);
        set({
          me: null,
          actingFor: null,
          sessionMessage: message ?? null,
          spaces: { [REAL_SPACE]: emptyState(REAL_SPACE) },
          loaded: {},
          acks: {},
          pending: [],
          currentSpace: REAL_SPACE,
          fromCache: {},
          unseen: {},
          played: {},
        });
      },
      setTransport(t) {
        transport = t;
      },
      setConnection(status, at = nowIso()) {
        const prev = get().connection;
        // "Offline since" keeps the moment the connection was lost, not the last retry.
        const since =
          status === 'live' || prev.status === 'live' || prev.status === 'connecting'
            ? at
            : prev.since;
        set({ connection: { status, since } });
        if (status === 'live') {
          set({ resyncing: {} });
          void get().flush();
        }
      },

      protocolMismatch(serverVersion) {
        set({ mustReload: { serverVersion } });
      },

      setActingFor(role) {
        set({ actingFor: role });
      },

      announce(text) {
        set({ announcement: { id: ++announceSeq, text } });
      },
    };
  });

  // The last known state per space, so a reload while offline shows it rather than nothing.
  let cacheTimer: ReturnType<typeof setTimeout> | undefined;
  const saveCache = () => {
    cacheTimer = undefined;
    const st = store.getState();
    if (!st.me) return;
    for (const [space, state] of Object.entries(st.spaces))
      if (lookup(st.loaded, space) && !lookup(st.fromCache, space))
        stateCache.set(st.me.userId, space, state, storage);
  };
  if (storage) {
    store.subscribe((st, prev) => {
      if (st.spaces !== prev.spaces && !cacheTimer)
        cacheTimer = setTimeout(saveCache, CACHE_EVERY_MS);
    });
    if (typeof window !== 'undefined')
      window.addEventListener('pagehide', () => {
        clearTimeout(cacheTimer);
        saveCache();
      });
  }
  return store;
}

/** The one store of the running console. */
export const consoleStore = createConsoleStore();

export function useConsole<T>(selector: (s: Console) => T): T {
  return useStore(consoleStore, selector);
}

/** The state of the space on screen. */
const EMPTY = emptyState(REAL_SPACE);
export const selectState = (s: Console): CityState => lookup(s.spaces, s.currentSpace) ?? EMPTY;

/** The signed-in person as an Actor for the shared policy, with the role they act for. */
export function actorOf(s: Pick<ConsoleState, 'me' | 'actingFor'>): Actor | null {
  if (!s.me) return null;
  return {
    userId: s.me.userId,
    name: s.me.name,
    role: s.me.role,
    districtId: s.me.districtId,
    unitId: s.me.unitId,
    ...(s.actingFor ? { actingFor: s.actingFor } : {}),
  };
}

/**
 * The shared capability's verdict (the server's own check), for hiding or disabling what the
 * person may not do; a sample payload its schema refuses hides the control (R232).
 */
export function mayDo<K extends CommandType>(
  s: Pick<ConsoleState, 'me' | 'actingFor'>,
  state: CityState,
  type: K,
  payload: CommandPayload<K>,
  now: string,
): boolean {
  const a = actorOf(s);
  return a !== null && capability(state, a, type, payload, now).allowed;
}
