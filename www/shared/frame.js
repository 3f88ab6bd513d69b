// embed.html: the widget alone in a page, for hosts that embed with an <iframe>.
//
// The query string carries the element's attributes: preset, controls, locked, height, theme, lang and params
// (JSON, URL-encoded) by value, and compact as a flag (`&compact`, or `compact=false` to turn it
// off). Without a height, the widget fills the frame's height.
//
// With `&fit`, the frame is to fit the widget instead: the widget takes its own height, and this
// page tells its parent that height whenever it changes, in a message
//   {type: "leverage-cascade:height", height: <CSS px, a whole number>}
// which www/frame-host.js, one script tag on the host page, turns into the iframe's height
// (docs/EMBED.md). The message holds nothing but the height, so it goes to any parent.

import '../embed.js';

const ATTRIBUTES = ['preset', 'controls', 'locked', 'height', 'theme', 'lang', 'params'];
const MIN_HEIGHT = 280;

const widget = document.querySelector('leverage-cascade');
const query = new URLSearchParams(location.search);

for (const name of ATTRIBUTES) {
  const value = query.get(name);
  if (value !== null) widget.setAttribute(name, value);
}
if (query.has('compact') && query.get('compact') !== 'false') widget.setAttribute('compact', '');

if (query.has('fit') && window.parent !== window) {
  let posted = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === posted) return;
    posted = height;
    window.parent.postMessage({ type: 'leverage-cascade:height', height }, '*');
  };
  new ResizeObserver(post).observe(document.documentElement);
} else if (!query.has('height')) {
  const fill = () => widget.setAttribute('height', String(Math.max(MIN_HEIGHT, window.innerHeight)));
  fill();
  window.addEventListener('resize', fill);
}
