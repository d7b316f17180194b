"""Which index terms a query word matches, and how much each counts, by the policy's `prefix`, `typos` and
`glossary` rules: the Python side of `matches`, `misspelt` and `glossaryMatches` in assets/kb-search.js."""

from __future__ import annotations

import bisect
from collections import defaultdict

from kb_builder.content.glossary import Term
from kb_builder.search import analysis
from kb_builder.search.policy import policy


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
    """The sorted terms of one language's entries."""

    def __init__(self, terms: list[str]):
        self.terms = sorted(terms)
        self.by_first: dict[str, list[str]] = defaultdict(list)
        for term in self.terms:
            self.by_first[term[0]].append(term)

    def matches(self, word: str) -> list[tuple[str, float]]:
        """(term, how much it counts) for a query word: the word itself (1) and the first prefix.max_terms
        terms it begins; for a word that is neither, the terms within the policy's typos of it."""
        rules = policy()
        found: list[tuple[str, float]] = []
        start = bisect.bisect_left(self.terms, word)
        if start < len(self.terms) and self.terms[start] == word:
            found.append((word, 1.0))
            start += 1
        if len(word) >= rules.prefix_min_length:
            for term in self.terms[start : start + rules.prefix_max_terms]:
                if not term.startswith(word):
                    break
                found.append((term, rules.prefix_weight))
        if found or len(word) < rules.typos.min_length[0]:
            return found
        return self.misspelt(word)

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


def glossary_matches(words: list[str], glossary: tuple[Term, ...], lang: str) -> dict[str, list[tuple[tuple[str, ...], float]]]:
    """More matches for the query's words from the glossary: where the words hold a glossary term (any of its
    forms, in either language), each of those words also matches the term's forms in `lang`, each form as
    the group of its terms, at the policy's glossary weight. So a query in one language finds pages written
    in the other, and a synonym finds its twin."""
    held = set(words)
    weight = policy().glossary_weight
    found: dict[str, list[tuple[tuple[str, ...], float]]] = defaultdict(list)
    for term in glossary:
        used = {word for form in analysis.form_terms(tuple(term.en + term.ru)) if set(form) <= held for word in form}
        for word in used:
            found[word] += [(form, weight) for form in analysis.form_terms(tuple(term.forms(lang)))]
    return found

