/**
 * Where photos chosen without a network wait (R257): IndexedDB, which holds the file's bytes
 * (localStorage holds only text and a few MB), one record per upload under its id, per user.
 * `memoryUploads` is the same contract in memory, for tests and for a browser without
 * IndexedDB (where the console refuses to queue instead, R258: memory does not survive a
 * reload, and a photo lost silently would be worse than one refused).
 */

export interface QueuedUpload {
  /** The upload's command id, from the content hash (./uploadQueue.ts): the same on every resend. */
  id: string;
  userId: string;
  space: string;
  /** The `attachment.add` payload (target, targetId, name, caption, confidential). */
  payload: Record<string, unknown>;
  actingFor?: string;
  createdAt: string;
  name: string;
  size: number;
  mediaType: string;
  blob: Blob;
}

export interface UploadStore {
  /** This person's waiting uploads, oldest first. */
  list(userId: string): Promise<QueuedUpload[]>;
  /** Keeps one; an upload with the same id replaces nothing (it is the same upload). */
  put(u: QueuedUpload): Promise<void>;
  remove(id: string): Promise<void>;
}

const DB = 'lagesbild-uploads';
const STORE = 'uploads';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB abort'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB'));
  });
}

/** IndexedDB, or null where the browser has none (or denies it, e.g. some private modes). */
export function indexedDbUploads(): UploadStore | null {
  if (typeof indexedDB === 'undefined') return null;
  let opened: Promise<IDBDatabase> | null = null;
  const db = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => {
        const s = r.result.createObjectStore(STORE, { keyPath: 'id' });
        s.createIndex('userId', 'userId');
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB'));
    }).catch((err: unknown) => {
      opened = null;
      throw err;
    });
    return opened;
  };
  return {
    async list(userId) {
      const tx = (await db()).transaction(STORE, 'readonly');
      const all = await request<QueuedUpload[]>(
        tx.objectStore(STORE).index('userId').getAll(userId),
      );
      return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async put(u) {
      const tx = (await db()).transaction(STORE, 'readwrite');
      const s = tx.objectStore(STORE);
      if ((await request(s.count(u.id))) === 0) s.add(u);
      await done(tx);
    },
    async remove(id) {
      const tx = (await db()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(id);
      await done(tx);
    },
  };
}

export function memoryUploads(): UploadStore {
  const items = new Map<string, QueuedUpload>();
  return {
    list: (userId) =>
      Promise.resolve(
        [...items.values()]
          .filter((u) => u.userId === userId)
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      ),
    put: (u) => {
      if (!items.has(u.id)) items.set(u.id, u);
      return Promise.resolve();
    },
    remove: (id) => {
      items.delete(id);
      return Promise.resolve();
    },
  };
}
