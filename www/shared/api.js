// Loads the simulator once per page and shares it: the one loader of the lab (main.js), its
// explorations (explore/panel.js) and the embed (embed.js). Module workers load their own copy.
//
// The JS glue and the .wasm are found in the pkg/ folder the caller names, resolved from its own
// import.meta.url (embed.js: `new URL('pkg/', import.meta.url)`), so a page that imports the
// widget from another path or origin still gets them from the widget's own folder, and so does
// the bundled embed.js of `make dist`, where this file's own URL is embed.js's. The first call
// for a folder starts the download and compilation; every later call for it, from any number of
// widgets or modules, gets the same promise.

const loading = new Map();

/**
 * Resolves to `{api, defaults, presets, version}` once the wasm module in the folder `pkg` (a
 * URL) is compiled and initialised, or rejects with an Error whose message says what failed.
 */
export function loadApi(pkg) {
  const key = String(pkg);
  if (!loading.has(key)) loading.set(key, start(pkg));
  return loading.get(key);
}

async function start(pkg) {
  if (typeof WebAssembly !== 'object') {
    throw new Error('this browser does not support WebAssembly');
  }
  // Fetch the wasm while the glue loads, rather than after it: one round trip less.
  const wasm = fetch(new URL('leverage_cascade_bg.wasm', pkg));
  wasm.catch(() => {}); // a failure is reported by init() below, not as an unhandled rejection
  const api = await import(new URL('leverage_cascade.js', pkg).href);
  await api.default({ module_or_path: wasm });
  if (typeof api.render !== 'function') {
    throw new Error('this copy of pkg/ is older than the widget (it has no render function); rebuild it with `make build`');
  }
  return { api, defaults: api.defaultParams(), presets: api.presets(), version: api.version() };
}

/**
 * Sets a canvas's backing store to its CSS size × devicePixelRatio, so charts stay crisp on
 * HiDPI screens. Returns false when the canvas has no size (not laid out), true otherwise.
 */
export function fitCanvas(canvas) {
  const rect = canvas.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return false;
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(rect.width * ratio);
  const height = Math.round(rect.height * ratio);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return true;
}
