// signpost preview: reloads the page after each good rebuild, swaps
// stylesheets when only CSS changed, and shows build errors over the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(script && script.getAttribute("data-generation")) || 0;
  var key = "signpost-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }

  function overlay(errors) {
    var box = document.getElementById("signpost-overlay");
    if (!errors.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "signpost-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#fff;color:#0b0c0c;border-top:6px solid #d4351c;padding:1rem 1.25rem;" +
        "font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 .5rem;font-weight:700";
    title.textContent = "The last change did not build (" + errors.length + (errors.length === 1 ? " error" : " errors") +
      "). You are seeing the last good version. Fix the file and save: this box goes away by itself.";
    var list = document.createElement("pre");
    list.style.cssText = "margin:0;white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace";
    list.textContent = errors.join("\n");
    box.appendChild(title);
    box.appendChild(list);
  }

  function swapStyles(generation) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("signpost", String(generation));
      links[i].href = url.toString();
    }
  }

  function onState(event) {
    var state = JSON.parse(event.data);
    overlay(state.errors);
    if (state.errors.length || state.generation === shown) return;
    if (state.css_only && shown) {
      shown = state.generation;
      swapStyles(state.generation);
      return;
    }
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }

  if (!window.EventSource) return;
  var source = new EventSource("/__signpost/events");
  source.addEventListener("state", onState);
})();
