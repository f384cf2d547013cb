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

// ---- The body: check as you type, preview, toolbar and pickers ----------
// (src/serve/editor_body.rs draws the markup, editor_preview.rs answers.)
// Without this script the body is a text area with a Preview button; with
// it the preview follows the typing, every problem in the file is listed
// as you type (each at its field, body lines as buttons that move the
// cursor there), and the toolbar writes Markdown at the cursor.
(function () {
  "use strict";
  var section = document.querySelector(".body-editor");
  var form = section && section.closest("form");
  var area = document.getElementById("f-body");
  if (!section || !form || !area) {
    return;
  }
  var DELAY_MS = 700;
  var previewButton = document.getElementById("preview-button");
  var status = document.getElementById("check-status");
  var bodyProblems = document.getElementById("body-problems");
  var timer = null;
  var asked = 0;

  // -- Check and preview as you type ---------------------------------------
  function formBody() {
    return new URLSearchParams(new FormData(form));
  }

  // Posts the form into the preview frame as the Preview button does, but
  // without a submit event, so the page still warns about unsaved changes.
  // Attributes, not properties: the form has an input named "action".
  function refreshPreview() {
    var action = form.getAttribute("action");
    var target = form.getAttribute("target");
    form.setAttribute("action", previewButton.getAttribute("formaction"));
    form.setAttribute("target", previewButton.getAttribute("formtarget"));
    form.setAttribute("novalidate", "");
    HTMLFormElement.prototype.submit.call(form);
    form.setAttribute("action", action);
    form.removeAttribute("novalidate");
    if (target === null) {
      form.removeAttribute("target");
    } else {
      form.setAttribute("target", target);
    }
  }

  function refreshProblems() {
    var ask = ++asked;
    fetch(section.getAttribute("data-check"), { method: "POST", body: formBody(), credentials: "same-origin" })
      .then(function (reply) {
        return reply.ok ? reply.json() : reply.text().then(function (text) { throw new Error(text); });
      })
      .then(function (result) {
        if (ask === asked) {
          showProblems(result);
        }
      })
      .catch(function (error) {
        if (ask === asked) {
          status.textContent = "Could not check the text: " + error.message;
        }
      });
  }

  // Once the page is being saved, a preview posted from the same form
  // would take the place of the save's navigation: stop asking.
  var saving = false;
  form.addEventListener("submit", function (event) {
    if (event.submitter !== previewButton) {
      saving = true;
      clearTimeout(timer);
    }
  });

  function schedule() {
    if (saving) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(function () {
      refreshPreview();
      refreshProblems();
    }, DELAY_MS);
  }
  form.addEventListener("input", function (event) {
    // Typing in a picker changes nothing in the file.
    if (!event.target.closest("dialog")) {
      schedule();
    }
  });
  // The preview starts with the page as it is, before any typing.
  refreshPreview();

  // -- Showing problems ---------------------------------------------------
  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function place(d) {
    if (d.line == null) {
      return "the file";
    }
    return "line " + d.line + (d.column == null ? "" : ", column " + d.column);
  }

  // The form control a diagnostic's field names: `authors[0].name` is at
  // the authors control, `title` at the title's.
  function fieldBox(field) {
    if (!field) {
      return null;
    }
    var key = field.split(/[.\[]/)[0];
    var control = document.getElementById("f-" + key) || form.querySelector("[name='" + CSS.escape(key) + "']");
    return control && control !== area ? control.closest(".field") : null;
  }

  // Line `line` of the file, as a place in the text area, or -1 when the
  // line is not in the body.
  function offsetOfLine(line, bodyLine) {
    if (bodyLine == null || line == null || line < bodyLine) {
      return -1;
    }
    var lines = area.value.split("\n");
    var index = line - bodyLine;
    if (index >= lines.length) {
      return -1;
    }
    var offset = 0;
    for (var i = 0; i < index; i++) {
      offset += lines[i].length + 1;
    }
    return offset;
  }

  function goToOffset(offset, lineIndex) {
    area.focus();
    area.setSelectionRange(offset, offset);
    var lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, lineIndex * lineHeight - area.clientHeight / 3);
  }

  function problemItem(d, bodyLine) {
    var item = document.createElement("li");
    item.className = d.severity;
    var offset = offsetOfLine(d.line, bodyLine);
    var words = (d.severity === "error" ? "Error" : "Warning") + " at " + place(d) + ": " +
      (d.field ? d.field + ": " : "") + d.message;
    if (offset < 0) {
      item.textContent = words;
      return item;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "go-to-line";
    button.textContent = words;
    button.setAttribute("aria-describedby", "go-to-line-hint");
    button.addEventListener("click", function () {
      goToOffset(offsetOfLine(d.line, bodyLine), d.line - bodyLine);
    });
    item.appendChild(button);
    return item;
  }

  function clearFieldProblems() {
    Array.prototype.forEach.call(form.querySelectorAll(".field-problem"), function (p) {
      p.remove();
    });
  }

  function showAtField(d) {
    var box = fieldBox(d.field);
    if (!box) {
      return;
    }
    var note = document.createElement("p");
    note.className = "field-problem " + d.severity;
    note.textContent = (d.severity === "error" ? "Error: " : "Warning: ") + d.message;
    var label = box.querySelector("label, legend");
    box.insertBefore(note, label ? label.nextSibling : box.firstChild);
  }

  function showProblems(result) {
    var list = result.diagnostics;
    var bodyLine = result.body_line;
    status.textContent = list.length === 0 ? "Checked as you type: no problems." :
      "Checked as you type: " + plural(result.errors, "error") + ", " + plural(result.warnings, "warning") + ".";
    clearFieldProblems();
    list.forEach(showAtField);
    fillList(allProblemsSection(), list, bodyLine, "Problems in this file");
    var inBody = list.filter(function (d) {
      return offsetOfLine(d.line, bodyLine) >= 0;
    });
    bodyProblems.hidden = inBody.length === 0;
    bodyProblems.textContent = "";
    if (inBody.length > 0) {
      var heading = document.createElement("h3");
      heading.textContent = "Problems in the text (" + inBody.length + ")";
      bodyProblems.appendChild(heading);
      var hint = document.createElement("p");
      hint.className = "hint";
      hint.id = "go-to-line-hint";
      hint.textContent = "Choose one to move the cursor to its line.";
      bodyProblems.appendChild(hint);
      bodyProblems.appendChild(listOf(inBody, bodyLine));
    }
  }

  // The page's own "Problems in this file" section, drawn when it opened.
  function allProblemsSection() {
    var heading = document.getElementById("problems");
    return heading ? heading.parentNode : null;
  }

  function listOf(list, bodyLine) {
    var ul = document.createElement("ul");
    ul.className = "problems";
    list.forEach(function (d) {
      ul.appendChild(problemItem(d, bodyLine));
    });
    return ul;
  }

  function fillList(sectionEl, list, bodyLine, title) {
    if (!sectionEl) {
      return;
    }
    var heading = document.getElementById("problems");
    heading.textContent = list.length === 0 ? title : title + " (" + list.length + ")";
    Array.prototype.forEach.call(sectionEl.querySelectorAll("ul, p"), function (el) {
      el.remove();
    });
    if (list.length === 0) {
      var none = document.createElement("p");
      none.textContent = "None: this text passes check.";
      sectionEl.appendChild(none);
      return;
    }
    sectionEl.appendChild(listOf(list, bodyLine));
  }

  // -- Toolbar --------------------------------------------------------------
  // Replaces the selection with `text`, then selects `length` characters
  // from `cursor` into it (a placeholder, so typing replaces it), or puts
  // the cursor after it; the input event follows, as for typed text.
  function insert(text, cursor, length) {
    var start = area.selectionStart;
    area.focus();
    area.setRangeText(text, start, area.selectionEnd, "end");
    if (cursor != null) {
      area.setSelectionRange(start + cursor, start + cursor + (length || 0));
    }
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // Text that must start on a line of its own, with a blank line before
  // and after, as Markdown blocks need.
  function asBlock(text) {
    var before = area.value.slice(0, area.selectionStart);
    var after = area.value.slice(area.selectionEnd);
    var lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    return { text: lead + text + tail, offset: lead.length };
  }

  // Puts `prefix` before each selected line (or the cursor's line).
  function prefixLines(prefix) {
    var value = area.value;
    var start = value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    var endAt = value.indexOf("\n", area.selectionEnd);
    var end = endAt < 0 ? value.length : endAt;
    var lines = value.slice(start, end).split("\n");
    var changed = lines.map(function (line, i) {
      var bare = line.replace(/^(#{1,6} |- |\d+\. )/, "");
      return (typeof prefix === "function" ? prefix(i) : prefix) + bare;
    }).join("\n");
    area.focus();
    area.setSelectionRange(start, end);
    insert(changed);
  }

  var blocks = {
    table: "| Heading | Heading |\n| --- | --- |\n| Text | Text |",
    pathway: "```pathway Title of the pathway\nFirst step\nA question?\n  - if yes: What to do\n  - if no: What to do instead\nLast step\n```",
  };

  var tools = {
    h2: function () { prefixLines("## "); },
    h3: function () { prefixLines("### "); },
    ul: function () { prefixLines("- "); },
    ol: function () { prefixLines(function (i) { return (i + 1) + ". "; }); },
    table: function () { var b = asBlock(blocks.table); insert(b.text, b.offset + 2, "Heading".length); },
    pathway: function () { var b = asBlock(blocks.pathway); insert(b.text, b.offset + 11, "Title of the pathway".length); },
    alert: function () {
      var kind = document.getElementById("alert-kind").value;
      var b = asBlock("> [!" + kind + "]\n> ");
      insert(b.text, b.offset + kind.length + 8);
    },
  };

  var toolbar = section.querySelector(".toolbar");
  toolbar.hidden = false;
  toolbar.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) {
      return;
    }
    if (button.hasAttribute("data-insert")) {
      tools[button.getAttribute("data-insert")]();
    } else if (button.hasAttribute("data-open")) {
      openPicker(button.getAttribute("data-open"));
    }
  });

  // -- Pickers -----------------------------------------------------------------
  var targets = null;
  var selection = { start: 0, end: 0 };

  function loadTargets() {
    if (targets) {
      return Promise.resolve(targets);
    }
    return fetch(section.getAttribute("data-targets"), { credentials: "same-origin" })
      .then(function (reply) { return reply.json(); })
      .then(function (json) {
        targets = json;
        return json;
      });
  }

  function openPicker(id) {
    selection = { start: area.selectionStart, end: area.selectionEnd };
    var dialog = document.getElementById(id);
    loadTargets().catch(function (error) {
      status.textContent = "Could not load the list of pages and services: " + error.message;
      throw error;
    }).then(function () {
      if (id === "link-picker") {
        document.getElementById("link-text").value = area.value.slice(selection.start, selection.end);
        fillLinkTargets();
      } else {
        fillImages();
      }
      dialog.querySelectorAll(".problem").forEach(function (p) { p.hidden = true; });
      dialog.showModal();
    });
  }

  function closePicker(dialog, inserted) {
    dialog.close();
    area.focus();
    area.setSelectionRange(selection.start, selection.end);
    if (inserted) {
      insert(inserted);
    }
  }

  Array.prototype.forEach.call(section.querySelectorAll("dialog [data-close]"), function (button) {
    button.addEventListener("click", function () {
      closePicker(button.closest("dialog"));
    });
  });

  function refuse(id, message) {
    var p = document.getElementById(id);
    p.textContent = message;
    p.hidden = false;
  }

  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  // Every target of the chosen kind whose words contain the filter's.
  function linkChoices(kind) {
    if (kind === "service") {
      return targets.services.map(function (s) {
        return { link: s.link, text: s.name, label: s.name + (s.areas ? " (" + s.areas + ")" : "") };
      });
    }
    if (kind === "guideline") {
      return targets.guidelines.map(function (g) {
        return { link: g.link, text: g.title, label: g.title };
      });
    }
    var headings = [];
    targets.guidelines.forEach(function (g) {
      g.headings.forEach(function (h) {
        headings.push({ link: g.link + "#" + h.id, text: h.title, label: g.title + " › " + h.title });
      });
    });
    return headings;
  }

  var kindSelect = document.getElementById("link-kind");
  var filter = document.getElementById("link-filter");
  var targetSelect = document.getElementById("link-target");

  function fillLinkTargets() {
    var kind = kindSelect.value;
    var web = kind === "web";
    document.querySelectorAll("#link-picker [data-for='list']").forEach(function (el) { el.hidden = web; });
    document.querySelector("#link-picker [data-for='web']").hidden = !web;
    if (web) {
      return;
    }
    var words = filter.value.trim().toLowerCase();
    targetSelect.textContent = "";
    linkChoices(kind).forEach(function (choice) {
      if (choice.label.toLowerCase().indexOf(words) >= 0) {
        var o = option(choice.link, choice.label);
        o.setAttribute("data-text", choice.text);
        targetSelect.appendChild(o);
      }
    });
    if (targetSelect.options.length > 0) {
      targetSelect.selectedIndex = 0;
    }
  }
  kindSelect.addEventListener("change", fillLinkTargets);
  filter.addEventListener("input", fillLinkTargets);

  function isWebAddress(text) {
    try {
      var url = new URL(text);
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.indexOf(".") > 0;
    } catch (e) {
      return false;
    }
  }

  // Brackets in link text would end it early.
  function linkText(text) {
    return text.replace(/([\[\]])/g, "\\$1");
  }

  document.getElementById("link-insert").addEventListener("click", function () {
    var dialog = document.getElementById("link-picker");
    var textInput = document.getElementById("link-text");
    var destination;
    var fallbackText = "";
    if (kindSelect.value === "web") {
      destination = document.getElementById("link-url").value.trim();
      if (!isWebAddress(destination)) {
        refuse("link-error", "Not added: give a web address starting https://, like https://www.nhs.uk/.");
        return;
      }
    } else {
      var chosen = targetSelect.options[targetSelect.selectedIndex];
      if (!chosen) {
        refuse("link-error", "Not added: choose one of the list (shorten the words in Find if it is empty).");
        return;
      }
      destination = chosen.value;
      fallbackText = chosen.getAttribute("data-text");
    }
    var text = textInput.value.trim() || fallbackText;
    if (!text) {
      refuse("link-error", "Not added: write the link text, the words to click.");
      return;
    }
    closePicker(dialog, "[" + linkText(text) + "](" + destination + ")");
  });

  function fillImages() {
    var select = document.getElementById("image-src");
    select.textContent = "";
    targets.images.forEach(function (src) {
      select.appendChild(option(src, src));
    });
  }

  var decorative = document.getElementById("image-decorative");
  var altInput = document.getElementById("image-alt");
  decorative.addEventListener("change", function () {
    altInput.disabled = decorative.checked;
  });

  document.getElementById("image-insert").addEventListener("click", function () {
    var dialog = document.getElementById("image-picker");
    var src = document.getElementById("image-src").value;
    var alt = altInput.value.trim();
    if (!src) {
      refuse("image-error", "Not added: there is no image in the site yet. Put the file beside the guideline, then open this again.");
      return;
    }
    if (decorative.checked) {
      closePicker(dialog, "<img src=\"" + src.replace(/"/g, "&quot;") + "\" alt=\"\">");
      return;
    }
    if (!alt) {
      refuse("image-error", "Not added: describe what the image shows in Text alternative, or tick Only decoration.");
      altInput.focus();
      return;
    }
    closePicker(dialog, "![" + linkText(alt) + "](" + src + ")");
  });
})();
