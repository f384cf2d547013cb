/* signpost list filters. Progressive enhancement: without this script every
   item is listed and the (hidden) form never shows.
   <form data-filter data-target="LIST_ID" data-count="STATUS_ID" hidden>
     <select name="category" data-attr="categories">  matches data-categories
   Items are [data-filter-item] inside #LIST_ID; a [data-filter-group] with no
   visible item is hidden too; [data-filter-fallback] (no-script stand-ins)
   is hidden once the form works. Links in a [data-filter-jump] nav that
   point into a group follow it: hidden with it, their [data-filter-count]
   showing what is left. State is kept in the query string.
   Each option reads "Label (N)", N being what choosing it would show with the
   other selects as they are (faceted counts; the label is the option's
   data-label, or its text without a count). When a chosen value hides
   matches, a line after the status says how many, with a link that clears
   it: "2 more services outside Weymouth and Portland — show them". Only
   selects with data-more get the line, which words it ("outside {}", {} the
   chosen label); a select named "area" is offered first, then the one hiding
   the most.

   With data-engine (the search index's address; docs/paging.md) the list is
   one page of a longer list, so the filters ask the search index instead of
   reading the cards: every service (or guideline) of the whole list that
   matches, counts over the whole list, drawn in pages of data-page-size from
   each result's card (its fragment's meta.card, drawn by the build), paged
   here with ?page=N. data-type is the index's type; data-scope="name=value"
   a filter every answer keeps (a directory); data-preset the query string of
   what the page itself lists ("category=warmth"): while the form shows it,
   the page's own cards and pager stand. An "Open now" box (data-engine-open)
   keeps the services whose hours are open now.

   With data-postcodes (the postcode table's address) a [data-postcode]
   field chooses the area select's option from a postcode (postcodes.js);
   the status line then starts with what it found: "DT4 7TU is in Weymouth
   and Portland." The form is hidden without JavaScript, and so is the field
   with it: a static host cannot look a postcode up (docs/directories.md). */
