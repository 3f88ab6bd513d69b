// The assignment builder (teach.html): an instructor picks a market, what students get (the lab
// or the widget), and which controls they see, may move, or do not see; the page writes a link,
// a <leverage-cascade> snippet and an iframe snippet, and previews them.
//
// Nothing here is a second copy of a setting. The lab's controls are read from index.html itself
// (their labels, groups, formats and slider ranges), the widget's from embed.js, the parameters
// and their links from lab/schema.js, so the builder offers exactly what the pages accept.
//
// Its own address holds its whole state: the lab's keys (preset, parameters, lock, hide,
// predict, focus), plus `for=widget` and the widget's attributes (controls, locked, compact,
// theme). So a builder link reopens an assignment, and so does pasting an assignment's link or
// snippet into "Edit an assignment you made before". Whatever cannot be used is listed in a notice.
//
// The builder speaks its reader's browser language (lang/teach-<lang>.js, and teach.html's fixed
// text translated by shared/translate.js): `lang=` in its address is the assignment's language,
// the students', never the builder's own.

import { loadApi } from './shared/api.js';
import { keepOffline } from './shared/offline.js';
import { DEFAULT_BREAKER, FOCUS_KEYS, checkWithModel, field, fromQuery, get, linkKeyOf, normalize, preview, same, toQuery } from './lab/schema.js';
import { limitsOf } from './lab/controls.js';
import { WIDGET_CONTROLS, COMPACT_CONTROLS, FULL_CONTROLS, controlList } from './embed.js';
import * as ENGLISH from './lang/teach-en.js';
import { LANGUAGES, languageOf, pickLanguage } from './shared/lang.js';
import { translate, translatePage } from './shared/translate.js';

const byId = (id) => document.getElementById(id);

/** Keys of the builder's address that are the widget's, not the lab's. */
const WIDGET_KEYS = ['for', 'controls', 'locked', 'compact', 'theme'];
/** The languages a reader can be given: `auto` leaves it to the reader's browser. */
const LANG_CHOICES = ['auto', ...LANGUAGES];
/** The widget's attributes a pasted snippet or embed.html link may carry that the builder sets itself: why not. */
const SET_HERE = { height: () => L.SAY.heightSetHere };
const THEMES = ['auto', 'light', 'dark'];
/** Heights an iframe gets before (or without) frame-host.js sizing it, CSS px. */
const FRAME_HEIGHT = { lab: 900, compact: 460, full: 640 };
/** The width the lab's preview is laid out at before it is scaled to the box, CSS px. */
const LAB_PREVIEW_WIDTH = 1280;
const CHOICES = ['show', 'lock', 'hide'];

/** The builder's own words: those of its reader's browser language. */
let L = ENGLISH;
/** The catalogues loaded so far, by language: the builder's own, and those of assignments' languages. */
const catalogues = { en: ENGLISH };

let api;
let defaults;
let presets = [];
let modelVersion = '';
/** The lab's controls as index.html declares them: `{key, param, label, group, input}`. */
let labRows = [];
/** Slider ranges of the lab, so the builder refuses what the lab would refuse. */
const limits = {};

/** What is being built. */
const build = {
  params: null,
  target: 'lab',
  predict: null,
  focus: 'none',
  /** The lab's rules: setting key → 'lock' | 'hide' (absent: shown). */
  lab: new Map(),
  /** The widget's rules: control name → 'show' | 'lock' | 'hide' (absent: the widget's default). */
  widget: new Map(),
  /** The order of a pasted `controls` attribute, kept in what the builder writes; else null. */
  order: null,
  compact: true,
  theme: 'auto',
  /** The language students see: a LANG_CHOICES entry. */
  lang: 'auto',
};

boot();

/**
 * Loads the words of the reader's browser language (not the address's `lang=`, which is the
 * assignment's) and, for a language other than English, translates the page's fixed text.
 */
async function loadLanguage() {
  const lang = pickLanguage(navigator.languages || [], navigator.language);
  if (lang === 'en') return;
  L = await import(`./lang/teach-${lang}.js`).catch(() => ENGLISH);
  if (L === ENGLISH) return;
  catalogues[lang] = L;
  translatePage(L.LANG, L.HTML);
}

