// The shortlist page. The list is the array of service ids list-add.js keeps
// in localStorage; each service is shown by copying the handout card from
// its own page, so the page is current with the site and holds no data.
// From here the adviser reorders it, prints it as a handout, copies it as
// text, or copies a link (ids in the URL) that reopens it elsewhere.
(function () {
  var page = document.querySelector("[data-shortlist]");
  var headerLink = document.querySelector("[data-list-link]");
  if (!page || !headerLink) return;
  var root = page.getAttribute("data-root");
  var key = "signpost-list:" + headerLink.getAttribute("href");
  var ID = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
  function part(name) { return page.querySelector("[data-shortlist-" + name + "]"); }
  var app = part("app"), list = part("items"), empty = part("empty"), actions = part("actions");
  var status = part("status"), copyBox = part("copy"), share = part("share"), shareLink = part("link");
  var copyArea = copyBox.querySelector("textarea");
  var cards = {}; // id → its handout card, or null when the site has no such service
  var ids = [];
  var undo = null;

  var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
  part("date").textContent = " · " + today;

  function read() {
    try {
      var stored = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(stored) ? stored.filter(function (id) { return typeof id === "string" && ID.test(id); }) : [];
    } catch (e) {
      return [];
    }
  }

  function save() {
    try {
      localStorage.setItem(key, JSON.stringify(ids));
    } catch (e) {
      say("Your browser did not let this page keep the list; it will be lost when you leave.");
    }
    headerLink.parentNode.hidden = ids.length === 0;
    headerLink.querySelector("[data-list-count]").textContent = ids.length;
  }

  function say(text, undoAction) {
    status.textContent = text;
    undo = undoAction || null;
    if (undo) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button-quiet";
      button.textContent = "Undo";
      button.addEventListener("click", function () { var u = undo; say("Undone."); u(); });
      status.appendChild(document.createTextNode(" "));
      status.appendChild(button);
    }
  }

  function card(id) {
    if (id in cards) return Promise.resolve(cards[id]);
    return fetch(root + "services/" + id + "/")
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var template = doc.getElementById("handout-card");
        var found = template && template.content.querySelector(".handout-card");
        cards[id] = found ? document.importNode(found, true) : null;
        return cards[id];
      })
      .catch(function () { return null; }); // offline: not remembered, so a later draw tries again
  }

  function nameOf(id) {
    var c = cards[id];
    return c ? c.querySelector(".handout-name").textContent.trim() : id;
  }

  function control(text, action, id) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-quiet";
    button.textContent = text;
    button.setAttribute("data-item-action", action);
    button.setAttribute("aria-label", text + ": " + nameOf(id));
    return button;
  }

  function item(id, index) {
    var li = document.createElement("li");
    li.className = "shortlist-item";
    li.setAttribute("data-id", id);
    if (cards[id]) {
      li.appendChild(cards[id].cloneNode(true));
    } else {
      var missing = document.createElement("p");
      missing.className = "shortlist-missing";
      missing.textContent = "“" + id + "” could not be found on this site: it may have been removed or renamed.";
      li.appendChild(missing);
    }
    var controls = document.createElement("div");
    controls.className = "item-controls no-print";
    if (index > 0) controls.appendChild(control("Move up", "up", id));
    if (index < ids.length - 1) controls.appendChild(control("Move down", "down", id));
    controls.appendChild(control("Remove", "remove", id));
    li.appendChild(controls);
    return li;
  }

  function draw() {
    return Promise.all(ids.map(card)).then(function () {
      list.textContent = "";
      ids.forEach(function (id, i) { list.appendChild(item(id, i)); });
      empty.hidden = ids.length > 0;
      actions.hidden = ids.length === 0;
      share.hidden = ids.length === 0;
      shareLink.href = shareLink.textContent = listUrl();
      copyBox.hidden = true;
      app.hidden = false;
    });
  }

  function listUrl() {
    return location.origin + location.pathname + "?ids=" + ids.join(",");
  }

  function change(next, message, focus) {
    var before = ids.slice();
    ids = next;
    save();
    return draw().then(function () {
      say(message, function () { change(before, "Undone."); });
      if (focus) focus();
    });
  }

  function focusIn(id, actionsInOrder) {
    return function () {
      var li = list.querySelector('[data-id="' + id + '"]');
      for (var i = 0; li && i < actionsInOrder.length; i++) {
        var button = li.querySelector('[data-item-action="' + actionsInOrder[i] + '"]');
        if (button) return button.focus();
      }
      focusEmpty();
    };
  }

  function focusEmpty() {
    (ids.length ? document.getElementById("main") : empty.querySelector("a")).focus();
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-item-action]");
    if (!button) return;
    var id = button.closest("[data-id]").getAttribute("data-id");
    var at = ids.indexOf(id);
    var action = button.getAttribute("data-item-action");
    var next = ids.slice();
    if (action === "remove") {
      next.splice(at, 1);
      var after = next[at] || next[at - 1];
      var n = next.length + (next.length === 1 ? " service" : " services");
      change(next, "Removed " + nameOf(id) + ". " + n + " on your list.", after ? focusIn(after, ["remove"]) : focusEmpty);
      return;
    }
    var to = action === "up" ? at - 1 : at + 1;
    next.splice(at, 1);
    next.splice(to, 0, id);
    var keep = action === "up" ? ["up", "down"] : ["down", "up"];
    change(next, "Moved " + nameOf(id) + " to number " + (to + 1) + " of " + next.length + ".", focusIn(id, keep));
  });

  function asText() {
    var site = document.querySelector(".site-title").textContent.trim();
    var lines = ["Services to contact, from " + site + " (" + today + ")"];
    ids.forEach(function (id, i) {
      var c = cards[id];
      if (!c) return;
      lines.push("", (i + 1) + ". " + nameOf(id));
      Array.prototype.forEach.call(c.querySelectorAll("[data-text=Phone], [data-text=Open]"), function (dd) {
        lines.push(dd.getAttribute("data-text") + ": " + dd.textContent.trim());
      });
      lines.push(c.getAttribute("data-permalink"));
    });
    return lines.join("\n");
  }

  // The clipboard needs a secure page (https or localhost); elsewhere the
  // text is shown selected, to copy by hand.
  function copy(text, what) {
    var shown = function () {
      copyBox.hidden = false;
      copyBox.querySelector("label").textContent = what + ": select it and copy (Ctrl+C, or Cmd+C on a Mac)";
      copyArea.value = text;
      copyArea.focus();
      copyArea.select();
      say("Your browser did not allow copying: the " + what.toLowerCase() + " is below, selected.");
    };
    if (!navigator.clipboard || !window.isSecureContext) return shown();
    navigator.clipboard.writeText(text).then(function () {
      copyBox.hidden = true;
      say("Copied the " + what.toLowerCase() + ". Paste it into a text message or an email.");
    }, shown);
  }

  actions.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    if (action === "print") window.print();
    else if (action === "copy-text") copy(asText(), "List as text");
    else if (action === "copy-link") copy(listUrl(), "Link to this list");
    else if (action === "clear") change([], "Cleared the list.", focusEmpty);
  });

  // A link from another computer: open its list here, and drop the ids from
  // the address so a reload keeps later changes. Only when it replaces a
  // list of this browser's own does it say so, with an undo: opening a link
  // in a fresh browser replaces nothing, so there is nothing to undo.
  var fromLink = new URLSearchParams(location.search).get("ids");
  ids = read();
  if (fromLink !== null) {
    var linked = fromLink.split(",").filter(function (id, i, all) { return ID.test(id) && all.indexOf(id) === i; });
    history.replaceState(null, "", location.pathname);
    if (linked.join(",") !== ids.join(",") && ids.length) {
      change(linked, "Opened the list from the link, in place of your list of " + ids.length + ".");
      return;
    }
    ids = linked.length ? linked : ids;
  }
  save();
  draw();
})();
