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
