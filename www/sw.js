// The service worker: after one visit, the lab, the builder and the widget's own pages work with
// the network off.
//
// At install it keeps every file of the site (offline-files.js, written by `make build` and
// `make dist`) in a cache named after their version. Online, every request still goes to the
// network, so a reader always gets the current site; only when the network fails does the
// cached copy answer. The cache is written once per version, whole, and never added to: a new
// version of any file makes a new offline-files.js, which installs a new cache; the old one is
// deleted when the new worker takes over. (A page left open across an update may still load a
// file later, the explorations' worker say, from the newer copy.)

importScripts('offline-files.js');

const SCOPE = new URL(self.registration.scope);
// Named after the site's folder too: copies of the site at other paths of the same origin (a
// course's copy beside a preview) each keep their own, and never delete each other's.
const PREFIX = `leverage-cascade ${SCOPE.pathname} `;
const CACHE = `${PREFIX}${self.OFFLINE.version}`;
const FILES = new Set(self.OFFLINE.files);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: past the HTTP cache, so the copies are those of this version.
      await cache.addAll([...FILES].map((name) => new Request(new URL(name, SCOPE), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

/** The cached file a request of the site stands for (a folder means its index.html), or null. */
function fileOf(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  let name = url.pathname.slice(SCOPE.pathname.length);
  if (name === '' || name.endsWith('/')) name += 'index.html';
  return FILES.has(name) ? new URL(name, SCOPE).href : null;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const file = fileOf(new URL(request.url));
  if (!file) return;
  event.respondWith(
    fetch(request).catch(async (err) => {
      const kept = await caches.match(file, { cacheName: CACHE });
      if (kept) return kept;
      throw err;
    }),
  );
});
