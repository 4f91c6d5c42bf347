/**
 * Library documents readable without a network (R222): the service worker keeps a copy of
 * every document the signed-in person may read, told here whenever that list changes, and
 * drops them all when nobody is signed in (sign-out, an expired session). Only what the
 * server's redacted state lists is asked for, so the cache never holds another role's plans.
 */
import { REAL_SPACE } from '../../../shared/protocol';
import type { consoleStore as Store } from '../store/console';
import { fileUrl } from './api';
import { liveDocuments } from './LinkedDocuments';

function post(msg: { type: 'library-documents'; urls: string[] } | { type: 'library-clear' }) {
  const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  if (!sw) return;
  void sw.ready.then((r) => r.active?.postMessage(msg)).catch(() => undefined);
}

export function startOfflineDocuments(store: typeof Store): () => void {
  let last = '';
  return store.subscribe((s) => {
    if (!s.me) {
      if (last !== 'signed-out') post({ type: 'library-clear' });
      last = 'signed-out';
      return;
    }
    const urls = liveDocuments(s.spaces[REAL_SPACE])
      .map((d) => fileUrl(REAL_SPACE, d.hash))
      .sort();
    const key = `${s.me.userId}|${urls.join(' ')}`;
    if (key === last) return;
    last = key;
    post({ type: 'library-documents', urls });
  });
}
