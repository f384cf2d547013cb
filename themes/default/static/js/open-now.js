// "Open now, until 17:00" / "Closed, opens Tuesday at 09:00", in UK time
// (Europe/London) whatever the machine's zone, from a service's data-hours:
// "mon,tue 09:00-17:00;sat 10:00-12:00" (src/render/views.rs hours_data;
// closes may be 24:00, and 24:00 then 00:00 the next day is one opening).
// Fills every .open-now[data-hours] on the page; search.js uses it too; in
// Node, require() it (tests/browser/open-now.test.mjs).
// Bank holidays (docs/opening-hours.md): the build lists the site's for the
// next two years in <meta name="signpost-bank-holidays">; in data-hours,
// "bh" among the days is bank holidays ("sat,bh 10:00-14:00"), and "bh
// open", "bh closed" or "bh check" says what the service does on them.
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
  var INTERVAL = /^([a-z]{2,3}(?:,[a-z]{2,3})*) (\d\d):(\d\d)-(\d\d):(\d\d)$/;
  var HOLIDAY = 7; // "bh" among an entry's days

  // → [{ days: [0 = Monday, …, 7 = bank holidays], opens, closes }] in
  // minutes, bad parts left out; "bh open|closed|check" sets .bankHolidays.
  function parseHours(text) {
    var out = [];
    String(text || "").split(";").forEach(function (part) {
      var said = /^bh (open|closed|check)$/.exec(part.trim());
      if (said) return (out.bankHolidays = said[1]);
      var m = INTERVAL.exec(part.trim());
      if (!m) return;
      var days = m[1].split(",").map(function (d) { return d === "bh" ? HOLIDAY : DAY_IDS.indexOf(d); });
      var opens = +m[2] * 60 + +m[3];
      var closes = +m[4] * 60 + +m[5];
      if (days.indexOf(-1) !== -1 || +m[3] > 59 || +m[5] > 59 || opens >= closes || closes > DAY) return;
      out.push({ days: days, opens: opens, closes: closes });
    });
    return out;
  }

  var formatter = null;
  function ukParts(now) {
    if (!formatter) {
      formatter = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/London", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
        year: "numeric", month: "2-digit", day: "2-digit",
      });
    }
    var parts = {};
    formatter.formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
    return parts;
  }

  // UK wall-clock time: { day (0 = Monday), minutes from midnight }.
  function ukTime(now) {
    var parts = ukParts(now);
    var hour = +parts.hour % 24; // some engines say "24" at midnight
    return { day: DAY_IDS.indexOf(parts.weekday.slice(0, 3).toLowerCase()), minutes: hour * 60 + +parts.minute };
  }

  // [start, end) minutes from Monday 00:00, merged, over three weeks so that
  // an opening can run on past Sunday night. On day k that isHoliday(k),
  // a service keeps its "bh" entries, its usual hours ("open", or "check",
  // as it may well open), or none ("closed").
  function openings(hours, isHoliday, policy) {
    var spans = [];
    for (var k = 0; k < 21; k++) {
      var day = isHoliday(k) ? { hours: HOLIDAY, closed: -1 }[policy] : k % 7;
      if (day === undefined) day = k % 7;
      hours.forEach(function (h) {
        if (h.days.indexOf(day) !== -1) spans.push([k * DAY + h.opens, k * DAY + h.closes]);
      });
    }
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

  // hours: data-hours text or parseHours' answer; now: a Date; holidays:
  // "2026-12-25 2026-12-28 …" (by default the page's). Gives
  // { state: open|closed|always|unknown|holiday, label, detail, text }.
  function openStatus(hours, now, holidays) {
    var list = typeof hours === "string" ? parseHours(hours) : hours || [];
    if (!list.length) return status("unknown", "Opening hours not listed", "");
    holidays = " " + (holidays === undefined ? pageHolidays() : holidays) + " ";
    var uk = ukTime(now);
    var p = ukParts(now);
    var monday = Date.UTC(+p.year, p.month - 1, p.day - 7 - uk.day); // day 0 of the three weeks
    var isHoliday = function (k) { return holidays.indexOf(" " + new Date(monday + k * 864e5).toISOString().slice(0, 10) + " ") !== -1; };
    var policy = list.some(function (h) { return h.days.indexOf(HOLIDAY) !== -1; }) ? "hours" : list.bankHolidays || "closed";
    var spans = openings(list, isHoliday, policy);
    var t = WEEK + uk.day * DAY + uk.minutes; // in the middle week
    if (isHoliday(7 + uk.day) && policy === "check") return status("holiday", "Bank holiday: check before going", "");
    if (isHoliday(7 + uk.day) && policy === "closed") {
      var next = spans.filter(function (s) { return s[0] > t; })[0];
      return status("closed", "Closed today (bank holiday)", next ? "opens " + opensAt(next[0], t) : "");
    }
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

  function pageHolidays() {
    var meta = typeof document !== "undefined" && document.querySelector('meta[name="signpost-bank-holidays"]');
    return meta ? meta.getAttribute("content") : "";
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
