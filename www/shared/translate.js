// A page's fixed text in another language: the HTML is written in English, and a language's
// catalogue maps each piece of it to its translation, keyed by the English itself.
//
// A piece is an element whose content is text and inline markup only (a paragraph, a label, a
// button, an option), taken whole, so a translation can order its words and its <strong> or
// <a> as the language needs; a run of text beside other content (the words after a checkbox in
// its label); and the text of the attributes people see or hear (aria-label, title,
// placeholder, alt). Keys are the English with runs of white space made one space.
// Nothing marked translate="no" (names, quotations, sources) is touched. `pieces` lists them,
// for the test that holds every catalogue to the page.

/** Elements that may sit inside a piece of text. */
const INLINE = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BR', 'CITE', 'CODE', 'DFN', 'EM', 'I', 'KBD', 'MARK', 'Q', 'S', 'SMALL',
  'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR',
]);

/** Elements whose content is never a piece of the page's text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'svg']);

/** Attributes whose text people see or hear. */
const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt'];

/** The English with runs of white space made one space, as a key. */
export function keyOf(text) {
  return text.replace(/\s+/g, ' ').trim();
}

function isPiece(el) {
  let text = false;
  for (const node of el.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text ||= node.textContent.trim() !== '';
    else if (node.nodeType === Node.ELEMENT_NODE) {
      if (!INLINE.has(node.tagName) || !allInline(node)) return false;
      text ||= node.textContent.trim() !== '';
    }
  }
  return text;
}

function allInline(el) {
  for (const child of el.children) if (!INLINE.has(child.tagName) || !allInline(child)) return false;
  return true;
}

/**
 * The translatable pieces under `root`: `{el, key}` for each element taken whole,
 * `{node, key}` for each run of text beside other content, and `{el, attribute, key}` for each
 * attribute.
 */
export function pieces(root) {
  const found = [];
  const visit = (el) => {
    if (el.getAttribute('translate') === 'no') return;
    for (const attribute of ATTRIBUTES) {
      const value = el.getAttribute(attribute);
      if (value && value.trim()) found.push({ el, attribute, key: keyOf(value) });
    }
    // A canvas's text alternative is translated, never its content.
    if (SKIP.has(el.tagName)) return;
    if (isPiece(el)) {
      found.push({ el, key: keyOf(el.innerHTML) });
      return;
    }
    for (const node of el.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE) visit(node);
      else if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) found.push({ node, key: keyOf(node.textContent) });
    }
  };
  visit(root);
  return found;
}

/** The few character references the catalogues' text uses. */
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const VOID = new Set(['BR', 'WBR']);

/**
 * Gives `el` the translation `text`: its words as text nodes, its tags as the piece's own
 * elements, in the order the English has them, so no markup is ever made from a string and
 * every element keeps its attributes, its id and its listeners. A translation whose tags are
 * not the English's, in order, is refused (false) and the English stays.
 */
function fill(el, text) {
  const elements = [...el.querySelectorAll('*')];
  const tokens = text.split(/(<\/?[a-zA-Z][^>]*>)/);
  const tags = tokens.filter((t) => /^<[a-zA-Z]/.test(t)).map((t) => t.match(/^<([a-zA-Z0-9]+)/)[1].toUpperCase());
  if (tags.length !== elements.length || tags.some((tag, i) => tag !== elements[i].tagName)) return false;
  for (const inner of elements) inner.replaceChildren();
  el.replaceChildren();
  const open = [el];
  let next = 0;
  for (const token of tokens) {
    if (/^<\//.test(token)) {
      if (open.length > 1) open.pop();
    } else if (/^<[a-zA-Z]/.test(token)) {
      const inner = elements[next++];
      open[open.length - 1].append(inner);
      if (!VOID.has(inner.tagName) && !token.endsWith('/>')) open.push(inner);
    } else if (token) {
      open[open.length - 1].append(decode(token));
    }
  }
  return true;
}

/**
 * The whole page in language `lang` (a BCP 47 tag) from `catalogue`: <html lang>, the title,
 * the description and the body's fixed text. Returns the keys it has no translation for.
 */
export function translatePage(lang, catalogue) {
  document.documentElement.lang = lang;
  const title = catalogue[keyOf(document.title)];
  if (title) document.title = title;
  const description = document.querySelector('meta[name="description"]');
  const about = description && catalogue[keyOf(description.content)];
  if (about) description.content = about;
  return translate(document.body, catalogue);
}

/**
 * Puts `catalogue`'s translation in place of each piece under `root` that it has; returns the
 * keys it has none for (or whose translation does not have the English's tags).
 */
export function translate(root, catalogue) {
  const missing = [];
  for (const { el, node, attribute, key } of pieces(root)) {
    const text = Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
    if (text === undefined) missing.push(key);
    else if (node) node.textContent = node.textContent.replace(/\S[\s\S]*\S|\S/, () => text);
    else if (attribute) el.setAttribute(attribute, text);
    else if (!fill(el, text)) missing.push(key);
  }
  return missing;
}