/** The catalogue of language `lang` (an assignment's: its iframe's title), loaded once; English for auto. */
async function wordsOf(lang) {
  if (!LANGUAGES.includes(lang) || catalogues[lang]) return;
  catalogues[lang] = await import(`./lang/teach-${lang}.js`).catch(() => ENGLISH);
}

async function boot() {
  const words = loadLanguage();
  try {
    const [world, lab] = await Promise.all([loadApi(new URL('pkg/', import.meta.url)), fetchLabControls(words), words]);
    api = world.api;
    defaults = normalize(world.defaults);
    presets = world.presets;
    modelVersion = world.version.model;
    labRows = lab;
    byId('version').textContent = L.SAY.version(world.version);
  } catch (err) {
    // The message in the page's language: the words may still be on their way.
    await words.catch(() => {});
    const box = byId('fatal');
    box.textContent = L.SAY.fatal(err && err.message ? err.message : String(err));
    box.hidden = false;
    return;
  }
  fillStart();
  wire();
  const { ignored } = readAddress(location.search);
  await wordsOf(build.lang);
  showNotice(ignored);
  for (const node of document.querySelectorAll('#builder select, #builder button, #builder input')) node.disabled = false;
  update();
  keepOffline(new URL('sw.js', import.meta.url));
}

/**
 * The lab's controls, read from index.html: one row per setting a link can lock or hide. Their
 * labels, groups and menus are in the builder's language: index.html's controls are translated
 * with the lab's own page map once `words` (the builder's catalogue) has loaded.
 */
