// <leverage-cascade>: the simulator as a custom element for other people's pages.
//
//   <script type="module" src="https://example.org/leverage-cascade/embed.js"></script>
//   <leverage-cascade preset="circuit-breaker" compact></leverage-cascade>
//
// Attributes (each may change at any time; the widget follows):
//   preset   a preset id of the model (default, thin-book, circuit-breaker, …)
//   compact  one chart and three sliders, made to fit 360 × 420 CSS px
//   controls comma-separated sliders to show, e.g. "leverage,depthPerPct,breaker"
//   locked   comma-separated controls shown but not movable (and locked in the lab it links to)
//   height   the widget's height in CSS px (the charts take what the rest leaves)
//   theme    auto (follow the reader's system), light or dark
//   lang     the widget's language: en or zh (Simplified Chinese); without it, the page's
//            lang (the nearest ancestor's) if there are words for it, else the browser's
//   params   JSON of parameters over the preset, e.g. {"leverage": 25}
//
// Isolation: everything lives in an open shadow root whose only styles come from embed.css
// (a <link> resolved from import.meta.url, so a strict `style-src` that lists this origin
// suffices); the root element resets every inherited property, so the host's fonts and
// colours do not leak in. Nothing is thrown into the host page: a bad attribute shows a
// message inside the widget and the settings fall back to the preset or the defaults.
//
// Work: the wasm module is loaded once per page (shared/api.js) when the first widget comes
// into view; a widget out of view computes nothing until it is scrolled to. Redraws are
// coalesced to one per animation frame per widget.
//
// `make dist` bundles this module with what it imports into one minified dist/embed.js; every
// URL it needs is resolved from this file's own import.meta.url, so the bundle finds them too.

import { loadApi, fitCanvas } from './shared/api.js';
import { keepOffline } from './shared/offline.js';
import { LANGUAGES, languageOf, pickLanguage } from './shared/lang.js';
import { DEFAULT_BREAKER, FOCUS_KEYS, get, normalize, set, toQuery } from './lab/schema.js';
import { formatControl, readControl, setUp, showValue } from './lab/controls.js';
import * as ENGLISH from './lang/widget-en.js';

const STYLESHEET = new URL('embed.css', import.meta.url).href;
const LAB_PAGE = new URL('index.html', import.meta.url);
const PKG = new URL('pkg/', import.meta.url);

/**
 * The sliders a widget can show, keyed by the names the `controls` attribute accepts. Ranges
 * and formats are those of the lab's sliders in index.html (read by lab/controls.js through the
 * same data-* attributes), so a value set here opens unchanged in the full lab. Their labels
 * are the language's (CONTROL_LABELS); `compact` ones have a shorter form in a compact widget
 * (COMPACT_DEPTH).
 */
const CONTROL_DEFS = {
  shockPct: { format: 'shock', min: -50, max: 50, step: 0.5 },
  leverage: { format: 'times', min: 1, max: 125, step: 0.5 },
  depthPerPct: { format: 'usdPerPct', log: [1e5, 1e11], compact: true },
  traders: { format: 'count', log: [100, 1e6] },
  longShare: { format: 'longShare', min: 0, max: 1, step: 0.01 },
  whaleConcentration: { format: 'whale', min: 0, max: 1, step: 0.05 },
  recoveryHalfLife: { format: 'ticksAsTime', log: [1, 5000] },
  insuranceFund: { format: 'usd', log: [1e4, 1e11], zero: true },
  breaker: { kind: 'switch' },
};

/** Each language's widget words (lang/widget-<lang>.js), loaded once a widget asks for it. */
const CATALOGUES = { en: Promise.resolve(ENGLISH) };

function catalogue(lang) {
  // A URL the bundler leaves alone: the words of other languages are fetched only when needed.
  CATALOGUES[lang] ||= import(new URL(`lang/widget-${lang}.js`, import.meta.url).href).catch(() => ENGLISH);
  return CATALOGUES[lang];
}
/** The control names in a `controls` or `locked` attribute's text, and the unknown ones. */
function controlList(text) {
  const names = [];
  const unknown = [];
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (!name) continue;
    const key = CONTROL_DEFS[name] ? name : CONTROL_ALIASES[name];
    if (!key) unknown.push(name.slice(0, 40));
    else if (!names.includes(key)) names.push(key);
  }
  return { names, unknown };
}

