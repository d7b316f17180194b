/* Turns text into search terms by the search policy's `tokens` rules (kb_builder/search/policy.json), the
 * same way at build time (Node, building the index) and in the browser (reading queries), and as
 * kb_builder/search/analysis.py does for `kb search`.
 *
 * One pipeline serves both languages, because pages mix them (Russian terms in English pages, case
 * numbers and Latin names in Russian ones): text is split into runs of letters and digits, lower-cased
 * and folded; words shorter than the policy's minimum or among its stop words are dropped; the rest are
 * stemmed with the Russian Snowball stemmer when they contain Cyrillic, with lunr's stemmer otherwise, and
 * a stem in the policy's `stems` is replaced by its twin.
 *
 * Usage: kbPipeline(lunr)(policy.tokens).terms(text) under Node; window.kbPipeline(policy.tokens) in the
 * browser, where lunr is already loaded. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.kbPipeline = factory(root.lunr);
})(this, function (lunr) {
  "use strict";
  var CYRILLIC = /[\u0400-\u04FF]/;
  var WORD = /[\p{L}\p{N}]+/gu;

  return function pipeline(rules) {
    var stopWords = new Set(rules.stop_words);
    var folds = Object.keys(rules.fold);
    var stems = new Map(Object.entries(rules.stems));

    /* The stem of a lower-case, folded word (a stem in the policy's `stems` replaced by its twin). */
    function stem(word) {
      var token = new lunr.Token(word, {});
      var found = (CYRILLIC.test(word) ? lunr.ru.stemmer(token) : lunr.stemmer(token)).toString();
      return stems.has(found) ? stems.get(found) : found;
    }

    function normalise(word) {
      var out = word.toLowerCase();
      folds.forEach(function (char) { out = out.split(char).join(rules.fold[char]); });
      return out;
    }

    /* The term a word of text reduces to, or "" if it is not searched. */
    function term(word) {
      var normal = normalise(word);
      return normal.length < rules.min_length || stopWords.has(normal) ? "" : stem(normal);
    }

    function terms(text) {
      return (String(text || "").match(WORD) || []).map(term).filter(Boolean);
    }
    return { terms: terms };
  };
});