async function fetchLabControls(words) {
  const response = await fetch(new URL('index.html', import.meta.url));
  await words;
  if (!response.ok) throw new Error(L.SAY.indexStatus(response.status));
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  if (L.LAB_HTML) translate(doc.getElementById('controls') || doc.body, L.LAB_HTML);
  const rows = [];
  for (const input of doc.querySelectorAll('#controls [data-param]')) {
    const key = linkKeyOf(input.dataset.param);
    if (!field(key)) continue;
    const range = limitsOf(input);
    if (range && field(input.dataset.param)) limits[input.dataset.param] = range;
    const label = doc.querySelector(`label[for="${input.id}"]`);
    const group = input.closest('fieldset')?.querySelector('legend');
    rows.push({ key, param: input.dataset.param, label: label ? label.textContent.trim() : key, group: group ? group.textContent.trim() : '', input });
  }
  if (!rows.length) throw new Error(L.SAY.noControls);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Reading: the builder's address, a pasted link, a pasted snippet

/**
 * Sets `build` from a builder or lab query string (and the widget's keys, when present).
 * Returns `{ignored}`: `{key, value, reason}` for everything that could not be used.
 */
function readAddress(search) {
  const query = new URLSearchParams(search);
  const labQuery = new URLSearchParams();
  const widget = new Map();
  for (const [key, value] of query) {
    if (WIDGET_KEYS.includes(key)) widget.set(key, value);
    else labQuery.append(key, value);
  }
  const read = fromQuery(labQuery.toString(), defaults, presets, limits, L.REASONS);
  const ignored = read.ignored;
  if (read.tour !== null) ignored.push({ key: 'tour', value: String(read.tour), reason: L.SAY.tour });
  build.params = check(read.params, ignored);
  readLanguage(query.get('lang'), ignored);
  build.predict = read.predict;
  build.focus = read.focus ?? 'none';
  build.lab = new Map();
  for (const key of read.hide) setLabRule(key, 'hide', ignored, 'hide');
  for (const key of read.lock) if (build.lab.get(key) !== 'hide') setLabRule(key, 'lock', ignored, 'lock');
  const target = widget.get('for');
  if (target !== undefined && target !== 'lab' && target !== 'widget') ignored.push({ key: 'for', value: preview(target), reason: L.SAY.target });
  build.target = target === 'widget' ? 'widget' : 'lab';
  readWidgetAttributes(widget, ignored);
  return { ignored };
}

/** The language a link or an attribute asks for (null: none), or a notice. */
function readLanguage(text, ignored) {
  build.lang = 'auto';
  if (text === null || text === undefined) return;
  if (languageOf(text)) build.lang = languageOf(text);
  else ignored.push({ key: 'lang', value: preview(text), reason: L.SAY.oneOf(LANGUAGES) });
}

/** Takes one setting of a lab link's lock= or hide= list, if the lab has a control for it. */
function setLabRule(key, rule, ignored, name) {
  if (labRows.some((r) => r.key === key)) build.lab.set(key, rule);
  else ignored.push({ key: name, value: key, reason: L.SAY.noLabControl });
}

/** The widget's controls, locked, compact and theme, from a map of attribute name → text. */
function readWidgetAttributes(attrs, ignored) {
  // As embed.html reads it (shared/frame.js): present, unless it says "false".
  const compact = attrs.get('compact');
  build.compact = compact === undefined || compact !== 'false';
  const theme = attrs.get('theme');
  build.theme = 'auto';
  if (theme !== undefined) {
    if (THEMES.includes(theme)) build.theme = theme;
    else ignored.push({ key: 'theme', value: preview(theme), reason: L.SAY.oneOf(THEMES) });
  }
  build.widget = new Map();
  const unknown = (name, list) => {
    for (const n of list) ignored.push({ key: name, value: preview(n), reason: L.SAY.notWidgetControl(Object.keys(WIDGET_CONTROLS)) });
  };
  build.order = null;
  if (attrs.has('controls')) {
    const shown = controlList(attrs.get('controls'));
    unknown('controls', shown.unknown);
    for (const name of Object.keys(WIDGET_CONTROLS)) build.widget.set(name, shown.names.includes(name) ? 'show' : 'hide');
    build.order = shown.names;
  }
  if (attrs.has('locked')) {
    const locked = controlList(attrs.get('locked'));
    unknown('locked', locked.unknown);
    for (const name of locked.names) {
      if (widgetRule(name) === 'hide') ignored.push({ key: 'locked', value: name, reason: L.SAY.nothingToLock });
      else build.widget.set(name, 'lock');
    }
  }
}

/** Checks params with the model, cheaply (a few traders run), resetting what it refuses (said in the builder's language). */
function check(params, ignored) {
  const before = ignored.length;
  const checked = checkWithModel(params, defaults, (p) => api.compare({ ...p, traders: 100 }), ignored).params;
  for (const item of ignored.slice(before)) item.reason = L.modelError(item.reason);
  return checked;
}

/** Reads a pasted link (lab, embed.html or builder), `<leverage-cascade>` snippet or iframe snippet. */
function readPasted(text) {
  const trimmed = text.trim();
  if (!trimmed) return { error: L.SAY.pasteFirst };
  if (trimmed.startsWith('<')) {
    const doc = parseHtml(trimmed);
    const element = doc.querySelector('leverage-cascade');
    if (element) {
      const attrs = new Map([...element.attributes].map((a) => [a.name, a.value]));
      // The element is compact whenever the attribute is there, whatever its value.
      if (attrs.has('compact')) attrs.set('compact', 'true');
      return readWidget(attrs);
    }
    const frame = doc.querySelector('iframe[src]');
    if (frame) return readPasted(frame.getAttribute('src'));
    return { error: L.SAY.noElement };
  }
  // A whole link, or the part from a page's name or its `?` on.
  let url = null;
  if (/^https?:\/\/\S+$/.test(trimmed) || /^(\/|[\w.-]+\.html(\?|$)|\?)\S*$/.test(trimmed)) {
    try {
      url = new URL(trimmed, location.href);
    } catch {
      url = null;
    }
  }
  if (!url) return { error: L.SAY.notLink };
  // A page of the site, or its folder (with or without the last slash).
  const page = url.pathname.split('/').pop();
  if (page.includes('.') && !['index.html', 'teach.html', 'embed.html'].includes(page)) {
    return { error: L.SAY.otherPage };
  }
  if (url.pathname.endsWith('/embed.html')) {
    const attrs = new Map(new URLSearchParams(url.search));
    if (attrs.has('compact') && attrs.get('compact') === '') attrs.set('compact', 'true');
    return readWidget(attrs);
  }
  return readAddress(url.search);
}

/** Sets `build` from a widget's attributes (a snippet or an embed.html link). */
function readWidget(attrs) {
  const ignored = [];
  const presetText = attrs.get('preset');
  let base = defaults;
  if (presetText !== undefined) {
    const preset = presets.find((p) => p.id === presetText);
    if (preset) {
      base = normalize(preset.params);
    } else {
      ignored.push({ key: 'preset', value: preview(presetText), reason: L.SAY.notPreset });
    }
  }
  let params = base;
  const paramsText = attrs.get('params');
  if (paramsText !== undefined && paramsText.trim() !== '') {
    let over = null;
    try {
      over = JSON.parse(paramsText);
    } catch {
      ignored.push({ key: 'params', value: preview(paramsText), reason: L.SAY.notJson });
    }
    if (over !== null && (typeof over !== 'object' || Array.isArray(over))) {
      ignored.push({ key: 'params', value: preview(paramsText), reason: L.SAY.notObject });
    } else if (over !== null) {
      // Through the lab's reader, so a value the lab would refuse is refused here too.
      const flat = new URLSearchParams();
      for (const [key, value] of Object.entries(flatten(over))) {
        const f = field(key);
        if (!f) ignored.push({ key: `params.${preview(key)}`, value: '', reason: L.SAY.notSetting });
        else flat.set(key, linkText(f, value));
      }
      const read = fromQuery(flat.toString(), base, [], limits, L.REASONS);
      ignored.push(...read.ignored.map((i) => ({ ...i, key: `params.${i.key}` })));
      params = read.params;
    }
  }
  build.params = check(params, ignored);
  build.target = 'widget';
  build.predict = null;
  build.focus = 'none';
  build.lab = new Map();
  // `fit` is the iframe snippet's own: the builder writes it there always.
  readLanguage(attrs.get('lang') ?? null, ignored);
  const known = new Set(['preset', 'params', 'controls', 'locked', 'compact', 'theme', 'lang', 'fit']);
  for (const [name, value] of attrs) {
    if (known.has(name)) continue;
    if (SET_HERE[name]) ignored.push({ key: name, value: preview(value), reason: SET_HERE[name]() });
    else if (!['src', 'type'].includes(name)) ignored.push({ key: name, value: preview(value), reason: L.SAY.notAttribute });
  }
  readWidgetAttributes(attrs.has('compact') ? attrs : new Map([...attrs, ['compact', 'false']]), ignored);
  return { ignored };
}

/**
 * `{a: {b: 1}}` → `{"a.b": 1}`; lists and null stay values. A breaker given as an object is the
 * switch on (`circuitBreaker: true`) and its fields; `circuitBreaker: null` is the switch off.
 */
function flatten(obj, prefix = '') {
  const out = {};
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (nested && path === 'circuitBreaker') Object.assign(out, { circuitBreaker: true }, flatten(value, path));
    else if (nested && !field(path)) Object.assign(out, flatten(value, path));
    else out[path] = value;
  }
  return out;
}

