/* global self, caches, fetch, URL */
/**
 * The app shell for a console reloaded while offline (docs/console.md, "Offline"): the page, its
 * hashed assets, the web app manifest and its icons, and the map (config, division and
 * stadsdelar GeoJSON, the gazetteer). Nothing personal is cached
 * here: /api/me, sign-in, exports and the socket always go to the network, and the state the
 * console shows offline comes from its own per-user cache, cleared on sign-out. The one
 * exception is the document library (R222): the console names the documents its user may
 * read, they are kept in a cache of their own, and the console clears it at sign-out. Same origin
 * only, so it runs under the strict CSP (worker-src falls back to script-src 'self').
 *
 * A click on a system notification (client/src/attention/notify.ts) brings the console forward
 * at the matter it names: an open console is focused and told which item to open; with none, a
 * new one opens at the link the notification carries.
 */
const CACHE = 'lagesbild-shell-v1';
const SHELL_API = new Set([
  '/api/config',
  '/api/division',
  '/api/map/gazetteer',
  '/api/map/neighbourhoods',
]);
const DOCS = 'lagesbild-library-v1';
/** Not hashed, so revalidated like the page: the installed app's name and icons. */
const SHELL_STATIC = new Set([
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
  '/icons/apple-touch-icon.png',
]);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const res = await fetch('/', { cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) return;
      const html = await res.clone().text();
      await cache.put('/', res);
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      await cache.addAll(assets);
      // The map too, so an offline reload still shows the districts (not personal data).
      await cache.addAll([...SHELL_API]).catch(() => undefined);
      await cache.addAll([...SHELL_STATIC]).catch(() => undefined);
    })().then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key !== CACHE && key !== DOCS) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(key);
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // A library document, also when opened as a page (a PDF in its own tab).
  if (url.pathname.startsWith('/api/files/')) event.respondWith(libraryDocument(req));
  // Every page path is the same index.html (the server's SPA fallback); an API answer opened
  // as a page (an export, a document) is not the page and is never kept as it.
  else if (req.mode === 'navigate' && !url.pathname.startsWith('/api/'))
    event.respondWith(networkFirst(req, '/'));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(req));
  else if (SHELL_API.has(url.pathname) || SHELL_STATIC.has(url.pathname))
    event.respondWith(networkFirst(req, url.pathname));
});

/** Keeps exactly the documents the console names; fetched with the user's own session. */
async function keepDocuments(urls) {
  const cache = await caches.open(DOCS);
  const wanted = new Set(urls.map((u) => new URL(u, self.location.origin).href));
  for (const req of await cache.keys()) if (!wanted.has(req.url)) await cache.delete(req);
  for (const url of wanted) {
    if (await cache.match(url)) continue;
    try {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (res.ok) await cache.put(url, res);
    } catch {
      // Offline now: the next list the console sends tries again.
    }
  }
}

self.addEventListener('message', (event) => {
  const msg = event.data || {};
  if (msg.type === 'library-documents' && Array.isArray(msg.urls))
    event.waitUntil(keepDocuments(msg.urls.filter((u) => typeof u === 'string')));
  else if (msg.type === 'library-clear') event.waitUntil(caches.delete(DOCS));
});

/** A library document: the network when there is one, the kept copy when there is not. */
async function libraryDocument(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const cache = await caches.open(DOCS);
    const url = new URL(request.url);
    url.searchParams.delete('download');
    const hit = (await cache.match(request)) || (await cache.match(url.href));
    if (hit) return hit;
    throw err;
  }
}

/** A same-origin console path from the notification's data, or the console's start. */
function consoleLink(data) {
  const url = typeof data.url === 'string' ? new URL(data.url, self.location.origin) : null;
  return url && url.origin === self.location.origin
    ? url.href
    : new URL('/', self.location.origin).href;
}

async function openConsoleAt(data) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const mine = windows.filter((c) => new URL(c.url).origin === self.location.origin);
  const client =
    mine.find((c) => c.focused) || mine.find((c) => c.visibilityState === 'visible') || mine[0];
  if (client) {
    // Told first, so the console opens the matter even if the browser refuses the focus.
    client.postMessage({
      type: 'attention-open',
      key: typeof data.key === 'string' ? data.key : undefined,
      space: typeof data.space === 'string' ? data.space : undefined,
      eventId: typeof data.eventId === 'string' ? data.eventId : undefined,
    });
    try {
      await client.focus();
    } catch {
      // Focus is the browser's to give (only from a real click); the console is told anyway.
    }
    return;
  }
  await self.clients.openWindow(consoleLink(data));
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = (event.notification && event.notification.data) || {};
  event.waitUntil(openConsoleAt(typeof data === 'object' ? data : {}));
});
