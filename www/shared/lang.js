// The reader's language: which catalogue the page or the widget speaks.
//
// Each language has its catalogues under www/lang/ (`<surface>-<lang>.js`, with the same
// exports in every language) and www/shared/words-<lang>.js (the parameters' and the charts'
// words, written out from the Rust catalogues). English is built in; any other language is
// loaded only when a reader needs it.

/** The languages there are catalogues for, English first. */
export const LANGUAGES = ['en', 'zh'];

/**
 * The language a BCP 47 tag asks for, if there is a catalogue for it: "zh-CN", "zh-Hans" and
 * "zh-TW" → "zh" (the one Chinese catalogue is Simplified), "en-GB" → "en", "fr" → null.
 */
export function languageOf(tag) {
  const base = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(base) ? base : null;
}

/** The first of `tags` (strings or lists of them, most wanted first) there is a catalogue for; else English. */
export function pickLanguage(...tags) {
  for (const tag of tags.flat()) {
    const lang = languageOf(tag);
    if (lang) return lang;
  }
  return 'en';
}