/** Other names the `controls` attribute accepts. */
const CONTROL_ALIASES = { circuitBreaker: 'breaker', depth: 'depthPerPct', shock: 'shockPct' };

const COMPACT_CONTROLS = ['leverage', 'depthPerPct', 'breaker'];
const FULL_CONTROLS = ['shockPct', 'leverage', 'depthPerPct', 'breaker'];

/** The smallest height the `height` attribute may ask for, CSS px. */
const MIN_HEIGHT = 280;
/** How far outside the viewport a widget starts its work, so it is ready when it arrives. */
const VIEW_MARGIN = '200px 0px';

/** Height kept free for a full widget without a `height` while its stylesheet loads, CSS px. */
const FULL_HEIGHT_GUESS = 560;

const darkScheme = matchMedia('(prefers-color-scheme: dark)');

/** Builds an element: h('p', {class: 'x'}, 'text', child). Text is always set as text. */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

/** A message for a reader, from anything thrown. */
function messageOf(err) {
  return err && typeof err.message === 'string' ? err.message : String(err);
}

/** Whether a value is a plain JSON object (not an array or null). */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `over` laid onto `base`: nested objects merge, everything else replaces. */
function merge(base, over) {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = isObject(value) && isObject(base[key]) ? merge(base[key], value) : value;
  }
  return out;
}

// One IntersectionObserver for every widget on the page; `onView` maps a widget to its callback.
const onView = new WeakMap();
const viewport =
  typeof IntersectionObserver === 'function'
    ? new IntersectionObserver(
        (entries) => {
          for (const entry of entries) onView.get(entry.target)?.(entry.isIntersecting);
        },
        { rootMargin: VIEW_MARGIN },
      )
    : null;

let firstChartMarked = false;

export class LeverageCascade extends HTMLElement {
  static get observedAttributes() {
    return ['preset', 'compact', 'controls', 'locked', 'height', 'theme', 'params', 'lang'];
  }

  #ui;
  #words = ENGLISH; // the language's words (lang/widget-<lang>.js)
  #lang = 'en';
  #world = null; // {api, defaults, presets, version} once loaded
  #failed = null; // the load error, if any
  #visible = false;
  #params = null; // what the sliders show
  #result = null; // compare() of #params
  #focus = 'none'; // the scenario the headline and the map describe
  // Messages are functions of the words (lang/widget-<lang>.js), so they follow a change of language.
  #configMessages = []; // problems with attributes, shown until the attributes change
  #runMessage = null; // a problem with the current settings
  #needsConfig = true; // attributes changed since they were last read
  #needsControls = true;
  #needsCompute = false;
  #needsDraw = false;
  #frame = 0;
  #computedEarly = false; // a slider's result was computed since the last frame, ahead of it
  #resize = null;
  #drawn = false;
  #styled = false; // embed.css has loaded (or failed to)

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    this.#ui = this.#buildSkeleton();
    shadow.append(this.#ui.link, this.#ui.root);
  }

