// A guideline page's own script: its review state as at today (first part)
// and the feedback link's section (second part). One file, not two, so a
// guideline page asks for fewer files at once: the preview server's HTTP
// library serves only a few new connections at a time, and a browser opens
// six in a burst.

// A guideline's review state as at today, not as at the build. A site that
// was not rebuilt after a review date passed must still not call the
// guideline current: this moves the page's status badges (.standing), its
// details line and printed header (.standing-full) and its banner on to
// "Review due soon" or "Review overdue" by the reader's clock. It only ever
// moves the state on, so a wrong clock cannot make overdue guidance look
// current. Without JavaScript the page says what was true on the day it was
// built, which its footer gives.
(function () {
  var a = document.querySelector("article[data-review-due]");
  if (!a) return;
  var RANK = { approved: 0, "due-soon": 1, overdue: 2 };
  var was = a.getAttribute("data-standing");
  var due = a.getAttribute("data-review-due").split("-");
  var now = new Date();
  var days = (Date.UTC(due[0], due[1] - 1, due[2]) - Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())) / 864e5;
  var tone = days < 0 ? "overdue" : days <= +a.getAttribute("data-review-warning") ? "due-soon" : "approved";
  if (!(was in RANK) || RANK[tone] <= RANK[was]) return;
  var overdue = tone == "overdue";
  var label = overdue ? "Review overdue" : "Review due soon";
  var full = "Approved, " + label.toLowerCase();
  a.setAttribute("data-standing", tone);
  a.querySelectorAll(".standing").forEach(function (badge) {
    badge.className = "badge standing badge-" + tone;
    badge.textContent = badge.hasAttribute("data-full") ? full : label;
  });
  a.querySelectorAll(".standing-full").forEach(function (words) { words.textContent = full; });
  var old = a.querySelector(".review-banner");
  if (old) old.remove();
  var banner = document.createElement("div");
  banner.className = "banner review-banner banner-" + (overdue ? "warning" : "info");
  banner.innerHTML = "<div><p class=banner-title></p><p></p></div>";
  var p = banner.querySelectorAll("p");
  p[0].textContent = label;
  p[1].textContent = "This guideline " + (overdue ? "was" : "is") + " due for review on " + a.getAttribute("data-review-due-display") +
    (overdue ? ". It may not reflect current practice: check before relying on it." : ". It remains in use until then.");
  var lead = a.querySelector(".page-header .lead");
  lead.parentNode.insertBefore(banner, lead);
})();

// "Feedback on this guideline": the mail also says which section the reader
// was in when they clicked (the nearest heading above the top of the
// window, below the sticky guideline bar). Without JavaScript the link
// still works, with the page's address only.
(function () {
  "use strict";
  var link = document.querySelector("a[data-feedback]");
  if (!link) return;
  var base = link.getAttribute("href");

  function sectionAbove() {
    var bar = document.querySelector(".guideline-bar");
    var edge = bar ? Math.max(bar.getBoundingClientRect().bottom, 0) : 0;
    // The text's own headings and the sections after it, not the contents
    // list (which stays in view beside the text).
    var headings = document.querySelectorAll(
      ".prose h2[id], .prose h3[id], .prose h4[id], #local-services-heading, #changes-heading");
    var found = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top > edge + 1) break;
      found = headings[i];
    }
    return found;
  }

  link.addEventListener("click", function () {
    var heading = sectionAbove();
    if (!heading) {
      link.setAttribute("href", base);
      return;
    }
    var address = location.href.split("#")[0] + "#" + heading.id;
    var section = "\r\nSection: " + heading.textContent.replace(/\s+/g, " ").trim() + " (" + address + ")";
    // The body is the link's last part, so the section is added to its end.
    link.setAttribute("href", base + encodeURIComponent(section));
  });
})();
