// For a host page that embeds the simulator with <iframe src=".../embed.html?...&fit">: sizes each
// such frame to the widget's height. One tag on the host page, anywhere:
//
//   <script src="https://example.org/leverage-cascade/frame-host.js" defer></script>
//
// embed.html (www/shared/frame.js) posts {type: "leverage-cascade:height", height} to its parent
// when its height changes. Only a message from one of this page's own iframes is used, and the
// height is kept between 200 and 4000 CSS px. Without this script (or without JavaScript) the
// frame keeps the height its tag gives it. A classic script with no dependencies, so any page
// can load it.
(() => {
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'leverage-cascade:height' || !Number.isFinite(data.height)) return;
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow !== event.source) continue;
      frame.style.height = `${Math.min(4000, Math.max(200, Math.round(data.height)))}px`;
    }
  });
})();
