"""Text to search terms by the policy's `tokens` rules: the Python side of `assets/kb-pipeline.js`.

Both sides split text into runs of letters and digits, lower-case and fold them, drop stop words and stem with
the same stemmers (lunr's Porter stemmer, ported in `porter`, and the Russian Snowball stemmer, with the
policy's `stems` mending the stems it cuts too short), so that a word reduces to the same term in the terminal
and in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import snowballstemmer

from kb_builder.search import porter
from kb_builder.search.engine import Filter, RegexTokenizer, Token, Tokenizer
from kb_builder.search.policy import policy

#: A run of letters and digits (JavaScript: /[\p{L}\p{N}]+/gu).
WORD = re.compile(r"[^\W_]+")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_russian = snowballstemmer.stemmer("russian")


def stem(word: str) -> str:
    """The stem of a lower-case, folded word (a stem in the policy's `stems` replaced by its twin)."""
    found = _russian.stemWord(word) if CYRILLIC.search(word) else porter.stem(word)
    return policy().stems.get(found, found)


def normalise(word: str) -> str:
    """A word lower-cased, with the policy's folded characters replaced."""
    word = word.lower()
    for char, replacement in policy().fold.items():
        word = word.replace(char, replacement)
    return word


@cache
def term(word: str) -> str:
    """The term a word of text reduces to, or "" if it is not searched (a stop word, too short); remembered,
    as the words of a text repeat."""
    word = normalise(word)
    rules = policy()
    if len(word) < rules.min_length or word in rules.stop_words:
        return ""
    return stem(word)


def terms(text: str) -> list[str]:
    """The terms of a text, in order."""
    return [found for found in map(term, WORD.findall(text)) if found]


@cache
def form_terms(forms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The terms of each of a glossary term's forms (forms that are all stop words have none, and are left out)."""
    return tuple(found for found in (tuple(terms(form)) for form in forms) if found)


class TermFilter(Filter):
    """whoosh tokens to terms (for highlighting a snippet's words), the words not searched left out."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            found = term(token.text)
            if found:
                token.text = found
                yield token


def analyzer():  # type: ignore[no-untyped-def]
    """The whoosh analyzer of the snippets `kb search` shows (the words to highlight)."""
    return RegexTokenizer(WORD) | TermFilter()


class WeightedTerms(Tokenizer):
    """A page's terms with their weights, as `kb index` writes them ("term units", one a line), to whoosh tokens
    whose boost is the weight: whoosh stores the sum of a term's boosts as its weight in the page's posting."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for line in value.splitlines():
            token.text, units = line.rsplit(" ", 1)
            token.boost = float(units)
            yield token
