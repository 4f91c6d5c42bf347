/* global self, caches, fetch, URL */
/**
 * The app shell for a console reloaded while offline (docs/console.md, "Offline"): the page, its
 * hashed assets and the district map (config + division GeoJSON). Nothing personal is cached
 * here: /api/me, sign-in, exports and the socket always go to the network, and the state the
 * console shows offline comes from its own per-user cache, cleared on sign-out. Same origin
 * only, so it runs under the strict CSP (worker-src falls back to script-src 'self').
 */
const CACHE = 'lagesbild-shell-v1';
const SHELL_API = new Set(['/api/config', '/api/division']);

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
    })().then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
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
  // Every page path is the same index.html (the server's SPA fallback).
  if (req.mode === 'navigate') event.respondWith(networkFirst(req, '/'));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(req));
  else if (SHELL_API.has(url.pathname)) event.respondWith(networkFirst(req, url.pathname));
});
