/**
 * The console's store: one CityState per space, fed ONLY by the server's event stream
 * (snapshot, then `events` batches) through the shared reducer. Commands go out through a
 * transport with a client-made id and wait in the outbox until the server answers.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { applyEvent } from '../../../shared/reducer';
import { emptyState, type CityState, type UserProfile } from '../../../shared/domain/state';
import type { Actor } from '../../../shared/domain/actor';
import type { DelegableRole } from '../../../shared/domain/vocabulary';
import type { StoredEvent } from '../../../shared/events';
import {
  REAL_SPACE,
  type BatchMeta,
  type CommandAck,
  type CommandEnvelope,
  type SnapshotMessage,
} from '../../../shared/protocol';
import { mayIssue } from '../../../shared/handleCommand';
import { createOutbox, type Outbox, type PendingCommand } from './outbox';
import { injectTitle } from '../../../shared/exercise/scenario';

function mergePlayed(have: PlayedInject[] | undefined, add: PlayedInject[]): PlayedInject[] {
  const seen = new Set((have ?? []).map((p) => p.injectId));
  const out = [...(have ?? []), ...add.filter((p) => !seen.has(p.injectId))];
  return out.length > MAX_PLAYED ? out.slice(out.length - MAX_PLAYED) : out;
}

/** How soon an unanswered command is sent again while the connection stays up. */
export const RETRY_MS = 2_000;

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** What the console shows where the person acted. */
export type AckState =
  | { status: 'pending' | 'queued'; commandId: string }
  | { status: 'ok'; commandId: string; seq: number }
  | { status: 'refused'; commandId: string; code: string; message: string };

/** How the store talks to the server; the socket in production, a fake in tests. */
export interface Transport {
  connected(): boolean;
  send(env: CommandEnvelope): Promise<CommandAck>;
  /** Ask for everything after lastSeq in a space (the server answers with events or a snapshot). */
  resync(space: string, lastSeq: number): void;
}

export interface ConsoleState {
  me: UserProfile | null;
  /** The deciding role the person acts for (tjänstgörande), if any. */
  actingFor: DelegableRole | null;
  connection: { status: ConnectionStatus; since: string };
  /** One projection per space; 'real' plus any exercise being viewed. */
  spaces: Record<string, CityState>;
  /** Spaces that have received their first snapshot or events. */
  loaded: Record<string, boolean>;
  currentSpace: string;
  /** Spaces with a resync in flight (a gap was seen). */
  resyncing: Record<string, boolean>;
  acks: Record<string, AckState>;
  pending: PendingCommand[];
  /** The latest line for the polite live region. */
  announcement: { id: number; text: string };
  /**
   * What happened in spaces not on screen (e.g. the real space while in an exercise): how many
   * updates, and the latest, so the console can say so without switching.
   */
  unseen: Record<string, { count: number; lastAt: string; lastBy: string }>;
  /**
   * Injects played in each exercise space, as this console saw them arrive. A participant never
   * receives the script (R67), so the played ones are kept from the delivery events themselves.
   */
  played: Record<string, PlayedInject[]>;
  sessionMessage: string | null;
}

export interface PlayedInject {
  injectId: string;
  kind: string;
  title: string;
  at: string;
}

/** Bound on the played list per space (the log has them all). */
const MAX_PLAYED = 500;

export interface ConsoleActions {
  signedIn(me: UserProfile): void;
  signedOut(message?: string): void;
  setTransport(t: Transport | null): void;
  setConnection(status: ConnectionStatus, at?: string): void;
  onSnapshot(s: SnapshotMessage): void;
  onEvents(events: StoredEvent[], meta: BatchMeta): void;
  setSpace(space: string): void;
  setActingFor(role: DelegableRole | null): void;
  /**
   * Sends a command from a place in the console (origin); queues it while offline. It goes to
   * the space on screen unless another is named (starting or ending an exercise is a command
   * of the real space, whichever space is on screen).
   */
  send(origin: string, type: string, payload: unknown, space?: string): string;
  /** Sends everything in the outbox, oldest first (on connect). */
  flush(): Promise<void>;
  dismissAck(origin: string): void;
  announce(text: string): void;
}

