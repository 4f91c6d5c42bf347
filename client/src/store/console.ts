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
import { capability } from '../../../shared/policy/capability';
import type { CommandPayload, CommandType } from '../../../shared/commands';
import { chainDistrict, createOutbox, type Outbox, type PendingCommand } from './outbox';
import { lastUser, safeStorage, stateCache } from './localCache';
import { injectTitle } from '../../../shared/exercise/scenario';
import { hasKey, lookup, present } from '../../../shared/domain/keyed';

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
  /** Spaces shown from the browser's cache (last known state, saved at) until the server answers. */
  fromCache: Record<string, string>;
  /**
   * The server speaks another protocol version (a new release): the console applies nothing
   * more from it and asks to be reloaded; the outbox keeps what was queued for the new page.
   */
  mustReload: { serverVersion: number | null } | null;
}

/** How the officer settles a queued report the server refused as STALE. */
export type ConflictChoice = 'mine' | 'edit' | 'discard';
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
  protocolMismatch(serverVersion: number | null): void;
  setSpace(space: string): void;
  setActingFor(role: DelegableRole | null): void;
  /**
   * Sends a command from a place in the console (origin); queues it while offline. It goes to
   * the space on screen unless another is named (starting or ending an exercise is a command
   * of the real space, whichever space is on screen).
   */
  send<K extends CommandType>(
    origin: string,
    type: K,
    payload: CommandPayload<K>,
    space?: string,
  ): string;
  /** Sends everything in the outbox, oldest first (on connect). */
  flush(): Promise<void>;
  dismissAck(origin: string): void;
  /**
   * Settles a STALE conflict: 'mine' sends the queued version again, re-based on the latest
   * report (a new command id, same place in the queue); 'edit' takes it out of the queue once the
   * report form holds it as a draft on top of the latest (the officer merges and sends anew);
   * 'discard' drops it.
   */
  resolveConflict(id: string, choice: ConflictChoice): void;
  announce(text: string): void;
}

export type Console = ConsoleState & ConsoleActions;

const nowIso = () => new Date().toISOString();
const newId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `c-${Date.now()}-${Math.random().toString(36).slice(2)}`;

export interface StoreOptions {
  /** Where the outbox, the state cache and drafts live; null keeps everything in memory. */
  storage?: Storage | null;
}

/**
 * How long a saved report's follower waits for the stream to reach the ack's seq (the stream
 * may stall, e.g. on a resync); after that it is sent as written.
 */
const PRODUCED_WAIT_MS = 5_000;
/** Reports remembered by their seq, so a saved command's report is found from its ack. */
const REPORTS_BY_SEQ = 500;
/** A report command produces a few events; a longer range is not searched seq by seq. */
const MAX_RANGE = 50;
/** The state cache is written at most this often (and when the page is hidden). */
const CACHE_EVERY_MS = 1_000;