  connectedCallback() {
    this.#guard(() => {
      this.#chooseLanguage();
      onView.set(this, (visible) => this.#guard(() => this.#setVisible(visible)));
      this.#applyHeight();
      this.#applyTheme();
      this.#reserve();
      if (this.#needsControls) this.#buildControls();
      darkScheme.addEventListener('change', this.#onScheme);
      this.#resize = new ResizeObserver(() => this.#request({ draw: true }));
      this.#resize.observe(this.#ui.priceCanvas);
      this.#resize.observe(this.#ui.mapCanvas);
      if (viewport) viewport.observe(this);
      else this.#setVisible(true);
    });
  }

  disconnectedCallback() {
    this.#guard(() => {
      if (viewport) viewport.unobserve(this);
      darkScheme.removeEventListener('change', this.#onScheme);
      this.#resize?.disconnect();
      this.#resize = null;
      if (this.#frame) cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.#computedEarly = false;
      this.#visible = false;
    });
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    this.#guard(() => {
      switch (name) {
        case 'preset':
        case 'params':
          this.#needsConfig = true;
          this.#request({ compute: true });
          break;
        case 'compact':
        case 'controls':
        case 'locked':
          this.#ui.root.classList.toggle('compact', this.hasAttribute('compact'));
          this.#needsControls = true;
          if (this.isConnected) this.#buildControls();
          this.#reserve();
          this.#request({ draw: true });
          break;
        case 'height':
          this.#applyHeight();
          this.#reserve();
          this.#request({ draw: true });
          break;
        case 'theme':
          this.#applyTheme();
          this.#request({ draw: true });
          break;
        case 'lang':
          if (this.isConnected) this.#chooseLanguage();
          break;
        default:
          break;
      }
    });
  }

  /** The widget came near the viewport (true) or left it (false). */
  #setVisible(visible) {
    this.#visible = visible;
    if (!visible) return;
    if (!this.#world && !this.#failed) this.#load();
    else this.#request({ compute: !this.#result || this.#needsConfig });
  }

  /** Runs `fn`; anything it throws becomes a message inside the widget, never the host's problem. */
  #guard(fn) {
    try {
      fn();
    } catch (err) {
      const message = messageOf(err);
      this.#runMessage = (W) => W.SAY.wrong(message);
      this.#showMessages();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Language

  /**
   * The language the `lang` attribute asks for, else the page's (the nearest `lang` above the
   * widget), else the browser's, of those there are words for; English otherwise. Words other
   * than English are fetched, and everything shown is said again in them once they arrive.
   */
  #chooseLanguage() {
    const own = this.getAttribute('lang');
    this.#badLang = own && own.trim() && !languageOf(own) ? own.slice(0, 40) : '';
    const page = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    const lang = pickLanguage(own, page, navigator.languages || [], navigator.language);
    this.#lang = lang;
    this.#languageReady = catalogue(lang).then((words) =>
      this.#guard(() => {
        if (this.#lang !== lang) return;
        const changed = words !== this.#words;
        this.#words = words;
        this.#updateLabLink();
        if (changed || this.#badLang) this.#sayAgain();
      }),
    );
  }

  #badLang = '';
  #languageReady = Promise.resolve();

  /** Everything the widget shows, in the words it now has. */
  #sayAgain() {
    const { ui, W } = { ui: this.#ui, W: this.#words };
    ui.root.setAttribute('lang', W.LANG);
    ui.root.setAttribute('aria-label', W.UI.widget);
    ui.prompt.textContent = W.UI.prompt;
    ui.legend.setAttribute('aria-label', W.UI.legend);
    ui.labLink.replaceChildren(W.UI.openLab, h('span', { class: 'visually-hidden' }, W.UI.newTab));
    if (this.#failed) this.#showFatal(this.#failed);
    else if (!this.#result) {
      ui.headline.textContent = W.UI.starting;
      ui.priceCanvas.setAttribute('aria-label', W.UI.priceLoading);
      ui.mapCanvas.setAttribute('aria-label', W.UI.mapLoading);
    }
    this.#applyHeight();
    this.#applyTheme();
    // The settings, the result and the scenario in view stay as they are: only the words change.
    if (this.isConnected) this.#buildControls();
    else this.#showMessages();
    this.#request({ draw: true });
  }

  // -------------------------------------------------------------------------------------------
  // Building

  #buildSkeleton() {
    const link = h('link', { rel: 'stylesheet', href: STYLESHEET });
    const W = this.#words;
    const headline = h('p', { class: 'headline', 'aria-live': 'polite' }, W.UI.starting);
    // Compact only: what to try, in one line.
    const prompt = h('p', { class: 'prompt' }, W.UI.prompt);
    const messages = h('div', { class: 'messages', role: 'status', hidden: true });
    const fatal = h('div', { class: 'fatal', role: 'alert', hidden: true });
    const priceCanvas = h('canvas', { class: 'chart chart-price', role: 'img', 'aria-label': W.UI.priceLoading });
    const mapCanvas = h('canvas', { class: 'chart chart-map', role: 'img', 'aria-label': W.UI.mapLoading });
    // Each canvas sits absolutely in a sized box, so its backing store never feeds back into
    // the layout.
    const charts = h(
      'div',
      { class: 'charts' },
      h('div', { class: 'plot plot-price' }, priceCanvas),
      h('div', { class: 'plot plot-map' }, mapCanvas),
    );
    const legend = h('div', { class: 'legend', role: 'radiogroup', 'aria-label': W.UI.legend });
    const controls = h('div', { class: 'controls' });
    const labLink = h(
      'a',
      { class: 'lab-link', href: LAB_PAGE.href, target: '_blank', rel: 'noopener' },
      W.UI.openLab,
      h('span', { class: 'visually-hidden' }, W.UI.newTab),
    );
    // The link is the last cell of the controls' grid (see #buildControls).
    const footer = h('div', { class: 'footer' }, labLink);
    const root = h(
      'div',
      { class: 'root', role: 'group', 'aria-label': W.UI.widget, lang: W.LANG, 'data-state': 'idle' },
      headline,
      prompt,
      messages,
      fatal,
      charts,
      legend,
      controls,
    );
    // Until embed.css has loaded the widget is invisible but keeps its place (#reserve), so it
    // never flashes unstyled and the host's text does not jump when it appears. Without its
    // stylesheet it still works, in the browser's default look.
    const styled = () => {
      this.#styled = true;
      for (const property of ['display', 'visibility', 'height']) root.style.removeProperty(property);
      this.#request({ draw: true });
    };
    link.addEventListener('load', styled);
    link.addEventListener('error', styled);
    return { link, root, headline, prompt, messages, fatal, charts, priceCanvas, mapCanvas, legend, controls, footer, labLink };
  }

  /** The controls the attributes ask for; unknown names are reported, not fatal. */
  #controlNames() {
    const text = this.getAttribute('controls');
    if (text === null) {
      return { names: this.hasAttribute('compact') ? COMPACT_CONTROLS : FULL_CONTROLS, unknown: [] };
    }
    // controls="" shows none: a chart with its headline only.
    return controlList(text);
  }

  #buildControls() {
    this.#needsControls = false;
    const { names, unknown } = this.#controlNames();
    // locked="a,b": shown but not movable (a control not shown is already out of reach).
    const locked = controlList(this.getAttribute('locked') || '');
    this.#locked = new Set(locked.names);
    this.#controlsUnknown = unknown;
    this.#lockedUnknown = locked.unknown;
    const nodes = names.map((name) => this.#buildControl(name));
    this.#ui.controls.replaceChildren(...nodes, this.#ui.footer);
    this.#buildLegend();
    this.#showMessages();
    if (this.#params) this.#syncControls();
  }

  #controlsUnknown = [];
  #lockedUnknown = [];
  #locked = new Set();

  #buildControl(name) {
    const def = CONTROL_DEFS[name];
    const id = `lc-${name}`;
    if (def.kind === 'switch') {
      const input = h('input', { type: 'checkbox', role: 'switch', id, class: 'switch' });
      input.addEventListener('change', () => this.#guard(() => this.#setFocusBreaker(input.checked)));
      input.disabled = this.#locked.has(name);
      const label = this.#words.CONTROL_LABELS[name];
      return h('div', { class: 'control control-switch' }, input, h('label', { for: id }, label, this.#lockNote(name)));
    }
    const attrs = { type: 'range', id, 'data-param': name, 'data-format': def.format };
    if (def.log) {
      Object.assign(attrs, { 'data-scale': 'log', 'data-lo': def.log[0], 'data-hi': def.log[1] });
      if (def.zero) attrs['data-zero'] = true;
    } else {
      Object.assign(attrs, { min: def.min, max: def.max, step: def.step });
    }
    const input = h('input', attrs);
    setUp(input);
    const output = h('output', { for: id, id: `${id}-out` });
    input.addEventListener('input', () =>
      this.#guard(() => {
        if (!this.#params) return;
        set(this.#params, name, readControl(input));
        this.#markBusy();
        this.#syncControls();
        this.#request({ compute: true, early: true });
      }),
    );
    // Half of a 360 px widget holds no more than the short form; aria-valuetext keeps the long one.
    const compact = this.hasAttribute('compact') && def.compact;
    if (compact) input.dataset.compact = '';
    const text = compact ? this.#words.COMPACT_DEPTH.label : this.#words.CONTROL_LABELS[name];
    const label = h('label', { for: id }, text, this.#lockNote(name));
    input.disabled = this.#locked.has(name);
    return h('div', { class: 'control' }, h('div', { class: 'control-head' }, label, output), input);
  }

  /** For a locked control, words for screen readers saying why it does not move; else nothing. */
  #lockNote(name) {
    return this.#locked.has(name) ? h('span', { class: 'visually-hidden' }, this.#words.UI.locked) : '';
  }

  /** While a slider is being dragged, screen readers wait for the headline to settle. */
  #markBusy() {
    const headline = this.#ui.headline;
    headline.setAttribute('aria-busy', 'true');
    clearTimeout(this.#busyTimer);
    this.#busyTimer = setTimeout(() => headline.removeAttribute('aria-busy'), 500);
  }

  #busyTimer = 0;

  /**
   * Under the charts of a full widget: each scenario's move, as radios that choose the scenario
   * the headline describes, the map shows and the price chart draws on top. (The charts carry
   * their own legends; in a compact widget the breaker switch makes this choice.)
   */
  #buildLegend() {
    const items = this.#words.SCENARIOS.map(({ key, name }) => {
      const id = `lc-focus-${key}`;
      const radio = h('input', { type: 'radio', name: 'focus', id, value: key });
      radio.checked = key === this.#focus;
      radio.addEventListener('change', () =>
        this.#guard(() => {
          if (!radio.checked) return;
          this.#focus = key;
          this.#syncControls();
          this.#showResult();
          this.#request({ draw: true });
        }),
      );
      const label = h(
        'label',
        { for: id, class: `scenario scenario-${key}` },
        h('span', { class: 'swatch', 'aria-hidden': 'true' }),
        h('span', { class: 'name' }, name),
        h('span', { class: 'move' }),
      );
      return h('span', { class: 'legend-item' }, radio, label);
    });
    this.#ui.legend.replaceChildren(...items);
    this.#showResult();
  }

  #applyHeight() {
    const text = this.getAttribute('height');
    const root = this.#ui.root;
    root.classList.remove('sized');
    if (text === null || text.trim() === '') {
      root.style.removeProperty('--lc-height');
      this.#heightMessage = '';
      this.#showMessages();
      return;
    }
    const px = Number(text.trim().replace(/px$/, ''));
    if (!Number.isFinite(px) || px < MIN_HEIGHT || px > 4000) {
      root.style.removeProperty('--lc-height');
      this.#heightMessage = this.#words.SAY.badHeight(text.slice(0, 40), MIN_HEIGHT);
    } else {
      // CSSOM, not a style attribute: allowed under a strict style-src.
      root.style.setProperty('--lc-height', `${Math.round(px)}px`);
      root.classList.add('sized');
      this.#heightMessage = '';
    }
    this.#showMessages();
  }

  #heightMessage = '';

  /** While embed.css loads: keep the widget's expected height free, and show nothing. */
  #reserve() {
    if (this.#styled) return;
    const root = this.#ui.root;
    const height = root.style.getPropertyValue('--lc-height') || (this.hasAttribute('compact') ? '420px' : `${FULL_HEIGHT_GUESS}px`);
    root.style.setProperty('display', 'block');
    root.style.setProperty('visibility', 'hidden');
    root.style.setProperty('height', height);
  }

  #theme() {
    const wanted = this.getAttribute('theme');
    if (wanted === 'light' || wanted === 'dark') return wanted;
    return darkScheme.matches ? 'dark' : 'light';
  }

  #applyTheme() {
    const wanted = this.getAttribute('theme');
    this.#themeMessage =
      wanted === null || ['auto', 'light', 'dark', ''].includes(wanted)
        ? ''
        : this.#words.SAY.badTheme(wanted.slice(0, 40));
    this.#ui.root.classList.toggle('dark', this.#theme() === 'dark');
    this.#showMessages();
  }

  #themeMessage = '';

  #onScheme = () => {
    this.#applyTheme();
    this.#request({ draw: true });
  };

  // -------------------------------------------------------------------------------------------
  // Loading and settings

  async #load() {
    this.#ui.root.dataset.state = 'loading';
    try {
      // The words come with the simulator, so the first chart is drawn in them.
      [this.#world] = await Promise.all([loadApi(PKG), this.#languageReady]);
    } catch (err) {
      this.#failed = err;
      this.#showFatal(err);
      return;
    }
    this.#request({ compute: true });
  }

  #showFatal(err) {
    const ui = this.#ui;
    ui.root.dataset.state = 'error';
    ui.root.classList.add('failed');
    const W = this.#words;
    ui.headline.textContent = W.UI.failed;
    ui.fatal.replaceChildren(
      h('p', {}, W.UI.failedHelp),
      h('p', { class: 'hint' }, W.UI.failedHint, h('span', { class: 'detail' }, W.SAY.detail(messageOf(err)))),
    );
    ui.fatal.hidden = false;
  }

  /**
   * Reads `preset` and `params` into settings. Problems become messages; the settings then fall
   * back to the preset (for bad params) or the defaults (for an unknown preset).
   * Returns the candidate params and the fallback to use if the model rejects them.
   */
  #readConfig() {
    const { defaults, presets } = this.#world;
    const messages = [];
    let base = defaults;
    let baseName = (W) => W.UI.defaults;
    const presetId = this.getAttribute('preset');
    if (presetId !== null && presetId.trim() !== '') {
      const preset = presets.find((p) => p.id === presetId.trim());
      if (preset) {
        base = preset.params;
        baseName = (W) => W.SAY.preset(preset);
      } else {
        const [id, all] = [presetId.slice(0, 40), presets.map((p) => p.id).join(', ')];
        messages.push((W) => W.SAY.noPreset(id, W.UI.defaults, all));
      }
    }
    let candidate = base;
    const text = this.getAttribute('params');
    let fromAttribute = false;
    if (text !== null && text.trim() !== '') {
      let over;
      try {
        over = JSON.parse(text);
      } catch (err) {
        const [message, name] = [messageOf(err), baseName];
        messages.push((W) => W.SAY.badJson(message, name(W)));
      }
      if (over !== undefined && !isObject(over)) {
        const name = baseName;
        messages.push((W) => W.SAY.notObject(name(W)));
      } else if (over !== undefined) {
        candidate = merge(base, over);
        // A breaker given in part ({"haltTicks": 30}) is the default breaker with those fields,
        // as the model reads it; the page reads every field.
        if (isObject(candidate.circuitBreaker)) candidate.circuitBreaker = merge(DEFAULT_BREAKER, candidate.circuitBreaker);
        fromAttribute = true;
      }
    }
    return { candidate, base, baseName, fromAttribute, messages };
  }

  #applyConfig() {
    this.#needsConfig = false;
    const { candidate, base, baseName, fromAttribute, messages } = this.#readConfig();
    const api = this.#world.api;
    let params = candidate;
    let result = null;
    try {
      result = api.compare(params);
    } catch (err) {
      const message = messageOf(err);
      messages.push(fromAttribute ? (W) => W.SAY.notUsed(message, baseName(W)) : (W) => W.SAY.badSettings(message));
      params = base;
      try {
        result = api.compare(params);
      } catch (again) {
        params = this.#world.defaults;
        result = api.compare(params);
      }
    }
    this.#configMessages = messages;
    this.#runMessage = null;
    this.#params = normalize(params);
    this.#focus = get(this.#params, 'circuitBreaker') ? 'circuitBreaker' : 'none';
    this.#result = result;
    this.#syncControls();
    this.#showMessages();
    this.#showResult();
  }

  // -------------------------------------------------------------------------------------------
  // Computing and drawing, only in view: a moved slider's result at once, the rest once per
  // animation frame

  /**
   * Asks for a compute and a redraw in the next frame. With `early` (a slider moved), the result
   * is computed at once instead, while the browser waits for the frame that shows it; only once
   * between frames (a later input's is computed in the frame, with the latest settings).
   */
  #request({ compute = false, draw = false, early = false } = {}) {
    this.#needsCompute ||= compute;
    this.#needsDraw ||= draw || compute;
    if (!this.#frame && this.#visible && this.#world && this.isConnected) {
      this.#frame = requestAnimationFrame(() => this.#guard(() => this.#onFrame()));
    }
    if (early && this.#frame && this.#needsCompute && !this.#needsConfig && !this.#computedEarly) {
      this.#computedEarly = true;
      this.#needsCompute = false;
      this.#compute();
    }
  }

  #onFrame() {
    this.#frame = 0;
    this.#computedEarly = false;
    if (!this.#visible || !this.#world) return;
    if (this.#needsConfig) {
      this.#needsCompute = false;
      this.#applyConfig();
    } else if (this.#needsCompute) {
      this.#needsCompute = false;
      this.#compute();
    }
    if (this.#needsDraw) {
      this.#needsDraw = false;
      this.#draw();
    }
  }

  #compute() {
    try {
      this.#result = this.#world.api.compare(this.#params);
      this.#runMessage = null;
    } catch (err) {
      const message = messageOf(err);
      this.#runMessage = (W) => W.SAY.keptLast(message);
    }
    this.#showMessages();
    this.#showResult();
  }

  #draw() {
    const ui = this.#ui;
    if (!this.#result || !this.#styled) return;
    const common = { theme: this.#theme(), scenario: this.#focus, tickSeconds: this.#params.tickSeconds, words: this.#words.CHART_WORDS };
    // The price chart gives the cascade most of its width (quiet stretches squeezed); beside it,
    // the map takes its plot band so the two price axes line up.
    const price = { ...common, chart: 'price', window: 'cascade' };
    // The compact widget compares two markets, without and with the breaker: its switch picks
    // which one is described and drawn on top, and only with the breaker on are halts shaded.
    if (this.hasAttribute('compact')) {
      const on = this.#focus === 'circuitBreaker' || this.#focus === 'both';
      Object.assign(price, on
        ? { scenario: 'circuitBreaker', against: 'none', haltsOf: 'circuitBreaker' }
        : { scenario: 'none', against: 'circuitBreaker', haltsOf: 'none' });
    }
    const charts = [[ui.priceCanvas, price]];
    if (!this.hasAttribute('compact')) charts.push([ui.mapCanvas, { ...common, chart: 'map' }]);
    let drawn = 0;
    let band = null;
    try {
      for (const [canvas, options] of charts) {
        // A canvas with no size yet (not laid out) is drawn when the ResizeObserver sees it grow.
        if (!fitCanvas(canvas)) continue;
        const beside = band && Math.abs(canvas.getBoundingClientRect().top - ui.priceCanvas.getBoundingClientRect().top) < 2;
        const out = this.#world.api.render(canvas, this.#result, beside ? { ...options, band } : options);
        if (out && out.band) band = { top: out.band.top, bottom: out.band.bottom };
        drawn += 1;
      }
    } catch (err) {
      const message = messageOf(err);
      this.#runMessage = (W) => W.SAY.notDrawn(message);
      this.#showMessages();
      return;
    }
    if (!drawn) return;
    ui.root.dataset.state = 'ready';
    if (!this.#drawn) {
      this.#drawn = true;
      if (!firstChartMarked) {
        firstChartMarked = true;
        performance.mark('leverage-cascade:first-chart');
      }
      this.dispatchEvent(new CustomEvent('leverage-cascade-ready', { bubbles: true }));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Text: sliders, headline, legend, messages, the lab link

  #setFocusBreaker(on) {
    // The switch adds or removes the breaker from the scenario being described. The four
    // scenarios are always computed, so this needs no new run, and the params (which the lab
    // link carries) stay as they are: `compare()` runs the breaker scenarios either way.
    const withTiers = this.#focus === 'marginTiers' || this.#focus === 'both';
    this.#focus = on ? (withTiers ? 'both' : 'circuitBreaker') : withTiers ? 'marginTiers' : 'none';
    this.#syncControls();
    this.#showResult();
    this.#request({ draw: true });
  }

  #syncControls() {
    const params = this.#params;
    if (!params) return;
    for (const input of this.#ui.controls.querySelectorAll('input')) {
      if (input.type === 'checkbox') {
        input.checked = this.#focus === 'circuitBreaker' || this.#focus === 'both';
        continue;
      }
      const value = get(params, input.dataset.param);
      showValue(input, value);
      const text = formatControl(input, params, this.#words.FORMATS);
      const short = 'compact' in input.dataset ? this.#words.COMPACT_DEPTH.text(value) : text;
      const out = input.parentNode.querySelector('output');
      if (out) out.textContent = short;
      input.setAttribute('aria-valuetext', text);
    }
    for (const radio of this.#ui.legend.querySelectorAll('input')) radio.checked = radio.value === this.#focus;
    this.#updateLabLink();
  }

  #updateLabLink() {
    if (!this.#params || !this.#world) return;
    let { query } = toQuery(this.#params, normalize(this.#world.defaults), this.#world.version.model);
    // The scenario in view, for a lab that reads `focus=` (its schema then lists the keys).
    if (this.#focus !== 'none' && FOCUS_KEYS.includes(this.#focus)) query += `&focus=${this.#focus}`;
    // What the page locked stays locked in the lab (the breaker switch picks a scenario, not a setting).
    const locked = [...this.#locked].filter((n) => n !== 'breaker');
    if (locked.length) query += `&lock=${locked.join(',')}`;
    // The lab opens in the widget's language (without lang= it would take the browser's).
    query += `&lang=${this.#lang}`;
    const url = new URL(LAB_PAGE);
    url.search = query ? `?${query}` : '';
    this.#ui.labLink.href = url.href;
  }

  #showResult() {
    const result = this.#result;
    const ui = this.#ui;
    if (!result) return;
    const W = this.#words;
    const focus = result[this.#focus].summary;
    const name = W.SCENARIOS.find((s) => s.key === this.#focus).name;
    if (this.hasAttribute('compact')) ui.headline.replaceChildren(W.breakerHeadline(result, this.#focus !== 'none', this.#params));
    else {
      const [lead, rest] = W.scenarioHeadline(name, focus, this.#params);
      ui.headline.replaceChildren(h('strong', {}, lead), rest);
    }
    for (const { key } of W.SCENARIOS) {
      const move = ui.legend.querySelector(`.scenario-${key} .move`);
      if (move) {
        const [size, amp] = W.legendMove(result[key].summary);
        move.replaceChildren(size, h('span', { class: 'amp' }, amp));
      }
    }
    const tickSeconds = this.#params.tickSeconds;
    ui.priceCanvas.setAttribute('aria-label', W.priceChartLabel(result, tickSeconds, this.#params));
    ui.mapCanvas.setAttribute('aria-label', W.mapLabel(result[this.#focus], this.#focus));
  }

  #showMessages() {
    const W = this.#words;
    const SAY = W.SAY;
    const all = this.#configMessages.map((say) => say(W));
    const names = Object.keys(CONTROL_DEFS).join(', ');
    if (this.#controlsUnknown.length) all.push(SAY.unknown('controls', this.#controlsUnknown, names));
    if (this.#lockedUnknown.length) all.push(SAY.unknown('locked', this.#lockedUnknown, names));
    if (this.#badLang) all.push(SAY.badLang(this.#badLang, LANGUAGES.join(', ')));
    if (this.#heightMessage) all.push(this.#heightMessage);
    if (this.#themeMessage) all.push(this.#themeMessage);
    if (this.#runMessage) all.push(this.#runMessage(W));
    const box = this.#ui.messages;
    box.replaceChildren(...all.map((text) => h('p', {}, text)));
    box.hidden = all.length === 0;
  }
}

if (!customElements.get('leverage-cascade')) customElements.define('leverage-cascade', LeverageCascade);
// On the site's own pages (embed.html, the examples), the widget is kept for offline use too.
keepOffline(new URL('sw.js', import.meta.url));

// For the assignment builder (teach.js), which offers the same controls under the same names.
export { CONTROL_DEFS as WIDGET_CONTROLS, COMPACT_CONTROLS, FULL_CONTROLS, controlList };
