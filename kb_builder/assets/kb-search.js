/* Offline full-text search of the atlas: a search box in the header, a prebuilt compact index of
 * this language loaded as a script (works from file://, no fetch, no worker, no network), and
 * results built with textContent only. The engine (lunr's stemmers, kb-pipeline) and the index are
 * loaded on first use or when the page is opened with ?q=. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.src.replace(/assets\/kb\/kb-search\.js(?:[?#].*)?$/, "");
  var lang = script.getAttribute("data-lang") || document.documentElement.lang.slice(0, 2);
  var labels = {};
  var state = { loading: null, index: null, timer: 0, seq: 0 };
  var MAX_RESULTS = 20;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = base + src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  function ensureIndex() {
    if (!state.loading) {
      state.loading = load("assets/kb/search-engine.js")
        .then(function () { return load("assets/kb/search-index.js"); })
        .then(function () { state.index = prepare(window.__kbSearchIndex); });
    }
    return state.loading;
  }

  function prepare(data) {
    var position = new Map();
    data.terms.forEach(function (t, i) { position.set(t, i); });
    var weights = data.docs.map(function (doc) { return doc[4]; });
    return { n: data.n, terms: data.terms, postings: data.postings, position: position, docs: data.docs, weights: weights, decoded: new Map() };
  }

  function postings(index, i) {
    var cached = index.decoded.get(i);
    if (cached) return cached;
    var out = [], doc = 0;
    index.postings[i].split(" ").forEach(function (pair) {
      var dot = pair.indexOf(".");
      doc += parseInt(pair.slice(0, dot), 36);
      out.push([doc, parseInt(pair.slice(dot + 1), 36) / 10]);
    });
    index.decoded.set(i, out);
    return out;
  }

  function lowerBound(terms, value) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < value) lo = mid + 1; else hi = mid; }
    return lo;
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

  /* Term indexes matching one query term: exact (weight 1) and by prefix (0.3); a word the index
   * does not know at all is matched with typos allowed (0.5). */
  function matches(index, term) {
    var found = [];
    if (index.position.has(term)) found.push([index.position.get(term), 1]);
    if (term.length >= 3) {
      for (var i = lowerBound(index.terms, term); i < index.terms.length && index.terms[i].indexOf(term) === 0; i++) {
        if (index.terms[i] !== term) found.push([i, 0.3]);
        if (found.length > 60) break;
      }
    }
    if (!found.length && term.length >= 4) {
      var max = term.length >= 7 ? 2 : 1;
      for (var k = 0; k < index.terms.length; k++) {
        var t = index.terms[k];
        /* The closer the word, the more it counts: one typo 0.4, two 0.2; a typo in an ending the
         * stemmer could not remove ("desertoin" starts like "desert") 0.5, or 0.15 with another typo. */
        var weight = [0, 0.4, 0.2][editDistance(term, t, max)] || 0;
        if (t.length >= 5 && term.length > t.length) {
          weight = Math.max(weight, [0.5, 0.15][editDistance(term.slice(0, t.length), t, 1)] || 0);
        }
        if (weight) found.push([k, weight]);
      }
    }
    return found;
  }

  function rank(index, queryTerms) {
    var scores = new Map();
    queryTerms.forEach(function (term, q) {
      /* A query word counts once per page: its best-matching index term there. */
      var best = new Map();
      matches(index, term).forEach(function (m) {
        var list = postings(index, m[0]);
        var idf = Math.log(1 + (index.n - list.length + 0.5) / (list.length + 0.5));
        list.forEach(function (p) {
          var value = p[1] * idf * m[1] * index.weights[p[0]];
          if (!(best.get(p[0]) >= value)) best.set(p[0], value);
        });
      });
      best.forEach(function (value, doc) {
        var s = scores.get(doc);
        if (!s) scores.set(doc, (s = { doc: doc, score: 0, hit: new Set() }));
        s.score += value;
        s.hit.add(q);
      });
    });
    return Array.from(scores.values()).sort(function (a, b) {
      return b.hit.size - a.hit.size || b.score - a.score || a.doc - b.doc;
    });
  }

  function search(query) {
    var index = state.index;
    var queryTerms = Array.from(new Set(window.kbPipeline.terms(query)));
    if (!queryTerms.length) return { terms: queryTerms, results: [] };
    var results = rank(index, queryTerms);
    return { terms: queryTerms, results: results.slice(0, MAX_RESULTS) };
  }

  /* Snippet text with the words that match the query marked, built as DOM nodes (never as HTML). */
  function highlighted(text, terms) {
    var fragment = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (word) {
      var stem = window.kbPipeline.terms(word)[0];
      var hit = stem && terms.some(function (t) { return stem === t || (t.length >= 3 && stem.indexOf(t) === 0); });
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

  function render(panel, query, found) {
    panel.textContent = "";
    var status = document.createElement("p");
    status.className = "kb-search__status";
    status.textContent = found.results.length
      ? labels.results.replace("{n}", String(found.results.length))
      : labels.none.replace("{query}", query);
    panel.appendChild(status);
    if (!found.results.length) return;
    var list = document.createElement("ol");
    list.className = "kb-search__list";
    found.results.forEach(function (r) {
      var doc = state.index.docs[r.doc];
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
      snippet.appendChild(highlighted(doc[3], found.terms));
      item.appendChild(snippet);
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  function run(input, panel) {
    var query = input.value.trim();
    var seq = ++state.seq;
    if (!query) { panel.hidden = true; panel.textContent = ""; return; }
    panel.hidden = false;
    if (!state.index) { panel.textContent = ""; var p = document.createElement("p"); p.className = "kb-search__status"; p.textContent = labels.loading; panel.appendChild(p); }
    ensureIndex().then(function () {
      if (seq !== state.seq) return;
      render(panel, query, search(query));
      /* For the benchmark: milliseconds from opening the page to the first results shown. */
      if (window.performance && performance.mark && !performance.getEntriesByName("kb-search-results").length) {
        performance.mark("kb-search-results");
      }
    }, function () {
      panel.textContent = labels.unavailable;
    });
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
      if (event.key === "/" && document.activeElement !== input) { event.preventDefault(); input.focus(); }
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; run(input, panel); }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
