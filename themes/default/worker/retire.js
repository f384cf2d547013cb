// The service worker build writes to /sw.js when site.yaml turns
// offline copies off (offline: false): a browser that installed the
// offline worker finds this one at its next visit, which deletes the saved
// copies and unregisters itself, so no old copy outlives the setting.
"use strict";
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf("signpost-") === 0; }).map(function (name) {
      return caches.delete(name);
    }));
  }).then(function () { return self.registration.unregister(); }));
});
