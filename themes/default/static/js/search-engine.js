// signpost's search, the query side. Reads the index the build writes under
// search/engine/ (docs/search-index.md): no stemmer, no framework, no build
// step. Works in a browser (fetch; the search page, search.js, draws from it)
// and in Node (pass a loader), so it is tested without one.
//
//   var engine = await SignpostSearch.load("/search/engine/");       // or load(base, { loader: { json, bytes } })
//   var answer = await engine.search("cold home weymouth", { filters: { type: ["Service"] } });
//
// search(query, options): options are `filters` ({ name: [values] }, any value
// of each name; with no words, the documents they select, in URL order),
// `limit` (results given a fragment, 10; 0 for none), `counts` (filter counts:
// true for every filter, or a list of filter names),
// `complete` (read every tail) and `prefix` (false: the last word is never a
// prefix; by default it is unless the query ends in a space). The answer:
// `results` in order, each { doc, score, allWords, matched, demoted
// (superseded or withdrawn guidance), fragment (the first `limit`) };
// `allWords` (false when the best result lacks a word: say "no page has every
// word; showing pages with some of them"); `words` as read and `corrections`
// [{ from, to }]; `highlight` (the forms to mark, for excerpt() and
// matchingSections(); `highlight.groups` lists them per query word);
// `total`, and `complete` (false when a common word's tail was not read: `total` is then its document count); `counts` ({ name:
// { value: n } }: for each value, how many results choosing it would give
// with the other filters as they are, 0 included) when asked.
(function (global, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else global.SignpostSearch = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // How much a word counts when it was not typed as such.
  var CORRECTED = 0.8;
  var COMPLETED = 0.7;
  // Completions start at 3 letters and stop at 5 terms: "in" would otherwise
  // fetch the postings of every common word starting with it.
  var MIN_PREFIX = 3;
  var MAX_COMPLETIONS = 5;
  var MIN_CORRECTABLE = 5;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  /** The writer's rule (src/search/engine/words.rs): lower case, drop
   *  apostrophes, split at anything neither alphabetic nor numeric. */
  /** A map keyed by words: no prototype, so "constructor" is a word like any other. */
  function dict() { return Object.create(null); }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function words(text) {
    return String(text).toLowerCase().replace(/['\u2019]/g, "").match(WORD) || [];
  }

  function fetchLoader() {
    function get(url, fresh) {
      // entry.json is the one file whose name does not change: ask the server
      // each time, or a cached one could point at a meta the build removed.
      return fetch(url, fresh ? { cache: "no-cache" } : {}).then(function (r) {
        if (!r.ok) throw new Error("search: " + url + " answered " + r.status);
        return r;
      });
    }
    return {
      json: function (url, fresh) { return get(url, fresh).then(function (r) { return r.json(); }); },
      bytes: function (url) { return get(url).then(function (r) { return r.arrayBuffer(); }).then(function (b) { return new Uint8Array(b); }); },
    };
  }

  function base64Bytes(text) {
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /** Varint gaps, each followed by an impact byte when `impacts`. */
  function decode(bytes, impacts) {
    var docs = [], weights = [], at = 0, doc = 0;
    while (at < bytes.length) {
      var value = 0, shift = 0, byte;
      do { byte = bytes[at++]; value += (byte & 0x7f) * Math.pow(2, shift); shift += 7; } while (byte & 0x80);
      doc = docs.length ? doc + value : value;
      docs.push(doc);
      if (impacts) weights.push(bytes[at++]);
    }
    return { docs: docs, impacts: weights };
  }

  /** A varint at bytes[at.i], moving at.i past it. */
  function varint(bytes, at) {
    var value = 0, shift = 0, byte;
    do { byte = bytes[at.i++]; value += (byte & 0x7f) * Math.pow(2, shift); shift += 7; } while (byte & 0x80);
    return value;
  }

  /** One filter value's documents, in whichever of three forms the build chose
   *  (src/search/engine/postings.rs, encode_doc_set): 0 gaps, 1 runs, 2 a bitmap. */
  function decodeSet(bytes) {
    var form = bytes[0], body = bytes.subarray(1), docs = [], at = { i: 0 };
    if (form === 0) return decode(body, false).docs;
    if (form === 1) {
      var next = 0;
      while (at.i < body.length) {
        var start = next + varint(body, at), length = varint(body, at);
        for (var d = start; d < start + length; d++) docs.push(d);
        next = start + length;
      }
    } else if (form === 2 && body.length) {
      var first = varint(body, at);
      for (var b = at.i; b < body.length; b++) {
        for (var bit = 0; bit < 8; bit++) if (body[b] & (1 << bit)) docs.push(first + (b - at.i) * 8 + bit);
      }
    }
    return docs;
  }

  /** A filter file: value → documents (docs/search-index.md, "Filters"). */
  function decodeFilter(bytes) {
    var out = dict(), at = { i: 0 }, count = varint(bytes, at), text = new TextDecoder();
    for (var n = 0; n < count; n++) {
      var nameLength = varint(bytes, at);
      var name = text.decode(bytes.subarray(at.i, at.i + nameLength));
      at.i += nameLength;
      var setLength = varint(bytes, at);
      out[name] = decodeSet(bytes.subarray(at.i, at.i + setLength));
      at.i += setLength;
    }
    return out;
  }

  /** 32-bit FNV-1a of an ASCII word, as src/search/engine/known.rs computes it. */
  function fnv(word, seed) {
    var h = seed >>> 0;
    for (var i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  }

  // Damerau-Levenshtein (optimal string alignment), stopping early past 2.
  function distance(a, b) {
    if (Math.abs(a.length - b.length) > 2) return 3;
    var d = [];
    for (var i = 0; i <= a.length; i++) d.push([i]);
    for (var j = 1; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = 3;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        best = Math.min(best, d[i][j]);
      }
      if (best > 2) return 3;
    }
    return d[a.length][b.length];
  }

  function load(baseUrl, options) {
    // "" is a valid base (a loader that takes paths as they are); a missing one is the site's.
    var base = baseUrl == null ? "/search/engine/" : String(baseUrl).replace(/([^/])$/, "$1/");
    var loader = (options && options.loader) || fetchLoader();
    var cache = dict();
    function once(key, make) { return cache[key] || (cache[key] = make()); }
    function json(path) { return once(path, function () { return loader.json(base + path); }); }
    function bytes(path) { return once(path, function () { return loader.bytes(base + path); }); }

    return loader.json(base + "entry.json", true).then(function (entry) { return json(entry.meta); }).then(function (meta) {
      return json(meta.synonyms).then(function (synonyms) { return engine(meta, synonyms.groups); });
    });

    function engine(meta, groups) {
      var demoted = dict();
      decode(base64Bytes(meta.demoted_docs || ""), false).docs.forEach(function (d) { demoted[d] = true; });
      var synonymWords = dict();
      groups.forEach(function (g) { g.forEach(function (t) { t.forEach(function (w) { synonymWords[w] = true; }); }); });

      function shardIndex(form) {
        var lo = 0, hi = meta.shards.length - 1;
        while (lo < hi) {
          var mid = (lo + hi + 1) >> 1;
          if (meta.shards[mid][0] <= form) lo = mid; else hi = mid - 1;
        }
        return lo;
      }
      function shard(i) {
        return json(meta.shards[i][1]).then(function (s) {
          if (!s.lookup) { s.lookup = dict(); s.forms.forEach(function (f) { s.lookup[f[0]] = f[1]; }); }
          return s;
        });
      }
      /** The term a form maps to, with the forms that share it: or null. */
      function lookup(form) {
        return shard(shardIndex(form)).then(function (s) {
          var t = s.lookup[form];
          return t === undefined ? null : termOf(s, t);
        });
      }
      function termOf(s, t) {
        var forms = s.forms.filter(function (f) { return f[1] === t; }).map(function (f) { return f[0]; });
        return { stem: s.terms[t][0], df: s.terms[t][1], postings: s.terms[t][2], forms: forms };
      }
      /** The commonest terms whose forms start with `prefix` (search as you type). */
      function completions(prefix) {
        var first = shardIndex(prefix), last = first;
        while (last + 1 < meta.shards.length && meta.shards[last + 1][0].lastIndexOf(prefix, 0) === 0 && last - first < 2) last++;
        var loads = [];
        for (var i = first; i <= last; i++) loads.push(shard(i));
        return Promise.all(loads).then(function (shards) {
          var found = dict();
          shards.forEach(function (s) {
            s.forms.forEach(function (f) {
              if (f[0].lastIndexOf(prefix, 0) === 0 && !found[s.terms[f[1]][0]]) found[s.terms[f[1]][0]] = termOf(s, f[1]);
            });
          });
          return Object.keys(found).map(function (k) { return found[k]; })
            .sort(function (a, b) { return b.df - a.df || (a.stem < b.stem ? -1 : 1); }).slice(0, MAX_COMPLETIONS);
        });
      }
      /** The commonest vocabulary word within edit distance 2: from the bucket of the
       *  word's first letter, and from its second letter's when the first has nothing
       *  within 1 (a slip on the first letter: "slabutamol"). */
      function correction(word) {
        var letters = Array.from(word);
        function nearest(letter) {
          if (!has(meta.vocabulary, letter)) return Promise.resolve({ word: null, distance: 3 });
          return json(meta.vocabulary[letter]).then(function (v) {
            var best = { word: null, distance: 3 };
            for (var i = 0; i < v.words.length && best.distance > 1; i++) {
              var d = distance(word, v.words[i]);
              if (d < best.distance) best = { word: v.words[i], distance: d };
            }
            return best;
          });
        }
        return nearest(letters[0]).then(function (first) {
          if (first.distance <= 1 || letters[1] === letters[0]) return first.word;
          return nearest(letters[1]).then(function (second) {
            return second.distance < first.distance ? second.word : first.word;
          });
        });
      }
      /** Whether a word is English (meta.known_words: a Bloom filter per first
       *  letter of a vendored word list, src/search/engine/known.rs): such a
       *  word is never "corrected" into another ("puffer" is not "prefer").
       *  Fetched only when a word is about to be corrected. */
      function knownWord(word) {
        var known = meta.known_words;
        if (!known || !/^[a-z]+$/.test(word) || !has(known.files, word[0])) return Promise.resolve(false);
        return bytes(known.files[word[0]]).then(function (filter) {
          var size = filter.length * 8;
          var h1 = fnv(word, 0x811c9dc5), h2 = (fnv(word, 0x2545f491) | 1) >>> 0;
          for (var i = 0; i < known.hashes; i++) {
            var bit = ((h1 + Math.imul(i, h2)) >>> 0) % size;
            if (!(filter[bit >> 3] & (1 << (bit & 7)))) return false;
          }
          return true;
        });
      }
      /** A term's postings as { docs, impacts, complete }; the tail only when asked. */
      function postings(term, withTail) {
        var p = term.postings;
        if (typeof p === "string") return Promise.resolve(withComplete(decode(base64Bytes(p), true), true));
        var parts = [bytes(p.head)];
        if (p.tail && withTail) parts.push(bytes(p.tail));
        return Promise.all(parts).then(function (all) {
          var head = decode(all[0], true);
          if (all.length === 1) return withComplete(head, !p.tail);
          var tail = decode(all[1], true);
          return withComplete({ docs: head.docs.concat(tail.docs), impacts: head.impacts.concat(tail.impacts) }, true);
        });
      }
      function withComplete(list, complete) { list.complete = complete; return list; }
      function idf(df) { return Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5)); }

      /** Each query word: the terms it stands for, with how much each counts. */
      function readWords(tokens, prefixLast) {
        return Promise.all(tokens.map(function (word, i) {
          var isLast = prefixLast && i === tokens.length - 1;
          return lookup(word).then(function (exact) {
            var options = exact ? [{ term: exact, weight: 1 }] : [];
            var more = isLast && word.length >= MIN_PREFIX ? completions(word) : Promise.resolve([]);
            return more.then(function (completed) {
              completed.forEach(function (t) {
                if (!exact || t.stem !== exact.stem) options.push({ term: t, weight: COMPLETED });
              });
              if (options.length || synonymWords[word] || word.length < MIN_CORRECTABLE) return { word: word, options: options };
              return knownWord(word).then(function (known) {
                return known ? { word: word, options: options } : correct(word, options);
              });
            });
          });
        }));
      }
      /** The word as the commonest near word of the site, when there is one. */
      function correct(word, options) {
        return correction(word).then(function (fixed) {
          if (!fixed) return { word: word, options: options };
          return lookup(fixed).then(function (t) {
            return { word: word, corrected: fixed, options: t ? [{ term: t, weight: CORRECTED }] : [] };
          });
        });
      }

      /** Clauses: synonym spans (every term of the group an alternative) and single words. */
      function clauses(read, maxSpan) {
        var typed = read.map(function (r) { return r.corrected || r.word; });
        maxSpan = maxSpan || typed.length;
        var out = [];
        for (var i = 0; i < typed.length;) {
          var span = 0, alternatives = [];
          groups.forEach(function (g) {
            g.forEach(function (term) {
              if (term.length > span && term.length <= maxSpan && term.every(function (w, k) { return typed[i + k] === w; })) {
                span = term.length; alternatives = [];
              }
            });
          });
          if (span) {
            groups.forEach(function (g) {
              var hit = g.some(function (term) { return term.length === span && term.every(function (w, k) { return typed[i + k] === w; }); });
              if (hit) g.forEach(function (term) { alternatives.push(term); });
            });
            out.push({ words: typed.slice(i, i + span), alternatives: alternatives, read: read.slice(i, i + span) });
            i += span;
          } else {
            out.push({ words: [typed[i]], alternatives: null, read: [read[i]] });
            i += 1;
          }
        }
        return out;
      }

      /** Every clause as alternatives of slots of options, terms looked up. */
      function resolve(clause) {
        if (!clause.alternatives) return Promise.resolve([[clause.read[0].options]]);
        return Promise.all(clause.alternatives.map(function (term) {
          return Promise.all(term.map(function (w) {
            return lookup(w).then(function (t) { return t ? [{ term: t, weight: 1 }] : []; });
          }));
        })).then(function (alts) {
          // The words as typed are one alternative, with their corrections and completions.
          alts.push(clause.read.map(function (r) { return r.options; }));
          return alts.filter(function (slots) { return slots.every(function (o) { return o.length; }); });
        });
      }

      /** doc → score of one clause. An alternative of several words counts only where
       *  all are, as the mean of their impacts (one concept, not several); the clause
       *  takes each document's best alternative, times the idf of every document the
       *  clause matches: "SOB" and "shortness of breath" are one concept, equally rare. */
      function scoreClause(alternatives, withTail) {
        return Promise.all(alternatives.map(function (slots) {
          return Promise.all(slots.map(function (options) {
            return Promise.all(options.map(function (o) { return postings(o.term, withTail); })).then(function (lists) {
              var best = {};
              lists.forEach(function (list, n) {
                var w = options[n].weight / meta.impact_scale;
                for (var k = 0; k < list.docs.length; k++) {
                  var s = w * list.impacts[k];
                  if (!(best[list.docs[k]] >= s)) best[list.docs[k]] = s;
                }
              });
              return { scores: best, complete: lists.every(function (l) { return l.complete; }) };
            });
          })).then(function (slotScores) {
            var first = slotScores[0].scores, scores = {};
            Object.keys(first).forEach(function (doc) {
              var sum = 0;
              for (var s = 0; s < slotScores.length; s++) {
                var v = slotScores[s].scores[doc];
                if (v === undefined) return;
                sum += v;
              }
              scores[doc] = sum / slotScores.length;
            });
            return { scores: scores, complete: slotScores.every(function (s) { return s.complete; }) };
          });
        })).then(function (perAlternative) {
          var scores = {}, matched = 0;
          perAlternative.forEach(function (a) {
            Object.keys(a.scores).forEach(function (doc) {
              if (scores[doc] === undefined) matched++;
              if (!(scores[doc] >= a.scores[doc])) scores[doc] = a.scores[doc];
            });
          });
          var complete = perAlternative.every(function (a) { return a.complete; });
          // With only heads loaded, the clause's document frequency is at least its largest term's.
          alternatives.forEach(function (slots) { slots.forEach(function (o) { o.forEach(function (x) { if (!complete) matched = Math.max(matched, x.term.df); }); }); });
          var weight = idf(matched);
          Object.keys(scores).forEach(function (doc) { scores[doc] *= weight; });
          return { scores: scores, complete: complete, weight: matched ? weight : idf(0) };
        });
      }

      /** name → doc → true, for each filter with a chosen value (any chosen value of a name). */
      /** One filter's value → documents, decoded once: searches with filters run
       *  on every keystroke. */
      function filterDocs(name) {
        return once("decoded filter " + name, function () {
          return bytes(meta.filters[name]).then(decodeFilter);
        });
      }
      function filterSets(filters) {
        var names = Object.keys(filters || {}).filter(function (n) { return filters[n] && filters[n].length; });
        return Promise.all(names.map(function (name) {
          if (!has(meta.filters, name)) return {};
          return filterDocs(name).then(function (values) {
            // A byte per document, not an object: at 100,000 services an
            // object's keys made a filter change take seconds on a phone.
            var set = new Uint8Array(meta.docs);
            filters[name].forEach(function (v) { if (has(values, v)) values[v].forEach(function (d) { set[d] = 1; }); });
            return set;
          });
        })).then(function (sets) {
          var out = dict();
          names.forEach(function (name, i) { out[name] = sets[i]; });
          return out;
        });
      }
      function passes(sets, doc, except) {
        for (var name in sets) if (name !== except && !sets[name][doc]) return false;
        return true;
      }

      /** name → value → how many results choosing that value would give, with the
       *  other filters as they are (its own filter set aside), over `found` (null:
       *  every document): 0 included, so every value can be offered. */
      function counts(found, sets, only) {
        var names = Object.keys(meta.filters).sort().filter(function (n) { return !Array.isArray(only) || only.indexOf(n) >= 0; });
        return Promise.all(names.map(filterDocs)).then(function (files) {
          var out = {};
          names.forEach(function (name, i) {
            out[name] = {};
            var eligible = new Uint8Array(meta.docs);
            if (found === null) {
              for (var d = 0; d < meta.docs; d++) if (passes(sets, d, name)) eligible[d] = 1;
            } else {
              found.forEach(function (r) { if (passes(sets, r.doc, name)) eligible[r.doc] = 1; });
            }
            Object.keys(files[i]).forEach(function (value) {
              var n = 0;
              files[i][value].forEach(function (d) { if (eligible[d]) n++; });
              out[name][value] = n;
            });
          });
          return out;
        });
      }

      /** Every document with the chosen filters, in document order: a search with
       *  filters and no words lists what they select. */
      function browse(query, filters, options) {
        return filterSets(filters).then(function (sets) {
          var names = Object.keys(sets);
          var all = [];
          if (names.length) {
            for (var d = 0; d < meta.docs; d++) {
              if (passes(sets, d)) all.push({ doc: d, score: 0, rank: 0, matched: 0, allWords: true, demoted: !!demoted[d] });
            }
          }
          // Counts over every document: `null` says so without a list of them all.
          return finish(query, [], [], all, null, sets, true, options);
        });
      }

      function fragment(doc) {
        var group = meta.fragments[Math.floor(doc / meta.fragment_group)];
        return json("fragments/" + group + "/" + doc + ".json");
      }

      function search(query, options) {
        options = options || {};
        var tokens = words(query);
        var empty = { query: query, words: [], corrections: [], allWords: true, complete: true, total: 0, results: [], highlight: [] };
        var filtering = !!(options.filters && Object.keys(options.filters).some(function (n) { return options.filters[n] && options.filters[n].length; }));
        if (!tokens.length) return filtering || options.counts ? browse(query, options.filters, options) : Promise.resolve(empty);
        var prefixLast = options.prefix !== false && !/\s$/.test(query);
        return readWords(tokens, prefixLast).then(function (read) {
          var list = clauses(read);
          var withTail = list.length > 1 || !!options.complete || !!options.counts || !!(options.filters && Object.keys(options.filters).length);
          return Promise.all([scored(list, withTail), filterSets(options.filters)]).then(function (done) {
            var resolved = done[0].map(function (c) { return c.alternatives; });
            var scores = done[0].map(function (c) { return c.score; });
            return rank(query, read, resolved, scores, done[1], options);
          });
        });
      }

      /** Each clause resolved and scored. A phrase the lexicon knows counts as a unit
       *  ("short of breath" finds "breathlessness"); when no page has any of its
       *  wordings, its words count one by one instead, so knowing a phrase never
       *  leaves a query with fewer results than not knowing it. */
      function scored(list, withTail) {
        return Promise.all(list.map(function (clause) {
          return resolve(clause).then(function (alternatives) {
            return scoreClause(alternatives, withTail).then(function (score) {
              if (clause.alternatives && clause.words.length > 1 && !Object.keys(score.scores).length) {
                return scored(clauses(clause.read, clause.words.length - 1), true);
              }
              return [{ alternatives: alternatives, score: score }];
            });
          });
        })).then(function (parts) { return [].concat.apply([], parts); });
      }

      function rank(query, read, resolved, clauseScores, sets, options) {
        var weights = clauseScores.map(function (c) { return c.weight; });
        var totalWeight = weights.reduce(function (a, b) { return a + b; }, 0);
        var docs = {};
        clauseScores.forEach(function (c, i) {
          Object.keys(c.scores).forEach(function (doc) {
            var d = docs[doc] || (docs[doc] = { doc: +doc, score: 0, matched: 0, weight: 0 });
            d.score += c.scores[doc]; d.matched += 1; d.weight += weights[i];
          });
        });
        var found = Object.keys(docs).map(function (k) { return docs[k]; });
        found.forEach(function (d) {
          d.demoted = !!demoted[d.doc];
          d.allWords = d.matched === resolved.length;
          d.rank = d.allWords ? d.score : d.score * d.weight / totalWeight;
        });
        found.sort(function (a, b) { return (b.allWords - a.allWords) || (b.rank - a.rank) || (a.doc - b.doc); });
        var results = found.filter(function (d) { return passes(sets, d.doc); });
        // Words in more than half the pages ("to", "the") are marked, and pick
        // excerpts and sections, only when the query has no rarer word.
        var common = weights.map(function (w) { return w < Math.LN2; });
        var anyRare = common.some(function (c) { return !c; });
        var highlight = dict(), groups = [];
        resolved.forEach(function (alts, i) {
          if (anyRare && common[i]) return;
          var group = dict();
          alts.forEach(function (slots) {
            slots.forEach(function (o) {
              o.forEach(function (x) {
                // "and" in the wording "cold and damp" of "cold home" is no word to mark.
                if (slots.length > 1 && idf(x.term.df) < Math.LN2) return;
                x.term.forms.forEach(function (f) { highlight[f] = group[f] = true; });
              });
            });
          });
          groups.push(Object.keys(group).sort());
        });
        var complete = clauseScores.every(function (c) { return c.complete; });
        var total = results.length;
        if (!complete) resolved.forEach(function (alts) { alts.forEach(function (s) { s.forEach(function (o) { o.forEach(function (x) { total = Math.max(total, x.term.df); }); }); }); });
        var forms = Object.keys(highlight).sort();
        // Which forms are one query word, for matchingSections(); an array
        // property, so search.js passes it on as it passes `highlight`.
        forms.groups = groups;
        return finish(query, read, forms, results, found, sets, complete, options, total);
      }

      /** The answer, with fragments for the first `limit` results and filter counts when asked. */
      function finish(query, read, highlight, results, found, sets, complete, options, total) {
        var shown = results.slice(0, options.limit === undefined ? 10 : options.limit);
        var loads = shown.map(function (r) { return fragment(r.doc).then(function (f) { r.fragment = f; }); });
        var counted = options.counts ? counts(found, sets, options.counts) : Promise.resolve(null);
        return Promise.all([counted].concat(loads)).then(function (done) {
          return {
            query: query,
            words: read.map(function (r) { return r.corrected || r.word; }),
            corrections: read.filter(function (r) { return r.corrected; }).map(function (r) { return { from: r.word, to: r.corrected }; }),
            allWords: !results.length || results[0].allWords,
            complete: complete,
            total: total === undefined ? results.length : total,
            results: results,
            highlight: highlight,
            counts: done[0],
          };
        });
      }

      return { meta: meta, search: search, fragment: fragment, words: words };
    }
  }

  /** The sections of a fragment that hold a highlighted word, for sub-results,
   *  best first: those with more of the query's words, then those with them in
   *  the heading, then more often; document order breaks ties. `highlight.groups`
   *  (set by search()) says which forms are one query word, so "inhaler" and
   *  "inhalers" count once; a plain list counts each form as a word. */
  function matchingSections(fragment, highlight) {
    var groups = highlight.groups || highlight.map(function (w) { return [w]; });
    var scored = [];
    fragment.sections.forEach(function (s, order) {
      if (!s[0]) return;
      var score = sectionScore(words(s[1]), words(s[2]), groups);
      if (score.words) scored.push({ s: s, order: order, score: score });
    });
    scored.sort(function (a, b) {
      return (b.score.words - a.score.words) || (b.score.headings - a.score.headings) ||
        (b.score.times - a.score.times) || (a.order - b.order);
    });
    return scored.map(function (x) { return { id: x.s[0], heading: x.s[1], url: fragment.url + "#" + x.s[0] }; });
  }

  /** How well a section matches: query words it has, query words in its
   *  heading, and how many times they occur in all. */
  function sectionScore(heading, text, groups) {
    var score = { words: 0, headings: 0, times: 0 };
    groups.forEach(function (forms) {
      var wanted = dict();
      forms.forEach(function (f) { wanted[f] = true; });
      var inHeading = heading.filter(function (w) { return wanted[w]; }).length;
      var inText = text.filter(function (w) { return wanted[w]; }).length;
      if (inHeading + inText) score.words++;
      if (inHeading) score.headings++;
      score.times += inHeading + inText;
    });
    return score;
  }

  /** An excerpt of about `size` words around the first highlighted word of the
   *  summary or a section, as parts { text, mark } for the page to draw as text
   *  nodes and <mark>s (no HTML, so nothing in a page can inject any). */
  function excerpt(fragment, highlight, size) {
    size = size || 28;
    var wanted = dict();
    highlight.forEach(function (w) { wanted[w] = true; });
    var texts = [fragment.summary || ""].concat(fragment.sections.map(function (s) { return s[2]; }));
    // With no marked word in them, the first text there is (a page may have no summary).
    var text = texts.filter(function (t) { return words(t).some(function (w) { return wanted[w]; }); })[0] ||
      texts.filter(Boolean)[0] || "";
    // Words and what lies between them, alternately; a word is marked when its form was searched for.
    var pieces = text.split(/([\p{Alphabetic}\p{N}'\u2019]+)/u);
    var first = -1;
    for (var i = 1; i < pieces.length; i += 2) {
      if (wanted[words(pieces[i])[0]]) { first = i; break; }
    }
    var start = Math.max(1, first - Math.floor(size / 3) * 2);
    var end = Math.min(pieces.length, start + size * 2);
    var parts = [];
    if (start > 1) parts.push({ text: "… ", mark: false });
    for (i = start; i < end; i++) {
      var mark = i % 2 === 1 && words(pieces[i]).some(function (w) { return wanted[w]; });
      if (pieces[i]) parts.push({ text: pieces[i], mark: mark });
    }
    if (end < pieces.length) parts.push({ text: " …", mark: false });
    return parts;
  }

  return { load: load, words: words, distance: distance, decode: decode, matchingSections: matchingSections, excerpt: excerpt };
});
