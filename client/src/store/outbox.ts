/**
 * Commands the person has asked for that the server has not yet answered. They survive a
 * dropped connection and a page reload (localStorage, per user), and keep their id on every
 * resend so the server applies each at most once (idempotency by command id).
 */
import type { DelegableRole } from '../../../shared/domain/vocabulary';
import { chainOf } from '../../../shared/commands/chains';

export interface PendingCommand {
  /** Client-made id (crypto.randomUUID); the same on every resend. */
  id: string;
  type: string;
  payload: unknown;
  space: string;
  actingFor?: DelegableRole;
  /** Where in the console it was sent from (a form key), so the ack is shown there. */
  origin: string;
  createdAt: string;
  /**
   * An earlier queued link of the same version chain (a report or no-change confirmation for
   * the same district or unit) that this one
   * follows: when that one is saved, this one is re-based on the report it produced (the
   * officer's own chain is not a conflict). See docs/console.md, "Offline".
   */
  after?: string;
  /** The server refused it as STALE: it waits here until the officer chooses (never resent by itself). */
  conflict?: OutboxConflict;
}

export interface OutboxConflict {
  code: 'STALE';
  message: string;
  latestReportId: string | null;
  at: string;
}

/**
 * The queue a command keeps its order in: a space and a version chain the command declares
 * (a district's or a unit's reports, R17, R27), or null for a command judged against no
 * version, which never waits for a conflict.
 */
export function chainQueue(cmd: Pick<PendingCommand, 'type' | 'payload' | 'space'>): string | null {
  const link = chainOf(cmd);
  return link ? `${cmd.space}|${link.key}` : null;
}

export interface Outbox {
  list(): PendingCommand[];
  add(cmd: PendingCommand): void;
  remove(id: string): void;
  /** Changes a queued command in place (its place in the queue is kept). */
  update(id: string, patch: (c: PendingCommand) => PendingCommand): void;
  clear(): void;
}

const KEY_PREFIX = 'lagesbild.outbox.';
/** A bounded queue: a console offline for hours must not grow without limit. */
export const OUTBOX_LIMIT = 200;

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function isPending(x: unknown): x is PendingCommand {
  const c = x as PendingCommand;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.id === 'string' &&
    typeof c.type === 'string' &&
    typeof c.space === 'string' &&
    typeof c.origin === 'string'
  );
}

/** The outbox of one signed-in user; `storage` null keeps it in memory only. */
export function createOutbox(userId: string, storage: Storage | null = safeStorage()): Outbox {
  const key = KEY_PREFIX + userId;
  let items: PendingCommand[] = [];
  if (storage) {
    try {
      const raw: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      if (Array.isArray(raw)) items = raw.filter(isPending);
    } catch {
      items = [];
    }
  }
  const save = () => {
    if (!storage) return;
    try {
      if (items.length) storage.setItem(key, JSON.stringify(items));
      else storage.removeItem(key);
    } catch {
      /* storage full or denied: the queue still lives in memory */
    }
  };
  return {
    list: () => [...items],
    add: (cmd) => {
      if (items.some((c) => c.id === cmd.id)) return;
      items = [...items, cmd].slice(-OUTBOX_LIMIT);
      save();
    },
    remove: (id) => {
      items = items.filter((c) => c.id !== id);
      save();
    },
    update: (id, patch) => {
      items = items.map((c) => (c.id === id ? patch(c) : c));
      save();
    },
    clear: () => {
      items = [];
      save();
    },
  };
}
