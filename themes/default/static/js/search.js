// signpost search page: draws what the query script (search-engine.js)
// finds, as the person types: result details people act on, excerpts with
// the words marked, sections that match, filters with counts, and plain
// words when a typo was corrected or no page holds every word.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "/";
  // The postcode table's address (postcodes.js), when the site has one.
  var postcodesUrl = script && script.getAttribute("data-postcodes");
  var form = document.getElementById("search-form");
  if (!form || !window.SignpostSearch) return;
  var input = document.getElementById("search-q");
  var statusLine = document.getElementById("search-status");
  // The count of results and the "Filter results" button, on one row.
  var summaryRow = document.createElement("div");
  summaryRow.className = "search-summary";
  statusLine.parentNode.insertBefore(summaryRow, statusLine);
  summaryRow.appendChild(statusLine);
  // "2 more services outside Weymouth and Portland — show them", under the
  // status and outside its live region: a link there would be read out on
  // every keystroke.
  var outsideLine = document.createElement("p");
  outsideLine.className = "search-outside";
  outsideLine.hidden = true;
  summaryRow.parentNode.insertBefore(outsideLine, summaryRow.nextSibling);
  var suggestionLine = document.getElementById("search-suggestion");
  var list = document.getElementById("search-results");
  var filterBox = document.getElementById("search-filters");
  var controls = filterBox.querySelector(".search-filter-controls");
  var FILTERS = [["type", "Type"], ["condition", "Condition"], ["status", "Guideline status"],
    ["category", "Service category"], ["area", "Area"], ["referral", "Referral route"]];
  // Only these filters' files are read for counts (the lists use others).
  var FILTER_NAMES = FILTERS.map(function (pair) { return pair[0]; });
  var PAGE_SIZE = 10;
  var OLDER = ["superseded", "withdrawn"];
  var engine = null;
  var runId = 0;
  var filtersOpen = false;
  var selected = {};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var indexMeta = null;
  function load() {
    if (!engine) {
      engine = window.SignpostSearch.load(root + "search/engine/").then(function (search) {
        indexMeta = search.meta;
        checkAddress(search.meta);
        return search;
      });
    }
    return engine;
  }

  // A filter value in the address that the site does not have ("?area=narnia",
  // a mistyped or old link) is said so and set aside, rather than ending in
  // "No results"; an area's name finds its slug (issue 21, point 3).
  var unknownLine = el("p", "search-unknown");
  unknownLine.hidden = true;
  summaryRow.parentNode.insertBefore(unknownLine, summaryRow);
  function checkAddress(meta) {
    var unknown = [];
    FILTERS.forEach(function (pair) {
      var value = selected[pair[0]];
      if (!value) return;
      var known = knownValue(meta, pair[0], value);
      if (known === null) {
        unknown.push("No " + pair[1].toLowerCase() + " called “" + value + "”: showing results from every " + pair[1].toLowerCase() + ".");
        delete selected[pair[0]];
      } else selected[pair[0]] = known;
    });
    unknownLine.textContent = unknown.join(" ");
    unknownLine.hidden = !unknown.length;
  }

  function activeFilters() {
    var filters = {};
    Object.keys(selected).forEach(function (name) { if (selected[name]) filters[name] = [selected[name]]; });
    return filters;
  }

  // One select per filter, every value listed with what choosing it would
  // show given the query and the other filters; a value that would show
  // nothing says (0) and can still be chosen.
  function drawFilters(counts, labels) {
    var focused = document.activeElement && document.activeElement.id;
    controls.textContent = "";
    var any = false;
    FILTERS.forEach(function (pair) {
      var values = counts[pair[0]];
      if (!values || !Object.keys(values).length) return;
      any = true;
      var id = "search-filter-" + pair[0];
      var wrap = el("div", "search-filter");
      var label = el("label", "", pair[1]);
      label.htmlFor = id;
      var select = el("select");
      select.id = id;
      select.name = pair[0];
      select.appendChild(new Option("Any", ""));
      listed(values, labels && labels[pair[0]]).forEach(function (o) {
        select.appendChild(new Option(o.label + " (" + values[o.value] + ")", o.value));
      });
      select.value = selected[pair[0]] || "";
      select.addEventListener("change", function () {
        selected[pair[0]] = select.value;
        run(input.value, true);
      });
      wrap.appendChild(label);
      wrap.appendChild(select);
      controls.appendChild(wrap);
    });
    filterBox.hidden = !any;
    if (focused && focused.indexOf("search-filter-") === 0) {
      var again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  /** A filter's values in the order the index gives (areas in the areas
   *  tree's order, indented by depth with non-breaking spaces, as the
   *  services list shows them), then any others by value. */
  function listed(values, labels) {
    var out = [], seen = {};
    (labels || []).forEach(function (l) {
      if (!Object.prototype.hasOwnProperty.call(values, l[0])) return;
      seen[l[0]] = true;
      out.push({ value: l[0], label: new Array(l[2] + 1).join("\u00a0\u00a0") + l[1] });
    });
    Object.keys(values).sort().forEach(function (v) { if (!seen[v]) out.push({ value: v, label: v }); });
    return out;
  }

  /** The label of a filter value ("Weymouth and Portland" for its slug). */
  function labelOf(meta, name, value) {
    var labels = (meta.filter_labels && meta.filter_labels[name]) || [];
    for (var i = 0; i < labels.length; i++) if (labels[i][0] === value) return labels[i][1];
    return value;
  }

  /** The same rule as src/markdown.rs slugify: what the services list writes. */
  function slugify(text) {
    return String(text).trim().toLowerCase().replace(/ /g, "-").replace(/[^\p{Alphabetic}\p{N}_-]/gu, "");
  }

  /** A filter value from an address, as the index knows it: the slug the
   *  services list writes, or an area's name (older links); null when the
   *  site has no such value. */
  function knownValue(meta, name, value) {
    var labels = meta.filter_labels && meta.filter_labels[name];
    if (!labels) return value;
    for (var i = 0; i < labels.length; i++) {
      if (labels[i][0] === value || labels[i][0] === slugify(value) || labels[i][1].toLowerCase() === value.trim().toLowerCase()) return labels[i][0];
    }
    return null;
  }

  function detail(text, className) {
    return text ? el("span", className || "result-detail", text) : null;
  }

  /** Text with the searched words in <mark>, built as nodes: page text is never parsed as HTML. */
  function marked(parts, className) {
    var p = el("p", className);
    parts.forEach(function (part) {
      p.appendChild(part.mark ? el("mark", "", part.text) : document.createTextNode(part.text));
    });
    return p;
  }

  // The badge the rest of the site shows (macros.html, review_badge), clock and all.
  function reviewBadge(state, text) {
    var badge = el("span", "badge badge-" + state);
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("viewBox", "0 0 24 24");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("fill-rule", "evenodd");
    path.setAttribute("d", "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm-1 3h2v5.4l3.6 2.1-1 1.7-4.6-2.7V7Z");
    svg.appendChild(path);
    badge.appendChild(svg);
    badge.appendChild(document.createTextNode(text));
    return badge;
  }

  function renderResult(fragment, highlight) {
    var meta = fragment.meta || {};
    var kind = fragment.kind || "Page";
    var item = el("li", "search-result result-" + kind.toLowerCase());
    var heading = el("h2", "result-title");
    var link = el("a", "", fragment.title || fragment.url);
    link.href = fragment.url;
    heading.appendChild(el("span", "badge badge-type", kind));
    heading.appendChild(document.createTextNode(" "));
    heading.appendChild(link);
    item.appendChild(heading);
    var details = el("p", "result-details");
    var parts = [];
    if (kind === "Guideline") {
      // The page's own status badge (views.rs, Standing): the review state
      // where approved guidance is due or overdue, never a bare "Approved".
      if (meta.standing_tone === "overdue" || meta.standing_tone === "due-soon") {
        parts.push(reviewBadge(meta.standing_tone, meta.standing));
      } else if (meta.standing_tone && meta.standing_tone !== "approved") {
        parts.push(detail(meta.standing, "badge badge-" + meta.standing_tone));
      }
      if (meta.review_due) parts.push(detail("Review due " + meta.review_due));
      if (meta.version) parts.push(detail("Version " + meta.version));
    } else if (kind === "Directory") {
      if (meta.services) parts.push(detail("Directory of " + meta.services));
    } else if (kind === "Service") {
      if (meta.organisation) parts.push(detail(meta.organisation));
      if (meta.areas) parts.push(detail(/^Covers /.test(meta.areas) ? meta.areas : "Areas: " + meta.areas));
      if (meta.referral) parts.push(detail(meta.referral));
      if (meta.phone && meta.phone_href) {
        var phone = el("a", "result-phone", meta.phone);
        // Made by the build with the page's own rule: no extension dialled.
        phone.href = meta.phone_href;
        var span = el("span", "result-detail", "Phone ");
        span.appendChild(phone);
        parts.push(span);
      }
      if (meta.closed) parts.push(detail(meta.closed, "badge badge-closed"));
      if (meta.stale) parts.push(detail("Not verified since " + meta.stale, "badge badge-stale"));
    }
    parts.filter(Boolean).forEach(function (p, i) {
      if (i) details.appendChild(document.createTextNode(" · "));
      details.appendChild(p);
    });
    if (details.childNodes.length) item.appendChild(details);
    // "Open now" and "Add to list" share a row: on a phone a result is then
    // short enough for three titles on the first screen (issue 21).
    var actions = el("div", "result-actions");
    if (kind === "Service" && !meta.closed && window.SignpostOpenNow) {
      // "Open now, until 17:00" from the page's hours (open-now.js), in UK time.
      var open = window.SignpostOpenNow.openStatus(meta.hours || "", new Date());
      var line = el("p", "open-now result-open-now");
      line.appendChild(el("span", "open-now-status"));
      window.SignpostOpenNow.show(line, open);
      if (open.state !== "unknown") line.appendChild(el("small", "open-now-note", "Bank holiday hours may differ"));
      actions.appendChild(line);
    }
    if (meta.superseded_by_url) {
      var replaced = el("p", "result-superseded", "Superseded: use ");
      var next = el("a", "", meta.superseded_by_title || "the current version");
      next.href = meta.superseded_by_url;
      replaced.appendChild(next);
      replaced.appendChild(document.createTextNode(" instead."));
      item.appendChild(replaced);
    }
    item.appendChild(marked(window.SignpostSearch.excerpt(fragment, highlight, 28), "result-excerpt"));
    if (kind === "Service" && !meta.closed && window.SignpostList) {
      // "Add to list" for the shortlist (list-add.js); the id is the page's last path segment.
      var add = el("button", "list-add", "Add to list");
      add.type = "button";
      add.setAttribute("data-list", fragment.url.replace(/\/$/, "").split("/").pop());
      actions.appendChild(add);
      window.SignpostList.refresh(add);
    }
    if (actions.childNodes.length) item.appendChild(actions);
    var sections = kind === "Guideline" ? window.SignpostSearch.matchingSections(fragment, highlight).slice(0, 3) : [];
    if (sections.length) {
      var sublist = el("ul", "result-sections");
      sublist.setAttribute("aria-label", "Matching sections of " + (fragment.title || "this page"));
      sections.forEach(function (s) {
        var li = el("li");
        var a = el("a", "", s.heading);
        a.href = s.url;
        li.appendChild(a);
        sublist.appendChild(li);
      });
      item.appendChild(sublist);
    }
    return item;
  }

  /** Empties the list, and drops the last answer's "Show more" button. */
  function clearResults() {
    list.textContent = "";
    var more = list.parentNode.querySelector(".search-more");
    if (more) more.remove();
  }

  function fragments(search, results) {
    return Promise.all(results.map(function (r) { return r.fragment ? r.fragment : search.fragment(r.doc); }));
  }

  // Draws current results a page at a time. Superseded and withdrawn
  // guidance goes to its own list below, however it ranks, so an old
  // version never sits above the one to use and is never lost past a page.
  function show(search, answer, id) {
    var current = answer.results.filter(function (r) { return !r.demoted; });
    var older = answer.results.filter(function (r) { return r.demoted; }).slice(0, PAGE_SIZE);
    var shown = 0;
    var olderSection = null;
    var more = el("button", "search-more", "Show more results");
    more.type = "button";
    function draw(found) {
      found.forEach(function (fragment) {
        var item = renderResult(fragment, answer.highlight);
        if (olderSection) list.insertBefore(item, olderSection);
        else list.appendChild(item);
      });
      if (shown < current.length) list.parentNode.insertBefore(more, list.nextSibling);
      else if (more.parentNode) more.remove();
    }
    more.addEventListener("click", function () {
      var before = list.querySelectorAll(":scope > .search-result").length;
      var slice = current.slice(shown, shown + PAGE_SIZE);
      shown += slice.length;
      fragments(search, slice).then(function (found) {
        if (id !== runId) return;
        draw(found);
        var first = list.querySelectorAll(":scope > .search-result")[before];
        var link = first && first.querySelector("a");
        if (link) link.focus();
      });
    });
    var firstPage = current.slice(0, PAGE_SIZE);
    // The old results stay until the new ones are ready: no flash while typing.
    return Promise.all([fragments(search, firstPage), fragments(search, older)]).then(function (done) {
      if (id !== runId) return;
      clearResults();
      if (done[1].length) {
        olderSection = el("li", "search-older");
        olderSection.appendChild(el("h2", "search-older-title", "Superseded or withdrawn guidance"));
        var olderList = el("ol", "search-results");
        done[1].forEach(function (fragment) { olderList.appendChild(renderResult(fragment, answer.highlight)); });
        olderSection.appendChild(olderList);
        list.appendChild(olderSection);
      }
      shown = firstPage.length;
      draw(done[0]);
    });
  }

  function statusText(answer, query, areaName) {
    var count = answer.total;
    var what = query ? " for “" + query + "”" : areaName ? "" : " with these filters";
    if (areaName) what += " in " + areaName;
    if (!count) return "No results" + what + ".";
    var text = count + (count === 1 ? " result" : " results") + what + ".";
    if (!answer.allWords) text = "No page has every word; showing pages with some of them. " + text;
    return text;
  }

  /** Filters as chosen, with one set aside and another put in. */
  function withFilters(filters, drop, add) {
    var out = {};
    Object.keys(filters).forEach(function (k) { if (k !== drop) out[k] = filters[k]; });
    Object.keys(add).forEach(function (k) { if (!out[k]) out[k] = add[k]; });
    return out;
  }

  // How many more the area filter hides: the same search without it, less
  // the one with it. Services only, unless a type is chosen: a guideline has
  // no area to be outside of.
  function outsideArea(search, raw, filters) {
    if (!filters.area) return Promise.resolve(0);
    var only = filters.type ? {} : { type: ["Service"] };
    return Promise.all([
      search.search(raw, { filters: withFilters(filters, "", only), limit: 1 }),
      search.search(raw, { filters: withFilters(filters, "area", only), limit: 1 }),
    ]).then(function (both) { return Math.max(0, both[1].total - both[0].total); });
  }

  function drawOutside(more) {
    var areaLabel = indexMeta && selected.area ? labelOf(indexMeta, "area", selected.area) : selected.area;
    outsideLine.textContent = "";
    outsideLine.hidden = !more;
    if (!more) return;
    var noun = selected.type && selected.type !== "Service" ? (more === 1 ? "result" : "results") : (more === 1 ? "service" : "services");
    outsideLine.appendChild(document.createTextNode(more + " more " + noun + " outside " + areaLabel + " — "));
    var params = new URLSearchParams(location.search);
    params.delete("area");
    var link = el("a", "", more === 1 ? "show it" : "show them");
    link.href = location.pathname + (params.toString() ? "?" + params.toString() : "");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      selected.area = "";
      run(input.value, true).then(function () {
        // The link has gone: focus the filter it cleared, not the page's top.
        var area = document.getElementById("search-filter-area");
        if (area) area.focus();
      });
    });
    outsideLine.appendChild(link);
  }

  /**
   * A postcode in the query ("damp DT4", issue 22, point 4): { rest:
   * "damp", found, sentence: "DT4 is in Weymouth and Portland." }, or null.
   * The table is fetched only once the query holds something postcode-shaped.
   */
  function postcodeIn(query) {
    var lookup = window.SignpostPostcodes;
    if (!postcodesUrl || !lookup || !lookup.mayHold(query)) return Promise.resolve(null);
    return lookup.load(postcodesUrl).then(function (table) {
      var inside = lookup.inQuery(table, query);
      if (inside) inside.sentence = lookup.sentence(table, inside.found);
      return inside;
    }, function () { return null; });
  }

  function suggest(text) {
    suggestionLine.textContent = text || "";
    suggestionLine.hidden = !text;
  }

  function updateUrl(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(selected).forEach(function (k) { if (selected[k]) params.set(k, selected[k]); });
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  function run(raw, fromUser) {
    var query = (raw || "").trim();
    // On a phone the introduction gives way to the results once there is a query (search.css).
    form.parentNode.classList.toggle("has-query", !!query);
    var id = ++runId;
    var filters = activeFilters();
    if (fromUser) updateUrl(query);
    if (!query && !Object.keys(filters).length) {
      clearResults();
      statusLine.textContent = "";
      drawOutside(0);
      suggest(null);
      if (!filtersOpen) return Promise.resolve();
      return load().then(function (search) { return search.search("", { counts: FILTER_NAMES }); })
        .then(function (answer) { if (id === runId) drawFilters(answer.counts, indexMeta.filter_labels); });
    }
    // Only a slow first load shows this; once the files are cached the
    // answer replaces the old results within a frame.
    var pending = setTimeout(function () { if (id === runId) statusLine.textContent = "Searching…"; }, 150);
    return Promise.all([load(), postcodeIn(query)]).then(function (loaded) {
      var search = loaded[0], place = loaded[1];
      // The postcode's area stands in for the area filter; the postcode
      // leaves the words. An unknown one is said so, other filters kept.
      var words = place ? place.rest : query;
      var area = place && place.found.slug ? place.found.name : "";
      var used = area ? withFilters(filters, "area", { area: [place.found.slug] }) : filters;
      return search.search(words, { filters: used, limit: PAGE_SIZE, counts: filtersOpen && FILTER_NAMES }).then(function (answer) {
        if (id !== runId) return;
        clearTimeout(pending);
        var fixed = answer.corrections.length ? answer.words.join(" ") : null;
        suggest(fixed ? "No results for “" + words + "”. Showing results for “" + fixed + "” instead." : null);
        if (answer.counts) drawFilters(answer.counts, search.meta.filter_labels);
        // "N more outside" would offer to clear an area the query itself names.
        var outside = area ? Promise.resolve(0) : outsideArea(search, words, filters);
        return Promise.all([show(search, answer, id), outside]).then(function (done) {
          if (id !== runId) return;
          var text = statusText(answer, fixed || words, area);
          statusLine.textContent = place ? place.sentence + " " + text : text;
          drawOutside(done[1]);
        });
      });
    }).catch(function () {
      clearTimeout(pending);
      if (id !== runId) return;
      statusLine.textContent = "Search could not load. The A–Z lists of guidelines and services still work.";
      drawOutside(0);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value, true);
  });
  input.addEventListener("input", function () { run(input.value, true); });

  var params = new URLSearchParams(location.search);
  FILTERS.forEach(function (pair) { if (params.get(pair[0])) selected[pair[0]] = params.get(pair[0]); });
  input.value = params.get("q") || "";

  // The filters are drawn on request (or when the address has filters): on
  // a large site their files weigh more than a first query does.
  var opener = el("button", "search-filters-open", "Filter results");
  opener.type = "button";
  function openFilters() {
    filtersOpen = true;
    opener.remove();
    return run(input.value, false);
  }
  opener.addEventListener("click", function () {
    openFilters().then(function () {
      var first = controls.querySelector("select");
      if (first) first.focus();
    });
  });
  // Beside the count of results, outside the form's rows: on a phone the
  // results then start a row higher (issue 21, point 4).
  summaryRow.appendChild(opener);
  // Filters in the address are checked against the index before the first search.
  if (Object.keys(selected).length) load().then(openFilters, openFilters);
  else if (input.value) run(input.value, false);
  else load().catch(function () {});
  // Reached from the header's Search button (base.html links to #search-q):
  // the person came to type, so the field takes the focus. Any other way in
  // (a link to results, the back button) leaves focus where the browser puts it.
  if (location.hash === "#search-q") input.focus();
})();
