/**
 * The Socket.IO rooms of the gateway, named in one place. A room's name is only an address:
 * what a class room stands for is kept beside it as a typed value, never parsed back from the
 * name, so an id with a colon or a bar in it cannot be read as something else.
 */
import type { VisibilityClass } from '../shared/visibility';

/** Every socket of one account, on every node (sign-out, disabling, a changed password). */
export const userRoom = (userId: string): string => `u:${userId}`;

/** Every socket of one signed-in session. */
export const sessionRoom = (sid: string): string => `sid:${sid}`;

/** The live stream of one space for one visibility class. */
export const classRoom = (space: string, cls: VisibilityClass): string => `s:${space}:v:${cls.key}`;

/**
 * The class rooms of each space with the class each stands for, so the fan-out sends to the
 * rooms that have members and filters once per class, never per socket.
 */
export class ClassRooms {
  private readonly bySpace = new Map<string, Map<string, VisibilityClass>>();

  /** The room a socket of this class joins; remembered with its class. */
  join(space: string, cls: VisibilityClass): string {
    let rooms = this.bySpace.get(space);
    if (!rooms) this.bySpace.set(space, (rooms = new Map()));
    const room = classRoom(space, cls);
    rooms.set(room, cls);
    return room;
  }

  /** Whether a room is one of this space's class rooms (a socket leaves them on resubscribe). */
  isOf(space: string, room: string): boolean {
    return this.bySpace.get(space)?.has(room) ?? false;
  }

  /** The space's rooms with their classes. */
  of(space: string): IterableIterator<[string, VisibilityClass]> {
    return (this.bySpace.get(space) ?? new Map<string, VisibilityClass>()).entries();
  }

  /** Forgets a room no socket is in any more. */
  drop(space: string, room: string): void {
    this.bySpace.get(space)?.delete(room);
  }
}
