// Registers the service worker (www/sw.js) that keeps the site for offline use. `worker` is
// sw.js's URL, resolved by the caller from its own import.meta.url (in the bundled embed.js of
// `make dist`, this file's URL is embed.js's). Only a page of the site itself registers it: a
// page on another origin, or outside the site's folder, embedding the widget does not, nor
// does embed.html framed by another site.

export function keepOffline(worker) {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const url = new URL(worker);
  const scope = new URL('./', url);
  if (url.origin !== location.origin || !location.pathname.startsWith(scope.pathname)) return;
  // Inside a frame on another site (embed.html in a course platform), the site is not the
  // reader's to keep: only a frame within the site itself (the builder's preview) registers.
  if (window.top !== window) {
    try {
      if (window.top.location.origin !== location.origin) return;
    } catch {
      return;
    }
  }
  // updateViaCache 'none': a new offline-files.js is seen at once, not when the HTTP cache expires.
  const register = () => navigator.serviceWorker.register(url, { scope: scope.pathname, updateViaCache: 'none' }).catch(() => {});
  // After the page has started: the copies for offline use never delay the first chart.
  if (document.readyState === 'complete') setTimeout(register, 1000);
  else window.addEventListener('load', () => setTimeout(register, 1000), { once: true });
}
