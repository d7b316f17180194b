/* Turns text into search terms, the same way at build time (Node, building the index) and in the
 * browser (reading queries), so that a word and its query always reduce to the same term.
 *
 * One pipeline serves both languages, because pages mix them (Russian terms in English pages, case
 * numbers and Latin names in Russian ones): tokens are split by lunr's tokenizer, trimmed of
 * anything but letters and digits, dropped if they are English or Russian stop words, and stemmed
 * with the Russian Snowball stemmer when they contain Cyrillic, with lunr's English stemmer otherwise. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.kbPipeline = factory(root.lunr);
})(this, function (lunr) {
  "use strict";
  var CYRILLIC = /[\u0400-\u04FF]/;
  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

  function trimmer(token) {
    return token.update(function (s) { return s.replace(EDGES, ""); });
  }
  function stopWords(token) {
    return lunr.stopWordFilter(token) && lunr.ru.stopWordFilter(token) ? token : undefined;
  }
  function stemmer(token) {
    return CYRILLIC.test(token.toString()) ? lunr.ru.stemmer(token) : lunr.stemmer(token);
  }
  lunr.Pipeline.registerFunction(trimmer, "kb-trimmer");
  lunr.Pipeline.registerFunction(stopWords, "kb-stop-words");
  lunr.Pipeline.registerFunction(stemmer, "kb-stemmer");
  var pipeline = new lunr.Pipeline();
  pipeline.add(trimmer, stopWords, stemmer);

  function terms(text) {
    var normalised = String(text || "").toLowerCase().replace(/ё/g, "е");
    return pipeline.run(lunr.tokenizer(normalised)).map(String).filter(Boolean);
  }
  return { terms: terms };
});
