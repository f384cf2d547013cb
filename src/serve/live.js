// signpost preview: reloads the page after each good rebuild, swaps
// stylesheets when only CSS changed, and shows build errors over the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(script && script.getAttribute("data-generation")) || 0;
  // The preview is for editing: never a saved copy. A worker the built site
  // installed on this origin earlier (same host and port) is removed.
  if (navigator.serviceWorker) {
    navigator.serviceWorker.getRegistrations().then(function (all) {
      all.forEach(function (registration) { registration.unregister(); });
    }).catch(function () {});
  }
  var key = "signpost-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }

  // The error box covers at most a third of the window, so the page stays
  // readable on a phone, and folds to a one-line bar; folded stays folded
  // across rebuilds and reloads until the author opens it again.
  var FOLDED = "signpost-overlay-folded";

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
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:33vh;overflow:auto;z-index:2147483647;" +
        "background:#fff;color:#0b0c0c;border-top:6px solid #d4351c;padding:.5rem 1rem;" +
        "font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)";
      document.body.appendChild(box);
    }
    // The same errors again (another save that did not fix them): leave the
    // box as it is, so it is not announced again.
    if (box.getAttribute("data-errors") === errors.join("\n")) return;
    box.setAttribute("data-errors", errors.join("\n"));
    box.textContent = "";
    var bar = document.createElement("div");
    bar.style.cssText = "display:flex;gap:.75rem;align-items:center;justify-content:space-between";
    // The heading is one short line, so on a phone the box's height goes to
    // the errors themselves; what the box means is said once, after them.
    var title = document.createElement("p");
    title.style.cssText = "margin:0;font-weight:700";
    title.textContent = "Not built: " + errors.length + (errors.length === 1 ? " error" : " errors");
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.setAttribute("aria-controls", "signpost-overlay-errors");
    toggle.style.cssText = "flex:none;min-height:44px;padding:.25rem .75rem;font:inherit;font-weight:700;color:#fff;background:#0b0c0c;border:0;border-radius:4px;cursor:pointer";
    var details = document.createElement("div");
    details.id = "signpost-overlay-errors";
    var list = document.createElement("ul");
    list.style.cssText = "margin:.25rem 0 0;padding:0;list-style:none;font:13px/1.4 ui-monospace,monospace";
    errors.forEach(function (line) { list.appendChild(errorItem(line)); });
    var note = document.createElement("p");
    note.style.cssText = "margin:.5rem 0 0;font-size:14px";
    note.textContent = "You are seeing the last good version. Fix the files and save: this box goes away by itself.";
    details.appendChild(list);
    details.appendChild(note);
    function fold(folded) {
      sessionStorage.setItem(FOLDED, folded ? "1" : "0");
      toggle.textContent = folded ? "Show errors" : "Hide errors";
      toggle.setAttribute("aria-expanded", String(!folded));
      details.hidden = folded;
    }
    toggle.addEventListener("click", function () { fold(!details.hidden); });
    fold(sessionStorage.getItem(FOLDED) === "1");
    bar.appendChild(title);
    bar.appendChild(toggle);
    box.appendChild(bar);
    box.appendChild(details);
  }

  // One error: its file:line:col first, in bold, then the message, wrapped
  // but held to two lines so several errors fit a phone's box; a tap on a
  // long one shows all of it.
  function errorItem(line) {
    var item = document.createElement("li");
    item.style.cssText = "padding:.2rem 0;border-top:1px solid #b1b4b6;overflow-wrap:anywhere;" +
      "display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden";
    var m = /^(?:error|warning): ([^\s]+?:\d+(?::\d+)?): ([\s\S]*)$/.exec(line);
    var place = document.createElement("b");
    place.textContent = m ? m[1] : "";
    item.appendChild(place);
    item.appendChild(document.createTextNode(m ? " " + m[2] : line.replace(/^error: /, "")));
    item.addEventListener("click", function () {
      var open = item.style.webkitLineClamp === "unset";
      item.style.webkitLineClamp = open ? "2" : "unset";
    });
    return item;
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
