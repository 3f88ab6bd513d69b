// The assignment builder's English words (teach.html, teach.js). Every language's teach-<lang>.js
// exports the same names with the same shapes; teach.js reads the one of its reader's browser
// language, and teach.html's fixed text is translated from its English by shared/translate.js
// with the language's HTML map.

import { PRESETS_EN } from '../shared/presets-en.js';

export { CONTROL_LABELS } from './widget-en.js';
export { LAB_FORMATS } from '../lab/lab-formats.js';
export { REASONS } from '../lab/schema.js';

/** The language's tag, for <html lang>. */
export const LANG = 'en';
/** teach.html's fixed text in this language, by its English: none needed. */
export const HTML = null;
/** index.html's fixed text in this language, by its English, for the lab's control labels: none needed. */
export const LAB_HTML = null;

/** A message of the model (a refusal of a setting) in this language. */
export const modelError = (message) => message;

/** What a preset is called in the menu, and what it shows. */
export function presetWords(preset) {
  return { title: preset.title, summary: PRESETS_EN[preset.id] || '' };
}

/** The iframe's title in an assignment in this language, by what it shows. */
export const FRAME_TITLE = { lab: 'Leverage cascade lab', widget: 'Leverage cascade simulator' };

/** What each rule of the rules table is called. */
export const RULES = { show: 'Shown', lock: 'Locked', hide: 'Hidden' };

/** teach.js's own sentences, each a function of what it reports. */
export const SAY = {
  version: (v) => `Model version ${v.model} (leverage-cascade ${v.crate}).`,
  indexStatus: (status) => `index.html answered ${status}`,
  noControls: 'index.html lists no controls',
  fatal: (m) =>
    `The builder could not start: ${m}. Reload the page; if you host it yourself, check that index.html and the pkg/ folder were copied with it.`,

  // Why something a link or a snippet asks for was not used.
  tour: 'a tour step is not part of an assignment; open the lab with ?tour= for that',
  oneOf: (values) => `must be one of ${values.join(', ')}`,
  noLabControl: 'has no control in the lab',
  target: 'must be lab or widget',
  notWidgetControl: (names) => `is not a control of the widget (it has ${names.join(', ')})`,
  nothingToLock: 'is not among the controls shown, so there is nothing to lock',
  heightSetHere: 'the builder sets the height itself',
  notPreset: 'is not a preset of this page',
  notJson: 'is not valid JSON',
  notObject: 'must be a JSON object such as {"leverage": 25}',
  notSetting: 'is not a setting this page knows',
  notAttribute: 'is not an attribute of the widget',

  // The notice listing them.
  noticeLead: 'Some of what the link or snippet asks for could not be used, so it was left out (a setting keeps its default):',
  ignored: (key, value, reason) => `${value ? `${key} = “${value}”` : key}: ${reason}`,
  dismiss: 'Dismiss',

  // Edit an assignment you made before.
  pasteFirst: 'Paste a link or a snippet first.',
  noElement: 'This snippet has neither a <leverage-cascade> element nor an <iframe>.',
  notLink: 'This is neither a link nor a snippet.',
  otherPage: 'This link is not to the lab, the widget or this builder.',
  readWithNotice: 'Read, with the notice at the top of the page listing what could not be used.',
  read: 'Read: the builder now shows that assignment.',

  // The market and the rules table.
  openedWith: 'The settings this page was opened with',
  ownSettings: 'Settings from the lab, or from the assignment you pasted.',
  switchAtFirst: (on) => (on ? 'on at first' : 'off at first'),
  checkbox: (checked) => String(checked),
  customTable: 'a custom table',
  now: (value) => `(now ${value})`,

  // The outputs and the preview.
  linkHint: (widget) =>
    widget
      ? 'A page with the widget alone, for a student to open or for a platform that takes links.'
      : 'Hand this out: it opens the lab with your settings. Students who share their answer send a link like it back, so you see what they saw.',
  frameHint: (widget) =>
    widget
      ? 'For a learning platform or a page that allows iframes but not scripts. With the second line (optional) the frame takes the widget\u2019s height; without it, the frame keeps the height given.'
      : 'The lab is a whole page: give the frame room, or hand out the link instead.',
  previewTitle: 'Preview of the link',
  copied: 'Copied.',
  notCopied: 'Your browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).',
};
