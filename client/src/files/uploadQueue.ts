/**
 * Photos and files attached without a network (R257, R258). An attachment's command id comes
 * from what it is: the file's SHA-256, the record it hangs on and how many attachments of the
 * same file were removed from that record before. Sent online, or queued in IndexedDB and sent
 * when the console is live again, every resend of one choice carries that id, so the server
 * (idempotent by command id) stores it once; choosing the same photo for the same record twice
 * is one attachment. If the browser cannot keep the file (no IndexedDB, storage full, larger
 * than the server takes, the queue full) the person is told at once, in Swedish, and nothing
 * waits.
 */
import { createStore, useStore } from 'zustand';
import { tableValues } from '../../../shared/domain/table';
import type { AttachmentTarget } from '../../../shared/files/model';
import { filesOf } from '../../../shared/files/policy';
import { DEFAULT_UPLOAD_MAX_MB } from '../../../shared/files/sniff';
import type { CityState } from '../../../shared/domain/state';
import { lookup } from '../../../shared/domain/keyed';
import { consoleStore } from '../store/console';
import { NO_CONNECTION, sizeText, uploadFile, type UploadResult } from './api';
import { indexedDbUploads, type QueuedUpload, type UploadStore } from './uploadStore';

/** At most this many files wait at once, and at most this many bytes together. */
export const UPLOAD_QUEUE_FILES = 20;
export const UPLOAD_QUEUE_BYTES = 100 * 2 ** 20;
/** While live, a queued upload the server could not take yet is tried again this often. */
const RETRY_MS = 10_000;

/** What the outbox panel shows of a waiting upload (the bytes stay in IndexedDB). */
export type QueuedUploadView = Omit<QueuedUpload, 'blob'>;

export interface RefusedUpload {
  id: string;
  name: string;
  message: string;
}

export interface AttachRequest {
  space: string;
  target: AttachmentTarget;
  targetId: string;
  payload: Record<string, unknown>;
  file: Blob;
  name: string;
  actingFor?: string | null;
}

export type AttachOutcome =
  | { ok: true; queued: false; duplicate?: boolean }
  | { ok: true; queued: true }
  | { ok: false; message: string };

export interface UploadQueue {
  userId: string | null;
  items: QueuedUploadView[];
  refused: RefusedUpload[];
  /** The server's upload limit (from `/api/config`; the default until it is known). */
  maxBytes: number;
  setMaxBytes(n: number): void;
  /** Loads the waiting uploads of whoever is signed in (null: nobody). */
  start(userId: string | null): Promise<void>;
  /** Sends now if the console is live, else (or if the network fails) keeps it for later. */
  attach(req: AttachRequest): Promise<AttachOutcome>;
  flush(): Promise<void>;
  dismissRefused(id: string): void;
}

