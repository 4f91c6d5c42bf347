/**
 * Where a system notification leads (R256): the item it announced, in its space, at its event.
 * A click on a notification reaches the console either as a message from the service worker
 * (the console was open: it is focused and opens the item) or as the link the notification
 * carried (no console was open: a new one starts there, `#/?uppmarksamhet=…&rum=…&handelse=…`).
 * The space is entered only if the person takes part in it; the server decides the rest anyway.
 */
import { useEffect } from 'react';
import { REAL_SPACE } from '../../../shared/protocol';
import { lookup } from '../../../shared/domain/keyed';
import { consoleStore, useConsole } from '../store/console';
import { useUi } from '../store/ui';
import { useAttentionUi } from './store';
import { myExercises } from '../screens/exercise/SpaceBar';

export interface AttentionTarget {
  key: string;
  space: string;
  eventId?: string;
}

const PARAM = { key: 'uppmarksamhet', space: 'rum', eventId: 'handelse' } as const;
const MAX = 200;

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX ? v : undefined;

/** The console link for a target: the home screen with the item named in the address. */
export function attentionLink(t: AttentionTarget): string {
  const p = new URLSearchParams({ [PARAM.key]: t.key, [PARAM.space]: t.space });
  if (t.eventId) p.set(PARAM.eventId, t.eventId);
  return `/#/?${p.toString()}`;
}

/** The target a console address names, if any (only well-formed strings are taken). */
export function readAttentionLink(hash: string): AttentionTarget | null {
  const i = hash.indexOf('?');
  if (i < 0) return null;
  const p = new URLSearchParams(hash.slice(i + 1));
  const key = text(p.get(PARAM.key));
  if (!key) return null;
  const eventId = text(p.get(PARAM.eventId));
  return { key, space: text(p.get(PARAM.space)) ?? REAL_SPACE, ...(eventId ? { eventId } : {}) };
}

/** A message from the service worker, if it is the notification click's. */
export function readAttentionMessage(data: unknown): AttentionTarget | null {
  const d = data as { type?: unknown; key?: unknown; space?: unknown; eventId?: unknown } | null;
  if (!d || typeof d !== 'object' || d.type !== 'attention-open') return null;
  const key = text(d.key);
  if (!key) return null;
  const eventId = text(d.eventId);
  return { key, space: text(d.space) ?? REAL_SPACE, ...(eventId ? { eventId } : {}) };
}

/** Opens the target: its space (if the person is in it), its event page, the dialog on it. */
export function openAttentionTarget(t: AttentionTarget): void {
  const s = consoleStore.getState();
  const exercises = lookup(s.spaces, REAL_SPACE)?.exercise.exercises ?? {};
  const mayEnter =
    t.space === REAL_SPACE || myExercises(s.me, exercises).some((e) => e.space === t.space);
  if (!mayEnter) return;
  if (t.space !== s.currentSpace) s.setSpace(t.space);
  if (t.eventId) useUi.getState().selectEvent(t.eventId);
  if (typeof window !== 'undefined') window.history.replaceState(null, '', '#/');
  // The home screen shows the selected event; the hash change tells the router.
  if (typeof window !== 'undefined') window.dispatchEvent(new HashChangeEvent('hashchange'));
  useAttentionUi.getState().reopen([t.key]);
}

/**
 * Listens for the service worker's word while signed in, and opens a link the console was
 * started at once the real space has loaded (the exercises it may enter are known then).
 */
export function useNotificationLinks(): void {
  const me = useConsole((s) => s.me?.userId);
  const ready = useConsole((s) => !!lookup(s.loaded, REAL_SPACE));
  useEffect(() => {
    if (!me || !ready) return;
    const started = readAttentionLink(window.location.hash);
    if (started) openAttentionTarget(started);
    const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
    if (!sw) return;
    const onMessage = (e: MessageEvent) => {
      const t = readAttentionMessage(e.data);
      if (t) openAttentionTarget(t);
    };
    sw.addEventListener('message', onMessage);
    // Messages from the worker wait until the page says it listens (addEventListener alone
    // does not start them, unlike onmessage).
    sw.startMessages();
    return () => sw.removeEventListener('message', onMessage);
  }, [me, ready]);
}
