"""Ranking for `kb search`: the policy's BM25F over the whoosh index, scored a term at a time.

whoosh keeps the index, analyses text, finds phrases and highlights snippets; this module scores, by the
same arithmetic as the browser (assets/build-search-index.js computes a term's weight in a page, and
`rank` in assets/kb-search.js scores pages): policy.py says what the values mean. whoosh's own matchers
score a document at a time through layers of objects, which costs hundreds of milliseconds when a common word
matches most entries of a large atlas; reading each query term's postings a block at a time and scoring them
in plain loops costs a few. (numpy did the same in arrays, but importing it took longer than a search.)

Ranking reads, per language, the text fields (`title_<lang>` and so on), which have no word positions
(phrases are found in another field; reading positions would triple the cost), and the exact length of
each field of each entry, which the index keeps in columns (whoosh's own field lengths are rounded).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import accumulate, repeat

from whoosh.reading import IndexReader, TermNotFound

from kb_builder.search.policy import policy


@dataclass
class Collection:
    """One language's entries in the index: which documents they are and their field lengths, whole and
    averaged as the policy says."""

    documents: list[int]  # document numbers of the language's entries, in order
    lengths: dict[str, list[int]]  # policy field -> length of that field in every document of the index
    averages: dict[str, float]
    weights: list[float]  # every document's weight (a form weighs less than an entry)
    is_entry: frozenset[int]  # the documents that are one of `documents`

    @classmethod
    def read(cls, lengths: dict[str, list[int]], documents: list[int], weights: list[float]) -> Collection:
        rule = policy().average_length
        averages = {}
        for name, all_lengths in lengths.items():
            mine = [all_lengths[doc] for doc in documents]
            total = sum(mine)
            over = len(mine) if rule == "all-documents" else sum(1 for n in mine if n > 0)
            averages[name] = total / over if total else 1.0
        return cls(documents, lengths, averages, weights, frozenset(documents))


def postings(reader: IndexReader, fieldname: str, stem: str) -> tuple[list[int], list[float]]:
    """Document numbers and term frequencies of a term (empty when the index does not have it).

    whoosh's codec stores postings in blocks of delta-encoded ids and of weights (None when all are 1, one
    number when all are the same); they are read and decoded a block at a time rather than a posting at a
    time (the reader must be a single segment's, as `kb index` writes).
    """
    try:
        matcher = reader.postings(fieldname, stem.encode("utf-8"))
    except TermNotFound:
        return [], []
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():
        matcher._read_data()
        deltas, stored = matcher._data[0], matcher._data[1]
        ids.extend(accumulate(deltas))
        if stored is None or isinstance(stored, float):
            weights.extend(repeat(1.0 if stored is None else stored, len(deltas)))
        else:
            weights.extend(map(float, stored))
        matcher._next_block()
    return ids, weights


def round_half_up(value: float) -> float:
    """A value rounded to a whole number, halves up, as JavaScript's Math.round does."""
    whole = math.floor(value)
    return whole + (value - whole >= 0.5)


def term_weights(reader: IndexReader, collection: Collection, fields: dict[str, str], stem: str) -> dict[int, float]:
    """The documents that have `stem` and its weight in each, times the document's own weight, in the policy's
    units (as the browser's index stores it), in order of document number. `fields` maps each policy field to
    its name in the index."""
    rules = policy()
    k1, b, scale = rules.k1, rules.b, rules.weight_scale
    found: dict[int, float] = {}
    for name, boost in rules.fields.items():
        docs, frequencies = postings(reader, fields[name], stem)
        lengths, average = collection.lengths[name], collection.averages[name]
        for doc, tf in zip(docs, frequencies):
            norm = 1 - b + b * (lengths[doc] / average)
            found[doc] = found.get(doc, 0.0) + boost * ((tf * (k1 + 1)) / (tf + k1 * norm))
    weights = collection.weights
    return {doc: max(1.0, round_half_up(weights[doc] * found[doc] * scale)) / scale
            for doc in sorted(found) if found[doc]}


def idf(entries: int, df: int) -> float:
    return math.log(1 + (entries - df + 0.5) / (df + 0.5))


def rank(
    reader: IndexReader,
    collection: Collection,
    fields: dict[str, str],
    words: list[list[tuple[tuple[str, ...], float]]],
    allowed: set[int] | None,
    limit: int,
) -> list[tuple[int, float]]:
    """The best `limit` documents as (document number, score), best first. Each query word is a list of
    matches, (terms, how much the match counts): a match's score in a document is the sum of its terms'
    scores there times how much it counts, and a word counts once per document, by its best match there."""
    entries = len(collection.documents)
    total: dict[int, float] = {}
    matched: dict[int, int] = {}
    for matches in words:
        best: dict[int, float] = {}
        for terms, counts in matches:
            score: dict[int, float] = {}
            for term in terms:
                weights = term_weights(reader, collection, fields, term)
                weight_of_term = idf(entries, sum(1 for doc in weights if doc in collection.is_entry))
                for doc, weight in weights.items():
                    score[doc] = score.get(doc, 0.0) + weight * weight_of_term
            for doc, value in score.items():
                value *= counts
                if value > best.get(doc, 0.0):
                    best[doc] = value
        for doc, value in best.items():
            if value > 0:
                total[doc] = total.get(doc, 0.0) + value
                matched[doc] = matched.get(doc, 0) + 1
    candidates = [doc for doc in total if allowed is None or doc in allowed]
    power = policy().coordination
    final = {doc: total[doc] * (matched[doc] / len(words)) ** power for doc in candidates}
    # Equal scores go by document number: `kb index` adds a language's entries in the order of their pages'
    # addresses, as the browser numbers its pages.
    order = sorted(candidates, key=lambda doc: (-final[doc], doc))[:limit]
    return [(doc, final[doc]) for doc in order]
