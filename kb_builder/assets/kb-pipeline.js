/* Turns text into search terms: lunr's tokenizer and the language's trimmer, stop-word filter and
 * stemmer. The same file runs at build time (Node, building the index) and in the browser (reading
 * queries), so a word and its query are always reduced to the same term. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.kbPipeline = factory(root.lunr);
})(this, function (lunr) {
  "use strict";
  function pipeline(lang) {
    var p = new lunr.Pipeline();
    if (lang === "en") p.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
    else p.add(lunr[lang].trimmer, lunr[lang].stopWordFilter, lunr[lang].stemmer);
    return p;
  }
  function terms(text, lang, keepStopWords) {
    var p = keepStopWords ? termsOnly(lang) : pipeline(lang);
    return p.run(lunr.tokenizer(String(text || "").replace(/ё/g, "е").replace(/Ё/g, "Е"))).map(String).filter(Boolean);
  }
  function termsOnly(lang) {
    var p = new lunr.Pipeline();
    if (lang === "en") p.add(lunr.trimmer, lunr.stemmer);
    else p.add(lunr[lang].trimmer, lunr[lang].stemmer);
    return p;
  }
  return { pipeline: pipeline, terms: terms };
});
