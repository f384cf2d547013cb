/* signpost list filters. Progressive enhancement: without this script every
   item is listed and the (hidden) form never shows.
   <form data-filter data-target="LIST_ID" data-count="STATUS_ID" hidden>
     <select name="category" data-attr="categories">  matches data-categories
   Items are [data-filter-item] inside #LIST_ID; a [data-filter-group] with no
   visible item is hidden too; [data-filter-fallback] (no-script stand-ins)
   is hidden once the form works. Links in a [data-filter-jump] nav that
   point into a group follow it: hidden with it, their [data-filter-count]
   showing what is left. State is kept in the query string. */
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

  function setup(form) {
    var list = document.getElementById(form.getAttribute("data-target"));
    if (!list) return;
    var status = document.getElementById(form.getAttribute("data-count"));
    var items = list.querySelectorAll("[data-filter-item]");
    var groups = list.querySelectorAll("[data-filter-group]");
    var selects = form.querySelectorAll("select[data-attr]");
    var jumps = document.querySelectorAll("[data-filter-jump]");

    function apply(writeUrl) {
      var shown = 0;
      var params = new URLSearchParams(location.search);
      items.forEach(function (item) {
        var match = true;
        selects.forEach(function (s) {
          if (s.value && words(item, s.getAttribute("data-attr")).indexOf(s.value) < 0) match = false;
        });
        item.hidden = !match;
        if (match) shown++;
      });
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
    }

    var initial = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var value = initial.get(s.name);
      if (value !== null && hasOption(s, value)) s.value = value;
    });

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
    form.addEventListener("reset", function () {
      // The reset event fires before the fields are cleared.
      setTimeout(function () { apply(true); }, 0);
    });

    form.hidden = false;
    // The category links only stand in for the filters when there is no script.
    document.querySelectorAll("[data-filter-fallback]").forEach(function (el) { el.hidden = true; });
    apply(false);
  }

  document.querySelectorAll("form[data-filter]").forEach(setup);
})();
