// The head script of every embed page (`embed/…`), run before anything
// paints and before the page's own head script; `pages` writes it in with
// the palette (`P`, from `palette.rs`). It does without the app's WASM
// what an embed needs: the host's styling (`dark`, `theme-color`), the
// height reported to the host page, and the language link kept out of the
// host's history. A malformed styling value marks the page `other-view`,
// so the app starts and says what it ignored.
(function () {
  var d = document.documentElement, c = d.classList, q = new URLSearchParams(location.search);
  var P = /*PALETTE*/{};
  var rgb = function (h) {
    h = h.replace('#', '');
    if (h.length == 3) h = h.replace(/./g, '$&$&');
    return [0, 2, 4].map(function (i) { return parseInt(h.substr(i, 2), 16); });
  };
  var lum = function (x) {
    x = x.map(function (v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * x[0] + 0.7152 * x[1] + 0.0722 * x[2];
  };
  var contrast = function (a, b) {
    var x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  var flag = q.get('dark'), dark = /^(1|true|yes|)$/.test(flag), hex = q.get('theme-color') || q.get('accent');
  if (flag != null && !/^(1|true|yes|0|false|no|)$/.test(flag)) c.add('other-view');
  // A widget matches a light host page unless told `dark=1`, whatever the
  // reader's system theme.
  c.add('embed', dark ? 'dark' : 'light');
  if (hex != null) {
    if (/^#?([0-9a-f]{3}){1,2}$/i.test(hex)) {
      // Darkened (light page) or lightened (dark page) until links in it
      // read at 4.5:1 on the palest surface, as the palette's own accent.
      var a = rgb(hex), ground = rgb((dark ? P.dark : P.light).surface), to = dark ? 255 : 0;
      for (var i = 0; i < 20 && contrast(a, ground) < 4.5; i++) a = a.map(function (v) { return v + (to - v) * 0.1; });
      // Button text: whichever page background reads better on it.
      var text = contrast(a, rgb(P.light.bg)) >= contrast(a, rgb(P.dark.bg)) ? P.light.bg : P.dark.bg;
      c.add('accent');
      d.style.setProperty('--embed-accent', '#' + a.map(function (v) { return (256 + Math.round(v)).toString(16).slice(1); }).join(''));
      d.style.setProperty('--embed-accent-text', text.toLowerCase());
    } else c.add('other-view');
  }
  // The height of <html>, posted to the host page whenever it changes: its
  // box is as tall as the content, unlike `scrollHeight`, which never drops
  // below the frame's own height. The height is no secret and the host's
  // origin unknown by design, hence "*"; a host that names its iframe gets
  // the name back. Nothing here listens for messages.
  if (window.parent !== window && window.ResizeObserver) {
    var last = -1;
    new ResizeObserver(function () {
      var h = Math.ceil(d.getBoundingClientRect().height);
      if (h === last) return;
      last = h;
      var m = { type: 'yrd-pledges:resize', height: h };
      if (window.name && window.name.length <= 64) m.id = window.name;
      window.parent.postMessage(m, '*');
    }).observe(d);
  }
  // The other language replaces this page, styling kept: a pushed entry
  // would make the host page's Back button step through the widget first.
  addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a.embed-lang');
    if (!link || e.defaultPrevented || e.button || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    location.replace(link.href.split('?')[0] + location.search);
  });
})();
