/**
 * The socket to the server. It feeds the store and nothing else: hello → who I am, snapshot
 * and events → the state, connection changes → the status line. On every (re)connect the
 * handshake says where the console left off, so it catches up by itself.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  ClientToServerEvents,
  CommandAck,
  ServerToClientEvents,
} from '../../../shared/protocol';
import { PROTOCOL_VERSION, REAL_SPACE, type ProtocolMismatch } from '../../../shared/protocol';
import type { StoreApi } from 'zustand/vanilla';
import type { Console } from './console';
import { RECONNECT_POLICY } from '../../../shared/reconnectPolicy';
import { lookup } from '../../../shared/domain/keyed';
import { useWarnings } from './warnings';
import * as api from '../api';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** After this long without a connection the console says "offline since". */
const OFFLINE_AFTER_MS = 15_000;
const ACK_TIMEOUT_MS = 15_000;

export interface Connection {
  close(): void;
  socket: ClientSocket;
}

export interface ConnectOptions {
  /** The protocol this console speaks: PROTOCOL_VERSION; a test plays another release with it. */
  protocolVersion?: number;
  /** For a console outside a browser (tests): e.g. the session cookie as an extra header. */
  socket?: Partial<ManagerOptions & SocketOptions>;
}

export function connect(
  store: StoreApi<Console>,
  url?: string,
  opts: ConnectOptions = {},
): Connection {
  const protocolVersion = opts.protocolVersion ?? PROTOCOL_VERSION;
  const socket: ClientSocket = io(url ?? '', {
    transports: ['websocket', 'polling'],
    withCredentials: true,
    // A function, so every reconnect sends the seq the console has reached by then.
    auth: (cb) =>
      cb({
        protocolVersion,
        lastSeq: store.getState().spaces[REAL_SPACE]?.seq ?? 0,
        space: REAL_SPACE,
      }),
    ...RECONNECT_POLICY,
    ...opts.socket,
  });
  let offlineTimer: ReturnType<typeof setTimeout> | undefined;
  const st = () => store.getState();

  st().setTransport({
    connected: () => socket.connected,
    send: (env) =>
      new Promise<CommandAck>((resolve, reject) => {
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emit('command', env, (err: Error | null, ack: CommandAck) =>
            err ? reject(err) : resolve(ack),
          );
      }),
    resync: (space, lastSeq) => {
      if (!socket.connected) return; // the next connect resumes anyway
      socket.emit('subscribe', { space, lastSeq }, (a) => {
        if (!a.ok) st().announce(a.message ?? 'Kunde inte hämta läget.');
      });
    },
  });

  const lost = () => {
    if (st().mustReload) return; // not a lost connection: the console waits for a reload
    if (st().connection.status === 'live' || st().connection.status === 'connecting')
      st().setConnection('reconnecting');
    clearTimeout(offlineTimer);
    offlineTimer = setTimeout(() => {
      if (!socket.connected) st().setConnection('offline');
    }, OFFLINE_AFTER_MS);
  };

  let ended = false;
  /** Another release on the other end: stop here, keep the state as it is, ask for a reload. */
  const mismatch = (serverVersion: number | null) => {
    ended = true;
    st().protocolMismatch(serverVersion);
    socket.disconnect();
  };
  socket.on('connect', () => clearTimeout(offlineTimer));
  // Live once the server has said who this is and which protocol it speaks: nothing queued is
  // sent to a node of another release. A node that does not check the handshake (an older
  // release) still says its version here.
  socket.on('hello', (h) => {
    // The live warnings as they are now; changes come as `warnings` messages.
    api
      .warnings('real')
      .then((c) => useWarnings.getState().setLive(c))
      .catch(() => undefined);
    if (h.protocolVersion !== protocolVersion)
      return mismatch(typeof h.protocolVersion === 'number' ? h.protocolVersion : null);
    st().signedIn(h.user);
    // Spaces other than the real one are resumed explicitly.
    const s = st();
    for (const space of Object.keys(s.spaces))
      if (space !== REAL_SPACE && space === s.currentSpace)
        socket.emit(
          'subscribe',
          { space, lastSeq: lookup(s.spaces, space)?.seq ?? 0 },
          () => undefined,
        );
    st().setConnection('live');
  });
  socket.on('disconnect', (reason) => {
    lost();
    // Socket.IO does not reconnect by itself after the server closed the socket (e.g. a node
    // shutting down its sockets). Unless the session ended, the console comes back on its own.
    if (reason === 'io server disconnect' && !ended)
      setTimeout(() => {
        if (!ended && st().me) socket.connect();
      }, 500);
  });
  socket.on('connect_error', (err) => {
    if (err.message === 'PROTOCOL_MISMATCH') {
      const v = (err as Error & { data?: Partial<ProtocolMismatch> }).data?.serverVersion;
      return mismatch(typeof v === 'number' ? v : null);
    }
    if (err.message === 'UNAUTHENTICATED') {
      ended = true;
      socket.disconnect();
      st().signedOut('Sessionen har gått ut. Logga in igen.');
      return;
    }
    lost();
  });
  socket.on('snapshot', (s) => st().onSnapshot(s));
  socket.on('warnings', (c) => useWarnings.getState().setLive(c));
  socket.on('events', (events, meta) => st().onEvents(events, meta));
  socket.on('session_ended', (r) => {
    ended = true;
    socket.disconnect();
    st().signedOut(r.message);
  });
  const onOffline = () => st().setConnection('offline');
  if (typeof window !== 'undefined') window.addEventListener('offline', onOffline);

  return {
    socket,
    close: () => {
      ended = true;
      clearTimeout(offlineTimer);
      if (typeof window !== 'undefined') window.removeEventListener('offline', onOffline);
      st().setTransport(null);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
