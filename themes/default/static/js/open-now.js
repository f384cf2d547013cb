// "Open now, until 17:00" / "Closed, opens Tuesday at 09:00", in UK time
// (Europe/London) whatever the machine's zone, from a service's data-hours:
// "mon,tue 09:00-17:00;sat 10:00-12:00" (src/render/views.rs hours_data;
// closes may be 24:00, and 24:00 then 00:00 the next day is one opening).
// Fills every .open-now[data-hours] on the page; search.js uses it too; in
// Node, require() it (tests/browser/open-now.test.mjs).
(function (global, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else global.SignpostOpenNow = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var DAY_IDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  var DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var DAY = 1440;
  var WEEK = 7 * DAY;
  var INTERVAL = /^([a-z]{3}(?:,[a-z]{3})*) (\d\d):(\d\d)-(\d\d):(\d\d)$/;

  // → [{ days: [0 = Monday, …], opens, closes }] in minutes; bad parts left out.
  function parseHours(text) {
    var out = [];
    String(text || "").split(";").forEach(function (part) {
      var m = INTERVAL.exec(part.trim());
      if (!m) return;
      var days = m[1].split(",").map(function (d) { return DAY_IDS.indexOf(d); });
      var opens = +m[2] * 60 + +m[3];
      var closes = +m[4] * 60 + +m[5];
      if (days.indexOf(-1) !== -1 || +m[3] > 59 || +m[5] > 59 || opens >= closes || closes > DAY) return;
      out.push({ days: days, opens: opens, closes: closes });
    });
    return out;
  }

  var formatter = null;
  // UK wall-clock time: { day (0 = Monday), minutes from midnight }.
  function ukTime(now) {
    if (!formatter) {
      formatter = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/London", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      });
    }
    var parts = {};
    formatter.formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
    var hour = +parts.hour % 24; // some engines say "24" at midnight
    return { day: DAY_IDS.indexOf(parts.weekday.slice(0, 3).toLowerCase()), minutes: hour * 60 + +parts.minute };
  }

  // [start, end) minutes from Monday 00:00, merged, over three weeks so that
  // an opening can run on past Sunday night.
  function openings(hours) {
    var spans = [];
    hours.forEach(function (h) {
      h.days.forEach(function (d) {
        for (var week = 0; week < 3; week++) spans.push([week * WEEK + d * DAY + h.opens, week * WEEK + d * DAY + h.closes]);
      });
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }

  function clock(minutes) {
    var h = Math.floor(minutes / 60);
    var m = minutes % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  // "17:00", "midnight", "02:00 tomorrow", "Thursday at 13:00"
  function until(at, now) {
    var days = Math.floor(at / DAY) - Math.floor(now / DAY);
    var minutes = at % DAY;
    if (days === 0) return clock(minutes);
    if (days === 1 && minutes === 0) return "midnight";
    if (days === 1) return clock(minutes) + " tomorrow";
    if (minutes === 0) return "midnight on " + DAY_NAMES[(Math.floor(at / DAY) + 6) % 7];
    return DAY_NAMES[Math.floor(at / DAY) % 7] + " at " + clock(minutes);
  }

  // "at 09:00", "tomorrow at 09:00", "Tuesday at 09:00", "next Tuesday at 09:00"
  function opensAt(at, now) {
    var days = Math.floor(at / DAY) - Math.floor(now / DAY);
    var when = "at " + clock(at % DAY);
    if (days === 0) return when;
    if (days === 1) return "tomorrow " + when;
    return (days >= 7 ? "next " : "") + DAY_NAMES[Math.floor(at / DAY) % 7] + " " + when;
  }

  // hours: data-hours text or parseHours' answer; now: a Date. Gives
  // { state: open|closed|always|unknown, label, detail, text }.
  function openStatus(hours, now) {
    var list = typeof hours === "string" ? parseHours(hours) : hours || [];
    if (!list.length) return status("unknown", "Opening hours not listed", "");
    var spans = openings(list);
    var uk = ukTime(now);
    var t = WEEK + uk.day * DAY + uk.minutes; // in the middle week
    for (var i = 0; i < spans.length; i++) {
      var s = spans[i];
      if (s[0] <= t && t < s[1]) {
        if (s[1] - s[0] >= 2 * WEEK) return status("always", "Open 24 hours", "");
        return status("open", "Open now", "until " + until(s[1], t));
      }
      if (s[0] > t) return status("closed", "Closed", "opens " + opensAt(s[0], t));
    }
    return status("unknown", "Opening hours not listed", "");
  }

  function status(state, label, detail) {
    return { state: state, label: label, detail: detail, text: detail ? label + ", " + detail : label };
  }

  // The label in bold, then the detail.
  function show(element, answer) {
    var doc = element.ownerDocument;
    var line = element.querySelector(".open-now-status") || element;
    line.textContent = "";
    var strong = doc.createElement("strong");
    strong.textContent = answer.label;
    line.appendChild(strong);
    if (answer.detail) line.appendChild(doc.createTextNode(", " + answer.detail));
    element.setAttribute("data-state", answer.state);
  }

  function fillPage() {
    var elements = document.querySelectorAll(".open-now[data-hours]");
    for (var i = 0; i < elements.length; i++) {
      show(elements[i], openStatus(elements[i].getAttribute("data-hours"), new Date()));
    }
  }

  if (typeof document !== "undefined" && document.querySelectorAll) {
    fillPage();
    setInterval(fillPage, 60000); // a page left open stays right; nothing is announced
  }

  return { parseHours: parseHours, ukTime: ukTime, openStatus: openStatus, show: show };
});