export function createConsoleStore(opts: StoreOptions = {}): StoreApi<Console> {
  let transport: Transport | null = null;
  let outbox: Outbox = createOutbox('anonymous', null);
  let announceSeq = 0;
  const inFlight = new Set<string>();
  const storage = opts.storage === undefined ? safeStorage() : opts.storage;
  /**
   * `space:seq` → the report a district.reported event at that seq carried (bounded). An ack
   * names its command's events by their seqs, so the store finds what a command produced here,
   * whatever the server made of its command id.
   */
  const reportAt = new Map<string, { districtId: string; reportId: string }>();
  const seqKey = (space: string, seq: number) => `${space}:${seq}`;
  let flushing = false;
  let flushAgain = false;

  const store = createStore<Console>()((set, get) => {
    const ackAt = (origin: string, ack: AckState) =>
      set((s) => ({ acks: { ...s.acks, [origin]: ack } }));
    const syncPending = () => set({ pending: outbox.list() });

    /** Sends one command; true once the server has answered it (saved, refused or in conflict). */
    async function deliver(cmd: PendingCommand): Promise<boolean> {
      if (!transport || !transport.connected() || inFlight.has(cmd.id)) return false;
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
        if (lookup(get().acks, cmd.origin)?.commandId === cmd.id)
          ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
        // Still connected (a lost answer, not a lost connection): try again shortly, from the
        // head of the queue so order holds. A reconnect flushes anyway. The server dedupes by
        // id, so a second delivery has no second effect.
        if (transport?.connected())
          setTimeout(() => {
            if (outbox.list().some((c) => c.id === cmd.id)) void get().flush();
          }, RETRY_MS);
        return false;
      }
      inFlight.delete(cmd.id);
      if (!ack.ok && ack.error.code === 'STORAGE_UNAVAILABLE') {
        // Nothing was saved: keep it queued and try again on the next flush.
        ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
        get().announce(ack.error.message);
        return false;
      }
      if (!ack.ok && ack.error.code === 'RATE_LIMITED') {
        // Nothing was saved: the server asks to wait (a long offline queue replayed at once).
        // Keep it queued, in order, and send again when the server says it will take it.
        ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
        const wait = Number((ack.error.details as { retryAfterMs?: unknown })?.retryAfterMs);
        setTimeout(
          () => {
            if (outbox.list().some((c) => c.id === cmd.id)) void get().flush();
          },
          Number.isFinite(wait) ? Math.min(Math.max(wait, 50), 60_000) : RETRY_MS,
        );
        return false;
      }
      if (!ack.ok && ack.error.code === 'NOT_CONFIRMED') {
        // The primary may hold it: only the same id may go again (the server answers the
        // original seq once replicated, or applies it once if a failover dropped it). Soon,
        // not only on the next flush: nothing is settled until it is answered ok.
        ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
        get().announce(ack.error.message);
        setTimeout(() => {
          if (outbox.list().some((c) => c.id === cmd.id)) void get().flush();
        }, RETRY_MS);
        return false;
      }
      if (!ack.ok && ack.error.code === 'STALE') {
        // The district changed meanwhile. Nothing is overwritten either way: the command stays
        // queued, marked, and waits (with what depends on it) for the officer's choice.
        const latest = (ack.error.details as { latestReportId?: unknown } | undefined)
          ?.latestReportId;
        outbox.update(cmd.id, (c) => ({
          ...c,
          conflict: {
            code: 'STALE',
            message: ack.error.message,
            latestReportId: typeof latest === 'string' ? latest : null,
            at: nowIso(),
          },
        }));
        syncPending();
        ackAt(cmd.origin, {
          status: 'refused',
          commandId: cmd.id,
          code: 'STALE',
          message: ack.error.message,
        });
        get().announce('Konflikt: läget har ändrats sedan du skrev. Välj vad som ska gälla.');
        // A fresh picture, so the conflict view compares with the real latest report.
        if (!lookup(lookup(get().spaces, cmd.space)?.reports, String(latest))) resync(cmd.space);
        return true;
      }
      if (ack.ok && chainDistrict(cmd) && outbox.list().some((c) => c.after === cmd.id))
        await rebaseFollowers(cmd, ack.firstSeq, ack.seq);
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
      return true;
    }

    /**
     * The officer's own queued chain (report, then no-change, …) was written against the same
     * old report; once a link is saved the next is based on the report it produced, not flagged
     * as a conflict with itself. Without that report id (not seen in time) the follower is sent
     * as written and, if stale, shown as a conflict: never silently re-based on someone else's.
     */
    async function rebaseFollowers(
      cmd: PendingCommand,
      firstSeq: number,
      seq: number,
    ): Promise<void> {
      const reportId = await producedReport(cmd, firstSeq, seq);
      for (const f of outbox.list().filter((c) => c.after === cmd.id))
        outbox.update(f.id, (c) => {
          const { after: _a, ...rest } = c;
          return reportId
            ? { ...rest, payload: { ...(c.payload as object), basedOnReportId: reportId } }
            : rest;
        });
    }

    /** The report among the command's events (seqs firstSeq…seq), once the stream has them. */
    function reportInRange(cmd: PendingCommand, firstSeq: number, seq: number) {
      const district = chainDistrict(cmd);
      for (let n = Math.max(firstSeq, seq - MAX_RANGE); n <= seq; n++) {
        const r = reportAt.get(seqKey(cmd.space, n));
        if (r && r.districtId === district) return r.reportId;
      }
      const st = lookup(get().spaces, cmd.space);
      // Reached by a snapshot, not the stream: only when nothing came after the command is the
      // district's latest report certainly the one it produced.
      return st?.seq === seq && district
        ? lookup(st.districts, district)?.reportIds.at(-1)
        : undefined;
    }

    function producedReport(
      cmd: PendingCommand,
      firstSeq: number,
      seq: number,
    ): Promise<string | undefined> {
      return new Promise((resolve) => {
        const check = () => {
          const found = reportInRange(cmd, firstSeq, seq);
          if (found || (lookup(get().spaces, cmd.space)?.seq ?? 0) >= seq) {
            done(found);
            return true;
          }
          return false;
        };
        let unsub = () => {};
        const timer = setTimeout(() => done(undefined), PRODUCED_WAIT_MS);
        function done(v: string | undefined) {
          clearTimeout(timer);
          unsub();
          resolve(v);
        }
        if (!check()) unsub = store.subscribe(() => void check());
      });
    }

    function resync(space: string) {
      const st = lookup(get().spaces, space);
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
      fromCache: {},
      unseen: {},
      played: {},
      mustReload: null,

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

      onSnapshot(msg) {
        if (get().mustReload) return;
        const c = msg.state.exercise?.control;
        const fromSnapshot: PlayedInject[] = c
          ? c.injectOrder
              .map((id) => lookup(c.injects, id))
              .filter(present)
              .filter((i) => i.status === 'delivered')
              .map((i) => ({
                injectId: i.inject.id,
                kind: i.inject.kind,
                title: injectTitle(i.inject, (d) => lookup(msg.state.districts, d)?.name ?? d),
                at: i.deliveredAt ?? msg.state.exercise.control?.startedAt ?? '',
              }))
          : [];
        set((s) => ({
          played: {
            ...s.played,
            [msg.space]: mergePlayed(lookup(s.played, msg.space), fromSnapshot),
          },
          spaces: { ...s.spaces, [msg.space]: { ...msg.state, seq: msg.seq } },
          loaded: { ...s.loaded, [msg.space]: true },
          resyncing: { ...s.resyncing, [msg.space]: false },
          fromCache: withoutKey(s.fromCache, msg.space),
        }));
      },

      onEvents(events, meta) {
        if (get().mustReload) return;
        const s = get();
        const current = lookup(s.spaces, meta.space) ?? emptyState(meta.space);
        if (meta.to <= current.seq) return; // already applied (a resend after resync)
        if (meta.from > current.seq + 1) {
          // A gap: something was missed. Ask once for everything after what we have.
          if (!lookup(s.resyncing, meta.space)) resync(meta.space);
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
        for (const e of events)
          if (e.type === 'district.reported') {
            const { districtId, reportId } = e.data;
            reportAt.set(seqKey(meta.space, e.seq), { districtId, reportId });
            if (reportAt.size > REPORTS_BY_SEQ)
              reportAt.delete(reportAt.keys().next().value as string);
          }
        const delivered: PlayedInject[] = events.flatMap((e) =>
          e.type === 'exercise.injectDelivered'
            ? [{ injectId: e.data.injectId, kind: e.data.kind, title: e.data.title, at: e.at }]
            : [],
        );
        if (delivered.length)
          set((st) => ({
            played: {
              ...st.played,
              [meta.space]: mergePlayed(lookup(st.played, meta.space), delivered),
            },
          }));
        set((st) => ({
          spaces: { ...st.spaces, [meta.space]: next },
          loaded: { ...st.loaded, [meta.space]: true },
          resyncing: { ...st.resyncing, [meta.space]: false },
          fromCache: withoutKey(st.fromCache, meta.space),
        }));
        const mine = s.me?.userId;
        const foreign = events.filter((e) => e.actor.userId !== mine);
        if (meta.space !== s.currentSpace) {
          // Another space moved on (the real one, while this person is in an exercise): keep
          // count so the console can say so. Real events keep flowing whatever is on screen.
          if (events.length && lookup(s.loaded, meta.space)) {
            const last = events[events.length - 1];
            set((st) => ({
              unseen: {
                ...st.unseen,
                [meta.space]: {
                  count: (lookup(st.unseen, meta.space)?.count ?? 0) + events.length,
                  lastAt: last.at,
                  lastBy: last.actor.name,
                },
              },
            }));
          }
          return;
        }
        if (foreign.length && lookup(s.loaded, meta.space))
          get().announce(
            foreign.length === 1
              ? `Ny uppdatering från ${foreign[0].actor.name}.`
              : `${foreign.length} nya uppdateringar.`,
          );
      },

      protocolMismatch(serverVersion) {
        set({ mustReload: { serverVersion } });
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
          spaces: lookup(s.spaces, space) ? s.spaces : { ...s.spaces, [space]: emptyState(space) },
        }));
        transport?.resync(space, lookup(get().spaces, space)?.seq ?? 0);
      },

      setActingFor(role) {
        set({ actingFor: role });
      },

      send(origin, type, payload, space) {
        const s = get();
        const target = space ?? s.currentSpace;
        // The same command from the same place, still unanswered, is a second click of one
        // intention (a double click, a double tap, a form without its own lock): one command.
        const body = JSON.stringify(payload);
        const twin = outbox
          .list()
          .find(
            (c) =>
              c.origin === origin &&
              c.type === type &&
              c.space === target &&
              !c.conflict &&
              JSON.stringify(c.payload) === body,
          );
        if (twin) return twin.id;
        const district = chainDistrict({ type, payload });
        const before = district
          ? outbox
              .list()
              .filter((c) => c.space === s.currentSpace && chainDistrict(c) === district)
              .at(-1)
          : undefined;
        const cmd: PendingCommand = {
          id: newId(),
          type,
          payload,
          space: target,
          ...(s.actingFor ? { actingFor: s.actingFor } : {}),
          origin,
          createdAt: nowIso(),
          ...(before ? { after: before.id } : {}),
        };
        outbox.add(cmd);
        syncPending();
        // Through the queue, so a command never overtakes an older unsent one.
        if (transport?.connected()) void get().flush();
        else ackAt(origin, { status: 'queued', commandId: cmd.id });
        return cmd.id;
      },

      /**
       * Sends the outbox oldest first, one at a time, each after the previous one's answer.
       * Order rule (docs/console.md): a command waits while an older one is unanswered; a report
       * chain of a district whose head is in conflict waits for the officer (its later links
       * depend on it); commands outside that chain (log lines, markers, disruptions) go on.
       */
      async flush() {
        if (flushing) {
          flushAgain = true;
          return;
        }
        flushing = true;
        try {
          do {
            flushAgain = false;
            const held = new Set<string>();
            for (const cmd of outbox.list()) {
              const district = chainDistrict(cmd);
              const chainKey = district ? `${cmd.space}|${district}` : null;
              if (cmd.conflict || (chainKey && held.has(chainKey))) {
                if (chainKey) held.add(chainKey);
                if (!cmd.conflict) ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
                continue;
              }
              const current = outbox.list().find((c) => c.id === cmd.id);
              if (!current) continue;
              if (!(await deliver(current))) return; // no answer: keep the order, try later
              // Refused as STALE just now: what follows in its chain must wait as well.
              if (chainKey && outbox.list().some((c) => c.id === cmd.id && c.conflict))
                held.add(chainKey);
            }
          } while (flushAgain);
        } finally {
          flushing = false;
        }
      },

      dismissAck(origin) {
        set((s) => {
          const acks = { ...s.acks };
          delete acks[origin];
          return { acks };
        });
      },

      resolveConflict(id, choice) {
        const cmd = outbox.list().find((c) => c.id === id);
        if (!cmd?.conflict) return;
        if (choice !== 'mine') {
          outbox.remove(id);
          get().dismissAck(cmd.origin);
          get().announce(
            choice === 'edit'
              ? 'Din version ligger i rapportformuläret. Jämför, ändra och skicka.'
              : 'Din version är borttagen. Den senaste rapporten gäller.',
          );
        } else {
          // A new id: the refused one stays refused; the officer's version now names the report
          // it knowingly replaces. Later links of the chain follow the new command.
          const fresh = newId();
          const { conflict, ...rest } = cmd;
          outbox.update(id, () => ({
            ...rest,
            id: fresh,
            payload: {
              ...(cmd.payload as object),
              basedOnReportId: conflict.latestReportId,
            },
          }));
          for (const f of outbox.list().filter((c) => c.after === id))
            outbox.update(f.id, (c) => ({ ...c, after: fresh }));
          ackAt(cmd.origin, { status: 'queued', commandId: fresh });
        }
        syncPending();
        void get().flush();
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

function withoutKey<T>(r: Record<string, T>, k: string): Record<string, T> {
  if (!hasKey(r, k)) return r;
  const { [k]: _gone, ...rest } = r;
  return rest;
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
