// "Add to list" on service cards and pages. The shortlist is an array of
// service ids in this browser's localStorage, nothing else: no account, no
// server. shortlist.js shows it; the header link counts it.
(function () {
  var link = document.querySelector("[data-list-link]");
  if (!link) return;
  var key = "signpost-list:" + link.getAttribute("href");
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function read() {
    try {
      var ids = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function nameOf(button) {
    var box = button.closest("li, article");
    var heading = box && box.querySelector("h1, h2 a, h3 a, h4 a");
    return heading ? heading.textContent.trim() : "";
  }

  // The label says what pressing does; the accessible name adds the service.
  function label(button, ids) {
    var on = ids.indexOf(button.getAttribute("data-list")) >= 0;
    var text = on ? "Remove from list" : "Add to list";
    button.textContent = text;
    button.classList.toggle("is-on", on);
    var name = nameOf(button);
    button.setAttribute("aria-label", name ? text + ": " + name : text);
  }

  function refresh(only) {
    var ids = read();
    var buttons = only ? [only] : document.querySelectorAll("button[data-list]");
    Array.prototype.forEach.call(buttons, function (b) { label(b, ids); });
    link.parentNode.hidden = ids.length === 0;
    link.querySelector("[data-list-count]").textContent = ids.length;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-list]");
    if (!button) return;
    var ids = read();
    var id = button.getAttribute("data-list");
    var at = ids.indexOf(id);
    if (at >= 0) ids.splice(at, 1);
    else ids.push(id);
    try {
      localStorage.setItem(key, JSON.stringify(ids));
    } catch (e) {
      status.textContent = "Your browser did not let this page keep a list.";
      return;
    }
    refresh();
    var n = ids.length + (ids.length === 1 ? " service" : " services");
    status.textContent = (at >= 0 ? "Removed " : "Added ") + nameOf(button) + ". " + n + " on your list.";
  });
  // Another tab changed the list.
  window.addEventListener("storage", function (event) { if (event.key === key) refresh(); });
  window.SignpostList = { refresh: refresh, key: key };
  refresh();
  document.documentElement.classList.add("list-ready");
})();
