"""Ranking for `kb search`: the policy's BM25F over the whoosh index, scored a term at a time with numpy.

whoosh keeps the index, analyses text, finds phrases and highlights snippets; this module scores, by the
same arithmetic as the browser (assets/build-search-index.js computes a term's weight in a page, and
`rank` in assets/kb-search.js scores pages): policy.py says what the values mean. whoosh's own matchers
score a document at a time in Python, which costs hundreds of milliseconds when a common word matches
most entries of a large atlas; reading each query term's postings whole and scoring them as arrays costs
a few.

Ranking reads, per language, the text fields (`title_<lang>` and so on), which have no word positions
(phrases are found in another field; reading positions would triple the cost), and the exact length of
each field of each entry, which the index keeps in columns (whoosh's own field lengths are rounded).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from whoosh.reading import IndexReader, TermNotFound

from kb_builder.search.policy import policy


@dataclass
class Collection:
    """One language's entries in the index: which documents they are and their field lengths, whole and
    averaged as the policy says."""

    documents: np.ndarray  # document numbers of the language's entries
    lengths: dict[str, np.ndarray]  # policy field -> length of that field in every document of the index
    averages: dict[str, float]
    weights: np.ndarray  # every document's weight (a form weighs less than an entry)
    is_entry: np.ndarray  # whether each document of the index is one of `documents`

    @classmethod
    def read(cls, lengths: dict[str, np.ndarray], documents: np.ndarray, weights: np.ndarray) -> Collection:
        rule = policy().average_length
        averages = {}
        for name, all_lengths in lengths.items():
            mine = all_lengths[documents]
            total = int(mine.sum())
            over = len(mine) if rule == "all-documents" else int((mine > 0).sum())
            averages[name] = total / over if total else 1.0
        is_entry = np.zeros(len(weights), dtype=bool)
        is_entry[documents] = True
        return cls(documents, lengths, averages, weights, is_entry)


def postings(reader: IndexReader, fieldname: str, stem: str) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and term frequencies of a term (empty when the index does not have it).

    whoosh's codec stores postings in blocks of delta-encoded ids and of weights (None when all are 1, one
    number when all are the same); they are read and decoded a block at a time with numpy rather than a
    posting at a time (the reader must be a single segment's, as `kb index` writes).
    """
    try:
        matcher = reader.postings(fieldname, stem.encode("utf-8"))
    except TermNotFound:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    ids, weights = [], []
    while matcher.is_active():
        matcher._read_data()
        deltas, stored = matcher._data[0], matcher._data[1]
        block = np.cumsum(np.asarray(deltas, dtype=np.int64))
        ids.append(block)
        if stored is None or isinstance(stored, float):
            weights.append(np.full(len(block), 1.0 if stored is None else stored))
        else:
            weights.append(np.asarray(stored, dtype=np.float64))
        matcher._next_block()
    return np.concatenate(ids), np.concatenate(weights)


def round_half_up(values: np.ndarray) -> np.ndarray:
    """Values rounded to whole numbers, halves up, as JavaScript's Math.round does."""
    whole = np.floor(values)
    return whole + (values - whole >= 0.5)


def term_weights(reader: IndexReader, collection: Collection, fields: dict[str, str], stem: str) -> tuple[np.ndarray, np.ndarray]:
    """The documents that have `stem` and its weight in each, times the document's own weight, in the policy's
    units (as the browser's index stores it). `fields` maps each policy field to its name in the index."""
    rules = policy()
    weights = np.zeros(reader.doc_count_all())
    for name, boost in rules.fields.items():
        docs, tf = postings(reader, fields[name], stem)
        if len(docs):
            norm = 1 - rules.b + rules.b * (collection.lengths[name][docs] / collection.averages[name])
            weights[docs] += boost * ((tf * (rules.k1 + 1)) / (tf + rules.k1 * norm))
    docs = np.flatnonzero(weights)
    stored = np.maximum(1, round_half_up(collection.weights[docs] * weights[docs] * rules.weight_scale))
    return docs, stored / rules.weight_scale


def idf(entries: int, df: int) -> float:
    return math.log(1 + (entries - df + 0.5) / (df + 0.5))


def rank(
    reader: IndexReader,
    collection: Collection,
    fields: dict[str, str],
    words: list[list[tuple[tuple[str, ...], float]]],
    allowed: np.ndarray | None,
    limit: int,
) -> list[tuple[int, float]]:
    """The best `limit` documents as (document number, score), best first. Each query word is a list of
    matches, (terms, how much the match counts): a match's score in a document is the sum of its terms'
    scores there times how much it counts, and a word counts once per document, by its best match there."""
    count = reader.doc_count_all()
    entries = len(collection.documents)
    total = np.zeros(count)
    matched = np.zeros(count, dtype=np.int64)
    for matches in words:
        best = np.zeros(count)
        for terms, counts in matches:
            score = np.zeros(count)
            for term in terms:
                docs, weights = term_weights(reader, collection, fields, term)
                score[docs] += weights * idf(entries, int(collection.is_entry[docs].sum()))
            np.maximum(best, score * counts, out=best)
        total += best
        matched += best > 0
    found = total > 0
    if allowed is not None:
        found &= allowed
    candidates = np.flatnonzero(found)
    power = policy().coordination
    shares = {k: (k / len(words)) ** power for k in np.unique(matched[candidates]).tolist()}
    final = total[candidates] * np.array([shares[k] for k in matched[candidates].tolist()])
    # Equal scores go by document number: `kb index` adds a language's entries in the order of their pages'
    # addresses, as the browser numbers its pages.
    order = np.lexsort((candidates, -final))[:limit]
    return [(int(doc), float(score)) for doc, score in zip(candidates[order], final[order])]