export type Console = ConsoleState & ConsoleActions;

const nowIso = () => new Date().toISOString();
const newId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `c-${Date.now()}-${Math.random().toString(36).slice(2)}`;

export interface StoreOptions {
  storage?: Storage | null;
}

export function createConsoleStore(opts: StoreOptions = {}): StoreApi<Console> {
  let transport: Transport | null = null;
  let outbox: Outbox = createOutbox('anonymous', null);
  let announceSeq = 0;
  const inFlight = new Set<string>();

  return createStore<Console>()((set, get) => {
    const ackAt = (origin: string, ack: AckState) =>
      set((s) => ({ acks: { ...s.acks, [origin]: ack } }));
    const syncPending = () => set({ pending: outbox.list() });

    async function deliver(cmd: PendingCommand): Promise<void> {
      if (!transport || !transport.connected() || inFlight.has(cmd.id)) return;
      inFlight.add(cmd.id);
      ackAt(cmd.origin, { status: 'pending', commandId: cmd.id });
      let ack: CommandAck;
      try {
        ack = await transport.send({
          id: cmd.id,
          type: cmd.type,
          payload: cmd.payload,
          space: cmd.space,
          ...(cmd.actingFor ? { actingFor: cmd.actingFor } : {}),
        });
      } catch {
        // No answer (connection dropped or timed out): keep it; the same id is sent again later.
        inFlight.delete(cmd.id);
        if (get().acks[cmd.origin]?.commandId === cmd.id)
          ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
        // Still connected (a lost answer, not a lost connection): try again shortly. A reconnect
        // flushes anyway. The server dedupes by id, so a second delivery has no second effect.
        if (transport?.connected())
          setTimeout(() => {
            if (outbox.list().some((c) => c.id === cmd.id)) void deliver(cmd);
          }, RETRY_MS);
        return;
      }
      inFlight.delete(cmd.id);
      if (!ack.ok && ack.error.code === 'STORAGE_UNAVAILABLE') {
        // Nothing was saved: keep it queued and try again on the next flush.
        ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
        get().announce(ack.error.message);
        return;
      }
      outbox.remove(cmd.id);
      syncPending();
      if (ack.ok) {
        ackAt(cmd.origin, { status: 'ok', commandId: cmd.id, seq: ack.seq });
        get().announce('Sparat.');
      } else {
        ackAt(cmd.origin, {
          status: 'refused',
          commandId: cmd.id,
          code: ack.error.code,
          message: ack.error.message,
        });
        get().announce(`Avvisat: ${ack.error.message}`);
      }
    }

    function resync(space: string) {
      const st = get().spaces[space];
      set((s) => ({ resyncing: { ...s.resyncing, [space]: true } }));
      transport?.resync(space, st?.seq ?? 0);
    }

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
      unseen: {},
      played: {},

      signedIn(me) {
        outbox = createOutbox(me.userId, opts.storage === undefined ? undefined : opts.storage);
        set({ me, sessionMessage: null, pending: outbox.list() });
      },
      signedOut(message) {
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

      onSnapshot(msg) {
        const c = msg.state.exercise?.control;
        const fromSnapshot: PlayedInject[] = c
          ? c.injectOrder
              .map((id) => c.injects[id])
              .filter((i) => i?.status === 'delivered')
              .map((i) => ({
                injectId: i.inject.id,
                kind: i.inject.kind,
                title: injectTitle(i.inject, (d) => msg.state.districts[d]?.name ?? d),
                at: i.deliveredAt ?? msg.state.exercise.control?.startedAt ?? '',
              }))
          : [];
        set((s) => ({
          played: { ...s.played, [msg.space]: mergePlayed(s.played[msg.space], fromSnapshot) },
          spaces: { ...s.spaces, [msg.space]: { ...msg.state, seq: msg.seq } },
          loaded: { ...s.loaded, [msg.space]: true },
          resyncing: { ...s.resyncing, [msg.space]: false },
        }));
      },

      onEvents(events, meta) {
        const s = get();
        const current = s.spaces[meta.space] ?? emptyState(meta.space);
        if (meta.to <= current.seq) return; // already applied (a resend after resync)
        if (meta.from > current.seq + 1) {
          // A gap: something was missed. Ask once for everything after what we have.
          if (!s.resyncing[meta.space]) resync(meta.space);
          return;
        }
        let next = current;
        try {
          for (const e of events) {
            if (e.seq <= next.seq) continue;
            // Events this person may not see are left out of the batch; the range covers them.
            next = applyEvent({ ...next, seq: e.seq - 1 }, e);
          }
        } catch (err) {
          console.error('[store] could not apply batch; resyncing', err);
          resync(meta.space);
          return;
        }
        next = { ...next, seq: meta.to };
        const delivered: PlayedInject[] = events.flatMap((e) =>
          e.type === 'exercise.injectDelivered'
            ? [{ injectId: e.data.injectId, kind: e.data.kind, title: e.data.title, at: e.at }]
            : [],
        );
        if (delivered.length)
          set((st) => ({
            played: { ...st.played, [meta.space]: mergePlayed(st.played[meta.space], delivered) },
          }));
        set((st) => ({
          spaces: { ...st.spaces, [meta.space]: next },
          loaded: { ...st.loaded, [meta.space]: true },
          resyncing: { ...st.resyncing, [meta.space]: false },
        }));
        const mine = s.me?.userId;
        const foreign = events.filter((e) => e.actor.userId !== mine);
        if (meta.space !== s.currentSpace) {
          // Another space moved on (the real one, while this person is in an exercise): keep
          // count so the console can say so. Real events keep flowing whatever is on screen.
          if (events.length && s.loaded[meta.space]) {
            const last = events[events.length - 1];
            set((st) => ({
              unseen: {
                ...st.unseen,
                [meta.space]: {
                  count: (st.unseen[meta.space]?.count ?? 0) + events.length,
                  lastAt: last.at,
                  lastBy: last.actor.name,
                },
              },
            }));
          }
          return;
        }
        if (foreign.length && s.loaded[meta.space])
          get().announce(
            foreign.length === 1
              ? `Ny uppdatering från ${foreign[0].actor.name}.`
              : `${foreign.length} nya uppdateringar.`,
          );
      },

      setSpace(space) {
        if (space === get().currentSpace) return;
        set((s) => {
          const unseen = { ...s.unseen };
          delete unseen[space];
          return { unseen };
        });
        set((s) => ({
          currentSpace: space,
          spaces: s.spaces[space] ? s.spaces : { ...s.spaces, [space]: emptyState(space) },
        }));
        transport?.resync(space, get().spaces[space]?.seq ?? 0);
      },

      setActingFor(role) {
        set({ actingFor: role });
      },

      send(origin, type, payload, space) {
        const s = get();
        const cmd: PendingCommand = {
          id: newId(),
          type,
          payload,
          space: space ?? s.currentSpace,
          ...(s.actingFor ? { actingFor: s.actingFor } : {}),
          origin,
          createdAt: nowIso(),
        };
        outbox.add(cmd);
        syncPending();
        if (transport?.connected()) void deliver(cmd);
        else ackAt(origin, { status: 'queued', commandId: cmd.id });
        return cmd.id;
      },

      async flush() {
        for (const cmd of outbox.list()) await deliver(cmd);
      },

      dismissAck(origin) {
        set((s) => {
          const acks = { ...s.acks };
          delete acks[origin];
          return { acks };
        });
      },

      announce(text) {
        set({ announcement: { id: ++announceSeq, text } });
      },
    };
  });
}

/** The one store of the running console. */
export const consoleStore = createConsoleStore();

export function useConsole<T>(selector: (s: Console) => T): T {
  return useStore(consoleStore, selector);
}

/** The state of the space on screen. */
const EMPTY = emptyState(REAL_SPACE);
export const selectState = (s: Console): CityState => s.spaces[s.currentSpace] ?? EMPTY;

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

/** The shared policy's verdict, for hiding or disabling what the person may not do. */
export function mayDo(
  s: Pick<ConsoleState, 'me' | 'actingFor'>,
  state: CityState,
  type: string,
  payload: unknown,
  now: string,
): boolean {
  const a = actorOf(s);
  return a !== null && mayIssue(a, type, payload, state, now) === null;
}