/** A parameter value as a link writes it (so the lab's reader can check it). */
function linkText(f, value) {
  if (f.type === 'switch') return value === null || value === false ? 'off' : 'on';
  if (value === null) return 'off';
  if (Array.isArray(value)) return f.type === 'levels' ? value.join(',') : JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Writing: the outputs

/** The id of the preset whose params these are, or null. */
function presetOf(params) {
  const preset = presets.find((p) => same(normalize(p.params), params));
  return preset ? preset.id : null;
}

function presetParams(id) {
  const preset = presets.find((p) => p.id === id);
  return preset ? normalize(preset.params) : defaults;
}

/** The widget's rule for a control: an explicit choice, else shown if the widget shows it by default. */
function widgetRule(name) {
  const chosen = build.widget.get(name);
  if (chosen) return chosen;
  return (build.compact ? COMPACT_CONTROLS : FULL_CONTROLS).includes(name) ? 'show' : 'hide';
}

/** The widget's attributes, in the order a snippet lists them: [name, value] (value true: a flag). */
function widgetAttributes() {
  // Every setting that differs from the model's defaults, not `preset` and what differs from it:
  // an assignment handed out must not change when a later version recalibrates a preset.
  const attrs = [];
  const over = difference(build.params, defaults);
  if (Object.keys(over).length) attrs.push(['params', JSON.stringify(over)]);
  const canonical = Object.keys(WIDGET_CONTROLS);
  const names = build.order ? [...build.order, ...canonical.filter((n) => !build.order.includes(n))] : canonical;
  const shown = names.filter((n) => widgetRule(n) !== 'hide');
  const standard = build.compact ? COMPACT_CONTROLS : FULL_CONTROLS;
  if (!same(shown, standard)) attrs.push(['controls', shown.join(',')]);
  const locked = names.filter((n) => widgetRule(n) === 'lock');
  if (locked.length) attrs.push(['locked', locked.join(',')]);
  if (build.compact) attrs.push(['compact', true]);
  if (build.theme !== 'auto') attrs.push(['theme', build.theme]);
  if (build.lang !== 'auto') attrs.push(['lang', build.lang]);
  return attrs;
}

/** What `params` changes in `base`, as JSON for the widget's params attribute (nested objects merge). */
function difference(params, base) {
  const out = {};
  for (const [key, value] of Object.entries(params)) {
    const before = base[key];
    if (same(value, before)) continue;
    // A breaker switched on is written as what differs from the default breaker ({} for it).
    const from = key === 'circuitBreaker' && before === null ? DEFAULT_BREAKER : before;
    const nested = value && from && typeof value === 'object' && typeof from === 'object' && !Array.isArray(value) && !Array.isArray(from);
    out[key] = nested ? difference(value, from) : value;
  }
  return out;
}

/** The lab's query string for the assignment: preset, what differs from it, then the rules. */
function labQuery() {
  // Every setting that differs from the defaults, as the lab's own share links: a preset
  // recalibrated in a later version does not change an assignment already handed out.
  const parts = [];
  const { query } = toQuery(build.params, defaults, modelVersion);
  if (query) parts.push(query);
  if (build.focus !== 'none') parts.push(`focus=${build.focus}`);
  if (build.predict !== null) parts.push(`predict=${build.predict ? 1 : 0}`);
  const rule = (r) => labRows.map((row) => row.key).filter((k) => build.lab.get(k) === r);
  if (rule('lock').length) parts.push(`lock=${rule('lock').join(',')}`);
  if (rule('hide').length) parts.push(`hide=${rule('hide').join(',')}`);
  if (build.lang !== 'auto') parts.push(`lang=${build.lang}`);
  return parts.join('&');
}

/** embed.html's query for the widget's attributes (`fit`: ask the frame to fit its content). */
function widgetQuery({ fit = false } = {}) {
  const parts = widgetAttributes().map(([name, value]) => (value === true ? name : `${name}=${encodeURIComponent(value).replace(/%2C/gi, ',')}`));
  if (fit) parts.push('fit');
  return parts.join('&');
}

function pageUrl(file, query) {
  const url = new URL(file, location.href);
  url.search = query ? `?${query}` : '';
  return url.href;
}

/** An HTML attribute as text, quoted so JSON stays readable: params='{"leverage":20}'. */
function attributeText(name, value) {
  if (value === true) return name;
  const text = String(value).replace(/&/g, '&amp;');
  if (!text.includes('"')) return `${name}="${text}"`;
  if (!text.includes("'")) return `${name}='${text}'`;
  return `${name}="${text.replace(/"/g, '&quot;')}"`;
}

function outputs() {
  const lab = build.target === 'lab';
  const link = lab ? pageUrl('index.html', labQuery()) : pageUrl('embed.html', widgetQuery());
  const frameSrc = lab ? link : pageUrl('embed.html', widgetQuery({ fit: true }));
  const height = lab ? FRAME_HEIGHT.lab : build.compact ? FRAME_HEIGHT.compact : FRAME_HEIGHT.full;
  // The frame's title is the students' to hear: in the assignment's language (English for auto).
  const title = (catalogues[build.lang] || ENGLISH).FRAME_TITLE[lab ? 'lab' : 'widget'];
  let frame = `<iframe src="${frameSrc.replace(/&/g, '&amp;')}" title="${title}" width="100%" height="${height}" style="border: 0"></iframe>`;
  if (!lab) frame += `\n<script src="${pageUrl('frame-host.js')}" defer></script>`;
  const tag = widgetAttributes().map(([n, v]) => ` ${attributeText(n, v)}`).join('');
  const element = `<script type="module" src="${pageUrl('embed.js')}"></script>\n<leverage-cascade${tag}></leverage-cascade>`;
  return { link, frame, element: lab ? '' : element };
}

/** The builder's own address: the lab's keys and, for the widget, its attributes. */
function builderQuery() {
  const parts = [labQuery()];
  if (build.target === 'widget') {
    parts.push('for=widget');
    const attrs = new Map(widgetAttributes());
    if (attrs.has('controls')) parts.push(`controls=${attrs.get('controls')}`);
    if (attrs.has('locked')) parts.push(`locked=${attrs.get('locked')}`);
    if (!build.compact) parts.push('compact=false');
    if (build.theme !== 'auto') parts.push(`theme=${build.theme}`);
  }
  return parts.filter(Boolean).join('&');
}

// ---------------------------------------------------------------------------------------------
// The page

function fillStart() {
  const select = byId('start');
  const own = document.createElement('option');
  own.value = '';
  own.textContent = L.SAY.openedWith;
  select.append(own);
  for (const preset of presets) {
    const option = document.createElement('option');
    option.value = preset.id;
    option.textContent = L.presetWords(preset).title;
    select.append(option);
  }
}

function wire() {
  byId('start').addEventListener('change', () => {
    const id = byId('start').value;
    if (!id) return;
      build.params = presetParams(id);
    update();
  });
  for (const radio of document.querySelectorAll('input[name="target"]')) {
    radio.addEventListener('change', () => {
      build.target = radio.value;
      update();
    });
  }
  byId('compact').addEventListener('change', () => {
    build.compact = byId('compact').checked;
    update();
  });
  byId('theme').addEventListener('change', () => {
    build.theme = byId('theme').value;
    update();
  });
  byId('lang').addEventListener('change', async () => {
    build.lang = LANG_CHOICES.includes(byId('lang').value) ? byId('lang').value : 'auto';
    await wordsOf(build.lang);
    update();
  });
  byId('predict').addEventListener('change', () => {
    const v = byId('predict').value;
    build.predict = v === '' ? null : v === '1';
    update();
  });
  byId('focus').addEventListener('change', () => {
    build.focus = FOCUS_KEYS.includes(byId('focus').value) ? byId('focus').value : 'none';
    update();
  });
  byId('rules').addEventListener('change', (event) => {
    const radio = event.target;
    if (radio.type !== 'radio') return;
    setRule(radio.dataset.key, radio.value);
    update({ rows: false });
  });
  byId('all-show').addEventListener('click', () => setAll('show'));
  byId('all-lock').addEventListener('click', () => setAll('lock'));
  for (const button of document.querySelectorAll('button.copy')) button.addEventListener('click', () => copy(byId(button.dataset.copy)));
  for (const box of document.querySelectorAll('.output textarea')) box.addEventListener('focus', () => box.select());
  for (const radio of document.querySelectorAll('input[name="preview"]')) radio.addEventListener('change', () => showPreview(true));
  byId('import').addEventListener('click', () => {
    const read = readPasted(byId('import-text').value);
    const status = byId('import-status');
    if (read.error) {
      status.textContent = read.error;
      return;
    }
    showNotice(read.ignored);
    status.textContent = read.ignored.length ? L.SAY.readWithNotice : L.SAY.read;
    update();
  });
  new ResizeObserver(fitLabPreview).observe(byId('preview'));
  byId('notice').addEventListener('click', (event) => {
    if (event.target.id !== 'notice-close') return;
    byId('notice').hidden = true;
    // The button is gone: the page's title takes the focus, not the page's body.
    byId('title').focus();
  });
}

function setRule(key, rule) {
  if (build.target === 'lab') {
    if (rule === 'show') build.lab.delete(key);
    else build.lab.set(key, rule);
  } else {
    build.widget.set(key, rule);
  }
}

function setAll(rule) {
  for (const row of rows()) setRule(row.key, rule);
  update();
}

/** The rows of the rules table for the current target: `{key, label, group, value}`. */
function rows() {
  if (build.target === 'lab') {
    return labRows.map((r) => ({ key: r.key, label: r.label, group: r.group, value: labValue(r), rule: build.lab.get(r.key) || 'show' }));
  }
  return Object.entries(WIDGET_CONTROLS).map(([name, def]) => ({
    key: name,
    label: L.CONTROL_LABELS[name],
    group: '',
    // The widget starts with its breaker switch on when the params carry a breaker (embed.js).
    value: def.kind === 'switch' ? L.SAY.switchAtFirst(Boolean(build.params.circuitBreaker)) : L.LAB_FORMATS[def.format](get(build.params, name), build.params),
    rule: widgetRule(name),
  }));
}

/** The value a lab control shows for the current params, in the lab's words. */
function labValue(row) {
  const value = get(build.params, row.param);
  if (row.input.tagName === 'SELECT') {
    const option = [...row.input.options].find((o) => o.value === value);
    return option ? option.textContent.trim() : L.SAY.customTable;
  }
  if (row.input.type === 'checkbox') return L.SAY.checkbox(value);
  const format = L.LAB_FORMATS[row.input.dataset.format] || L.LAB_FORMATS.text;
  return format(value, build.params);
}

function renderRules() {
  const box = byId('rules');
  const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null;
  const nodes = [];
  let group = null;
  let list = null;
  for (const row of rows()) {
    if (row.group !== group || !list) {
      group = row.group;
      if (group) {
        const h = document.createElement('h3');
        h.className = 'rule-group';
        h.textContent = group;
        nodes.push(h);
      }
      list = document.createElement('div');
      list.className = 'rule-list';
      nodes.push(list);
    }
    const id = `rule-${row.key.replace(/\W/g, '-')}`;
    const item = document.createElement('div');
    item.className = 'rule';
    item.setAttribute('role', 'radiogroup');
    item.setAttribute('aria-labelledby', `${id}-name`);
    const name = document.createElement('span');
    name.className = 'rule-name';
    name.id = `${id}-name`;
    name.textContent = row.label;
    const value = document.createElement('span');
    value.className = 'rule-value';
    value.textContent = row.value;
    name.append(document.createTextNode(' '), visuallyHidden(L.SAY.now(row.value)));
    value.setAttribute('aria-hidden', 'true');
    const radios = document.createElement('span');
    radios.className = 'rule-choices';
    for (const rule of CHOICES) {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = id;
      input.id = `${id}-${rule}`;
      input.value = rule;
      input.dataset.key = row.key;
      input.checked = row.rule === rule;
      label.append(input, ` ${L.RULES[rule]}`);
      radios.append(label);
    }
    item.append(name, value, radios);
    list.append(item);
  }
  box.replaceChildren(...nodes);
  if (focused && byId(focused)) byId(focused).focus();
}

function visuallyHidden(text) {
  const span = document.createElement('span');
  span.className = 'visually-hidden';
  span.textContent = text;
  return span;
}

/** Shows the state in the form, the outputs, the address bar and the preview. */
function update({ rows: redrawRows = true } = {}) {
  const widget = build.target === 'widget';
  const startSelect = byId('start');
  const presetId = presetOf(build.params);
  startSelect.value = presetId ?? '';
  startSelect.options[0].hidden = presetId !== null;
  byId('start-summary').textContent = presetId ? L.presetWords(presets.find((p) => p.id === presetId)).summary : L.SAY.ownSettings;
  byId('edit-link').href = pageUrl('index.html', labQueryForEditing());
  for (const radio of document.querySelectorAll('input[name="target"]')) radio.checked = radio.value === build.target;
  byId('widget-options').hidden = !widget;
  byId('lab-options').hidden = widget;
  byId('compact').checked = build.compact;
  byId('theme').value = build.theme;
  byId('lang').value = build.lang;
  byId('predict').value = build.predict === null ? '' : build.predict ? '1' : '0';
  byId('focus').value = build.focus;
  if (redrawRows) renderRules();

  // An assignment in a language whose words are not here yet: its iframe's title follows when they are.
  if (LANGUAGES.includes(build.lang) && !catalogues[build.lang]) wordsOf(build.lang).then(() => update({ rows: false }));
  const out = outputs();
  for (const [id, text] of [['out-link', out.link], ['out-element', out.element], ['out-frame', out.frame]]) {
    const box = byId(id);
    box.value = text;
    // Tall enough for the whole text: nothing an instructor copies is out of sight.
    box.style.height = 'auto';
    if (text) box.style.height = `${box.scrollHeight + 2}px`;
  }
  byId('out-element-box').hidden = !widget;
  byId('preview-element-choice').hidden = !widget;
  if (!widget && document.querySelector('input[name="preview"]:checked').value === 'element') {
    document.querySelector('input[name="preview"][value="link"]').checked = true;
  }
  byId('out-link-hint').textContent = L.SAY.linkHint(widget);
  byId('out-frame-hint').textContent = L.SAY.frameHint(widget);
  const search = `?${builderQuery()}`;
  if (location.search !== search) history.replaceState(null, '', `${location.pathname}${search}`);
  schedulePreview();
}

/** The lab's link without the rules, so the instructor can move every slider there. */
function labQueryForEditing() {
  return toQuery(build.params, defaults, modelVersion).query;
}

let previewTimer = 0;
function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => showPreview(false), 350);
}

