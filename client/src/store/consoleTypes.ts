/**
 * What the console's store holds and offers (client/src/store/console.ts builds it from its
 * parts: the command side in commands.ts, the event stream in stream.ts).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { CityState, UserProfile } from '../../../shared/domain/state';
import type { DelegableRole } from '../../../shared/domain/vocabulary';
import type { StoredEvent } from '../../../shared/events';
import type {
  BatchMeta,
  CommandAck,
  CommandEnvelope,
  SnapshotMessage,
} from '../../../shared/protocol';
import type { CommandPayload, CommandType } from '../../../shared/commands';
import type { Outbox, PendingCommand } from './outbox';

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

export interface StoreOptions {
  /** Where the outbox, the state cache and drafts live; null keeps everything in memory. */
  storage?: Storage | null;
}

/** What each part of the store is given: the store itself and what the whole store owns. */
export interface StoreParts {
  get: () => Console;
  set: StoreApi<Console>['setState'];
  subscribe: StoreApi<Console>['subscribe'];
  transport: () => Transport | null;
  /** The signed-in person's outbox (it changes with who is signed in). */
  outbox: () => Outbox;
}
