// The site's service worker (docs/offline.md): offline copies of what a
// reader has opened, for home visits with poor signal. build writes it to
// /sw.js with one line above this one, var SIGNPOST = {...}: the base
// path, the budget in bytes, the version (a hash of the shell's bytes) and
// the shell's URLs. The preview server never serves it.
//
// Pages and every other file: network first, so an online reader always
// sees the site as it is now; the answer is kept. When the network fails,
// the kept copy is served with the time it was saved (offline.js shows it
// in a banner), or else the offline page. The shell (CSS, scripts, the
// offline, search and shortlist pages): kept whole at install, one set per
// version, so an old stylesheet never meets a new script. The stylesheets
// and scripts are named by their content hash; a kept page names its own
// build's, and those a new version no longer has are moved to ASSETS, kept
// for as long as a kept page names them.
"use strict";

var SHELL = "signpost-shell-" + SIGNPOST.version;
var KEPT = "signpost-kept";
// Kept files by URL: { bytes, used } (used: when last saved or served, for
// evicting the least recently used first).
var INDEX = "signpost-index";
var INDEX_KEY = SIGNPOST.base + "__signpost/offline-index.json";
var OFFLINE_PAGE = SIGNPOST.base + "offline/";
// Older builds' hashed stylesheets and scripts that kept pages still name.
var ASSETS = "signpost-assets";
// In a page, "/base/static/css/site.<hash>.css" as a quoted attribute value.
var HASHED_ASSET = /["']([^"'?#\s]*\/static\/[^"'?#\s]+\.[0-9a-f]{16}\.(?:css|js))["']/g;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    // A hashed file is the same bytes wherever it comes from, so the copy
    // the page just loaded will do; the pages go past the HTTP cache
    // (reload), so the set is the one this build made.
    return cache.addAll(SIGNPOST.shell.map(function (url) {
      return new Request(url, { cache: isHashedAsset(url) ? "default" : "reload" });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (name) { return name.indexOf("signpost-shell-") === 0 && name !== SHELL; });
    return Promise.all(old.map(keepNamedAssets)).then(function () {
      return Promise.all(old.map(function (name) { return caches.delete(name); }));
    });
  }).then(function () { return self.clients.claim(); }));
});

