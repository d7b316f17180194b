"""Which index terms a query word matches, and how much each counts, by the policy's `prefix`, `typos` and
`glossary` rules: the Python side of `matches`, `misspelt` and `glossaryMatches` in assets/kb-search.js."""

from __future__ import annotations

import bisect
from collections import defaultdict
from functools import cached_property
from typing import NamedTuple

from kb_builder.search import analysis
from kb_builder.search.policy import policy


class GlossaryForms(NamedTuple):
    """A glossary term as matching reads it: the terms of each of its forms (words or phrases) in both languages,
    and in each language (`kb index` makes them, so that a search stems nothing but its query)."""

    every: tuple[tuple[str, ...], ...]
    by_lang: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, en: list[str] | tuple[str, ...], ru: list[str] | tuple[str, ...]) -> GlossaryForms:
        words = {"en": tuple(en), "ru": tuple(ru)}
        return cls(analysis.form_terms(words["en"] + words["ru"]),
                   {lang: analysis.form_terms(forms) for lang, forms in words.items()})


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it is known to be larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


class Vocabulary:
    """The sorted terms of one language's pages, and which of them its entries have."""

    def __init__(self, terms: list[str], in_entries: set[str] | None = None):
        self.terms = sorted(terms)
        self.in_entries = set(self.terms) if in_entries is None else in_entries

    @cached_property
    def by_first(self) -> dict[str, list[str]]:
        """The terms by their first letter, for typos (made when a query first has a word no entry has)."""
        found: dict[str, list[str]] = defaultdict(list)
        for term in self.terms:
            found[term[0]].append(term)
        return found

    def matches(self, word: str) -> list[tuple[str, float]]:
        """(term, how much it counts) for a query word, as `matches` in kb-search.js: the word itself (1) and the
        terms it begins (the first prefix.max_terms that entries have, and the terms of other pages among them);
        for a word that no entry has, as a term or as a beginning, also the terms within the policy's typos."""
        rules = policy()
        prefix = len(word) >= rules.prefix_min_length
        found: list[tuple[str, float]] = []
        in_entries = prefixed = 0
        for term in self.terms[bisect.bisect_left(self.terms, word):]:
            entries = term in self.in_entries
            if term == word:
                found.append((term, 1.0))
            elif prefix and term.startswith(word) and not (entries and prefixed == rules.prefix_max_terms):
                prefixed += entries
                found.append((term, rules.prefix_weight))
            else:
                break
            in_entries += entries
        if in_entries or len(word) < rules.typos.min_length[0]:
            return found
        return found + self.misspelt(word)

    def misspelt(self, word: str) -> list[tuple[str, float]]:
        """Terms k edits from the word at typos.weights[k-1], and terms the word begins with, give or take an
        edit and at most typos.ending.max_cut letters shorter, at typos.ending.weights[edits]."""
        rules = policy().typos
        most = rules.max_edits(len(word))
        ending_edits = len(rules.ending_weights) - 1
        candidates = self.by_first.get(word[0], []) if rules.same_first_letter else self.terms
        found = []
        for term in candidates:
            distance = edit_distance(word, term, most)
            weight = rules.weights[distance - 1] if 0 < distance <= most else 0.0
            if rules.ending_min_length <= len(term) < len(word) <= len(term) + rules.ending_max_cut:
                edits = edit_distance(word[: len(term)], term, ending_edits)
                if edits <= ending_edits:
                    weight = max(weight, rules.ending_weights[edits])
            if weight:
                found.append((term, weight))
        return found


def glossary_matches(words: list[str], glossary: tuple[GlossaryForms, ...], lang: str) -> dict[str, list[tuple[tuple[str, ...], float]]]:
    """More matches for the query's words from the glossary: where the words hold a glossary term (any of its
    forms, in either language), each of those words also matches the term's forms in `lang`, each form as
    the group of its terms, at the policy's glossary weight. So a query in one language finds pages written
    in the other, and a synonym finds its twin."""
    held = set(words)
    weight = policy().glossary_weight
    found: dict[str, list[tuple[tuple[str, ...], float]]] = defaultdict(list)
    for term in glossary:
        used = {word for form in term.every if set(form) <= held for word in form}
        for word in used:
            found[word] += [(form, weight) for form in term.by_lang[lang]]
    return found
