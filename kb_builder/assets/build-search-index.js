/* Builds the compact search index of one language: `node build-search-index.js < docs.json > index.json`.
 *
 * Input: {"policy": the search policy (kb_builder/search/policy.json), "docs": [{"title": "...", ...}],
 *         "weights": [page weight, one per doc], "entries": [whether the doc is an entry, one per doc]}
 * Output: {"n": number of docs, "entries": number of entries, "terms": [sorted terms],
 *          "postings": ["docDelta.weight ..."], "df": [number of entries with the term, per term]}
 *
 * A term's weight in a page is the policy's BM25F weight (kb_builder/search/policy.py says how),
 * with the field lengths' averages taken over the entries (or, for a field no entry has, over the pages that
 * have it), times the page's weight, stored as an
 * integer number of 1/weight_scale; the browser multiplies it by the term's idf, which it computes
 * from df and the number of entries. Doc numbers are delta-encoded, both numbers in base 36.
 * kb_builder/search/ranking.py computes the same weights for `kb search`.
 */
"use strict";
const path = require("path");
const modules = process.env.KB_NODE_MODULES || path.join(__dirname, "..", "..", "node_modules");
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages", "lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages", "lunr.ru.js"))(lunr);
const kbPipeline = require("./kb-pipeline.js")(lunr);

/* Average length of each field over the entries (those whose field is not empty, or all of them); a field
 * that no entry has (a guide's questions), over the pages that have it. */
function averages(policy, tokenised, entries) {
  const names = Object.keys(policy.fields);
  const counted = tokenised.filter((_, doc) => entries[doc]);
  return names.map((_, f) => {
    let lengths = counted.map((fields) => fields[f].length);
    if (!lengths.some((n) => n > 0)) lengths = tokenised.map((fields) => fields[f].length).filter((n) => n > 0);
    const over = policy.bm25.average_length === "all-documents" ? lengths.length : lengths.filter((n) => n > 0).length;
    const total = lengths.reduce((sum, n) => sum + n, 0);
    return total ? total / over : 1;
  });
}

/* term -> weight of every term of one page, summed over its fields in the policy's order. */
function pageWeights(policy, fields, average) {
  const { k1, b } = policy.bm25;
  const boosts = Object.values(policy.fields);
  const weights = new Map();
  fields.forEach((tokens, f) => {
    const counts = new Map();
    for (const t of tokens) counts.set(t, (counts.get(t) || 0) + 1);
    const norm = 1 - b + b * (tokens.length / average[f]);
    for (const [t, tf] of counts) {
      weights.set(t, (weights.get(t) || 0) + boosts[f] * ((tf * (k1 + 1)) / (tf + k1 * norm)));
    }
  });
  return weights;
}

function main(input) {
  const { policy, docs, weights: pageWeight, entries } = JSON.parse(input);
  const pipeline = kbPipeline(policy.tokens);
  const names = Object.keys(policy.fields);
  const tokenised = docs.map((doc) => names.map((name) => pipeline.terms(doc[name] || "")));
  const average = averages(policy, tokenised, entries);
  const postings = new Map(); // term -> [[doc, stored weight], ...], docs ascending
  const df = new Map(); // term -> number of entries that have it
  tokenised.forEach((fields, doc) => {
    for (const [t, w] of pageWeights(policy, fields, average)) {
      if (!postings.has(t)) { postings.set(t, []); df.set(t, 0); }
      postings.get(t).push([doc, Math.max(1, Math.round(pageWeight[doc] * w * policy.weight_scale))]);
      if (entries[doc]) df.set(t, df.get(t) + 1);
    }
  });
  const terms = [...postings.keys()].sort();
  const encoded = terms.map((t) => {
    let previous = 0;
    return postings.get(t).map(([doc, w]) => {
      const entry = (doc - previous).toString(36) + "." + w.toString(36);
      previous = doc;
      return entry;
    }).join(" ");
  });
  const count = entries.filter(Boolean).length;
  return JSON.stringify({ n: docs.length, entries: count, terms, postings: encoded, df: terms.map((t) => df.get(t)) });
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => process.stdout.write(main(input)));
