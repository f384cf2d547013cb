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
   the most. */
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

  /** The chosen select whose clearing would show the most more: area first. */
  function hiding(selects, counts, shown) {
    var best = null;
    selects.forEach(function (s, j) {
      var more = counts[j][""] - shown;
      if (!s.value || more <= 0 || !s.hasAttribute("data-more")) return;
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
        status.textContent = text;
      }
      if (writeUrl && window.history && history.replaceState) {
        selects.forEach(function (s) {
          if (s.value) params.set(s.name, s.value);
          else params.delete(s.name);
        });
        var query = params.toString();
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
      // After the address is written, so the link's address is current.
      drawMore(moreLine, hiding(selects, counts, shown), status);
    }

    // A value the list does not have ("?area=narnia": mistyped, or an area
    // since renamed) is said so, and every item shown, rather than "no
    // matches"; an option's label finds it too (older links named areas).
    var initial = new URLSearchParams(location.search);
    var unknown = [];
    selects.forEach(function (s) {
      var value = initial.get(s.name);
      if (value === null || value === "") return;
      var found = optionFor(s, value);
      if (found !== null) s.value = found;
      else unknown.push("No " + fieldName(s) + " called “" + value + "”: showing every " + fieldName(s) + ".");
    });
    if (unknown.length && status) {
      var unknownLine = document.createElement("p");
      unknownLine.className = "filter-unknown";
      unknownLine.textContent = unknown.join(" ");
      status.parentNode.insertBefore(unknownLine, status);
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
    form.addEventListener("reset", function () {
      // The reset event fires before the fields are cleared.
      setTimeout(function () { apply(true); }, 0);
    });
    moreLine.addEventListener("click", function (e) {
      var name = e.target.getAttribute && e.target.getAttribute("data-filter-clear");
      var select = name && form.querySelector('select[name="' + name + '"]');
      if (!select) return;
      e.preventDefault();
      select.value = "";
      apply(true);
      // The link has gone with the line: focus the filter it cleared, not the page's top.
      select.focus();
    });

    form.hidden = false;
    // The category links only stand in for the filters when there is no script.
    document.querySelectorAll("[data-filter-fallback]").forEach(function (el) { el.hidden = true; });
    apply(false);
  }

  document.querySelectorAll("form[data-filter]").forEach(setup);
})();
