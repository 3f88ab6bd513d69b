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
  // After the page has loaded, and once no control has moved for two seconds: the copies for
  // offline use never delay the first chart, and their install (the site's files, 1.4 MB,
  // fetched and stored on other threads) does not take a core from a reader's drag (on two
  // cores, a few inputs of a slider moved then took 50–95 ms instead of 20–40).
  let timer = 0;
  const wait = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      removeEventListener('input', wait, true);
      register();
    }, 2000);
  };
  const start = () => {
    addEventListener('input', wait, true);
    wait();
  };
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}
