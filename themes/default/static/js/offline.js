// Offline copies, the page's side (docs/offline.md): registers the site's
// service worker (/sw.js: its code is only there). Kept small, since every
// page loads it; the rest (the saved-copy banner, the back-online note, the
// offline page's list, "Keep this offline") is offline-ui.js, loaded only
// where it is needed and only once the worker runs, so from its cache.
(function () {
  var me = document.currentScript;
  var root = (me && me.getAttribute("data-root")) || "/";
  // The preview (signpost serve) is for editing: it never installs the worker.
  if (!("serviceWorker" in navigator) || document.querySelector('script[src$="__signpost/live.js"]')) return;
  var controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.register(root + "sw.js", { scope: root }).catch(function () {});
  navigator.serviceWorker.ready.then(function (registration) {
    // The first page came before the worker: once it runs, it keeps this
    // page and the search files the page has used, as it will every later one.
    if (!controlled && registration.active) {
      var urls = [location.pathname + location.search];
      performance.getEntriesByType("resource").forEach(function (entry) {
        if (entry.name.indexOf(location.origin + root + "search/engine/") === 0) urls.push(entry.name);
      });
      registration.active.postMessage({ type: "keep", urls: urls });
    }
    if (document.querySelector('meta[name="signpost-offline-copy"], [data-offline-list], [data-offline-keep]')) {
      var ui = document.createElement("script");
      // Named by the page (content-hashed in a build), so a kept page
      // loads the script of its own build.
      ui.src = me.getAttribute("data-ui");
      document.body.appendChild(ui);
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = me.getAttribute("data-ui-css");
      document.head.appendChild(css);
    }
  });
})();
