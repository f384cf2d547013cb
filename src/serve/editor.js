// The editor page of `signpost serve` (src/serve/editor_page.rs). The form
// works without this script; it only helps: it moves focus to what the
// last save said, so keyboard and screen reader users hear it first, and
// it warns before leaving the page with changes that are not saved.
(function () {
  "use strict";
  var notice = document.getElementById("notice");
  if (notice) {
    notice.focus();
  }
  var form = document.querySelector("form.editor");
  if (!form) {
    return;
  }
  var unsaved = false;
  form.addEventListener("input", function () {
    unsaved = true;
  });
  form.addEventListener("submit", function () {
    unsaved = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

// Lists and mappings (editor_lists.rs). Without this script each list
// offers one empty row and a save adds the next; with it, "Add another"
// copies the empty row at once, and the suggested review date is one
// press away.
(function () {
  "use strict";
  // `from` itself, or `from` then `separator` and more, now starts `to`.
  function prefixed(word, from, to, separator) {
    if (word === from) {
      return to;
    }
    return word.indexOf(from + separator) === 0 ? to + word.slice(from.length) : word;
  }
  function renamed(node, from, to) {
    var fromId = "f-" + from.replace(/[^A-Za-z0-9_]/g, "-");
    var toId = "f-" + to.replace(/[^A-Za-z0-9_]/g, "-");
    node.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) {
          el.setAttribute(attr, value.split(" ").map(function (word) {
            return prefixed(prefixed(word, from, to, "."), fromId, toId, "-");
          }).join(" "));
        }
      });
      if (el.tagName === "INPUT" && el.type !== "checkbox" && el.type !== "hidden") {
        el.value = "";
      }
      if (el.type === "checkbox") {
        el.checked = false;
      }
    });
  }
  function addButton(label, after, onClick) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "add";
    button.textContent = label;
    button.addEventListener("click", onClick);
    after.insertAdjacentElement("afterend", button);
    return button;
  }
  document.querySelectorAll("fieldset[data-row]").forEach(function (row) {
    var base = row.getAttribute("data-row").replace(/\.\d+$/, "");
    var next = Number(row.getAttribute("data-row").match(/\d+$/)[0]);
    var last = row;
    var button = addButton("Add another", row, function () {
      next += 1;
      var copy = row.cloneNode(true);
      copy.removeAttribute("data-row");
      renamed(copy, row.getAttribute("data-row"), base + "." + next);
      last.insertAdjacentElement("afterend", copy);
      last = copy;
      var first = copy.querySelector("input:not([type=hidden])");
      if (first) {
        first.focus();
      }
    });
    button.setAttribute("aria-label", "Add another: " + row.querySelector("legend").textContent);
  });
  document.querySelectorAll("ol[data-list]").forEach(function (list) {
    var name = list.getAttribute("data-list");
    var legend = list.closest("fieldset").querySelector("legend").textContent;
    var button = addButton("Add another", list, function () {
      var items = list.querySelectorAll("li");
      var lastItem = items[items.length - 1];
      var copy = lastItem.cloneNode(true);
      copy.querySelectorAll(".problem").forEach(function (p) { p.remove(); });
      renamed(copy, name + "." + (items.length - 1), name + "." + items.length);
      list.appendChild(copy);
      copy.querySelector("input").focus();
    });
    button.setAttribute("aria-label", "Add another to " + legend);
  });
  var suggested = document.querySelector("[data-suggested-date]");
  var review = document.getElementById("f-review_due");
  if (suggested && review) {
    var date = suggested.getAttribute("data-suggested-date");
    addButton("Use " + date, suggested.parentNode, function () {
      review.value = date;
      review.dispatchEvent(new Event("input", { bubbles: true }));
      review.focus();
    });
  }
})();