(function () {
  "use strict";

  function words(el, attr) {
    return (el.getAttribute("data-" + attr) || "").split(/\s+/);
  }

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) return true;
    }
    return false;
  }

  /** An option's words without the count the build (or this script) put after them. */
  function optionLabel(option) {
    return option.getAttribute("data-label") || option.textContent.replace(/\s*\(\d+\)\s*$/, "");
  }

  /** The option a value from the address names: its value, or its label. */
  function optionFor(select, value) {
    if (hasOption(select, value)) return value;
    var wanted = value.trim().toLowerCase();
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value && optionLabel(select.options[i]).trim().toLowerCase() === wanted) return select.options[i].value;
    }
    return null;
  }

  /** What a select chooses, in a sentence: "area" for the Area select. */
  function fieldName(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.trim().toLowerCase() : select.name;
  }

  function selectedLabel(select) {
    var option = select.options[select.selectedIndex];
    return option ? optionLabel(option) : select.value;
  }

  /** For each select, which items match every OTHER select: the base of its counts. */
  function othersMatch(items, selects) {
    var matchesOwn = [];
    items.forEach(function (item, i) {
      matchesOwn[i] = [];
      selects.forEach(function (s, j) {
        matchesOwn[i][j] = !s.value || words(item, s.getAttribute("data-attr")).indexOf(s.value) >= 0;
      });
    });
    return function (i, except) {
      return matchesOwn[i].every(function (ok, j) { return ok || j === except; });
    };
  }

  /** select index → { "": items matching the others, value: how many of those have it }. */
  function facetCounts(items, selects, passes) {
    var counts = [];
    selects.forEach(function (s, j) {
      var c = { "": 0 };
      var attr = s.getAttribute("data-attr");
      items.forEach(function (item, i) {
        if (!passes(i, j)) return;
        c[""]++;
        words(item, attr).forEach(function (w) { if (w) c[w] = (c[w] || 0) + 1; });
      });
      counts[j] = c;
    });
    return counts;
  }

  // The option text is what a screen reader reads, so the count goes there;
  // the select is no live region, so a new count is not announced: the
  // status line already says how many are shown.
  function writeCounts(selects, counts) {
    selects.forEach(function (s, j) {
      for (var k = 0; k < s.options.length; k++) {
        var option = s.options[k];
        if (!option.hasAttribute("data-label")) option.setAttribute("data-label", optionLabel(option));
        var text = optionLabel(option) + " (" + (counts[j][option.value] || 0) + ")";
        if (option.textContent !== text) option.textContent = text;
      }
    });
  }

  /** The chosen select whose clearing would show the most more: area first.
   *  totalWithout(j) is how many select j's clearing would show; a value the
   *  page itself stands for (`preset`: a directory's or category's page) is
   *  never offered to clear. */
  function hiding(selects, totalWithout, shown, preset) {
    var best = null;
    selects.forEach(function (s, j) {
      var more = totalWithout(j) - shown;
      if (!s.value || more <= 0 || !s.hasAttribute("data-more")) return;
      if (preset && s.value === (preset.get(s.name) || "")) return;
      var first = s.name === "area";
      if (!best || (first && !best.first) || (first === best.first && more > best.more)) {
        best = { select: s, more: more, first: first };
      }
    });
    return best;
  }

  /** The address of this page with one filter cleared. */
  function urlWithout(name) {
    var params = new URLSearchParams(location.search);
    params.delete(name);
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  /** "2 more services outside Weymouth and Portland — show them", or hidden. */
  function drawMore(line, found, status) {
    line.textContent = "";
    line.hidden = !found;
    if (!found) return;
    var s = found.select;
    var noun = (status && status.getAttribute(found.more === 1 ? "data-noun-one" : "data-noun")) || (found.more === 1 ? "item" : "items");
    // trim(): an area's label is indented by its depth in the areas tree.
    var phrase = s.getAttribute("data-more").replace("{}", selectedLabel(s).trim());
    line.appendChild(document.createTextNode(found.more + " more " + noun + " " + phrase + " — "));
    var link = document.createElement("a");
    link.href = urlWithout(s.name);
    link.setAttribute("data-filter-clear", s.name);
    link.textContent = "show " + (found.more === 1 ? "it" : "them");
    line.appendChild(link);
  }

  /** The status line's text, after the postcode's sentence if there is one. */
  function setStatus(status, text) {
    var note = status.getAttribute("data-note");
    status.textContent = note ? note + " " + text : text;
  }

  // ---- A postcode chooses the area (postcodes.js; issue 22, point 4) ----

  /**
   * The form's postcode field, tied to its area select, or null. resolve()
   * looks the typed postcode up, chooses its area when the list has it, and
   * puts the sentence saying so on the status line (data-note); an unknown
   * postcode is said so and changes no filter.
   */
  function postcodeField(form, selects, status) {
    var input = form.querySelector("[data-postcode]");
    var area = selects.filter(function (s) { return s.name === "area"; })[0];
    var url = form.getAttribute("data-postcodes");
    var lookup = window.SignpostPostcodes;
    if (!input || !area || !url || !lookup || !status) return null;
    function say(note) {
      if (note) status.setAttribute("data-note", note);
      else status.removeAttribute("data-note");
    }
    return {
      input: input,
      resolve: function () {
        var typed = input.value.trim();
        var code = lookup.parse(typed);
        if (!typed) return Promise.resolve(say(""));
        if (!code) return Promise.resolve(say("“" + typed + "” is not a postcode: type one such as AB1 2CD, or choose the area."));
        return lookup.load(url).then(function (table) {
          var found = lookup.areaOf(table, code);
          input.value = code.shown;
          var sentence = lookup.sentence(table, found);
          if (found.slug && hasOption(area, found.slug)) area.value = found.slug;
          else if (found.slug) sentence = sentence.replace(/\.$/, ", where none of these services work.");
          say(sentence);
        }, function () { say("The postcodes could not load: choose the area instead."); });
      },
      /** The person chose an area themselves: the postcode no longer says which. */
      forget: function () { input.value = ""; say(""); },
      write: function (params) {
        if (input.value.trim()) params.set(input.name, input.value.trim());
        else params.delete(input.name);
      },
      fromAddress: function (params) {
        input.value = params.get(input.name) || "";
        return !!input.value;
      },
    };
  }

  /** Runs then() after the postcode, if the event is about it, has chosen the area. */
  function afterPostcode(field, event, then) {
    if (!field) return then();
    var target = event.target;
    if (target && target.name === "area") field.forget();
    if (target === field.input || event.type === "submit") return field.resolve().then(then);
    return then();
  }

  function setup(form) {
    var list = document.getElementById(form.getAttribute("data-target"));
    if (!list) return;
    var status = document.getElementById(form.getAttribute("data-count"));
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
    var groups = list.querySelectorAll("[data-filter-group]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-attr]"));
    var jumps = document.querySelectorAll("[data-filter-jump]");
    // Outside the live region: the status announces the count, and a link
    // inside it would be read out on every change.
    var moreLine = document.createElement("p");
    moreLine.className = "filter-more";
    moreLine.hidden = true;
    if (status) status.parentNode.insertBefore(moreLine, status.nextSibling);
    var postcode = postcodeField(form, selects, status);

    function apply(writeUrl) {
      var shown = 0;
      var params = new URLSearchParams(location.search);
      var passes = othersMatch(items, selects);
      items.forEach(function (item, i) {
        var match = passes(i, -1);
        item.hidden = !match;
        if (match) shown++;
      });
      var counts = facetCounts(items, selects, passes);
      writeCounts(selects, counts);
      groups.forEach(function (g) {
        g.hidden = !g.querySelector("[data-filter-item]:not([hidden])");
      });
      jumps.forEach(function (nav) {
        var left = 0;
        nav.querySelectorAll('a[href^="#"]').forEach(function (a) {
          var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
          var group = target && target.closest("[data-filter-group]");
          if (!group || !list.contains(group)) return;
          var n = group.querySelectorAll("[data-filter-item]:not([hidden])").length;
          (a.closest("li") || a).hidden = n === 0;
          var count = a.querySelector("[data-filter-count]");
          if (count) count.textContent = "(" + n + ")";
          if (n) left++;
        });
        nav.hidden = left === 0;
      });
      if (status) {
        var total = items.length;
        var noun = status.getAttribute(total === 1 ? "data-noun-one" : "data-noun") || "items";
        var text = "Showing " + shown + " of " + total + " " + noun;
        if (shown === 0) text += ". No matches: change or reset the filters.";
        setStatus(status, text);
      }
      if (writeUrl && window.history && history.replaceState) {
        selects.forEach(function (s) {
          if (s.value) params.set(s.name, s.value);
          else params.delete(s.name);
        });
        if (postcode) postcode.write(params);
        var query = params.toString();
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
      // After the address is written, so the link's address is current.
      drawMore(moreLine, hiding(selects, function (j) { return counts[j][""]; }, shown), status);
    }

    var address = new URLSearchParams(location.search);
    chooseFromAddress(selects, address, status);

    form.addEventListener("change", function (e) { afterPostcode(postcode, e, function () { apply(true); }); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      afterPostcode(postcode, e, function () { apply(true); });
    });
    form.addEventListener("reset", function () {
      if (postcode) postcode.forget();
      // The reset event fires before the fields are cleared.
      setTimeout(function () { apply(true); }, 0);
    });
    moreLine.addEventListener("click", function (e) {
      var name = e.target.getAttribute && e.target.getAttribute("data-filter-clear");
      var select = name && form.querySelector('select[name="' + name + '"]');
      if (!select) return;
      e.preventDefault();
      select.value = "";
      // The postcode chose the area it clears: it no longer says which.
      if (postcode && select.name === "area") postcode.forget();
      apply(true);
      // The link has gone with the line: focus the filter it cleared, not the page's top.
      select.focus();
    });

    form.hidden = false;
    // The category links only stand in for the filters when there is no script.
    document.querySelectorAll("[data-filter-fallback]").forEach(function (el) { el.hidden = true; });
    apply(false);
    if (postcode && postcode.fromAddress(address)) postcode.resolve().then(function () { apply(false); });
  }

  /**
   * Sets the selects from the address. A value the list does not have
   * ("?area=narnia": mistyped, or an area since renamed) is said so, and
   * every item shown, rather than "no matches"; an option's label finds it
   * too (older links named areas). An empty value clears a page's preset.
   */
  function chooseFromAddress(selects, initial, status) {
    var unknown = [];
    selects.forEach(function (s) {
      var value = initial.get(s.name);
      if (value === null) return;
      var found = value === "" ? "" : optionFor(s, value);
      if (found !== null) s.value = found;
      else unknown.push("No " + fieldName(s) + " called “" + value + "”: showing every " + fieldName(s) + ".");
    });
    if (unknown.length && status) {
      var unknownLine = document.createElement("p");
      unknownLine.className = "filter-unknown";
      unknownLine.textContent = unknown.join(" ");
      status.parentNode.insertBefore(unknownLine, status);
    }
  }

  // ---- Over the whole list, through the search index (data-engine) ----

  function engineName(select) { return select.getAttribute("data-engine-name") || select.name; }
  /** The value the index files an option under: its label, or its value. */
  function engineValue(select, option) {
    if (select.getAttribute("data-engine-value") === "value") return option.value;
    return optionLabel(option).trim();
  }
  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  /** search-engine.js, loaded once a form needs the index rather than with
   *  every list page: a choice the build drew (cards.json) never needs it. */
  var engineScript = null;
  function loadEngineScript(src) {
    if (window.SignpostSearch) return Promise.resolve();
    return engineScript || (engineScript = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { engineScript = null; reject(new Error("search-engine.js")); };
      document.head.appendChild(script);
    }));
  }

  function setupEngine(form) {
    var list = document.getElementById(form.getAttribute("data-target"));
    var engineSrc = form.getAttribute("data-engine-script");
    if (!list || !(window.SignpostSearch || engineSrc)) return false;
    var status = document.getElementById(form.getAttribute("data-count"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-attr]"));
    var openBox = form.querySelector("[data-engine-open]");
    var type = form.getAttribute("data-type");
    var size = +form.getAttribute("data-page-size") || 50;
    var ownPage = +form.getAttribute("data-page-number") || 1;
    var preset = new URLSearchParams(form.getAttribute("data-preset") || "");
    var scopeText = form.getAttribute("data-scope") || "";
    var scope = scopeText ? [scopeText.slice(0, scopeText.indexOf("=")), scopeText.slice(scopeText.indexOf("=") + 1)] : null;
    var lists = form.getAttribute("data-lists");
    var isTable = list.tagName === "TABLE";
    var ownItems = Array.prototype.slice.call(isTable ? list.tBodies : list.children);
    var ownPager = document.querySelector("[data-static-pager]");
    var ownStatus = status ? status.textContent : "";
    var ownCounts = selects.map(function (s) {
      return Array.prototype.map.call(s.options, function (o) { return o.textContent; });
    });
    var moreLine = document.createElement("p");
    moreLine.className = "filter-more";
    moreLine.hidden = true;
    if (status) {
      status.parentNode.insertBefore(moreLine, status.nextSibling);
      status.setAttribute("tabindex", "-1");
    }
    var postcode = postcodeField(form, selects, status);
    var pager = document.createElement("nav");
    pager.className = "pager";
    pager.setAttribute("aria-label", "Pages");
    pager.hidden = true;
    (isTable ? list.closest(".table-wrap") || list : list).insertAdjacentElement("afterend", pager);
    var page = 1;
    var runId = 0;
    var engine = null;
    var hoursValues = null;

    function load() {
      return engine || (engine = loadEngineScript(engineSrc).then(function () {
        return window.SignpostSearch.load(form.getAttribute("data-engine"));
      }, function (e) { engine = null; throw e; }));
    }

    /** Whether the form shows what the page itself lists. */
    function showsOwn() {
      var same = selects.every(function (s) { return s.value === (preset.get(s.name) || ""); });
      return same && !(openBox && openBox.checked) && page === 1;
    }

    /** The index filters for the form as it is, leaving out the select "except". */
    function filtersFor(except, openValues) {
      var f = {};
      selects.forEach(function (s) {
        if (s !== except && s.value) f[engineName(s)] = [engineValue(s, s.options[s.selectedIndex])];
      });
      if (scope) f[scope[0]] = [scope[1]];
      if (openValues) f.hours = openValues.length ? openValues : ["\u0000none"];
      if (!Object.keys(f).length) f.type = [type];
      return f;
    }

    /** The hours of every service open now (the index's "hours" values). */
    function openValues(search) {
      if (!openBox || !openBox.checked) return Promise.resolve(null);
      var known = hoursValues ? Promise.resolve(hoursValues) : search.search("", { filters: { type: [type] }, counts: ["hours"], limit: 0 })
        .then(function (answer) { return (hoursValues = Object.keys((answer.counts || {}).hours || {})); });
      return known.then(function (values) {
        var now = new Date();
        return values.filter(function (v) {
          var state = window.SignpostOpenNow ? window.SignpostOpenNow.openStatus(v, now).state : "unknown";
          return state === "open" || state === "always";
        });
      });
    }

    function writeUrl() {
      if (!window.history || !history.replaceState) return;
      var params = new URLSearchParams(location.search);
      selects.forEach(function (s) {
        if (s.value && s.value !== (preset.get(s.name) || "")) params.set(s.name, s.value);
        else if (!s.value && preset.get(s.name)) params.set(s.name, "");
        else params.delete(s.name);
      });
      if (openBox && openBox.checked) params.set(openBox.name, openBox.value);
      else if (openBox) params.delete(openBox.name);
      if (postcode) postcode.write(params);
      if (page > 1) params.set("page", page);
      else params.delete("page");
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function pageUrl(n) {
      var params = new URLSearchParams(location.search);
      if (n > 1) params.set("page", n);
      else params.delete("page");
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "");
    }

    function showOwn() {
      list.hidden = false;
      if (isTable) {
        Array.prototype.slice.call(list.tBodies).forEach(function (b) { if (ownItems.indexOf(b) < 0) b.remove(); });
        ownItems.forEach(function (b) { if (!b.parentNode) list.appendChild(b); });
      } else {
        list.replaceChildren.apply(list, ownItems);
      }
      if (ownPager) ownPager.hidden = false;
      pager.hidden = true;
      if (status) setStatus(status, ownStatus);
    }

    /** The page of a list the build made that answers the form as it is, or
     *  null: one category, one area or neither chosen, and not "open now".
     *  Its cards.json is what the index would answer, in one request. */
    function builtPage() {
      if (!lists || (openBox && openBox.checked)) return null;
      var chosen = selects.filter(function (s) { return s.value; });
      if (chosen.length > 1) return null;
      var list = lists;
      if (chosen.length) {
        var kind = { category: "category/", area: "area/" }[chosen[0].name];
        if (!kind) return null;
        list += kind + encodeURIComponent(chosen[0].value) + "/";
      }
      return { list: list, chosen: chosen[0] || null };
    }

    function fetchBuilt(built, n) {
      return fetch(built.list + (n > 1 ? "page/" + n + "/" : "") + "cards.json").then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }

    /** Draws the answer from a built page's data: its cards and counts. */
    function answerBuilt(built, id, focusStatus) {
      return fetchBuilt(built, page).catch(function () {
        // Past the list's last page (an old address): its first.
        page = 1;
        return fetchBuilt(built, 1);
      }).then(function (data) {
        if (id !== runId) return;
        var pages = Math.max(1, Math.ceil(data.total / size));
        if (page > pages) page = pages;
        // The chosen select's own options count as if chosen alone: the
        // build's counts, which every services list page shows.
        writeCountsBy(function (s, j, option) {
          if (!option.value) return s === built.chosen ? data.all : data.total;
          return s === built.chosen ? null : (data.counts[s.name] || {})[option.value] || 0;
        });
        drawCards(data.cards, data.total);
        finish(data.total, function (j) { return selects[j] === built.chosen ? data.all : data.total; }, focusStatus);
      });
    }

    /** Shows the status and the "N more outside this area" line for `total` results. */
    function finish(total, totalWithout, focusStatus) {
      if (status) setStatus(status, statusText(total));
      drawMore(moreLine, hiding(selects, totalWithout, total, preset), status);
      if (focusStatus && status) status.focus();
    }

    /** Draws one page of results from their fragments' cards. */
    function drawResults(search, results, id) {
      var slice = results.slice((page - 1) * size, page * size);
      return Promise.all(slice.map(function (r) { return search.fragment(r.doc); })).then(function (fragments) {
        if (id !== runId) return;
        var html = fragments.map(function (f) { return (f.meta && f.meta.card) || ""; }).join("");
        drawCards(html, results.length);
      });
    }

    /** Puts `html`, a page of cards of `total` results, in the list. */
    function drawCards(html, total) {
      if (isTable) {
        ownItems.forEach(function (b) { b.remove(); });
        Array.prototype.slice.call(list.tBodies).forEach(function (b) { b.remove(); });
        var body = document.createElement("tbody");
        body.setAttribute("role", "rowgroup");
        body.innerHTML = html;
        list.appendChild(body);
      } else {
        list.innerHTML = html;
      }
      if (ownPager) ownPager.hidden = true;
      drawPager(Math.max(1, Math.ceil(total / size)));
      if (window.SignpostOpenNow) {
        list.querySelectorAll(".open-now[data-hours]").forEach(function (el) {
          window.SignpostOpenNow.show(el, window.SignpostOpenNow.openStatus(el.getAttribute("data-hours"), new Date()));
        });
      }
      if (window.SignpostList) window.SignpostList.refresh();
    }

    function drawPager(count) {
      pager.textContent = "";
      pager.hidden = count < 2;
      if (count < 2) return;
      var ul = document.createElement("ul");
      function item(n, text, rel) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = pageUrl(n);
        a.setAttribute("data-page", n);
        if (rel) { a.rel = rel; li.className = "pager-step"; }
        if (n === page && !rel) a.setAttribute("aria-current", "page");
        if (rel) {
          a.textContent = text;
          var hidden = document.createElement("span");
          hidden.className = "visually-hidden";
          hidden.textContent = " page";
          a.appendChild(hidden);
        } else {
          var label = document.createElement("span");
          label.className = "visually-hidden";
          label.textContent = "Page ";
          a.appendChild(label);
          a.appendChild(document.createTextNode(String(n)));
        }
        li.appendChild(a);
        ul.appendChild(li);
      }
      if (page > 1) item(page - 1, "Previous", "prev");
      var last = 0;
      for (var n = 1; n <= count; n++) {
        if (n === 1 || n === count || Math.abs(n - page) <= 2) {
          if (n > last + 1) {
            var gap = document.createElement("li");
            gap.className = "pager-gap";
            gap.innerHTML = '<span aria-hidden="true">…</span>';
            ul.appendChild(gap);
          }
          item(n, "", "");
          last = n;
        }
      }
      if (page < count) item(page + 1, "Next", "next");
      pager.appendChild(ul);
    }

    function statusText(total) {
      var noun = status ? status.getAttribute(total === 1 ? "data-noun-one" : "data-noun") || "items" : "items";
      if (!total) return "Showing 0 of 0 " + noun + ". No matches: change or reset the filters.";
      var first = (page - 1) * size + 1, last = Math.min(page * size, total);
      var range = first === last ? thousands(first) : thousands(first) + "–" + thousands(last);
      return "Showing " + range + " of " + thousands(total) + " " + noun;
    }

    /** Option counts: what each value would show with the other filters. */
    function writeEngineCounts(counts, totals) {
      writeCountsBy(function (s, j, option) {
        return option.value ? ((counts || {})[engineName(s)] || {})[engineValue(s, option)] || 0 : totals[j];
      });
    }

    /** Writes count(select, its index, option) into each option; null keeps the build's text. */
    function writeCountsBy(count) {
      selects.forEach(function (s, j) {
        for (var k = 0; k < s.options.length; k++) {
          var option = s.options[k];
          if (!option.hasAttribute("data-label")) option.setAttribute("data-label", optionLabel(option));
          var n = count(s, j, option);
          var text = n === null ? ownCounts[j][k] : optionLabel(option) + " (" + n + ")";
          if (option.textContent !== text) option.textContent = text;
        }
      });
    }

    function restoreCounts() {
      selects.forEach(function (s, j) {
        Array.prototype.forEach.call(s.options, function (o, k) { o.textContent = ownCounts[j][k]; });
      });
    }

    // While an answer is on its way the list says so (aria-busy), and the
    // form carries data-busy, which the browser checks wait for.
    function busy(on) {
      if (on) { form.setAttribute("data-busy", ""); list.setAttribute("aria-busy", "true"); }
      else { form.removeAttribute("data-busy"); list.removeAttribute("aria-busy"); }
    }

    function apply(write, focusStatus) {
      var id = ++runId;
      busy(true);
      return answer(id, write, focusStatus).then(function () { if (id === runId) busy(false); });
    }

    function answer(id, write, focusStatus) {
      if (write) writeUrl();
      var own = showsOwn();
      if (own) {
        // The page's own list and the build's counts: nothing to fetch.
        showOwn();
        restoreCounts();
        drawMore(moreLine, null, status);
        return Promise.resolve();
      }
      var built = builtPage();
      if (built) {
        return answerBuilt(built, id, focusStatus).catch(function () {
          if (id === runId) return answerFromIndex(id, focusStatus);
        });
      }
      return answerFromIndex(id, focusStatus);
    }

    function answerFromIndex(id, focusStatus) {
      return load().then(function (search) {
        return openValues(search).then(function (open) {
          var names = selects.map(engineName);
          var main = search.search("", { filters: filtersFor(null, open), counts: names, limit: 0 });
          // For each chosen select: how many the others alone would show.
          var without = selects.map(function (s) {
            return s.value ? search.search("", { filters: filtersFor(s, open), limit: 0 }) : null;
          });
          return Promise.all([main].concat(without)).then(function (answers) {
            if (id !== runId) return;
            var answer = answers[0];
            var total = answer.results.length;
            var totals = selects.map(function (s, j) { return answers[j + 1] ? answers[j + 1].results.length : total; });
            writeEngineCounts(answer.counts, totals);
            var pages = Math.max(1, Math.ceil(total / size));
            if (page > pages) page = pages;
            return drawResults(search, answer.results, id).then(function () {
              if (id !== runId) return;
              finish(total, function (j) { return totals[j]; }, focusStatus);
            });
          });
        });
      }).catch(function () {
        if (id !== runId) return;
        if (status) setStatus(status, "The filters could not load. The pages of this list and the links to each category and area still work.");
      });
    }

    var initial = new URLSearchParams(location.search);
    chooseFromAddress(selects, initial, status);
    if (openBox && initial.get(openBox.name) === openBox.value) openBox.checked = true;
    page = Math.max(1, parseInt(initial.get("page"), 10) || 1);

    form.addEventListener("change", function (e) {
      page = 1;
      afterPostcode(postcode, e, function () { apply(true); });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      page = 1;
      afterPostcode(postcode, e, function () { apply(true); });
    });
    form.addEventListener("reset", function () {
      if (postcode) postcode.forget();
      setTimeout(function () { page = 1; apply(true); }, 0);
    });
    pager.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest("a[data-page]");
      if (!link) return;
      e.preventDefault();
      page = +link.getAttribute("data-page");
      // The status says which results now show; the list starts below it.
      apply(true, true);
    });
    moreLine.addEventListener("click", function (e) {
      var name = e.target.getAttribute && e.target.getAttribute("data-filter-clear");
      var select = name && form.querySelector('select[name="' + name + '"]');
      if (!select) return;
      e.preventDefault();
      select.value = "";
      // The postcode chose the area it clears: it no longer says which.
      if (postcode && select.name === "area") postcode.forget();
      page = 1;
      // The link goes with the line: focus the filter it cleared, not the page's top.
      select.focus();
      apply(true);
    });

    // The reader is about to choose: fetch the script while they do, so
    // an answer the index must give does not wait for it.
    function warm() { if (engineSrc) loadEngineScript(engineSrc).catch(function () {}); }
    form.addEventListener("focusin", warm, { once: true });
    form.addEventListener("pointerdown", warm, { once: true });

    form.hidden = false;
    document.querySelectorAll("[data-filter-fallback]").forEach(function (el) { el.hidden = true; });
    if (postcode && postcode.fromAddress(initial)) postcode.resolve().then(function () { apply(false); });
    else apply(false);
    return true;
  }

  document.querySelectorAll("form[data-filter]").forEach(function (form) {
    if (form.hasAttribute("data-engine") && setupEngine(form)) return;
    setup(form);
  });
})();
