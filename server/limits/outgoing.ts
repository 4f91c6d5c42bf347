import type { Socket } from 'socket.io';

/**
 * What a console has not read yet: bytes the websocket has queued for the network plus what
 * engine.io holds for it (a transport that is not writable, or a poll that has not come).
 * A console that stops reading makes both grow; R88 bounds them.
 */
export function bufferedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as {
    writeBuffer?: { data?: unknown }[];
    transport?: { socket?: { bufferedAmount?: number } };
  };
  let n = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const p of conn.writeBuffer ?? [])
    n +=
      typeof p.data === 'string'
        ? p.data.length
        : p.data instanceof Buffer || p.data instanceof ArrayBuffer
          ? p.data.byteLength
          : 16;
  return n;
}

/**
 * Drops a console at once, freeing what it had not read: a closing handshake would wait behind
 * the very bytes it never reads, so the connection is cut. It reconnects with its last seq and
 * catches up as after any dropped connection.
 */
export function dropConsumer(socket: Socket): void {
  const conn = socket.conn as unknown as {
    transport?: { name?: string; socket?: { terminate?: () => void } };
  };
  socket.disconnect(true);
  if (conn.transport?.name === 'websocket') conn.transport.socket?.terminate?.();
}

/** Outgoing bytes a console may leave unread before it is dropped (R88, SOCKET_BUFFER_LIMIT_MB). */
export const DEFAULT_SOCKET_BUFFER_LIMIT_MB = 32;
