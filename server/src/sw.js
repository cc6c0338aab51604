// Mera's service worker. The server fills in the version and the list of files; any new build
// changes both, so the browser installs this worker anew and the old cache is dropped.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = "mera-shell-" + VERSION;
// A teacher on a weak classroom signal gets the cached app after this long, not a blank page.
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("mera-shell-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Data is never served from this cache: the app keeps its own device store.
  if (url.pathname.startsWith("/api/") || url.pathname === "/healthz") return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(request, { cacheName: CACHE });
    return cached || fetch(request);
  })());
});

async function navigate(request) {
  const cachedShell = () => caches.match("/", { cacheName: CACHE });
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), NAVIGATION_TIMEOUT_MS)),
    ]);
    return response;
  } catch (error) {
    return (await cachedShell()) || Response.error();
  }
}