let shown = '';
/** Puts the chosen output in the preview, made from its text; `force` rebuilds it even if unchanged. */
function showPreview(force) {
  const which = document.querySelector('input[name="preview"]:checked').value;
  const text = which === 'link' ? byId('out-link').value : which === 'element' ? byId('out-element').value : byId('out-frame').value;
  const key = `${which}\n${text}`;
  if (!force && key === shown) return;
  shown = key;
  const box = byId('preview');
  if (which === 'link') {
    const frame = document.createElement('iframe');
    frame.src = text;
    frame.title = L.SAY.previewTitle;
    frame.className = `preview-frame preview-${build.target === 'lab' ? 'lab' : build.compact ? 'compact' : 'full'}`;
    box.replaceChildren(frame);
    if (build.target === 'lab') fitLabPreview();
    return;
  }
  // The snippet itself, parsed; its script tags are left out (this page has loaded both scripts).
  const body = parseHtml(text).body;
  for (const script of body.querySelectorAll('script')) script.remove();
  box.replaceChildren(...[...body.childNodes].map((node) => document.adoptNode(node)));
}

/**
 * An inert document parsed from a snippet, without its style attributes: this page's CSP allows
 * no inline style (even parsing one is reported), and teach.css draws the preview's frame anyway.
 */
function parseHtml(text) {
  const unstyled = text.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  return new DOMParser().parseFromString(unstyled, 'text/html');
}

/** The lab previews as on a laptop (LAB_PREVIEW_WIDTH CSS px wide), scaled down to the box. */
function fitLabPreview() {
  const box = byId('preview');
  const width = box.clientWidth - 16;
  const scale = Math.min(1, width / LAB_PREVIEW_WIDTH);
  box.style.setProperty('--scale', String(scale));
}

async function copy(box) {
  const status = byId('copy-status');
  try {
    await navigator.clipboard.writeText(box.value);
    status.textContent = L.SAY.copied;
  } catch {
    box.focus();
    box.select();
    status.textContent = L.SAY.notCopied;
  }
}

function showNotice(ignored) {
  const box = byId('notice');
  if (!ignored.length) {
    box.hidden = true;
    return;
  }
  const lead = document.createElement('p');
  lead.textContent = L.SAY.noticeLead;
  const list = document.createElement('ul');
  for (const { key, value, reason } of ignored) {
    const li = document.createElement('li');
    li.textContent = L.SAY.ignored(key, value, reason);
    list.append(li);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.id = 'notice-close';
  close.className = 'quiet';
  close.textContent = L.SAY.dismiss;
  box.replaceChildren(lead, list, close);
  box.hidden = false;
}
