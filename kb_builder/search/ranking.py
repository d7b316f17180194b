"""Ranking for `kb search`: the policy's BM25F, by the same arithmetic as the browser.

`kb index` weighs each term of each page once, as the browser's index does (assets/build-search-index.js):
`weights` gives a page's terms their weight in the policy's units, from the page's fields and the averages of
its language's entries, and the index stores it as the term's weight in the page's posting. A query then only
reads one postings list per term and adds up (`rank`, as `rank` in assets/kb-search.js does): policy.py says
what the values mean. whoosh keeps the index, analyses text, finds phrases and highlights snippets.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import accumulate, repeat

from kb_builder.search.engine import IndexReader, TermNotFound
from kb_builder.search.policy import policy


def averages(lengths: list[dict[str, int]], entries: list[bool]) -> dict[str, float]:
    """The average length of each policy field (each page's field lengths in terms) over a language's entries,
    counted as the policy says; a field that no entry has (a guide's questions), over the pages that have it."""
    rules = policy()
    found = {}
    for name in rules.fields:
        mine = [page[name] for page, entry in zip(lengths, entries) if entry]
        if not any(mine):
            mine = [page[name] for page in lengths if page[name]]
        total = sum(mine)
        over = len(mine) if rules.average_length == "all-documents" else sum(1 for n in mine if n > 0)
        found[name] = total / over if total else 1.0
    return found


def round_half_up(value: float) -> float:
    """A value rounded to a whole number, halves up, as JavaScript's Math.round does."""
    whole = math.floor(value)
    return whole + (value - whole >= 0.5)


def weights(fields: dict[str, list[str]], average: dict[str, float], weight: float) -> dict[str, int]:
    """Each term of a page and its weight there, times the page's own weight, in the policy's units (as the
    browser's index stores it): BM25F over the page's fields (each a list of its terms)."""
    rules = policy()
    k1, b = rules.k1, rules.b
    found: dict[str, float] = {}
    for name, boost in rules.fields.items():
        norm = 1 - b + b * (len(fields[name]) / average[name])
        for term, count in Counter(fields[name]).items():
            tf = float(count)
            found[term] = found.get(term, 0.0) + boost * ((tf * (k1 + 1)) / (tf + k1 * norm))
    return {term: int(max(1.0, round_half_up(weight * value * rules.weight_scale))) for term, value in found.items()}


class Collection:
    """One language's entries in the index (BM25's statistics are counted over them, as in the browser)."""

    def __init__(self, documents: list[int]) -> None:
        self.documents = documents  # document numbers of the language's entries, in order
        self.is_entry = frozenset(documents)


def postings(reader: IndexReader, fieldname: str, text: str) -> tuple[list[int], list[float]]:
    """Document numbers and weights of a term (empty when the index does not have it).

    whoosh's codec stores postings in blocks of delta-encoded ids and of weights (None when all are 1, one
    number when all are the same); they are read and decoded a block at a time rather than a posting at a
    time (the reader must be a single segment's, as `kb index` writes).
    """
    try:
        matcher = reader.postings(fieldname, text.encode("utf-8"))
    except TermNotFound:
        return [], []
    ids: list[int] = []
    found: list[float] = []
    while matcher.is_active():
        matcher._read_data()
        deltas, stored = matcher._data[0], matcher._data[1]
        ids.extend(accumulate(deltas))
        if stored is None or isinstance(stored, float):
            found.extend(repeat(1.0 if stored is None else stored, len(deltas)))
        else:
            found.extend(stored)
        matcher._next_block()
    return ids, found


def term_weights(reader: IndexReader, fieldname: str, stem: str) -> dict[int, float]:
    """The documents that have `stem` and its weight in each (as `weights` gave it, over the policy's scale)."""
    scale = policy().weight_scale
    docs, units = postings(reader, fieldname, stem)
    return {doc: unit / scale for doc, unit in zip(docs, units)}


def idf(entries: int, df: int) -> float:
    return math.log(1 + (entries - df + 0.5) / (df + 0.5))


def rank(
    reader: IndexReader,
    collection: Collection,
    fieldname: str,
    words: list[list[tuple[tuple[str, ...], float]]],
    allowed: set[int] | None,
    limit: int,
) -> list[tuple[int, float]]:
    """The best `limit` documents as (document number, score), best first. Each query word is a list of
    matches, (terms, how much the match counts): a match's score in a document is the sum of its terms'
    scores there times how much it counts, and a word counts once per document, by its best match there.
    `fieldname` is the language's field of weighed terms."""
    entries = len(collection.documents)
    total: dict[int, float] = {}
    matched: dict[int, int] = {}
    for matches in words:
        best: dict[int, float] = {}
        for terms, counts in matches:
            score: dict[int, float] = {}
            for term in terms:
                found = term_weights(reader, fieldname, term)
                weight_of_term = idf(entries, sum(1 for doc in found if doc in collection.is_entry))
                for doc, weight in found.items():
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
