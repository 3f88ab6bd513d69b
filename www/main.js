// The lab page: wires the controls declared in index.html to the model's JS API
// (pkg/leverage_cascade.js), draws the two charts, narrates the run and keeps the URL in step
// with what is on screen.
//
// Flow: a control changes `state.params` → compare() at once (at most once between two frames;
// a later input's is computed in the next frame, so the last input always wins) and a redraw on
// the next animation frame → readout, gauge, story and charts update → the URL is rewritten
// shortly after. Every value that comes from the model or a link reaches the page through
// textContent or a form property, never as HTML.

import {
  FIELDS,
  checkWithModel,
  clone,
  errorField,
  errorMessage,
  fromQuery,
  get,
  linkKeyOf,
  normalize,
  sameKey,
  set,
  switchOf,
  toQuery,
} from './lab/schema.js';
import { formatControl, limitsOf, readControl, setUp, showValue } from './lab/controls.js';
import { signedMove, speedWindow } from './lab/words.js';
import * as ENGLISH from './lang/lab-en.js';
import { pickLanguage, languageOf, LANGUAGES } from './shared/lang.js';
import { translatePage } from './shared/translate.js';
import { drawRecordMarks, recordFor, recordMarksCaption, recordMarksLabel, recordRows } from './lab/record.js';
import { download, toCsv } from './lab/export.js';
import { TOUR } from './lab/tour.js';
import { loadApi } from './shared/api.js';
import { keepOffline } from './shared/offline.js';
import { handle, state as pageState } from './shared/state.js';

const byId = (id) => document.getElementById(id);

const el = {
  boot: byId('boot'),
  fatal: byId('fatal'),
  notice: byId('notice'),
  noticeText: byId('notice-text'),
  noticeList: byId('notice-list'),
  noticeClose: byId('notice-close'),
  error: byId('error'),
  errorText: byId('error-text'),
  preset: byId('preset'),
  presetSummary: byId('preset-summary'),
  record: byId('record'),
  recordMarket: byId('record-market'),
  recordRows: byId('record-rows'),
  recordLeftOut: byId('record-left-out'),
  recordSources: byId('record-sources'),
  recordCaption: byId('record-caption'),
  reset: byId('reset'),
  readout: byId('readout'),
  headline: byId('headline'),
  cards: byId('cards'),
  priceCanvas: byId('chart-price'),
  mapCanvas: byId('chart-map'),
  play: byId('play'),
  stepBack: byId('step-back'),
  step: byId('step'),
  cursor: byId('cursor'),
  cursorOut: byId('cursor-out'),
  reducedNote: byId('reduced-motion-note'),
  now: byId('now'),
  events: byId('events'),
  nNow: byId('n-now'),
  nPeak: byId('n-peak'),
  nMeter: byId('n-meter'),
  nMeaning: byId('n-meaning'),
  nPeakMeaning: byId('n-peak-meaning'),
  markerNow: byId('marker-now'),
  markerPeak: byId('marker-peak'),
  link: byId('link'),
  teachLink: byId('teach-link'),
  copy: byId('copy'),
  exportPng: byId('export-png'),
  exportCsv: byId('export-csv'),
  shareStatus: byId('share-status'),
  version: byId('version'),
  tour: byId('tour'),
  tourStart: byId('tour-start'),
  tourCount: byId('tour-count'),
  tourTitle: byId('tour-title'),
  tourText: byId('tour-text'),
  tourLook: byId('tour-look'),
  tourBack: byId('tour-back'),
  tourNext: byId('tour-next'),
  tourClose: byId('tour-close'),
};

/** Every parameter control declared in the HTML (sliders and selects with data-param). */
const controls = [...document.querySelectorAll('[data-param]')];

const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
const darkScheme = matchMedia('(prefers-color-scheme: dark)');

/** Events listed under the chart at most; the model itself keeps at most 400. */
const MAX_LISTED_EVENTS = 200;
/** In reduced-motion playback, the pause between two events, ms. */
const EVENT_PAUSE_MS = 1500;
/**
 * Play sweeps the price chart's time axis in about this many seconds (so the squeezed quiet
 * stretches pass quickly), plus a beat at each event.
 */
const PLAY_SECONDS = 12;
/** Play holds the cursor on each event (a wave, a halt, a reopening) for this long, ms. */
const EVENT_BEAT_MS = 700;

let api = null;
/** The page's words: lang/lab-<lang>.js for the language of the link or the browser. */
let L = ENGLISH;
/** The language the link asked for (`lang=`), kept in the links the page writes; or null. */
let linkLang = null;
let defaults = null;
let presets = [];
let version = { crate: '?', model: '?' };
/** Page limits per parameter key, from the sliders' ranges. */
const limits = {};

/** The page's state (params, result, focus, cursor, tour step), shared with the explorations. */
const state = pageState;

// ---------------------------------------------------------------------------------------------
// Start-up

/**
 * The language of the link's `lang=`, else of the browser, of those there are words for; the
 * page says everything in it from the start (its fixed text translated as soon as the words
 * arrive, while the simulator loads).
 */
async function loadLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  linkLang = asked !== null && languageOf(asked) ? languageOf(asked) : null;
  const lang = pickLanguage(linkLang, navigator.languages || [], navigator.language);
  if (lang === 'en') return;
  L = await import(`./lang/lab-${lang}.js`).catch(() => ENGLISH);
  state.lang = L === ENGLISH ? 'en' : lang;
  if (L.HTML) translatePage(L.LANG, L.HTML);
}

async function boot() {
  const words = loadLanguage();
  try {
    const [world] = await Promise.all([loadApi(new URL('pkg/', import.meta.url)), words]);
    api = world.api;
    defaults = normalize(world.defaults);
    presets = world.presets;
    version = world.version;
  } catch (err) {
    // The message in the page's language: the words may still be on their way.
    await words.catch(() => {});
    showFatal(err);
    return;
  }
  for (const node of document.querySelectorAll('button, select, input')) node.disabled = false;
  setUpControls();
  fillPresets();
  wireEvents();
  restoreFromUrl();
  el.version.textContent = L.SAY.version(version);
  el.boot.hidden = true;
  updateReducedMotionNote();
  state.ready = true;
  keepOffline(new URL('sw.js', import.meta.url));
}

function showFatal(err) {
  state.failed = err && err.message ? err.message : String(err);
  el.boot.hidden = true;
  el.fatal.hidden = false;
  el.fatal.replaceChildren();
  const what = document.createElement('p');
  what.textContent = L.SAY.fatal;
  const detail = document.createElement('p');
  detail.className = 'hint';
  detail.textContent = L.SAY.detail(err && err.message ? err.message : String(err));
  el.fatal.append(what, detail);
  el.headline.textContent = L.SAY.failed;
}

function setUpControls() {
  for (const input of controls) {
    setUp(input);
    const range = limitsOf(input);
    const key = input.dataset.param;
    if (range && FIELDS.some((f) => f.key === key)) limits[key] = range;
  }
}