// Moves the stylesheets and scripts of an old shell that kept pages still
// name into ASSETS, so such a page opened offline looks as it did.
function keepNamedAssets(oldShell) {
  return withIndex(function (index) {
    var named = namedAssets(index);
    return caches.open(oldShell).then(function (from) {
      return from.keys().then(function (requests) {
        return caches.open(ASSETS).then(function (to) {
          return Promise.all(requests.filter(function (r) {
            var path = new URL(r.url).pathname;
            return named[path] && SIGNPOST.shell.indexOf(path) < 0;
          }).map(function (r) {
            return from.match(r).then(function (hit) { return hit && to.put(r, hit); });
          }));
        });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname.indexOf(SIGNPOST.base) !== 0 || url.pathname === SIGNPOST.base + "sw.js") return;
  if (SIGNPOST.shell.indexOf(url.pathname) >= 0 && request.mode === "navigate") {
    // The search and shortlist pages: the network's when online, the
    // shell's (with the banner) when not.
    event.respondWith(fetch(request).catch(function () { return fromShell(request).then(marked); }));
  } else if (SIGNPOST.shell.indexOf(url.pathname) >= 0) {
    event.respondWith(fromShell(request));
  } else if (isHashedSearchFile(url.pathname)) {
    event.respondWith(keptFirst(request));
  } else if (isHashedAsset(url.pathname)) {
    event.respondWith(caches.match(request, { cacheName: ASSETS }).then(function (hit) { return hit || fetch(request); }));
  } else {
    var kind = request.mode === "navigate" ? "page" : request.headers.get("X-Signpost-Check") ? "check" : "file";
    event.respondWith(networkFirst(request, kind));
  }
});

// A "Keep this offline" press: the page sends the URLs to keep.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.urls)) return;
  var port = event.ports[0];
  var wanted = data.urls.filter(function (u) {
    var url = new URL(u, location.origin);
    return url.origin === location.origin && url.pathname.indexOf(SIGNPOST.base) === 0;
  });
  event.waitUntil(Promise.all(wanted.map(function (u) {
    return fetch(u).then(function (response) { return save(new Request(u), response).then(function () { return 1; }); })
      .catch(function () { return 0; });
  })).then(function (done) {
    if (port) port.postMessage({ kept: done.reduce(function (a, b) { return a + b; }, 0), asked: wanted.length });
  }));
});

// The search index's files other than entry.json are named by their
// content hash (docs/search-index.md): a kept one is never out of date.
function isHashedSearchFile(path) {
  return path.indexOf(SIGNPOST.base + "search/engine/") === 0 && !/\/entry\.json$/.test(path);
}

// A theme stylesheet or script under its content-hashed name.
function isHashedAsset(path) {
  return path.indexOf(SIGNPOST.base + "static/") === 0 && /\.[0-9a-f]{16}\.(css|js)$/.test(path);
}

function fromShell(request) {
  return caches.open(SHELL).then(function (cache) {
    return cache.match(request, { ignoreSearch: true });
  }).then(function (hit) { return hit || fetch(request); });
}

function keptFirst(request) {
  return caches.open(KEPT).then(function (cache) { return cache.match(request); }).then(function (hit) {
    if (hit) {
      touch(request.url);
      return hit;
    }
    return fetch(request).then(function (response) {
      return save(request, response.clone()).then(function () { return response; });
    });
  });
}

// Network first. kind is "page" (a navigation: offline, the kept copy
// marked with its saved time, or the offline page), "check" (offline.js,
// back online, asking whether the copy on screen is out of date: the
// answer says whether the kept copy changed) or "file".
function networkFirst(request, kind) {
  return fetch(request).then(function (response) {
    if (kind !== "check" || !response.ok) return save(request, response.clone()).then(function () { return response; });
    return response.clone().text().then(function (text) {
      return keptText(request.url).then(function (old) {
        return save(request, response).then(function () {
          var headers = new Headers(response.headers);
          headers.set("X-Signpost-Changed", old !== null && old !== text ? "yes" : "no");
          return new Response(text, { status: response.status, headers: headers });
        });
      });
    });
  }, function () {
    // Still offline: the page's question has no answer yet.
    if (kind === "check") return Response.error();
    return caches.open(KEPT).then(function (cache) { return cache.match(request.url); }).then(function (hit) {
      if (hit) {
        touch(request.url);
        return kind === "page" ? marked(hit) : hit;
      }
      if (kind !== "page") return Response.error();
      return caches.open(SHELL).then(function (cache) { return cache.match(OFFLINE_PAGE); }).then(function (page) {
        return page || Response.error();
      });
    });
  });
}

function keptText(url) {
  return caches.open(KEPT).then(function (cache) { return cache.match(url); }).then(function (hit) {
    return hit ? hit.text() : null;
  });
}

// A kept page as served offline: its saved time in a <meta> offline.js reads.
function marked(response) {
  // A shell page has no saved time of its own: the time it was fetched.
  var date = response.headers.get("Date");
  var saved = response.headers.get("X-Signpost-Saved") || (date ? new Date(date).toISOString() : "");
  return response.text().then(function (html) {
    var meta = '<meta name="signpost-offline-copy" content="' + saved.replace(/[^0-9TZ:.+-]/g, "") + '">';
    var headers = new Headers(response.headers);
    return new Response(html.replace(/<head>/i, "<head>" + meta), { status: 200, headers: headers });
  });
}

// Keeps a good answer with the time it was saved, then evicts the least
// recently used files while the kept ones are over the budget. A file over
// half the budget (services.json on a big site) is never kept: it would
// push out everything else.
function save(request, response) {
  var tooBig = SIGNPOST.budget / 2;
  if (!response.ok || response.status !== 200 || response.type === "opaque") return Promise.resolve();
  if (+response.headers.get("Content-Length") > tooBig) return Promise.resolve();
  var isPage = /^text\/html/.test(response.headers.get("Content-Type") || "");
  return response.arrayBuffer().then(function (body) {
    if (body.byteLength > tooBig) return;
    var headers = new Headers(response.headers);
    headers.set("X-Signpost-Saved", new Date().toISOString());
    var copy = new Response(body, { status: 200, headers: headers });
    var assets = isPage ? assetsNamedIn(new TextDecoder().decode(body)) : [];
    return caches.open(KEPT).then(function (cache) { return cache.put(request.url, copy); }).then(function () {
      return withIndex(function (index) {
        index[request.url] = { bytes: body.byteLength, used: Date.now(), assets: assets };
        return evict(index, request.url).then(function () { return dropUnnamedAssets(index); });
      });
    });
  });
}

function assetsNamedIn(html) {
  var paths = [];
  for (var m = HASHED_ASSET.exec(html); m; m = HASHED_ASSET.exec(html)) paths.push(m[1]);
  HASHED_ASSET.lastIndex = 0;
  return paths;
}

// The hashed stylesheets and scripts the kept pages name, as a set of paths.
function namedAssets(index) {
  var named = {};
  Object.keys(index).forEach(function (url) {
    (index[url].assets || []).forEach(function (path) { named[path] = true; });
  });
  return named;
}

// An old build's asset goes once no kept page names it: the page that did
// was replaced by a newer copy, or evicted.
function dropUnnamedAssets(index) {
  var named = namedAssets(index);
  return caches.open(ASSETS).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (r) { return !named[new URL(r.url).pathname]; })
        .map(function (r) { return cache.delete(r); }));
    });
  });
}

function touch(url) {
  withIndex(function (index) {
    if (index[url]) index[url].used = Date.now();
  });
}

function evict(index, keep) {
  var urls = Object.keys(index).sort(function (a, b) { return index[a].used - index[b].used; });
  var total = urls.reduce(function (sum, u) { return sum + index[u].bytes; }, 0);
  var gone = [];
  for (var i = 0; i < urls.length && total > SIGNPOST.budget; i++) {
    if (urls[i] === keep) continue;
    total -= index[urls[i]].bytes;
    gone.push(urls[i]);
    delete index[urls[i]];
  }
  return caches.open(KEPT).then(function (cache) {
    return Promise.all(gone.map(function (u) { return cache.delete(u); }));
  });
}

// One change to the index at a time: requests arrive together, and two
// read-modify-writes at once would lose one.
var queue = Promise.resolve();
function withIndex(change) {
  queue = queue.then(function () {
    return caches.open(INDEX).then(function (cache) {
      return cache.match(INDEX_KEY).then(function (hit) { return hit ? hit.json() : {}; }).then(function (index) {
        return Promise.resolve(change(index)).then(function () {
          return cache.put(INDEX_KEY, new Response(JSON.stringify(index), { headers: { "Content-Type": "application/json" } }));
        });
      });
    });
  }).catch(function () {});
  return queue;
}
