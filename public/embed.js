/*! YRD Pledges embed loader: makes each <iframe data-yrd-pledges> as tall as
   the height its widget reports. Include once per page; see EMBEDDING.md. */
(function (w, d) {
  // Pasted snippets repeat the script; one listener serves every widget.
  if (w.yrdPledgesLoader) return;
  w.yrdPledgesLoader = 1;
  w.addEventListener('message', function (e) {
    var m = e.data, h = m && m.height, f, i;
    if (!m || m.type !== 'yrd-pledges:resize' || typeof h !== 'number' || !(h > 0 && h <= 1e5)) return;
    // Looked up per message, so widgets added later are served too. Only
    // the frame the message came from is resized: the sender is checked,
    // not an id in the message, which any frame could copy.
    f = d.querySelectorAll('iframe[data-yrd-pledges]');
    for (i = 0; i < f.length; i++) {
      if (f[i].contentWindow === e.source) {
        f[i].style.height = Math.ceil(h) + 'px';
        return;
      }
    }
  });
})(window, document);