function fillPresets() {
  presetKeys = presets.map((p) => sameKey(normalize(p.params)));
  for (const preset of presets) {
    const option = document.createElement('option');
    option.value = preset.id;
    option.textContent = L.presetWords(preset).title;
    el.preset.append(option);
  }
}

/**
 * Reads the link: preset, then each parameter, each checked by schema.js and then by the model.
 * Whatever is refused falls back to its default and is listed in a visible notice.
 */
function restoreFromUrl() {
  const read = fromQuery(location.search, defaults, presets, limits, L.REASONS);
  let params = read.params;
  const ignored = read.ignored;
  if (read.tour !== null) {
    if (read.tour <= TOUR.length) {
      state.tourStep = read.tour - 1;
      // A bare ?tour=N loads that step's preset; a link with settings keeps its settings.
      if (read.given.length === 0 && !read.presetId) params = tourParams(TOUR[state.tourStep]);
      state.focus = TOUR[state.tourStep].focus || 'none';
    } else {
      ignored.push({ key: 'tour', value: String(read.tour), reason: L.SAY.tourSteps(TOUR.length) });
    }
  }
  if (read.focus !== null) state.focus = read.focus;
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked !== null && !languageOf(asked)) ignored.push({ key: 'lang', value: asked.slice(0, 40), reason: L.SAY.badLang(LANGUAGES.join(', ')) });
  state.predict = read.predict;
  setRules(read.lock, read.hide, ignored);
  const checked = checkWithModel(params, defaults, (p) => api.compare(p), ignored);
  for (const item of ignored) item.reason = L.modelError(item.reason);
  state.params = checked.params;
  const notes = [];
  if (read.version !== null && read.version !== version.model) {
    notes.push(L.SAY.otherVersion(read.version, version.model));
  }
  showNotice(ignored, notes);
  syncControls();
  syncFocus();
  if (state.tourStep !== null) showTourStep({ moveFocus: false });
  // With predict=1 the link's market is new to whoever opens it: a guess first (an assignment).
  if (state.tourStep === null || !TOUR[state.tourStep].explore) startGuess(state.params);
  if (checked.result) {
    acceptResult(checked.result);
    // The canonical form of the link goes into the address bar at once.
    writeUrl();
  }
  request({ compute: !checked.result });
}

// ---------------------------------------------------------------------------------------------
// Events

/** Settings the link locks (shown, not movable) and hides, by parameter key. */
const rules = { lock: new Set(), hide: new Set() };

/**
 * Takes the link's lock= and hide= lists: each named setting's control is disabled (locked) or
 * taken off the page (hidden), with a note saying why. A setting with no control here is reported.
 */
