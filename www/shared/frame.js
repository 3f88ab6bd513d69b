// embed.html: the widget alone in a page, for hosts that embed with an <iframe>.
//
// The query string carries the element's attributes: preset, controls, height, theme and params
// (JSON, URL-encoded) by value, and compact as a flag (`&compact`, or `compact=false` to turn it
// off). Without a height, the widget fills the frame's height.

import '../embed.js';

const ATTRIBUTES = ['preset', 'controls', 'height', 'theme', 'params'];
const MIN_HEIGHT = 280;

const widget = document.querySelector('leverage-cascade');
const query = new URLSearchParams(location.search);

for (const name of ATTRIBUTES) {
  const value = query.get(name);
  if (value !== null) widget.setAttribute(name, value);
}
if (query.has('compact') && query.get('compact') !== 'false') widget.setAttribute('compact', '');

if (!query.has('height')) {
  const fill = () => widget.setAttribute('height', String(Math.max(MIN_HEIGHT, window.innerHeight)));
  fill();
  window.addEventListener('resize', fill);
}