const hex = (b: ArrayBuffer) =>
  [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

async function sha256(data: BufferSource): Promise<string | null> {
  try {
    return hex(await crypto.subtle.digest('SHA-256', data));
  } catch {
    return null; // no WebCrypto (a page not served over https or from localhost)
  }
}

/**
 * The upload's command id: the same for the same file on the same record (until an attachment
 * of that file there is removed: then a new choice is a new attachment).
 */
export async function attachmentCommandId(
  state: CityState | undefined,
  req: Pick<AttachRequest, 'space' | 'target' | 'targetId' | 'file'>,
): Promise<string> {
  const fileHash = await sha256(await req.file.arrayBuffer());
  if (!fileHash) return `up-${crypto.randomUUID()}`;
  const removed = state
    ? tableValues(filesOf(state).attachments).filter(
        (a) =>
          a.hash === fileHash &&
          a.target === req.target &&
          a.targetId === req.targetId &&
          a.removed,
      ).length
    : 0;
  const key = new TextEncoder().encode(
    [req.space, req.target, req.targetId, fileHash, String(removed)].join('\n'),
  );
  return `ph-${(await sha256(key))!.slice(0, 48)}`;
}

const view = ({ blob: _b, ...rest }: QueuedUpload): QueuedUploadView => rest;

/** The record of one upload, as kept in the browser and as sent. */
function uploadRecord(
  req: AttachRequest,
  id: string,
  userId: string,
  createdAt: string,
): QueuedUpload {
  return {
    id,
    userId,
    space: req.space,
    payload: req.payload,
    ...(req.actingFor ? { actingFor: req.actingFor } : {}),
    createdAt,
    name: req.name,
    size: req.file.size,
    mediaType: req.file.type,
    blob: req.file,
  };
}

export interface UploadQueueOptions {
  /** Where files wait; null: this browser cannot keep them (R258). */
  store?: UploadStore | null;
  send?: (u: QueuedUpload) => Promise<UploadResult>;
  live?: () => boolean;
  announce?: (text: string) => void;
  now?: () => string;
  /** How soon to try again while live after a send that was not decided; null: only on flush. */
  retryMs?: number | null;
}

const sendQueued = (u: QueuedUpload) =>
  uploadFile('/api/attachments', u.space, u.payload, u.blob, u.actingFor, u.id);

export function createUploadQueue(o: UploadQueueOptions = {}) {
  const backend = o.store === undefined ? indexedDbUploads() : o.store;
  const send = o.send ?? sendQueued;
  const live = o.live ?? (() => consoleStore.getState().connection.status === 'live');
  const announce = o.announce ?? ((t: string) => consoleStore.getState().announce(t));
  const now = o.now ?? (() => new Date().toISOString());
  const retryMs = o.retryMs === undefined ? RETRY_MS : o.retryMs;
  let flushing = false;
  let again = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  return createStore<UploadQueue>()((set, get) => {
    async function reload(): Promise<QueuedUpload[]> {
      const userId = get().userId;
      if (!backend || !userId) return [];
      const all = await backend.list(userId).catch(() => [] as QueuedUpload[]);
      if (get().userId === userId) set({ items: all.map(view) });
      return all;
    }

    async function keep(req: AttachRequest, id: string): Promise<AttachOutcome> {
      const userId = get().userId;
      const { items, maxBytes } = get();
      if (!backend || !userId)
        return {
          ok: false,
          message: `Den här webbläsaren kan inte spara filen till senare. ${NO_CONNECTION}`,
        };
      if (req.file.size > maxBytes)
        return {
          ok: false,
          message: `Filen är för stor (${sizeText(req.file.size)}). Största tillåtna storlek är ${sizeText(maxBytes)}.`,
        };
      if (items.some((u) => u.id === id)) return { ok: true, queued: true };
      const bytes = items.reduce((n, u) => n + u.size, 0);
      if (items.length >= UPLOAD_QUEUE_FILES || bytes + req.file.size > UPLOAD_QUEUE_BYTES)
        return {
          ok: false,
          message: `Filen sparades inte: ${items.length} filer (${sizeText(bytes)}) väntar redan på att skickas. Anslut och låt dem gå iväg först.`,
        };
      try {
        await backend.put(uploadRecord(req, id, userId, now()));
      } catch {
        return {
          ok: false,
          message: `Webbläsarens lagring är full eller avstängd, så filen kunde inte sparas till senare. ${NO_CONNECTION}`,
        };
      }
      await reload();
      return { ok: true, queued: true };
    }

    return {
      userId: null,
      items: [],
      refused: [],
      maxBytes: DEFAULT_UPLOAD_MAX_MB * 2 ** 20,
      setMaxBytes: (n) => {
        if (Number.isFinite(n) && n > 0) set({ maxBytes: n });
      },
      async start(userId) {
        if (get().userId === userId) return;
        set({ userId, items: [], refused: [] });
        await reload();
        if (live()) void get().flush();
      },
      async attach(req) {
        const id = await attachmentCommandId(
          lookup(consoleStore.getState().spaces, req.space),
          req,
        );
        if (!live()) return keep(req, id);
        const r = await send(uploadRecord(req, id, get().userId ?? '', now()));
        if (r.ok) return { ok: true, queued: false, ...(r.duplicate ? { duplicate: true } : {}) };
        // The connection went while sending: nothing was decided, so it waits like offline.
        if (r.retry) return keep(req, id);
        return { ok: false, message: r.message };
      },
      async flush() {
        if (flushing) {
          again = true;
          return;
        }
        flushing = true;
        try {
          do {
            again = false;
            for (const u of await reload()) {
              if (!live() || get().userId !== u.userId) return;
              const r = await send(u);
              if (!r.ok && r.retry) {
                // Not decided: keep it (and the order), try again soon while live.
                if (retry) clearTimeout(retry);
                if (retryMs !== null)
                  retry = setTimeout(() => {
                    retry = null;
                    void get().flush();
                  }, retryMs);
                return;
              }
              await backend?.remove(u.id).catch(() => undefined);
              if (r.ok) announce(`Bilagan ${u.name} är skickad.`);
              else {
                set({
                  refused: [...get().refused, { id: u.id, name: u.name, message: r.message }],
                });
                announce(`Bilagan ${u.name} avvisades: ${r.message}`);
              }
            }
            await reload();
          } while (again);
        } finally {
          flushing = false;
        }
      },
      dismissRefused: (id) => set({ refused: get().refused.filter((r) => r.id !== id) }),
    };
  });
}

export const uploadQueue = createUploadQueue();

export const useUploads = <T>(sel: (s: UploadQueue) => T): T => useStore(uploadQueue, sel);

/** Follows who is signed in and the connection: loads their queue, sends it when live. */
export function startUploadQueue(): () => void {
  let wasLive = false;
  return consoleStore.subscribe((s) => {
    void uploadQueue.getState().start(s.me?.userId ?? null);
    const isLive = s.connection.status === 'live';
    if (isLive && !wasLive) void uploadQueue.getState().flush();
    wasLive = isLive;
  });
}
