// Offline copies, shown (docs/offline.md): loaded by offline.js once the
// worker runs. Says when the page on screen is a saved copy, offers to
// reload when it is out of date, lists the saved pages on the offline page
// and runs "Keep this offline" on a guideline.
(function () {
  var MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  function when(iso) {
    var d = new Date(iso);
    if (isNaN(d)) return "";
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear() + " at " + two(d.getHours()) + ":" + two(d.getMinutes());
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // A saved copy: the worker put the time it was saved in this <meta>.
  var copy = document.querySelector('meta[name="signpost-offline-copy"]');
  var main = document.getElementById("main");
  if (copy && main) {
    var box = el("div", "offline-banner");
    box.setAttribute("role", "status");
    var saved = when(copy.getAttribute("content"));
    var line = el("p", "", "You are offline. This copy was saved" + (saved ? " on " + saved : "") + ".");
    box.appendChild(line);
    main.insertBefore(box, main.firstChild);
    // Back online: the worker fetches the page again and keeps the new copy;
    // the reader decides when to reload. Asked at the "online" event and
    // every 10 seconds too, since a device can be "online" with no signal:
    // offline the question fails at once and costs nothing.
    var asking = setInterval(check, 10000);
    window.addEventListener("online", check);
    function check() {
      fetch(location.href, { headers: { "X-Signpost-Check": "1" }, cache: "no-store" }).then(function (r) {
        var changed = r.headers.get("X-Signpost-Changed");
        if (!changed || !asking) return;
        clearInterval(asking);
        asking = null;
        if (changed === "yes") {
          line.textContent = "You are back online. This page has changed since this copy was saved.";
          var reload = el("button", "offline-reload", "Reload to see the new version");
          reload.type = "button";
          reload.addEventListener("click", function () { location.reload(); });
          box.appendChild(reload);
        } else {
          line.textContent = "You are back online. This copy is up to date.";
        }
      }).catch(function () {});
    }
  }

  // The offline page: what this device holds, from the worker's cache.
  var list = document.querySelector("[data-offline-list]");
  if (list && window.caches) listKept(list);
  function listKept(list) {
    // Each page's title without the site's name after it.
    var site = document.querySelector(".site-title");
    var suffix = site ? " \u2013 " + site.textContent.trim() : null;
    caches.open("signpost-kept").then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (r) {
            if (!r || (r.headers.get("Content-Type") || "").indexOf("text/html") < 0) return null;
            var at = r.headers.get("X-Signpost-Saved");
            return r.text().then(function (html) {
              var title = new DOMParser().parseFromString(html, "text/html").title;
              if (suffix && title.slice(-suffix.length) === suffix) title = title.slice(0, -suffix.length);
              return { url: request.url, title: title || request.url, saved: at };
            });
          });
        }));
      });
    }).then(function (pages) {
      pages = pages.filter(Boolean).sort(function (a, b) { return a.title.localeCompare(b.title); });
      var status = list.querySelector("[data-offline-count]");
      status.textContent = pages.length ? "Pages saved on this device:" : "No pages are saved on this device yet.";
      var ul = el("ul", "offline-pages");
      pages.forEach(function (p) {
        var li = el("li");
        var a = el("a", "", p.title);
        a.href = p.url;
        li.appendChild(a);
        if (p.saved) li.appendChild(document.createTextNode(" (saved " + when(p.saved) + ")"));
        ul.appendChild(li);
      });
      list.appendChild(ul);
    }).catch(function () {});
  }

  // "Keep this offline" on a guideline: its local services and the pages
  // its pathway links to, fetched now so they open on the next home visit.
  var keep = document.querySelector("[data-offline-keep]");
  if (keep) {
    navigator.serviceWorker.ready.then(function () {
      keep.hidden = false;
      var button = keep.querySelector("button");
      var status = keep.querySelector("[role=status]");
      button.addEventListener("click", function () {
        var urls = [location.pathname];
        document.querySelectorAll(".local-services a[href], .pathway a[href]").forEach(function (a) {
          var u = new URL(a.href, location.href);
          if (u.origin === location.origin && urls.indexOf(u.pathname) < 0) urls.push(u.pathname);
        });
        status.textContent = "Saving…";
        var channel = new MessageChannel();
        channel.port1.onmessage = function (e) {
          var linked = e.data.kept - 1;
          status.textContent = e.data.kept === e.data.asked
            ? "Kept for offline use: this guideline and " + linked + (linked === 1 ? " linked page." : " linked pages.")
            : "Kept " + e.data.kept + " of " + e.data.asked + " pages; try again with a better signal.";
        };
        navigator.serviceWorker.controller
          ? navigator.serviceWorker.controller.postMessage({ type: "keep", urls: urls }, [channel.port2])
          : (status.textContent = "Not ready yet: reload the page, then try again.");
      });
    });
  }
})();
