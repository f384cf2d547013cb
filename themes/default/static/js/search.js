// signpost search page: runs Pagefind in the browser, adds filters, result
// details people act on, and "Did you mean" from the site's own words.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "/";
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var statusLine = document.getElementById("search-status");
  var suggestionLine = document.getElementById("search-suggestion");
  var list = document.getElementById("search-results");
  var filterBox = document.getElementById("search-filters");
  var controls = filterBox.querySelector(".search-filter-controls");
  var FILTERS = [["type", "Type"], ["condition", "Condition"], ["status", "Guideline status"],
    ["category", "Service category"], ["area", "Area"], ["referral", "Referral route"]];
  var PAGE_SIZE = 10;
  var OLDER = ["superseded", "withdrawn"];
  var pagefind = null;
  var vocabulary = null;
  var runId = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function load() {
    if (!pagefind) {
      pagefind = import(root + "pagefind/pagefind.js").then(function (pf) {
        // Guidelines are long by nature: Pagefind's default penalty for page
        // length (0.75) ranked short service entries above the guideline a
        // GP wanted, so it is lowered.
        // No worker: it is a second 40 KB download, and the first query on a
        // slow surgery PC is faster without it.
        return pf.options({ excerptLength: 28, noWorker: true, ranking: { pageLength: 0.3 } })
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function loadVocabulary() {
    if (!vocabulary) {
      vocabulary = fetch(root + "search/vocabulary.json")
        .then(function (r) { return r.ok ? r.json() : { words: [] }; })
        .then(function (data) { return data.words; })
        .catch(function () { return []; });
    }
    return vocabulary;
  }

  // Damerau-Levenshtein (optimal string alignment), stopping early past 2.
  function distance(a, b) {
    if (Math.abs(a.length - b.length) > 2) return 3;
    var d = [];
    for (var i = 0; i <= a.length; i++) { d.push([i]); }
    for (var j = 1; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      var best = 99;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
        if (v < best) best = v;
      }
      if (best > 2) return 3;
    }
    return d[a.length][b.length];
  }

  // The query with each unknown word of 5+ letters replaced by the nearest
  // site word (clinical terms first, then the most frequent); null if none.
  function correct(query, words) {
    var known = {};
    words.forEach(function (w) { known[w[0]] = true; });
    var changed = false;
    var out = query.split(/\s+/).map(function (word) {
      var lower = word.toLowerCase();
      if (lower.length < 5 || known[lower] || !/^[a-z]+$/.test(lower)) return word;
      var best = null;
      words.forEach(function (w) {
        var dist = distance(lower, w[0]);
        if (dist > 2) return;
        var score = [dist, -w[2], -w[1]];
        if (!best || score[0] < best.score[0] || (score[0] === best.score[0] &&
          (score[1] < best.score[1] || (score[1] === best.score[1] && score[2] < best.score[2])))) {
          best = { word: w[0], score: score };
        }
      });
      if (best) { changed = true; return best.word; }
      return word;
    });
    return changed ? out.join(" ") : null;
  }

  function activeFilters() {
    var filters = {};
    controls.querySelectorAll("select").forEach(function (select) {
      if (select.value) filters[select.name] = select.value;
    });
    return filters;
  }

  function buildFilters(pf, selected) {
    return pf.filters().then(function (available) {
      controls.textContent = "";
      var any = false;
      FILTERS.forEach(function (pair) {
        var values = available[pair[0]];
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
        Object.keys(values).sort().forEach(function (value) {
          select.appendChild(new Option(value + " (" + values[value] + ")", value));
        });
        select.value = selected[pair[0]] || "";
        select.addEventListener("change", function () { run(input.value, true); });
        wrap.appendChild(label);
        wrap.appendChild(select);
        controls.appendChild(wrap);
      });
      filterBox.hidden = !any;
    });
  }

  function detail(text, className) {
    return text ? el("span", className || "result-detail", text) : null;
  }

  function renderResult(data) {
    var meta = data.meta || {};
    var item = el("li", "search-result result-" + (meta.type || "page").toLowerCase());
    var badge = el("span", "badge badge-type", meta.type || "Page");
    var heading = el("h2", "result-title");
    var link = el("a", "", meta.title || data.url);
    link.href = data.url;
    heading.appendChild(badge);
    heading.appendChild(document.createTextNode(" "));
    heading.appendChild(link);
    item.appendChild(heading);
    var details = el("p", "result-details");
    var parts = [];
    if (meta.type === "Guideline") {
      if (meta.status && meta.status !== "approved") parts.push(detail(meta.status_label, "badge badge-" + meta.status));
      if (meta.review_due) parts.push(detail("Review due " + meta.review_due + (meta.review_state === "overdue" ? " (overdue)" : "")));
      if (meta.version) parts.push(detail("Version " + meta.version));
    } else if (meta.type === "Service") {
      if (meta.organisation) parts.push(detail(meta.organisation));
      if (meta.areas) parts.push(detail("Areas: " + meta.areas));
      if (meta.referral) parts.push(detail(meta.referral));
      if (meta.phone) {
        var phone = el("a", "result-phone", meta.phone);
        phone.href = "tel:" + meta.phone.replace(/[^0-9+]/g, "").replace(/^0/, "+44");
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
    if (meta.superseded_by_url) {
      var replaced = el("p", "result-superseded", "Superseded: use ");
      var next = el("a", "", meta.superseded_by_title || "the current version");
      next.href = meta.superseded_by_url;
      replaced.appendChild(next);
      replaced.appendChild(document.createTextNode(" instead."));
      item.appendChild(replaced);
    }
    var excerpt = el("p", "result-excerpt");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes page text and adds only <mark>.
    item.appendChild(excerpt);
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.title !== meta.title; }).slice(0, 3);
    if (subs.length && meta.type === "Guideline") {
      var sublist = el("ul", "result-sections");
      subs.forEach(function (s) {
        var li = el("li");
        var a = el("a", "", s.title);
        a.href = s.url;
        li.appendChild(a);
        sublist.appendChild(li);
      });
      item.appendChild(sublist);
    }
    return item;
  }

  // Loads result details a page at a time; superseded and withdrawn
  // guidance goes to its own list below, so an old version never sits above
  // the one to use.
  function show(query, results, note) {
    list.textContent = "";
    var older = null;
    var shown = 0;
    var more = el("button", "search-more", "Show more results");
    more.type = "button";
    function nextPage() {
      var slice = results.slice(shown, shown + PAGE_SIZE);
      shown += slice.length;
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
        items.forEach(function (data) {
          if (OLDER.indexOf((data.meta || {}).status) >= 0) {
            if (!older) {
              var section = el("li", "search-older");
              section.appendChild(el("h2", "search-older-title", "Superseded or withdrawn guidance"));
              older = el("ol", "search-results");
              section.appendChild(older);
              list.appendChild(section);
            }
            older.appendChild(renderResult(data));
          } else if (older) {
            list.insertBefore(renderResult(data), older.parentNode);
          } else {
            list.appendChild(renderResult(data));
          }
        });
        if (shown < results.length) list.parentNode.insertBefore(more, list.nextSibling);
        else if (more.parentNode) more.remove();
      });
    }
    more.addEventListener("click", function () {
      var before = list.querySelectorAll(".search-result").length;
      nextPage().then(function () {
        var first = list.querySelectorAll(".search-result")[before];
        var link = first && first.querySelector("a");
        if (link) link.focus();
      });
    });
    if (more.parentNode) more.remove();
    return nextPage().then(function () {
      var count = results.length;
      var text = count === 0 ? "No results for “" + query + "”" :
        count + (count === 1 ? " result" : " results") + " for “" + query + "”";
      statusLine.textContent = (note ? note + " " : "") + text + ".";
    });
  }

  function suggest(text, query, href) {
    suggestionLine.textContent = "";
    if (!text) { suggestionLine.hidden = true; return; }
    suggestionLine.appendChild(document.createTextNode(text + " "));
    if (href) {
      var a = el("a", "", query);
      a.href = href;
      a.addEventListener("click", function (e) { e.preventDefault(); input.value = query; run(query, true); });
      suggestionLine.appendChild(a);
      suggestionLine.appendChild(document.createTextNode("?"));
    }
    suggestionLine.hidden = false;
  }

  function updateUrl(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(filters).forEach(function (k) { params.set(k, filters[k]); });
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  function run(query, fromUser) {
    query = (query || "").trim();
    var id = ++runId;
    var filters = activeFilters();
    if (fromUser) updateUrl(query, filters);
    if (!query && !Object.keys(filters).length) {
      list.textContent = "";
      statusLine.textContent = "";
      suggest(null);
      return Promise.resolve();
    }
    statusLine.textContent = "Searching…";
    return load().then(function (pf) {
      return pf.search(query || null, { filters: filters }).then(function (search) {
        if (id !== runId) return;
        var found = search.results;
        if (found.length >= 3 || !query) {
          suggest(null);
          return show(query, found);
        }
        return loadVocabulary().then(function (words) {
          var better = correct(query, words);
          if (!better || id !== runId) {
            suggest(null);
            return show(query, found);
          }
          if (found.length === 0) {
            return pf.search(better, { filters: filters }).then(function (second) {
              if (id !== runId) return;
              suggest("No results for “" + query + "”. Showing results for “" + better + "” instead.");
              return show(better, second.results);
            });
          }
          suggest("Did you mean", better, "?q=" + encodeURIComponent(better));
          return show(query, found);
        });
      });
    }).catch(function () {
      statusLine.textContent = "Search could not load. The A–Z lists of guidelines and services still work.";
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value, true);
  });

  var params = new URLSearchParams(location.search);
  var selected = {};
  FILTERS.forEach(function (pair) { if (params.get(pair[0])) selected[pair[0]] = params.get(pair[0]); });
  input.value = params.get("q") || "";

  // The filter lists are loaded on request (or when the address has
  // filters): on a large site they weigh more than a first query does.
  var filtersLoaded = null;
  function showFilters() {
    if (!filtersLoaded) {
      filtersLoaded = load().then(function (pf) { return buildFilters(pf, selected); }).then(function () {
        opener.remove();
      });
    }
    return filtersLoaded;
  }
  var opener = el("button", "search-filters-open", "Filter results");
  opener.type = "button";
  opener.addEventListener("click", function () {
    showFilters().then(function () {
      var first = controls.querySelector("select");
      if (first) first.focus();
    });
  });
  form.appendChild(opener);
  var ready = Object.keys(selected).length ? showFilters() : load();
  ready.then(function () {
    if (input.value || Object.keys(selected).length) run(input.value, false);
  }).catch(function () {});
})();
