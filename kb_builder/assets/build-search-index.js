/* Builds the compact search index of one language: `node build-search-index.js < docs.json > index.json`.
 *
 * Input: {"lang": "en"|"ru", "fields": {"title": 10, ...}, "docs": [{"title": "...", "body": "..."}],
 *         "weights": [page weight, one per doc]}
 * Output: {"lang", "n": number of docs, "terms": [sorted terms], "postings": ["docDelta.score ..."]}
 *
 * Scores are BM25 term weights summed over fields with their boosts and multiplied by the page's
 * weight, precomputed here so that the browser only parses a short string per query term. Doc
 * numbers are delta-encoded in base 36.
 */
"use strict";
const path = require("path");
const modules = process.env.KB_NODE_MODULES || path.join(__dirname, "..", "..", "node_modules");
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages", "lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages", "lunr.ru.js"))(lunr);
const kbPipeline = require("./kb-pipeline.js")(lunr);

const K1 = 1.2;
const B = 0.75;

function main(input) {
  const { lang, fields, docs, weights: pageWeights } = JSON.parse(input);
  const names = Object.keys(fields);
  const tokenised = docs.map((doc) => names.map((name) => kbPipeline.terms(doc[name] || "")));
  const average = names.map((_, f) => tokenised.reduce((sum, d) => sum + d[f].length, 0) / Math.max(docs.length, 1) || 1);
  const weights = new Map(); // term -> Map(doc -> weight)
  tokenised.forEach((docFields, doc) => {
    docFields.forEach((tokens, f) => {
      const counts = new Map();
      for (const t of tokens) counts.set(t, (counts.get(t) || 0) + 1);
      const norm = 1 - B + B * (tokens.length / average[f]);
      for (const [t, tf] of counts) {
        const w = pageWeights[doc] * fields[names[f]] * ((tf * (K1 + 1)) / (tf + K1 * norm));
        if (!weights.has(t)) weights.set(t, new Map());
        const perDoc = weights.get(t);
        perDoc.set(doc, (perDoc.get(doc) || 0) + w);
      }
    });
  });
  const terms = [...weights.keys()].sort();
  const postings = terms.map((t) => {
    let previous = 0;
    return [...weights.get(t).entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([doc, w]) => {
        const entry = (doc - previous).toString(36) + "." + Math.max(1, Math.round(w * 10)).toString(36);
        previous = doc;
        return entry;
      })
      .join(" ");
  });
  return JSON.stringify({ lang, n: docs.length, terms, postings });
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => process.stdout.write(main(input)));
