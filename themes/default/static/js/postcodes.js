/* signpost postcodes (issue 22, point 4): a postcode someone types chooses
   the area, in the services filters (filters.js) and in search (search.js).
   The build writes site.yaml's postcodes as one small file,
   {"areas": {slug: name}, "codes": {"DT4": slug, "DT4 7": slug}}, that a
   page names in data-postcodes; it is fetched the first time someone types
   something postcode-shaped, never before. The longest match wins: sector
   "DT4 7" over district "DT4". */
(function (global) {
  "use strict";

  var DISTRICT = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
  // A whole postcode with its spaces taken out: district, then the inward
  // code (a digit and two letters). "DT47TU" can only split one way.
  var WHOLE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

  /**
   * What a person typed, read as a postcode: "dt47tu" and "DT4 7TU" give
   * { shown: "DT4 7TU", district: "DT4", sector: "DT4 7", whole: true };
   * "dt4" the district alone; "DT4 7" the sector. null if not postcode-shaped.
   */
  function parse(text) {
    var upper = String(text || "").trim().toUpperCase();
    var squashed = upper.replace(/\s+/g, "");
    var m = WHOLE.exec(squashed);
    if (m) return { shown: m[1] + " " + m[2], district: m[1], sector: m[1] + " " + m[2][0], whole: true };
    var parts = upper.split(/\s+/);
    // A sector needs its space: "DT47" is read as the district DT47, as BH12 is.
    if (parts.length === 2 && DISTRICT.test(parts[0]) && /^[0-9]$/.test(parts[1])) {
      return { shown: upper.replace(/\s+/, " "), district: parts[0], sector: parts[0] + " " + parts[1], whole: false };
    }
    if (DISTRICT.test(squashed)) return { shown: squashed, district: squashed, sector: null, whole: false };
    return null;
  }

  /**
   * The area of a parsed postcode in the table: { postcode, slug, name }, or
   * { postcode, split: [names] } when only the district was typed and its
   * sectors lie in different areas, or { postcode, unknown: true }.
   */
  function areaOf(table, code) {
    var codes = table.codes || {};
    var slug = (code.sector && codes[code.sector]) || codes[code.district];
    if (!slug && !code.sector) slug = onlyAreaOfSectors(codes, code.district);
    if (slug && typeof slug === "object") return { postcode: code.shown, split: slug.split };
    if (!slug) return { postcode: code.shown, unknown: true };
    return { postcode: code.shown, slug: slug, name: (table.areas || {})[slug] || slug };
  }

  /** A district the table lists only by sector: its one area, or { split } if several. */
  function onlyAreaOfSectors(codes, district) {
    var found = [];
    Object.keys(codes).forEach(function (c) {
      if (c.indexOf(district + " ") === 0 && found.indexOf(codes[c]) < 0) found.push(codes[c]);
    });
    if (found.length > 1) return { split: found };
    return found[0] || null;
  }

  /** The sentence a page shows (and the status region reads out) for an answer of areaOf. */
  function sentence(table, found) {
    if (found.slug) return found.postcode + " is in " + found.name + ".";
    if (found.split) {
      var names = found.split.map(function (s) { return (table.areas || {})[s] || s; });
      return found.postcode + " is split between " + names.join(" and ") + ": type the whole postcode.";
    }
    return "No area on this site covers " + found.postcode + ".";
  }

  /**
   * A postcode inside a search query: "damp DT4" gives { rest: "damp",
   * found } . A district on its own counts only when the table lists it,
   * so "vitamin B12" stays a search for B12; a whole postcode always
   * counts, and an unknown one is said so. null when there is none.
   */
  function inQuery(table, query) {
    var words = String(query || "").trim().split(/\s+/).filter(Boolean);
    for (var i = 0; i < words.length; i++) {
      // "DT4 7TU" (two words), "DT47TU" (one), then "DT4" (one, if listed).
      var spans = [2, 1];
      for (var k = 0; k < spans.length; k++) {
        var n = spans[k];
        if (i + n > words.length) continue;
        var code = parse(words.slice(i, i + n).join(" "));
        if (!code || (n === 2 && !code.whole)) continue;
        var found = areaOf(table, code);
        if (!code.whole && found.unknown) continue;
        var rest = words.slice(0, i).concat(words.slice(i + n)).join(" ");
        return { rest: rest, found: found };
      }
    }
    return null;
  }

  /** Whether a query holds anything postcode-shaped: only then is the table fetched. */
  function mayHold(query) {
    return String(query || "").split(/\s+/).some(function (w) { return !!parse(w); });
  }

  var loading = {};
  /** The table at url, fetched once per page. */
  function load(url) {
    if (!loading[url]) {
      loading[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("postcodes: " + r.status);
        return r.json();
      });
      loading[url].catch(function () { delete loading[url]; });
    }
    return loading[url];
  }

  global.SignpostPostcodes = { parse: parse, areaOf: areaOf, sentence: sentence, inQuery: inQuery, mayHold: mayHold, load: load };
})(typeof window !== "undefined" ? window : globalThis);
