/**
 * What the console keeps in the browser so a reload while offline is not an empty screen:
 * the last signed-in person, the last known state of each space (per user), and form drafts.
 * All of it is a cache: the server's stream replaces it on the next connect (the handshake
 * resumes from the cached seq; a seq the server does not know gets a snapshot). An explicit
 * sign-out or an ended session clears it (shared workstations), except the outbox, which holds
 * the officer's own unsent work.
 */
import { STATE_VERSION, type CityState, type UserProfile } from '../../../shared/domain/state';
import { lookup, setEntry } from '../../../shared/domain/keyed';

const LAST_USER = 'lagesbild.lastUser';
const STATE_PREFIX = 'lagesbild.state.';
const DRAFT_PREFIX = 'lagesbild.drafts.';
/** A state larger than this is not cached (localStorage is a few MB per origin, shared). */
export const STATE_CACHE_LIMIT = 2_000_000;

export function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function read<T>(storage: Storage | null, key: string): T | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(storage: Storage | null, key: string, value: unknown): void {
  if (!storage) return;
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value));
  } catch {
    /* full or denied: the cache is only a convenience */
  }
}

export const lastUser = {
  get: (storage = safeStorage()) => read<UserProfile>(storage, LAST_USER),
  set: (u: UserProfile | null, storage = safeStorage()) => write(storage, LAST_USER, u),
};

export interface CachedState {
  state: CityState;
  savedAt: string;
  stateVersion?: number;
}

export const stateCache = {
  get(userId: string, space: string, storage = safeStorage()): CachedState | null {
    const c = read<CachedState>(storage, `${STATE_PREFIX}${userId}.${space}`);
    // A copy of an older state shape is not used: the server sends a fresh one on connect.
    return c &&
      (c.stateVersion ?? 1) === STATE_VERSION &&
      typeof c.state?.seq === 'number' &&
      c.state.space === space
      ? c
      : null;
  },
  set(userId: string, space: string, state: CityState, storage = safeStorage()): void {
    const json = JSON.stringify({
      state,
      savedAt: new Date().toISOString(),
      stateVersion: STATE_VERSION,
    });
    if (json.length > STATE_CACHE_LIMIT) return;
    write(storage, `${STATE_PREFIX}${userId}.${space}`, json);
  },
  clear(userId: string, storage = safeStorage()): void {
    if (!storage) return;
    try {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (k?.startsWith(`${STATE_PREFIX}${userId}.`) || k === `${DRAFT_PREFIX}${userId}`)
          keys.push(k);
      }
      for (const k of keys) storage.removeItem(k);
    } catch {
      /* nothing to clear */
    }
  },
};

/** Text typed into a form and not yet sent, per user and form (origin). */
export const drafts = {
  get<T>(userId: string, origin: string, storage = safeStorage()): T | null {
    return lookup(read<Record<string, T>>(storage, DRAFT_PREFIX + userId), origin) ?? null;
  },
  set<T>(userId: string, origin: string, value: T | null, storage = safeStorage()): void {
    const all = read<Record<string, T>>(storage, DRAFT_PREFIX + userId) ?? {};
    if (value === null) delete all[origin];
    else setEntry(all, origin, value);
    write(storage, DRAFT_PREFIX + userId, Object.keys(all).length ? all : null);
  },
};