function setRules(lock, hide, ignored) {
  for (const [name, keys] of [['lock', lock], ['hide', hide]]) {
    for (const key of keys) {
      if (controlFor(key)) rules[name].add(key);
      else ignored.push({ key: name, value: key, reason: L.SAY.noControl });
    }
  }
  for (const input of controls) {
    const key = linkKeyOf(input.dataset.param);
    const control = input.closest('.control');
    // A hidden switch takes its own settings with it (the second venue's, say).
    const hidden = rules.hide.has(key) || rules.hide.has(switchOf(key));
    const locked = rules.lock.has(key) && !hidden;
    if (control) control.hidden = hidden;
    input.disabled = hidden || locked;
    if (locked && control && !control.querySelector('.locked-note')) {
      const note = document.createElement('p');
      note.className = 'hint locked-note';
      note.id = `${input.id}-locked`;
      note.textContent = L.SAY.lockedNote;
      control.append(note);
      input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${note.id}`.trim());
    }
  }
  // A group whose every setting is hidden goes too.
  for (const group of document.querySelectorAll('#controls fieldset')) {
    const shown = [...group.querySelectorAll('.control')].some((c) => !c.hidden);
    group.hidden = !shown;
  }
}

/**
 * A control moved: its value goes into the params, and the page recomputes, at once unless
 * `early` is false (a caller about to move another control too).
 */
function controlChanged(input, early = true) {
  // Moving a setting is exploring, not a new scenario to guess: show what it does.
  if (state.guessing) endGuess();
  set(state.params, input.dataset.param, readControl(input));
  markBusy();
  syncControls();
  request({ compute: true, early });
}

function wireEvents() {
  for (const input of controls) {
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => controlChanged(input));
  }
  // The explorations move a control as a person would (a click on a map square). A square sets
  // two controls in a row, so the market is computed in the frame, once, with both.
  handle('setControl', ({ key, value }) => {
    const input = controls.find((c) => c.dataset.param === key);
    if (!input || input.disabled) return false;
    showValue(input, value);
    controlChanged(input, false);
    return true;
  });
  byId('controls').addEventListener('submit', (e) => e.preventDefault());

  el.preset.addEventListener('change', () => {
    const preset = presets.find((p) => p.id === el.preset.value);
    if (!preset) return;
    applyParams(preset.params);
    startGuess(preset.params);
  });
  byId('guess').addEventListener('input', showGuess);
  byId('reveal').addEventListener('click', reveal);
  el.reset.addEventListener('click', () => {
    stopPlaying();
    state.cursor = null;
    state.focus = 'none';
    syncFocus();
    hideNotice();
    endGuess();
    applyParams(defaults);
  });
  for (const radio of document.querySelectorAll('input[name="focus"]')) {
    radio.addEventListener('change', () => {
      state.focus = radio.value;
      showResult();
      scheduleUrl();
      request({ draw: true });
    });
  }

  el.play.addEventListener('click', togglePlay);
  el.step.addEventListener('click', () => stepEvent(1));
  el.stepBack.addEventListener('click', () => stepEvent(-1));
  el.cursor.addEventListener('input', () => {
    stopPlaying();
    state.cursor = Number(el.cursor.value);
    state.eventIndex = null;
    showPlayback();
    request({ draw: true });
  });

  // Pointer shortcut for the Time slider: press or drag on the price chart to move the cursor.
  el.priceCanvas.addEventListener('pointerdown', (e) => {
    if (!scrubTo(e)) return;
    el.priceCanvas.setPointerCapture(e.pointerId);
  });
  el.priceCanvas.addEventListener('pointermove', (e) => {
    if (el.priceCanvas.hasPointerCapture(e.pointerId)) scrubTo(e);
  });

  el.copy.addEventListener('click', copyLink);
  el.link.addEventListener('focus', () => el.link.select());
  el.exportPng.addEventListener('click', exportPng);
  el.exportCsv.addEventListener('click', exportCsv);
  el.noticeClose.addEventListener('click', hideNotice);

  el.tourStart.addEventListener('click', () => openTour(0));
  el.tourBack.addEventListener('click', () => openTour(state.tourStep - 1));
  el.tourNext.addEventListener('click', () => {
    if (state.tourStep >= TOUR.length - 1) closeTour();
    else openTour(state.tourStep + 1);
  });
  el.tourClose.addEventListener('click', closeTour);

  // The observer also remembers each canvas's CSS size, so a redraw never has to ask for layout
  // (which, after the readout's text changed, would force the browser to lay out mid-frame). It
  // redraws only when a canvas on screen holds a drawing made for another size: its first report
  // comes just after the first chart was drawn at the size layout gave it, and redrawing then
  // cost the frame after the first chart 7-18 ms.
  const resize = new ResizeObserver((entries) => {
    const ratio = window.devicePixelRatio || 1;
    let stale = false;
    for (const { target, contentRect: box } of entries) {
      cssSizes.set(target, { width: box.width, height: box.height });
      const [width, height] = [Math.round(box.width * ratio), Math.round(box.height * ratio)];
      stale ||= width > 0 && height > 0 && drawnSizes.get(target) !== `${width}×${height}`;
    }
    if (stale) request({ draw: true });
  });
  resize.observe(el.priceCanvas);
  resize.observe(el.mapCanvas);
  resize.observe(byId('mini-line'));
  watchPixelRatio();
  darkScheme.addEventListener('change', () => request({ draw: true }));
  reducedMotion.addEventListener('change', updateReducedMotionNote);
  window.addEventListener('pagehide', writeUrl);
}

/** Redraws when the page moves to a screen with another pixel ratio (or the user zooms). */
function watchPixelRatio() {
  const query = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
  query.addEventListener(
    'change',
    () => {
      request({ draw: true });
      watchPixelRatio();
    },
    { once: true },
  );
}

let busyTimer = 0;
/** While a slider is being dragged, screen readers wait for the readout to settle. */
function markBusy() {
  el.readout.setAttribute('aria-busy', 'true');
  clearTimeout(busyTimer);
  busyTimer = setTimeout(() => el.readout.removeAttribute('aria-busy'), 500);
}

/** Replaces every setting with `params` (a preset, the tour, Reset). */
function applyParams(params) {
  const next = normalize(params);
  // Locked and hidden settings keep the link's values through presets, Reset and the tour.
  for (const key of [...rules.lock, ...rules.hide]) set(next, key, get(state.params, key));
  state.params = next;
  syncControls();
  request({ compute: true });
}

/** The halt levels' hint as index.html has it: for a breaker that measures from the start. */
let levelsHintFromStart = null;

/**
 * The halt levels' hint says what the levels are measured from: the start (the US rule, and
 * the default), or the highest price of the breaker's window, a pause on speed (may-2010's
 * Stop Logic), which the lab has no control for but a preset or a link can set.
 */
function syncLevelsHint() {
  const hint = byId('circuitBreaker-firstLevelPct-hint');
  levelsHintFromStart ??= hint.textContent;
  const window = speedWindow(state.params.circuitBreaker, state.params.tickSeconds);
  hint.textContent = window !== null ? L.SAY.speedLevels(L.duration(window)) : levelsHintFromStart;
}

function syncControls() {
  // The second venue's own settings show only while there is one.
  byId('second-venue-controls').hidden = !get(state.params, 'secondVenue');
  syncLevelsHint();
  for (const input of controls) {
    const value = get(state.params, input.dataset.param);
    if (input.tagName === 'SELECT') {
      const known = [...input.options].some((o) => o.value === value);
      input.value = known ? value : 'custom';
    } else if (input.type === 'checkbox') {
      // A switch says on or off itself; it has no value text.
      showValue(input, value);
    } else {
      showValue(input, value);
      const text = formatControl(input, state.params, L.LAB_FORMATS);
      const out = byId(`${input.id}-out`);
      if (out) setText(out, text);
      if (input.getAttribute('aria-valuetext') !== text) input.setAttribute('aria-valuetext', text);
    }
  }
  syncPresetSelect();
}

/**
 * Sets a node's text only when it differs: writing the same text still replaces the text node,
 * and each replaced node costs the next frame a layout (every control's readout is written on
 * every slider input).
 */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** Each preset's `sameKey`, made once (fillPresets): every input compares params with them all. */
let presetKeys = [];

/** The preset whose params are `params`, or undefined. */
function presetOf(params) {
  const key = sameKey(params);
  return presets.find((_, i) => presetKeys[i] === key);
}

/** Shows the preset whose params equal the current ones, or "Your settings". */
function syncPresetSelect() {
  const match = presetOf(state.params);
  el.preset.value = match ? match.id : '';
  setText(el.presetSummary, match ? L.presetWords(match).summary : '');
}

function syncFocus() {
  const radio = byId(`focus-${state.focus}`);
  if (radio) radio.checked = true;
}

// ---------------------------------------------------------------------------------------------
// Computing and drawing: a moved control's result at once, the rest once per animation frame

let frame = 0;
let needsCompute = false;
let needsDraw = false;
/** Whether a result was computed since the last frame, on an input, ahead of it. */
let computedEarly = false;

/**
 * Asks for a compute and a redraw in the next frame. With `early` (a control moved), the result
 * is computed at once instead, while the browser waits for the frame that shows it, so the input
 * shows a frame sooner; only once between frames, so a burst of inputs still costs one compute
 * more, in the frame, of the latest settings.
 */
function request({ compute = false, draw = true, early = false } = {}) {
  needsCompute ||= compute;
  needsDraw ||= draw || compute;
  if (!frame) frame = requestAnimationFrame(onFrame);
  if (early && needsCompute && !computedEarly) {
    computedEarly = true;
    needsCompute = false;
    computeResult();
  }
}

function onFrame(now) {
  frame = 0;
  computedEarly = false;
  if (needsCompute) {
    needsCompute = false;
    computeResult();
  }
  if (state.playing && advancePlayback(now)) needsDraw = true;
  if (needsDraw) {
    needsDraw = false;
    draw();
  }
  if (state.playing && !frame) frame = requestAnimationFrame(onFrame);
}

function computeResult() {
  let result;
  try {
    result = api.compare(state.params);
  } catch (err) {
    showApiError(err);
    return;
  }
  acceptResult(result);
}

function acceptResult(result) {
  state.result = result;
  state.resultParams = clone(state.params);
  clearApiError();
  const ticks = result.none.series.price.length;
  if (state.cursor !== null && state.cursor > ticks - 1) state.cursor = ticks - 1;
  showResult();
  scheduleUrl();
}

function theme() {
  return darkScheme.matches ? 'dark' : 'light';
}

/** CSS sizes of the chart canvases, kept by the ResizeObserver. */
const cssSizes = new WeakMap();
/** The size in device pixels ("width×height") each canvas was last drawn at (noteDrawn). */
const drawnSizes = new WeakMap();

/** Sets a canvas's backing store to its CSS size × devicePixelRatio; plotters draws in those pixels. */
function fitCanvas(canvas) {
  const rect = cssSizes.get(canvas) || canvas.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(rect.width * ratio));
  const height = Math.max(1, Math.round(rect.height * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
}

/** Notes that `canvas` now shows a drawing at its backing store's size (or, `drawn` false, none). */
function noteDrawn(canvas, drawn = true) {
  if (drawn) drawnSizes.set(canvas, `${canvas.width}×${canvas.height}`);
  else drawnSizes.delete(canvas);
}

/** From this width up the settings sit beside the results (style.css, `.lab`): no sticky strip. */
const wideLayout = window.matchMedia('(min-width: 1000px)');

/** The two charts share a row from this width up (style.css, `.charts`). */
const chartsInARow = window.matchMedia('(min-width: 760px)');

/** Whether the map sits beside the price chart (wide screens), so their price axes can align. */
function sideBySide() {
  return chartsInARow.matches;
}

let firstChartMarked = false;
/** Where the price chart's plot sits (CSS px) and which ticks it spans, from render(). */
let priceLayout = null;

function draw() {
  if (!state.result) return;
  const common = {
    theme: theme(),
    dpr: window.devicePixelRatio || 1,
    tickSeconds: state.resultParams.tickSeconds,
    scenario: state.focus,
    words: L.CHART_WORDS,
  };
  if (state.cursor !== null) common.cursor = state.cursor;
  try {
    fitCanvas(el.priceCanvas);
    // The price chart gives the cascade most of its width: time is linear through every
    // stretch in which something happens and squeezed in the long quiet ones. The map takes
    // the price chart's plot band so the two price axes line up exactly.
    const drawn = api.render(el.priceCanvas, state.result, {
      ...common,
      chart: 'price',
      window: 'cascade',
    });
    noteDrawn(el.priceCanvas);
    priceLayout = drawn && drawn.plot ? { ...drawn.plot, axis: drawn.axis } : null;
    if (shownRecord && drawn && drawn.band && drawn.prices && drawn.axis.length >= 4) {
      drawRecordMarks(el.priceCanvas.getContext('2d'), {
        band: drawn.band,
        prices: drawn.prices,
        xOf: (t) => xAt(drawn.axis, t),
        ticks: drawn.ticks,
        tickSeconds: state.resultParams.tickSeconds,
        dpr: common.dpr,
        ink: pageColor('--text'),
        paper: pageColor('--surface'),
      }, shownRecord, L.RECORD_WORDS);
    }
    fitCanvas(el.mapCanvas);
    const band = sideBySide() && drawn && drawn.band
      ? { top: drawn.band.top, bottom: drawn.band.bottom }
      : null;
    api.render(el.mapCanvas, state.result, { ...common, chart: 'map', band });
    noteDrawn(el.mapCanvas);
    // Off screen on wide screens: drawn again once it shows (the observer sees no drawing).
    if (!wideLayout.matches) showMini();
    else noteDrawn(byId('mini-line'), false);
    if (!firstChartMarked) {
      // For benchmarks: time from navigation to the first drawn charts.
      performance.mark('lab:first-chart');
      firstChartMarked = true;
    }
  } catch (err) {
    showApiError(err, L.SAY.notDrawn);
  }
}

// ---------------------------------------------------------------------------------------------
// Readout, gauge and story

/**
 * The phone's sticky strip: the focused scenario's move and its price line, drawn on the price
 * chart's time axis (squeezed as there) when that is known, with the start price dashed.
 */
function showMini() {
  const mini = byId('mini');
  const run = state.result[state.focus];
  const s = run.summary;
  const text = L.SAY.mini(L.scenarioName(state.focus), L.pct(signedMove(s), { sign: true }), L.times(s.amplification));
  if (byId('mini-text').textContent !== text) byId('mini-text').textContent = text;
  mini.hidden = false;
  const canvas = byId('mini-line');
  // Its size from the ResizeObserver, so drawing never forces a layout.
  const box = cssSizes.get(canvas);
  if (!box || box.width === 0) {
    noteDrawn(canvas, false);
    return;
  }
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(box.width * ratio);
  canvas.height = Math.round(box.height * ratio);
  const g = canvas.getContext('2d');
  const prices = run.series.price;
  const start = s.startPrice;
  let [lo, hi] = [start, start];
  for (const p of prices) if (Number.isFinite(p)) [lo, hi] = [Math.min(lo, p), Math.max(hi, p)];
  const axis = priceLayout && priceLayout.axis.length >= 4 ? priceLayout.axis : null;
  const [x0, x1] = axis ? [axis[1], axis[axis.length - 1]] : [0, prices.length];
  const pad = 2 * ratio;
  const px = (t) => pad + ((axis ? xAt(axis, t) : t) - x0) / (x1 - x0 || 1) * (canvas.width - 2 * pad);
  const py = (p) => pad + (hi - p) / (hi - lo || 1) * (canvas.height - 2 * pad);
  const style = getComputedStyle(document.documentElement);
  g.lineWidth = ratio;
  g.strokeStyle = style.getPropertyValue('--muted');
  g.setLineDash([3 * ratio, 3 * ratio]);
  g.beginPath();
  g.moveTo(pad, py(start));
  g.lineTo(canvas.width - pad, py(start));
  g.stroke();
  g.setLineDash([]);
  g.lineWidth = 2 * ratio;
  g.strokeStyle = style.getPropertyValue(`--c-${state.focus}`);
  g.beginPath();
  g.moveTo(px(0), py(start));
  prices.forEach((p, t) => {
    if (Number.isFinite(p)) g.lineTo(px(t + 1), py(p));
  });
  g.stroke();
  noteDrawn(canvas);
}

function showResult() {
  const result = state.result;
  if (!result) return;
  const tickSeconds = state.resultParams.tickSeconds;
  const none = result.none.summary;

  const shock = L.shockWords(none, state.resultParams);
  setText(el.headline, L.SAY.fourMarkets(shock));
  showCards(result, tickSeconds);
  showRecord(result);

  const marks = shownRecord ? ` ${recordMarksLabel(shownRecord, L.RECORD_WORDS)}` : '';
  el.priceCanvas.setAttribute('aria-label', `${L.priceChartLabel(result, tickSeconds, state.resultParams)}${marks}`);
  el.recordCaption.hidden = !shownRecord;
  if (shownRecord) el.recordCaption.textContent = recordMarksCaption(shownRecord, L.RECORD_WORDS);
  showGauge(result[state.focus].summary);
  showEvents();
  showPlayback();
}

/**
 * The four cards, one a scenario. They are made once and then only their text changes, and only
 * where it differs: a slider redraws them every frame, and new elements or text would cost each
 * frame a layout of all of them.
 */
function showCards(result, tickSeconds) {
  if (el.cards.children.length !== L.SCENARIOS.length) {
    el.cards.replaceChildren(...L.SCENARIOS.map(({ key, name }) => makeCard(key, name)));
  }
  L.SCENARIOS.forEach(({ key }, i) => {
    const card = el.cards.children[i];
    const s = result[key].summary;
    card.classList.toggle('is-focus', key === state.focus);
    setText(card.querySelector('.big'), L.pct(signedMove(s), { sign: true }));
    setText(card.querySelector('.amp'), L.SAY.timesShock(L.times(s.amplification)));
    setText(card.querySelector('.sentence'), L.headline(s, state.resultParams));
    const two = Boolean(result[key].secondVenue);
    const more = L.extras(s, tickSeconds, two);
    if (two) more.push(L.secondVenueLine(result[key], tickSeconds));
    const extras = card.querySelector('.extras');
    extras.hidden = more.length === 0;
    setText(extras, more.join(L.SAY.joinExtras));
  });
}

/** An empty card for scenario `key`, titled `name`. */
function makeCard(key, name) {
  const li = document.createElement('li');
  li.className = `card card-${key}`;
  // The readout is a live region: a card whose numbers change is read whole, with its name,
  // not as a bare "−12.4 %".
  li.setAttribute('aria-atomic', 'true');
  const title = document.createElement('h3');
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.setAttribute('aria-hidden', 'true');
  title.append(swatch, name);
  const big = document.createElement('p');
  big.className = 'big-numbers';
  const move = document.createElement('span');
  move.className = 'big';
  const amp = document.createElement('span');
  amp.className = 'amp';
  big.append(move, ' ', amp);
  const sentence = document.createElement('p');
  sentence.className = 'sentence';
  const extras = document.createElement('p');
  extras.className = 'extras';
  li.append(title, big, sentence, extras);
  return li;
}

/** A colour of the page's theme (style.css), such as '--text'. */
function pageColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The record shown with the current result (showRecord), drawn over the price chart. */
let shownRecord = null;

/** The record of the historical preset whose params the shown result has, or null. */
function currentRecord() {
  const match = presetOf(state.resultParams);
  const record = match ? recordFor(match.id) : null;
  return record ? L.recordWords(match.id, record) : null;
}

/**
 * With a historical preset's params, its published record next to the model's run under the
 * venue's own rules of the day (`record.scenario`: the "Margin tiers" card for a crypto venue,
 * the "Circuit breaker" card for an exchange whose halts were part of the day), the run each
 * preset is calibrated on (docs/MODEL.md, "Replays"). Hidden otherwise.
 */
function showRecord(result) {
  const record = currentRecord();
  shownRecord = record;
  el.record.hidden = !record;
  if (!record) return;
  el.recordMarket.textContent = L.SAY.recordMarket(record.market, L.scenarioName(record.scenario), record.scenario === 'circuitBreaker');
  const figures = recordRows(record, result[record.scenario], state.resultParams.tickSeconds, L.RECORD_WORDS);
  const rows = figures.map((r) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r.label;
    tr.append(th);
    const heads = L.SAY.recordHeads;
    [r.record, r.model, r.verdict].forEach((text, i) => {
      const td = document.createElement('td');
      // On a phone the rows stack, each cell under its column's name (style.css).
      td.dataset.label = heads[i];
      td.textContent = text;
      tr.append(td);
    });
    return tr;
  });
  el.recordRows.replaceChildren(...rows);
  el.recordLeftOut.textContent = L.SAY.leftOut(record.leftOut);
  const sources = figures.map((r) => {
    const li = document.createElement('li');
    li.textContent = L.SAY.source(r.label, r.source);
    // The reports that can be read online, each a link of its own, opened beside the lab.
    r.links.forEach((link, i) => {
      const a = document.createElement('a');
      a.href = link.url;
      a.textContent = link.name;
      a.target = '_blank';
      a.rel = 'noopener';
      const hint = document.createElement('span');
      hint.className = 'visually-hidden';
      hint.textContent = L.SAY.newTab;
      a.append(hint);
      li.append(i === 0 ? L.SAY.read : L.SAY.nextLink, a);
    });
    if (r.links.length) li.append(L.SAY.end);
    return li;
  });
  el.recordSources.replaceChildren(...sources);
}

function showGauge(summary) {
  const n = summary.branchingRatio;
  const peak = summary.peakBranchingRatio;
  setText(el.nNow, L.SAY.gaugeNow(L.num(n, 2)));
  setText(el.nPeak, L.SAY.gaugePeak(L.num(peak, 2), L.pct(summary.peakBranchingAtPct, { sign: true })));
  el.nMeter.value = Math.min(n, 2);
  setText(el.nMeter, L.num(n, 2));
  el.nMeter.setAttribute('aria-valuetext', L.SAY.gaugeValue(L.num(n, 2), n >= 1));
  // Marker positions go through CSS custom properties (CSSOM), which a strict CSP allows.
  el.markerNow.style.setProperty('--pos', String(Math.min(Math.max(n, 0), 2) / 2));
  el.markerPeak.style.setProperty('--pos', String(Math.min(Math.max(peak, 0), 2) / 2));
  for (const [marker, value] of [
    [el.markerNow, n],
    [el.markerPeak, peak],
  ]) {
    marker.classList.toggle('is-runaway', value >= 1);
    // Near either end of the track, a centred label would poke out: align it inward.
    marker.classList.toggle('near-start', value < 0.2);
    marker.classList.toggle('near-end', value > 1.8);
  }
  const text = L.gaugeText(summary);
  setText(el.nMeaning, text.now);
  setText(el.nPeakMeaning, text.peak);
  el.nMeter.setAttribute('aria-label', L.SAY.gaugeLabel(state.focus === 'none' ? '' : L.scenarioName(state.focus)));
}

function focusedEvents() {
  return state.result ? state.result[state.focus].events : [];
}

function showEvents() {
  const events = focusedEvents();
  const { startPrice, tickSeconds } = { ...state.resultParams, ...state.result[state.focus].summary };
  // Each line: its text, its tick (the story's own lines have one) and whether it is a hint.
  const lines = events.slice(0, MAX_LISTED_EVENTS).map((event) => ({
    text: L.narrate(event, startPrice, tickSeconds, state.resultParams.circuitBreaker),
    tick: String(event.tick),
  }));
  if (events.length > MAX_LISTED_EVENTS) lines.push({ text: L.SAY.moreEvents(events.length - MAX_LISTED_EVENTS), hint: true });
  const last = L.ending(state.result[state.focus].summary, ticksOfRun(), tickSeconds);
  if (last) lines.push({ text: last });
  // The list's items are kept and rewritten where they differ, as the cards are (showCards).
  while (el.events.children.length > lines.length) el.events.lastElementChild.remove();
  while (el.events.children.length < lines.length) el.events.append(document.createElement('li'));
  lines.forEach(({ text, tick, hint = false }, i) => {
    const li = el.events.children[i];
    if (tick === undefined) delete li.dataset.tick;
    else if (li.dataset.tick !== tick) li.dataset.tick = tick;
    li.classList.toggle('hint', hint);
    setText(li, text);
  });
}

// ---------------------------------------------------------------------------------------------
// Playback

function ticksOfRun() {
  return state.result ? state.result.none.series.price.length : 1;
}

function showPlayback() {
  const ticks = ticksOfRun();
  const tickSeconds = state.resultParams ? state.resultParams.tickSeconds : 1;
  const [max, value] = [String(ticks - 1), String(state.cursor === null ? ticks - 1 : state.cursor)];
  if (el.cursor.max !== max) el.cursor.max = max;
  if (el.cursor.value !== value) el.cursor.value = value;
  const label =
    state.cursor === null
      ? L.SAY.wholeRun(L.duration(ticks * tickSeconds))
      : L.SAY.cursorAt(L.at(state.cursor, tickSeconds), L.duration(ticks * tickSeconds));
  setText(el.cursorOut, label);
  if (el.cursor.getAttribute('aria-valuetext') !== label) el.cursor.setAttribute('aria-valuetext', label);
  setText(el.play, state.playing ? L.SAY.pause : L.SAY.play);
  if (state.result) {
    // The map shows the moment of the cursor, and so does its text alternative.
    const label = L.mapLabel(state.result[state.focus], state.focus, state.cursor, tickSeconds);
    if (el.mapCanvas.getAttribute('aria-label') !== label) el.mapCanvas.setAttribute('aria-label', label);
  }
  el.play.setAttribute('aria-pressed', String(state.playing));

  const events = focusedEvents();
  const current = currentEventIndex();
  const items = el.events.children;
  for (let i = 0; i < items.length; i += 1) {
    const on = i === current;
    items[i].classList.toggle('is-current', on);
    items[i].classList.toggle('is-past', current >= 0 && i < current);
    if (on) items[i].setAttribute('aria-current', 'step');
    else items[i].removeAttribute('aria-current');
  }
  if (current >= 0 && current < items.length) {
    // Scroll the list itself, never the page.
    const item = items[current];
    const list = el.events;
    if (item.offsetTop < list.scrollTop || item.offsetTop + item.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = item.offsetTop - list.clientHeight / 3;
    }
  }
  const { startPrice } = state.result ? state.result[state.focus].summary : { startPrice: 100 };
  const text =
    state.cursor === null
      ? L.SAY.pressPlay
      : current >= 0
        ? L.narrate(events[current], startPrice, tickSeconds, state.resultParams?.circuitBreaker)
        : L.SAY.beforeFirst(L.at(state.cursor, tickSeconds));
  setText(el.now, text);
}

/** Playback's clock: the last frame's time, the cursor's place (CSS px along the time axis), and a beat's end. */
let playClock = { last: 0, x: 0, holdUntil: 0 };

function togglePlay() {
  if (state.playing) {
    stopPlaying();
    showPlayback();
    return;
  }
  const ticks = ticksOfRun();
  if (state.cursor === null || state.cursor >= ticks - 1) {
    state.cursor = null;
    // Start at the first event (reduced motion) or at tick 0 (animated).
    if (reducedMotion.matches) moveToEvent(1);
    else state.cursor = 0;
  }
  state.playing = true;
  const now = performance.now();
  // Start at the cursor, and give its first event (the shock, at tick 0) its beat.
  const axis = priceLayout ? priceLayout.axis : null;
  const x = axis ? xAt(axis, state.cursor + 1) : state.cursor;
  const first = focusedEvents().findIndex((e) => e.tick === state.cursor);
  if (first >= 0 && state.eventIndex === null && !reducedMotion.matches) state.eventIndex = first;
  playClock = { last: now, x, holdUntil: first >= 0 ? now + EVENT_BEAT_MS : 0 };
  showPlayback();
  request({ draw: true });
}

function stopPlaying() {
  state.playing = false;
}

/** Moves the cursor for one frame of playback; returns whether it moved. */
function advancePlayback(now) {
  const ticks = ticksOfRun();
  const before = state.cursor;
  if (reducedMotion.matches) {
    // No animation: jump from one event to the next at a reading pace.
    if (now - playClock.last < EVENT_PAUSE_MS) return false;
    playClock.last = now;
    moveToEvent(1);
  } else {
    // Sweep the time axis at an even pace on screen, so the cascade's seconds play slowly and
    // the squeezed quiet ones fast, and hold each event for a beat.
    const elapsed = now - playClock.last;
    playClock.last = now;
    if (now < playClock.holdUntil) return false;
    const axis = priceLayout && priceLayout.axis.length >= 4 ? priceLayout.axis : null;
    const width = axis ? axis[axis.length - 1] - axis[1] : ticks;
    playClock.x += (elapsed / 1000) * (width / PLAY_SECONDS);
    const time = axis ? tickAt(axis, playClock.x) : playClock.x;
    let next = Math.min(Math.max(Math.floor(time) - 1, before), ticks - 1);
    // Stop at the next event reached on the way (the next of the same tick included), for its beat.
    const events = focusedEvents();
    const event = currentEventIndex() + 1;
    state.eventIndex = null;
    if (event < events.length && events[event].tick <= next) {
      next = events[event].tick;
      state.eventIndex = event;
      playClock.holdUntil = now + EVENT_BEAT_MS;
      if (axis) playClock.x = xAt(axis, next + 1);
    }
    state.cursor = next;
  }
  if (state.cursor >= ticks - 1) stopPlaying();
  showPlayback();
  return state.cursor !== before;
}

/**
 * The event the story is at: the one Next/Previous chose, or else the last event at or before the
 * cursor (several events can share a tick). −1 before the first event or with no cursor.
 */
function currentEventIndex() {
  const events = focusedEvents();
  if (state.cursor === null) return -1;
  const chosen = state.eventIndex;
  if (chosen !== null && events[chosen] && events[chosen].tick === state.cursor) return chosen;
  let current = -1;
  events.forEach((e, i) => {
    if (e.tick <= state.cursor) current = i;
  });
  return current;
}

/**
 * Puts the cursor at the tick under a pointer event on the price chart, using the plot rectangle
 * and the time axis's knots render() reported. Returns false when the pointer is outside the plot.
 */
function scrubTo(event) {
  if (!priceLayout || !state.result) return false;
  const rect = el.priceCanvas.getBoundingClientRect();
  const x = event.clientX - rect.left;
  const y = event.clientY - rect.top;
  const { left, right, top, bottom, axis } = priceLayout;
  if (right <= left || y < top - 8 || y > bottom + 8 || axis.length < 4) return false;
  stopPlaying();
  // The cursor marks the end of a tick: the point at x is the end of tick (time at x) − 1.
  state.cursor = Math.min(Math.max(Math.round(tickAt(axis, x)) - 1, 0), ticksOfRun() - 1);
  state.eventIndex = null;
  showPlayback();
  request({ draw: true });
  return true;
}

/**
 * Reads a time axis given as flat (tick, x) pairs one way or the other: from a value in slot
 * `from` (0 the tick, 1 the x in CSS px) to the other, linearly between two pairs and clamped to
 * the axis's ends.
 */
function alongAxis(axis, value, from) {
  const to = 1 - from;
  const n = axis.length / 2;
  let i = 0;
  while (i < n - 2 && value > axis[2 * (i + 1) + from]) i += 1;
  const [a0, b0, a1, b1] = [axis[2 * i + from], axis[2 * i + to], axis[2 * i + 2 + from], axis[2 * i + 2 + to]];
  return a1 > a0 ? b0 + ((Math.min(Math.max(value, a0), a1) - a0) / (a1 - a0)) * (b1 - b0) : b0;
}

/** Where (CSS px) a time in ticks lies on a time axis. */
function xAt(axis, tick) {
  return alongAxis(axis, tick, 0);
}

/** The (fractional) time in ticks at x (CSS px) on a time axis. */
function tickAt(axis, x) {
  return alongAxis(axis, x, 1);
}

/** Moves the story one event forward (+1) or back (−1) and puts the cursor on its tick. */
function moveToEvent(direction) {
  const events = focusedEvents();
  const ticks = ticksOfRun();
  let index;
  if (state.cursor === null) {
    index = direction > 0 ? 0 : events.length - 1;
  } else {
    const current = currentEventIndex();
    // Between two events, "previous" first goes back to the one just passed.
    const past = current >= 0 && events[current].tick < state.cursor;
    index = direction < 0 && past ? current : current + direction;
  }
  if (index < 0) {
    state.eventIndex = null;
    state.cursor = 0;
  } else if (index >= events.length) {
    state.eventIndex = null;
    state.cursor = ticks - 1;
  } else {
    state.eventIndex = index;
    state.cursor = Math.min(events[index].tick, ticks - 1);
  }
}

function stepEvent(direction) {
  stopPlaying();
  moveToEvent(direction);
  showPlayback();
  request({ draw: true });
}

function updateReducedMotionNote() {
  el.reducedNote.hidden = !reducedMotion.matches;
}

// ---------------------------------------------------------------------------------------------
// Messages

function showNotice(ignored, notes) {
  if (!ignored.length && !notes.length) {
    hideNotice();
    return;
  }
  el.noticeText.textContent = ignored.length ? L.SAY.noticeLead : '';
  const items = ignored.map(({ key, value, reason }) => {
    const li = document.createElement('li');
    li.textContent = L.SAY.ignored(key, value, reason);
    return li;
  });
  for (const note of notes) {
    const li = document.createElement('li');
    li.textContent = note;
    items.push(li);
  }
  el.noticeList.replaceChildren(...items);
  el.notice.hidden = false;
}

function hideNotice() {
  el.notice.hidden = true;
}

function controlFor(key) {
  return controls.find((c) => linkKeyOf(c.dataset.param) === key) || null;
}

function showApiError(err, lead = L.SAY.notWorking) {
  const message = L.modelError(errorMessage(err));
  el.errorText.textContent = L.SAY.apiError(lead, message);
  el.error.hidden = false;
  for (const c of controls) c.removeAttribute('aria-invalid');
  const key = errorField(err);
  const control = key && controlFor(key);
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-errormessage', 'error-text');
  }
}

function clearApiError() {
  if (el.error.hidden) return;
  el.error.hidden = true;
  for (const c of controls) {
    c.removeAttribute('aria-invalid');
    c.removeAttribute('aria-errormessage');
  }
}

// ---------------------------------------------------------------------------------------------
// The URL and sharing

/** The query string of the page as it stands; `tour: false` leaves the tour's step out. */
function currentQuery({ tour = true } = {}) {
  const params = state.resultParams || state.params;
  let { query } = toQuery(params, defaults, version.model);
  if (state.focus !== 'none') query += `&focus=${state.focus}`;
  if (tour && state.tourStep !== null) query += `&tour=${state.tourStep + 1}`;
  if (state.predict !== null) query += `&predict=${state.predict ? 1 : 0}`;
  if (rules.lock.size) query += `&lock=${[...rules.lock].join(',')}`;
  if (rules.hide.size) query += `&hide=${[...rules.hide].join(',')}`;
  if (linkLang) query += `&lang=${linkLang}`;
  return query;
}

function currentLink() {
  const url = new URL(location.href);
  url.search = `?${currentQuery()}`;
  url.hash = '';
  return url.href;
}

let urlTimer = 0;
/** The link field updates at once; the address bar a moment after the last change. */
function scheduleUrl() {
  el.link.value = currentLink();
  el.teachLink.href = `teach.html?${currentQuery({ tour: false })}`;
  clearTimeout(urlTimer);
  urlTimer = setTimeout(writeUrl, 300);
}

function writeUrl() {
  clearTimeout(urlTimer);
  if (!defaults) return;
  const search = `?${currentQuery()}`;
  if (location.search !== search) history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
}

async function copyLink() {
  writeUrl();
  const link = currentLink();
  el.link.value = link;
  try {
    await navigator.clipboard.writeText(link);
    el.shareStatus.textContent = L.SAY.copied;
  } catch {
    el.link.focus();
    el.link.select();
    el.shareStatus.textContent = L.SAY.notCopied;
  }
}

/** The settings the exported picture names, in this order. */
const PICTURE_SETTINGS = ['shockPct', 'leverage', 'depthPerPct', 'traders', 'longShare'];

/**
 * The picture for homework and slides: a title, the key settings, both charts as drawn (the
 * cursor included), and the link and model version, on one canvas.
 */
function exportCanvas() {
  const [price, map] = [el.priceCanvas, el.mapCanvas];
  const ratio = price.width / Math.max(1, price.getBoundingClientRect().width) || 1;
  const pad = Math.round(16 * ratio);
  const gap = Math.round(12 * ratio);
  const line = Math.round(20 * ratio);
  const width = pad * 2 + price.width + gap + map.width;
  const chartsHeight = Math.max(price.height, map.height);
  const out = document.createElement('canvas');
  out.width = width;
  out.height = pad * 2 + line * 2 + gap + chartsHeight + gap + line * 2;
  const g = out.getContext('2d');
  const dark = theme() === 'dark';
  g.fillStyle = dark ? '#16191e' : '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  const ink = dark ? '#e6edf3' : '#1f2328';
  const muted = dark ? '#9da7b3' : '#59636e';
  const font = (px, weight = '') => `${weight} ${Math.round(px * ratio)}px system-ui, sans-serif`.trim();
  // Fits a line into the width, cutting it with an ellipsis if it must.
  const text = (words, x, y, size, color, weight) => {
    g.font = font(size, weight);
    g.fillStyle = color;
    let shown = words;
    while (shown.length > 8 && g.measureText(shown).width > width - 2 * pad) shown = `${shown.slice(0, -2)}…`;
    g.fillText(shown, x, y);
  };
  g.textBaseline = 'top';
  const preset = el.preset.selectedOptions[0];
  const market = preset && preset.value ? preset.textContent.trim() : L.SAY.yourSettings;
  text(L.SAY.pictureTitle(market, el.headline.textContent), pad, pad, 15, ink, '600');
  const shown = shownSettings();
  const settings = PICTURE_SETTINGS.filter((k) => shown[k]).map((k) => {
    const label = document.querySelector(`label[for="${controlFor(k)?.id}"]`);
    return `${label ? label.textContent.trim() : k} ${shown[k]}`;
  });
  text(settings.join(' · '), pad, pad + line, 13, muted);
  const top = pad + line * 2 + gap;
  g.drawImage(price, pad, top);
  g.drawImage(map, pad + price.width + gap, top);
  const bottom = top + chartsHeight + gap;
  text(currentLink(), pad, bottom, 12, muted);
  text(L.SAY.pictureFooter(version), pad, bottom + line, 12, muted);
  return out;
}

function exportPng() {
  if (!state.result) return;
  exportCanvas().toBlob((blob) => {
    if (blob) {
      download(blob, 'leverage-cascade-chart.png');
      el.shareStatus.textContent = L.SAY.pngSaved;
    } else {
      el.shareStatus.textContent = L.SAY.pngFailed;
    }
  }, 'image/png');
}

function exportCsv() {
  if (!state.result) return;
  const record = currentRecord();
  const rows = record ? recordRows(record, state.result[record.scenario], state.resultParams.tickSeconds, L.RECORD_WORDS) : null;
  const text = toCsv(state.result, state.resultParams, { version, url: currentLink(), record: rows, shown: shownSettings() });
  download(new Blob([text], { type: 'text/csv;charset=utf-8' }), 'leverage-cascade-data.csv');
  el.shareStatus.textContent = L.SAY.csvSaved;
}

/** Each setting as the page shows it beside its control ("15×", "Standard (Binance BTC, 2021)"), by key. */
function shownSettings() {
  const shown = {};
  for (const c of controls) {
    const text = c.tagName === 'SELECT' ? c.selectedOptions[0]?.textContent : byId(`${c.id}-out`)?.textContent;
    if (text) shown[c.dataset.param] = text.trim();
  }
  return shown;
}

// ---------------------------------------------------------------------------------------------
// Predict, then reveal (Nicky Case's "place your bets"; Kim, Reinecke and Hullman, CHI 2017)

/** Whether a new scenario is guessed before it shows: as the link's predict=1/0 says, else in the tour only. */
function predictOn() {
  return state.predict === true || (state.predict !== false && state.tourStep !== null);
}

/** The sign of the move a guess is about: −1 for a fall, +1 for a rise. */
let guessSign = -1;

/** Hides the result and asks for a guess of the fall with no mitigation, if guessing is on. */
function startGuess(params) {
  if (!predictOn() || !params.shockPct) {
    endGuess();
    return;
  }
  guessSign = params.shockPct < 0 ? -1 : 1;
  // A program in dollars: the shock's percentage gives only its direction.
  const over = params.shockTicks > 1 ? L.duration(params.shockTicks * params.tickSeconds) : null;
  const shock = params.shockUsd === null
    ? L.SAY.guessShock(L.pct(params.shockPct, { sign: true }))
    : L.SAY.guessProgram(L.usd(params.shockUsd), guessSign < 0, over);
  byId('predict-question').textContent = L.SAY.guessQuestion(shock, guessSign < 0);
  const guess = byId('guess');
  const start = params.shockUsd === null ? Math.abs(params.shockPct) : 5;
  guess.value = String(Math.min(start, Number(guess.max)));
  showGuess();
  byId('predict-result').hidden = true;
  byId('predict').hidden = false;
  state.guessing = true;
  document.querySelector('main.lab').classList.add('guessing');
}

function showGuess() {
  const text = L.pct(guessSign * Number(byId('guess').value), { sign: true });
  byId('guess-out').textContent = text;
  byId('guess').setAttribute('aria-valuetext', text);
}

/** Shows the result and how far the guess was from it. */
function reveal() {
  if (!state.result) return;
  const s = state.result.none.summary;
  const guess = Number(byId('guess').value);
  const actual = s.maxMovePct;
  const off = Math.abs(actual - guess);
  const how = off < 0.5 ? L.SAY.spotOn : L.SAY.guessOff(L.num(off, 1), actual > guess);
  const result = byId('predict-result');
  const [guessed, moved] = [L.pct(guessSign * guess, { sign: true }), L.pct(guessSign * actual, { sign: true })];
  result.textContent = L.SAY.guessResult(guessed, guessSign < 0, moved, L.times(s.amplification), how);
  endGuess();
  result.hidden = false;
  result.tabIndex = -1;
  result.focus();
}

function endGuess() {
  if (!state.guessing) return;
  state.guessing = false;
  byId('predict').hidden = true;
  document.querySelector('main.lab').classList.remove('guessing');
}

// ---------------------------------------------------------------------------------------------
// The guided tour

function tourParams(step) {
  const preset = presets.find((p) => p.id === step.preset);
  return normalize(preset ? preset.params : defaults);
}

function openTour(index) {
  if (index < 0 || index >= TOUR.length) return;
  const wasClosed = state.tourStep === null;
  state.tourStep = index;
  const step = TOUR[index];
  stopPlaying();
  state.cursor = null;
  state.focus = step.focus || 'none';
  syncFocus();
  showTourStep({ moveFocus: wasClosed });
  applyParams(tourParams(step));
  // The explorations' steps are about the maps below, not this market's result.
  if (step.explore) endGuess();
  else startGuess(tourParams(step));
}

function showTourStep({ moveFocus }) {
  const step = TOUR[state.tourStep];
  el.tour.hidden = false;
  document.body.classList.add('touring');
  // The explorations' steps point far below the lab: there the card floats (style.css).
  el.tour.classList.toggle('floating', Boolean(step.explore));
  const words = L.tourWords(state.tourStep);
  el.tourCount.textContent = L.SAY.tourCount(state.tourStep + 1, TOUR.length);
  el.tourTitle.textContent = words.title;
  el.tourText.textContent = words.text;
  const lead = document.createElement('strong');
  lead.textContent = L.SAY.lookAt;
  el.tourLook.replaceChildren(lead, words.look);
  el.tourBack.disabled = state.tourStep === 0;
  el.tourNext.textContent = state.tourStep === TOUR.length - 1 ? L.SAY.finish : L.SAY.next;
  if (moveFocus) el.tourTitle.focus();
}

function closeTour() {
  state.tourStep = null;
  el.tour.hidden = true;
  document.body.classList.remove('touring');
  endGuess();
  byId('predict-result').hidden = true;
  el.tourStart.focus();
  scheduleUrl();
}

boot();
