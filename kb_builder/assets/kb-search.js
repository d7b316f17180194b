/* Offline full-text search of the atlas: a search box in the header, a prebuilt index of this
 * language in parts loaded as scripts (works from file://, no fetch, no worker, no network), and
 * results built with textContent only. The engine (lunr's stemmers, kb-pipeline) and the index's
 * small table of contents, one file, are loaded on first use or when the page is opened with ?q=; a
 * query then loads only the parts that hold its words and the titles of its results.
 *
 * Matching and ranking follow the search policy that the index carries (kb_builder/search/policy.py
 * says what it means), as `kb search` does (kb_builder/search/matching.py and ranking.py). */
(function () {
  "use strict";
  var script = document.currentScript;
  /* The site's root: this script is assets/kb/<name>.js in it. */
  var base = script.src.replace(/assets\/kb\/[^\/?#]+\.js(?:[?#].*)?$/, "");
  var lang = script.getAttribute("data-lang") || document.documentElement.lang.slice(0, 2);
  var labels = {};
  var state = { loading: null, index: null, parts: {}, timer: 0, seq: 0 };
  var registry = (window.__kbSearch = window.__kbSearch || {});
  var MAX_RESULTS = 20;
  /* Results are shown in three steps, each as soon as the parts with their titles are loaded: the best,
   * then the rest of a phone's screenful, then the rest. */
  var STEPS = [1, 5, MAX_RESULTS];

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = base + src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  /* One part of the index (assets/kb/search/<name>.js), loaded once. */
  function part(name) {
    if (!state.parts[name]) {
      state.parts[name] = load("assets/kb/search/" + name + ".js").then(function () { return registry[name]; });
    }
    return state.parts[name];
  }

  function ensureIndex() {
    if (!state.loading) {
      state.loading = part("index").then(function (data) {
        /* The glossary comes as the terms of each form of each term (made with this same pipeline at build
         * time, as `kb search` keeps them), so nothing but the query is stemmed here. */
        state.index = {
          n: data.n, entries: data.entries, first: data.first, pagesPerPart: data.pagesPerPart,
          policy: data.policy, pipeline: window.kbPipeline(data.policy.tokens), shards: [],
          glossary: data.glossary
        };
      });
    }
    return state.loading;
  }

  function lowerBound(terms, value) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < value) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /* The number of the term part that holds `term` (if the index has it). */
  function shardOf(index, term) {
    var lo = 0, hi = index.first.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (index.first[mid] <= term) lo = mid + 1; else hi = mid; }
    return Math.max(lo - 1, 0);
  }

  /* Term part k, loaded once and kept in index.shards (its postings are decoded on demand). */
  function shard(index, k) {
    return part("t" + k).then(function (data) {
      if (!index.shards[k]) index.shards[k] = { terms: data.terms, postings: data.postings, df: data.df, decoded: [] };
      return index.shards[k];
    });
  }

  function shards(index, from, to) {
    var wanted = [];
    for (var k = from; k <= to; k++) wanted.push(shard(index, k));
    return Promise.all(wanted);
  }

  /* Where a term is: its part and its place there (i is -1 if the index does not have it); the part
   * must be loaded. */
  function locate(index, term) {
    var shard = index.shards[shardOf(index, term)];
    var i = lowerBound(shard.terms, term);
    return { shard: shard, i: shard.terms[i] === term ? i : -1 };
  }

  var NONE = { docs: [], weights: [] };

  /* The pages of a term and its weight in each, in the policy's units ({docs, weights}, empty if the index
   * does not have it). Stored as "docDelta.weight" pairs in base 36, one space between them; read digit by
   * digit, because a common word of a large atlas has thousands of pairs. */
  function postings(index, term) {
    var at = locate(index, term), shard = at.shard, i = at.i;
    if (i < 0) return NONE;
    if (shard.decoded[i]) return shard.decoded[i];
    var text = shard.postings[i], docs = [], weights = [], scale = index.policy.weight_scale;
    var doc = 0, value = 0;
    for (var k = 0; k <= text.length; k++) {
      var c = k < text.length ? text.charCodeAt(k) : 32;
      if (c === 46) { doc += value; docs.push(doc); value = 0; }            /* "." ends a page's delta */
      else if (c === 32) { weights.push(value / scale); value = 0; }        /* " " ends its weight */
      else value = value * 36 + (c <= 57 ? c - 48 : c - 87);                /* 0-9, a-z */
    }
    return (shard.decoded[i] = { docs: docs, weights: weights });
  }

  /* The number of entries that have a term. */
  function entryCount(index, term) {
    var at = locate(index, term);
    return at.i < 0 ? 0 : at.shard.df[at.i];
  }

  /* Edit distance between a and b, or max + 1 when it is larger than max. */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < best) best = cur[j];
      }
      if (best > max) return max + 1;
      prev = cur;
    }
    return Math.min(prev[b.length], max + 1);
  }

  /* Index terms matching one query term, as [term, weight]: the term itself (1) and the terms it
   * begins (the policy's prefix weight, the first prefix.max_terms that entries have, and the terms
   * of other pages among them); a word that no entry has, as a term or as a beginning, is matched
   * with typos allowed. Loads the term parts of every match. */
  function matches(index, term) {
    var rules = index.policy.prefix;
    var prefix = term.length >= rules.min_length;
    var last = prefix ? term + "\uffff" : term;
    return shards(index, shardOf(index, term), shardOf(index, last)).then(function (loaded) {
      var found = [], inEntries = 0, prefixed = 0, done = false;
      loaded.forEach(function (shard) {
        for (var i = lowerBound(shard.terms, term); !done && i < shard.terms.length; i++) {
          var t = shard.terms[i], entries = shard.df[i] > 0;
          if (t === term) found.push([t, 1]);
          else if (prefix && t.indexOf(term) === 0 && !(entries && prefixed === rules.max_terms)) {
            if (entries) prefixed++;
            found.push([t, rules.weight]);
          } else done = true;
          if (entries && !done) inEntries++;
        }
      });
      if (inEntries || term.length < index.policy.typos.min_length[0]) return found;
      return part("terms").then(function (terms) {
        var typos = found.concat(misspelt(terms, term, index.policy.typos));
        return Promise.all(typos.map(function (m) { return shard(index, shardOf(index, m[0])); })).then(function () { return typos; });
      });
    });
  }

  /* Terms within the policy's typos of `term`, [term, weight]: k edits away at typos.weights[k-1];
   * a term the word begins with, give or take an edit, and at most typos.ending.max_cut letters
   * shorter, at typos.ending.weights[edits]. */
  function misspelt(terms, term, rules) {
    var max = rules.min_length.filter(function (least) { return term.length >= least; }).length;
    var ending = rules.ending;
    var found = [];
    for (var k = 0; k < terms.length; k++) {
      var t = terms[k];
      if (t === term || (rules.same_first_letter && t[0] !== term[0])) continue;
      var distance = editDistance(term, t, max);
      var weight = distance <= max ? rules.weights[distance - 1] : 0;
      if (t.length >= ending.min_length && term.length > t.length && term.length <= t.length + ending.max_cut) {
        var edits = editDistance(term.slice(0, t.length), t, ending.weights.length - 1);
        if (edits < ending.weights.length) weight = Math.max(weight, ending.weights[edits]);
      }
      if (weight) found.push([t, weight]);
    }
    return found;
  }

  /* More matches for the query's words from the glossary, as a Map from word to [[terms], weight]:
   * where the words hold a glossary term (any of its forms, in either language), each of those words
   * also matches the term's forms in this language, each form as the group of its terms, at the
   * policy's glossary weight. */
  function glossaryMatches(index, words) {
    var held = new Set(words), weight = index.policy.glossary.weight, found = new Map();
    index.glossary.forEach(function (term) {
      var used = new Set();
      term.forms.forEach(function (form) {
        if (form.every(function (t) { return held.has(t); })) form.forEach(function (t) { used.add(t); });
      });
      used.forEach(function (word) {
        found.set(word, (found.get(word) || []).concat(term.expand.map(function (form) { return [form, weight]; })));
      });
    });
    return found;
  }

  /* The best `limit` pages, as {doc, score}, and how many pages match in all. Each query word has
   * matches [[terms], weight]: a match's score in a page is the sum of its terms' weight * idf there,
   * times how much it counts, and a word counts once per page, by its best match there. A page's score
   * is the sum over the words, times the share of the words it matches to the policy's coordination
   * power; equal scores go by page number (address order). Typed arrays, not maps, because a common
   * word can match most pages of a large atlas. */
  function rank(index, matched, limit) {
    var total = new Float64Array(index.n), hits = new Uint16Array(index.n), best = new Float64Array(index.n);
    var sum = new Float64Array(index.n);
    var touched = [];
    matched.forEach(function (wordMatches) {
      var docs = [];
      wordMatches.forEach(function (m) {
        var inGroup = [];
        m[0].forEach(function (term) {
          var list = postings(index, term), df = entryCount(index, term);
          var idf = Math.log(1 + (index.entries - df + 0.5) / (df + 0.5));
          for (var i = 0; i < list.docs.length; i++) {
            var doc = list.docs[i];
            if (sum[doc] === 0) inGroup.push(doc);
            sum[doc] += list.weights[i] * idf;
          }
        });
        inGroup.forEach(function (doc) {
          var value = sum[doc] * m[1];
          sum[doc] = 0;
          if (best[doc] === 0) docs.push(doc);
          if (value > best[doc]) best[doc] = value;
        });
      });
      docs.forEach(function (doc) {
        if (hits[doc] === 0) touched.push(doc);
        total[doc] += best[doc];
        hits[doc] += 1;
        best[doc] = 0;
      });
    });
    var power = index.policy.coordination, score = new Float64Array(index.n);
    touched.forEach(function (doc) { score[doc] = total[doc] * Math.pow(hits[doc] / matched.length, power); });
    touched.sort(function (a, b) { return score[b] - score[a] || a - b; });
    var results = touched.slice(0, limit).map(function (doc) { return { doc: doc, score: score[doc] }; });
    return { results: results, total: touched.length };
  }

  /* Title, address, meta line and snippet of every result, loading the page parts they are in. */
  function describe(index, results) {
    return Promise.all(results.map(function (r) {
      return part("p" + Math.floor(r.doc / index.pagesPerPart)).then(function (pages) {
        r.page = pages[r.doc % index.pagesPerPart];
        return r;
      });
    }));
  }

  /* Promise of {terms, results, total}: the best MAX_RESULTS pages for the query (not yet described),
   * and how many match. */
  function search(query) {
    var index = state.index;
    var queryTerms = Array.from(new Set(index.pipeline.terms(query)));
    var more = glossaryMatches(index, queryTerms);
    var marked = queryTerms.slice(), ranked;
    return Promise.all(queryTerms.map(function (term) {
      return matches(index, term).then(function (found) {
        var groups = (more.get(term) || []).concat(found.map(function (m) { return [[m[0]], m[1]]; }));
        var wanted = [];
        (more.get(term) || []).forEach(function (m) {
          m[0].forEach(function (t) { marked.push(t); wanted.push(shard(index, shardOf(index, t))); });
        });
        return Promise.all(wanted).then(function () { return groups; });
      });
    })).then(function (matched) {
      ranked = rank(index, matched, MAX_RESULTS);
      return { terms: marked, results: ranked.results, total: ranked.total };
    });
  }

  /* Snippet text with the words that match the query marked, built as DOM nodes (never as HTML). */
  function highlighted(text, terms) {
    var fragment = document.createDocumentFragment();
    var index = state.index, least = index.policy.prefix.min_length;
    text.split(/(\s+)/).forEach(function (word) {
      var stem = index.pipeline.terms(word)[0];
      var hit = stem && terms.some(function (t) { return stem === t || (t.length >= least && stem.indexOf(t) === 0); });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = word;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(word));
      }
    });
    return fragment;
  }

  function count(n) {
    var forms = labels.results;
    var rule = new Intl.PluralRules(lang === "ru" ? "ru-RU" : "en-GB").select(n);
    return (forms[rule] || forms.other).replace("{n}", String(n));
  }

  /* The status line and the list of the first results, which have been described. */
  function render(panel, query, found, shown) {
    panel.textContent = "";
    panel.removeAttribute("data-query");
    var status = document.createElement("p");
    status.className = "kb-search__status";
    /* The number of pages that match, not of those listed (at most MAX_RESULTS), in the plural the
     * language needs for it. */
    status.textContent = found.results.length ? count(found.total) : labels.none.replace("{query}", query);
    panel.appendChild(status);
    if (!found.results.length) return null;
    var list = document.createElement("ol");
    list.className = "kb-search__list";
    append(list, shown, found.terms);
    panel.appendChild(list);
    return list;
  }

  function append(list, results, terms) {
    results.forEach(function (r) {
      var doc = r.page;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = base + doc[1];
      link.className = "kb-search__title";
      link.textContent = doc[0];
      item.appendChild(link);
      if (doc[2]) {
        var meta = document.createElement("span");
        meta.className = "kb-search__meta";
        meta.textContent = doc[2];
        item.appendChild(meta);
      }
      var snippet = document.createElement("p");
      snippet.className = "kb-search__snippet";
      snippet.appendChild(highlighted(doc[3], terms));
      item.appendChild(snippet);
      list.appendChild(item);
    });
  }

  /* A page opened with ?q= lays out its own content only once its first results are shown (or the search has
   * failed, or the box was emptied): after the frame that paints them. */
  function showPage() {
    var root = document.documentElement;
    if (!root.classList.contains("kb-q")) return;
    requestAnimationFrame(function () { setTimeout(function () { root.classList.remove("kb-q"); }, 0); });
  }

  function run(input, panel) {
    var query = input.value.trim();
    var seq = ++state.seq;
    if (!query) { panel.hidden = true; panel.textContent = ""; showPage(); return; }
    panel.hidden = false;
    if (!state.index) { panel.textContent = ""; var p = document.createElement("p"); p.className = "kb-search__status"; p.textContent = labels.loading; panel.appendChild(p); }
    var found, list;
    ensureIndex().then(function () {
      return search(query);
    }).then(function (ranked) {
      found = ranked;
      return describe(state.index, found.results.slice(0, STEPS[0]));
    }).then(function (shown) {
      if (seq !== state.seq) return;
      list = render(panel, query, found, shown);
      /* For the benchmark: milliseconds from opening the page to the first result shown. */
      if (window.performance && performance.mark && !performance.getEntriesByName("kb-search-results").length) {
        performance.mark("kb-search-results");
      }
      showPage();
      return more(1);
    }).then(function () {
      if (seq !== state.seq) return;
      /* Which query the panel answers in full, so that a reader's later keystroke can be told from a
       * finished search. */
      panel.setAttribute("data-query", query);
    }, function () {
      if (seq === state.seq) panel.textContent = labels.unavailable;
      showPage();
    });

    /* The results of step k onwards, appended step by step while this is still the latest search. */
    function more(k) {
      if (k === STEPS.length || !list) return null;
      return describe(state.index, found.results.slice(STEPS[k - 1], STEPS[k])).then(function (next) {
        if (seq !== state.seq) return null;
        append(list, next, found.terms);
        return more(k + 1);
      });
    }
  }

  function setup() {
    labels = (window.__kbSearchLabels || {})[lang] || (window.__kbSearchLabels || {}).en;
    var header = document.querySelector(".md-header__inner") || document.body;
    var form = document.createElement("form");
    form.className = "kb-search";
    form.setAttribute("role", "search");
    var label = document.createElement("label");
    label.setAttribute("for", "kb-search-input");
    label.className = "kb-search__label";
    label.textContent = labels.label;
    var input = document.createElement("input");
    input.id = "kb-search-input";
    input.type = "search";
    input.name = "q";
    input.className = "kb-search__input";
    input.placeholder = labels.placeholder;
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    input.setAttribute("enterkeyhint", "search");
    var panel = document.createElement("div");
    panel.className = "kb-search__results";
    panel.setAttribute("aria-live", "polite");
    panel.hidden = true;
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(panel);
    header.appendChild(form);

    input.addEventListener("focus", function () { ensureIndex().catch(function () {}); });
    input.addEventListener("input", function () {
      clearTimeout(state.timer);
      state.timer = setTimeout(function () { run(input, panel); }, 60);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = panel.querySelector("a");
      if (first) window.location.href = first.href;
      else run(input, panel);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; }
      /* "/" goes to the search box, unless the reader is typing somewhere (a filter box, a form field). */
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
      }
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; run(input, panel); }
  }

  /* Opened with ?q=: start loading the engine while the page is still being read. */
  if (new URLSearchParams(window.location.search).get("q")) ensureIndex().catch(function () {});
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
