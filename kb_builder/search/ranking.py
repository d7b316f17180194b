"""Ranking for `kb search`: BM25F over the whoosh index, scored a term at a time with numpy.

whoosh keeps the index, analyses text, finds phrases and highlights snippets; this module scores.
whoosh's own matchers score a document at a time in Python, which costs hundreds of milliseconds
when a common word matches most entries of a large atlas; reading each query term's postings whole
and scoring them as arrays costs a few.

Ranking reads, per language, the text fields (`title_<lang>` and so on), which have no word
positions (phrases are found in another field; reading positions would triple the cost) and whose
weights carry the field's boost (title 10, summary 5, key facts 3, body 1). A term's score in a
document is its BM25 weight summed over the fields, as in whoosh's BM25F.

A page's score is the sum of its clauses' BM25 weights (a clause is a word of the query, a quoted
phrase, or the glossary's words for a term), scaled by the square root of the share of the clauses
it matches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from whoosh.reading import IndexReader, TermNotFound

K1 = 1.2
B = 0.75


@dataclass
class Clause:
    """Query words that count together: each word is a list of (stem, how much it counts) alternatives
    (the stem itself, or words within a typo of it). A quoted phrase also names the documents that hold
    it, and only those can be found."""

    words: list[list[tuple[str, float]]]
    weight: float = 1.0
    documents: set[int] | None = None


@dataclass
class FieldStats:
    """Per-document lengths of one field, and what BM25 needs of them."""

    lengths: np.ndarray
    documents: int = field(init=False)
    average: float = field(init=False)

    def __post_init__(self) -> None:
        present = self.lengths > 0
        self.documents = int(present.sum())
        self.average = float(self.lengths[present].mean()) if self.documents else 1.0

    @classmethod
    def read(cls, reader: IndexReader, fieldname: str) -> FieldStats:
        count = reader.doc_count_all()
        return cls(np.array([reader.doc_field_length(doc, fieldname, 0) for doc in range(count)], dtype=np.float64))


def postings(reader: IndexReader, fieldname: str, stem: str) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and weights of a term (empty when the index does not have it).

    whoosh's codec stores postings in blocks whose ids and weights are arrays; they are read a block at
    a time rather than a posting at a time (the reader must be a single segment's, as `kb index` writes).
    """
    try:
        matcher = reader.postings(fieldname, stem.encode("utf-8"))
    except TermNotFound:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    ids, weights = [], []
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.append(np.asarray(matcher._ids, dtype=np.int64))
        weights.append(np.asarray(matcher._weights, dtype=np.float64))
        matcher._next_block()
    return np.concatenate(ids), np.concatenate(weights)


def term_scores(reader: IndexReader, fields: dict[str, FieldStats], stem: str) -> np.ndarray:
    """The BM25 weight of `stem` in every document, summed over the fields (0 where it does not occur)."""
    scores = np.zeros(reader.doc_count_all())
    for fieldname, stats in fields.items():
        docs, tf = postings(reader, fieldname, stem)
        if len(docs):
            idf = math.log(1 + (stats.documents - len(docs) + 0.5) / (len(docs) + 0.5))
            norm = 1 - B + B * stats.lengths[docs] / stats.average
            scores[docs] += idf * tf * (K1 + 1) / (tf + K1 * norm)
    return scores


def rank(
    reader: IndexReader, fields: dict[str, FieldStats], clauses: list[Clause], allowed: np.ndarray | None, limit: int
) -> list[tuple[int, float]]:
    """The best `limit` documents as (document number, score), best first."""
    count = reader.doc_count_all()
    total = np.zeros(count)
    matched = np.zeros(count, dtype=np.int32)
    required = allowed.copy() if allowed is not None else np.ones(count, dtype=bool)
    for clause in clauses:
        score = np.zeros(count)
        every = np.ones(count, dtype=bool)
        for alternatives in clause.words:
            best = np.zeros(count)
            for stem, counts in alternatives:
                np.maximum(best, counts * term_scores(reader, fields, stem), out=best)
            score += best
            every &= best > 0
        if clause.documents is not None:
            phrase = np.zeros(count, dtype=bool)
            phrase[list(clause.documents)] = True
            every &= phrase
            required &= phrase
        total += clause.weight * score
        matched += every
    candidates = np.flatnonzero((total > 0) & required)
    # Coordination: a page's score counts in proportion to the square root of the share of the query's
    # clauses it matches, so that pages with more of the words rank higher, but a page with every word
    # does not outrank by rule a page about exactly the rarest of them.
    final = total[candidates] * np.sqrt(matched[candidates] / max(len(clauses), 1))
    order = np.lexsort((candidates, -final))[:limit]
    return [(int(doc), float(score)) for doc, score in zip(candidates[order], final[order])]
