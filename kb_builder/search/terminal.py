"""Full-text search for the command line (`kb index`, `kb search`), on a whoosh index of the entries.

One whoosh document per entry and language, with per-language fields analysed by whoosh's
language analyzers (stemming and stop words). Ranking (`ranking`) is BM25F with field boosts
(title above summary above key facts above body), raised for entries with more of the query's words;
quoted phrases must occur as phrases; the bilingual glossary adds the other language's words for a
glossary term; a word the index does not know is matched with typos allowed.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import markdown
from whoosh import index as whoosh_index
import numpy as np
from whoosh import highlight, qparser, query
from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.reading import SegmentReader

from kb_builder.search import ranking
from kb_builder.content.glossary import load_glossary
from kb_builder.search.browser_index import html_text
from kb_builder.build_info import build_date
from kb_builder.pages.labels import topic_name
from kb_builder.pages.atlas import Atlas
from kb_builder.pages.paths import entry_path, site_url
from kb_builder.content.schema import LANGUAGES, Entry

#: Field boosts, as in the browser's index.
BOOSTS = {"title": 10.0, "summary": 5.0, "facts": 3.0, "body": 1.0}
TEXT_FIELDS = tuple(BOOSTS)
#: All of an entry's text in one field with word positions, for finding quoted phrases; the fields that
#: ranking reads have no positions, which would triple the cost of reading their postings.
PHRASES = "text"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
INDEX_NAME = "cli-index"
_SEED = 20261121  # whoosh names its segments at random; a fixed seed keeps the bundle reproducible


MAX_TYPO_WORDS = 12


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it is known to be larger."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


class SearchError(Exception):
    """A search that cannot run (no index, bad option); the message says what to do."""


@dataclass
class Hit:
    id: str
    title: str
    jurisdiction: str
    topic: str
    lang: str
    path: str
    score: float
    snippet: str


def field(name: str, lang: str) -> str:
    return f"{name}_{lang}"


class _SortedStops(frozenset):
    """A stop-word set that pickles in sorted order: whoosh stores the schema pickled in the index, and a
    plain frozenset pickles in hash order, which changes from one Python process to the next."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_SortedStops, (sorted(self),))


@lru_cache(maxsize=None)
def _analyzer(lang: str) -> LanguageAnalyzer:
    """whoosh's analyzer of a language, for the index's fields and for queries and snippets alike."""
    analyzer = LanguageAnalyzer(lang)
    for item in getattr(analyzer, "items", []):
        if hasattr(item, "stops"):
            item.stops = _SortedStops(item.stops)
    return analyzer


def schema() -> Schema:
    fields: dict[str, object] = {
        "id": ID(stored=True),
        "lang": ID(stored=True),
        "jurisdiction": ID(stored=True),
        "topic": ID(stored=True),
        "path": STORED(),
        "title": STORED(),
    }
    for lang in LANGUAGES:
        analyzer = _analyzer(lang)
        for name, boost in BOOSTS.items():
            fields[field(name, lang)] = TEXT(analyzer=analyzer, field_boost=boost, stored=name in ("summary", "body"), phrase=False)
        fields[field(PHRASES, lang)] = TEXT(analyzer=analyzer, phrase=True)
    return Schema(**fields)


def site_path(entry: Entry, lang: str) -> str:
    """The entry page inside the built site, such as 'ru/ru/ru-call-up.html'."""
    return site_url(lang, entry_path(entry))


def build_index(entries: list[Entry], target: Path) -> Path:
    """Write the index for every entry in every language to `target` (replaced only when complete)."""
    staging = target.with_name(target.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    state = random.getstate()
    random.seed(_SEED)
    try:
        ix = whoosh_index.create_in(str(staging), schema())
        writer = ix.writer(compound=False)  # a compound file records its parts' modification times
        for lang in LANGUAGES:
            atlas = Atlas(entries, lang, today=build_date())
            for entry in sorted(entries, key=lambda e: e.id):
                fields = {**atlas.search_fields(entry), "body": markdown_text(atlas.text(entry.body))}
                writer.add_document(
                    id=entry.id,
                    lang=lang,
                    jurisdiction=entry.jurisdiction,
                    topic=entry.topic,
                    path=site_path(entry, lang),
                    title=fields["title"],
                    **{field(name, lang): text for name, text in fields.items()},
                    **{field(PHRASES, lang): "\n".join(fields.values())},
                )
        writer.commit(optimize=True)
        for lock in staging.glob("*_WRITELOCK"):
            lock.unlink()  # an empty leftover of the writer; not part of the index
    finally:
        random.setstate(state)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def markdown_text(text: str) -> str:
    """Plain text of authored Markdown, so that snippets show words, not markup."""
    return html_text(markdown.markdown(text, extensions=["tables"]))


def detect_language(text: str) -> str:
    return "ru" if CYRILLIC.search(text) else "en"


def _analyse(text: str, lang: str) -> list[str]:
    return [token.text for token in _analyzer(lang)(text)]


@lru_cache(maxsize=None)
def _glossary_stems() -> tuple[tuple[object, dict[str, list[frozenset[str]]]], ...]:
    """Each glossary term with the stems of each of its forms, per language (computed once)."""
    return tuple(
        (term, {lang: [frozenset(_analyse(form, lang)) for form in term.forms(lang)] for lang in LANGUAGES})
        for term in load_glossary()
    )


def glossary_expansion(text: str, lang: str) -> list[str]:
    """Phrases in `lang` for every glossary term that the query contains in the other language, so that a
    query in one language finds entries written in the other."""
    query_stems = {l: set(_analyse(text, l)) for l in LANGUAGES if l != lang}
    phrases: list[str] = []
    for term, stems in _glossary_stems():
        if any(form and form <= query_stems[source] for source in query_stems for form in stems[source]):
            phrases += term.forms(lang)  # type: ignore[attr-defined]
    return phrases


QUOTED = re.compile(r'"([^"]*)"')
#: How much a glossary term counts, against a word of the query.
GLOSSARY_WEIGHT = 0.6
#: How much a word within a typo of a query word counts.
TYPO_WEIGHT = 0.5


class Searcher:
    def __init__(self, index_dir: Path):
        if not whoosh_index.exists_in(str(index_dir)):
            raise SearchError(
                f"no search index at {index_dir} (expected the folder written by `kb index` or `kb build`; "
                "run `kb index` or `make site`)"
            )
        self.ix = whoosh_index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.reader = self.searcher.reader()
        if not isinstance(self.reader, SegmentReader) or field(PHRASES, LANGUAGES[0]) not in self.ix.schema:
            raise SearchError(f"the search index at {index_dir} is from another version of kb (run `kb index` again)")
        self._words: dict[str, list[str]] = {}
        self._stats: dict[str, dict[str, ranking.FieldStats]] = {}

    def close(self) -> None:
        self.searcher.close()

    def _vocabulary(self, lang: str) -> list[str]:
        """Every indexed stem of a language (read once per searcher)."""
        if lang not in self._words:
            words: set[str] = set()
            for name in TEXT_FIELDS:
                words.update(term.decode("utf-8") for term in self.reader.lexicon(field(name, lang)))
            self._words[lang] = sorted(words)
        return self._words[lang]

    def _field_stats(self, lang: str) -> dict[str, ranking.FieldStats]:
        """Lengths of each ranking field of a language (read once per searcher)."""
        if lang not in self._stats:
            names = [field(name, lang) for name in TEXT_FIELDS]
            self._stats[lang] = {name: ranking.FieldStats.read(self.reader, name) for name in names}
        return self._stats[lang]

    def _clauses(self, text: str, lang: str) -> list[ranking.Clause]:
        """The query's words (each its own clause, with typo-tolerant alternatives when the index does not
        know it), its quoted phrases, and the glossary's words for the terms it uses in the other language."""
        clauses = []
        for phrase in QUOTED.findall(text):
            stems = _analyse(phrase, lang)
            if stems:
                clauses.append(ranking.Clause([[(stem, 1.0)] for stem in stems], documents=self._phrase_documents(phrase, lang)))
        for stem in dict.fromkeys(_analyse(QUOTED.sub(" ", text), lang)):
            clauses.append(ranking.Clause([[(stem, 1.0)] + [(word, TYPO_WEIGHT) for word in self._typos(stem, lang)]]))
        for phrase in glossary_expansion(text, lang):
            stems = _analyse(phrase, lang)
            if stems:
                clauses.append(ranking.Clause([[(stem, 1.0)] for stem in stems], weight=GLOSSARY_WEIGHT))
        return clauses

    def _phrase_documents(self, phrase: str, lang: str) -> set[int]:
        """Documents that hold the words of `phrase` one after the other."""
        parser = qparser.QueryParser(field(PHRASES, lang), self.ix.schema)
        return set(self.searcher.docs_for_query(parser.parse(f'"{phrase}"')))

    def _typos(self, stem: str, lang: str) -> list[str]:
        """For a word the index does not know, the known words within a small edit distance (same first
        letter), or that a typo in the word's ending hides ('desertoin' for 'desert-')."""
        if len(stem) < 4 or any(self.reader.doc_frequency(field(name, lang), stem) for name in TEXT_FIELDS):
            return []
        distance = 2 if len(stem) > 6 else 1
        return [
            word
            for word in self._vocabulary(lang)
            if word[0] == stem[0]
            and (
                (abs(len(word) - len(stem)) <= distance and edit_distance(word, stem, distance) <= distance)
                or (len(stem) >= 8 and len(word) >= len(stem) - 3 and stem.startswith(word))
            )
        ][:MAX_TYPO_WORDS]

    def _allowed(self, jurisdiction: str | None, topic: str | None) -> np.ndarray | None:
        """Documents that pass the --jurisdiction and --topic filters (None: no filter)."""
        terms = [query.Term("jurisdiction", jurisdiction.upper())] if jurisdiction else []
        terms += [query.Term("topic", topic)] if topic else []
        if not terms:
            return None
        allowed = np.zeros(self.reader.doc_count_all(), dtype=bool)
        allowed[list(self.searcher.docs_for_query(query.And(terms)))] = True
        return allowed

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        jurisdiction: str | None = None,
        topic: str | None = None,
        limit: int = 10,
    ) -> list[Hit]:
        text = text.strip()
        if not text:
            raise SearchError("the query is empty (expected some words)")
        lang = lang or detect_language(text)
        clauses = self._clauses(text, lang)
        ranked = ranking.rank(self.reader, self._field_stats(lang), clauses, self._allowed(jurisdiction, topic), limit)
        terms = {stem for clause in clauses for word in clause.words for stem, _ in word}
        return [self._hit(doc, score, terms, lang) for doc, score in ranked]

    def _hit(self, doc: int, score: float, terms: set[str], lang: str) -> Hit:
        stored = self.searcher.stored_fields(doc)
        # The summary is short and says what the entry is about; the body is read only when the summary
        # has none of the words.
        snippet = self._highlight(stored.get(field("summary", lang)) or "", terms, lang) or self._highlight(
            stored.get(field("body", lang)) or "", terms, lang
        )
        if not snippet:
            snippet = (stored.get(field("summary", lang)) or "")[:220]
        return Hit(
            id=stored["id"],
            title=stored["title"],
            jurisdiction=stored["jurisdiction"],
            topic=stored["topic"],
            lang=stored["lang"],
            path=stored["path"],
            score=round(score, 4),
            snippet=" ".join(snippet.split()),
        )

    @staticmethod
    def _highlight(text: str, terms: set[str], lang: str) -> str:
        fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
        return highlight.highlight(text, terms, _analyzer(lang), fragmenter, _BoldFormatter(), top=2)


class _BoldFormatter(highlight.Formatter):
    """Marks matched words as **word**, for terminals and JSON alike."""

    between = " … "

    def format_token(self, text: str, token, replace: bool = False) -> str:  # type: ignore[no-untyped-def]
        return f"**{highlight.get_text(text, token, replace)}**"


def hit_dict(hit: Hit) -> dict[str, object]:
    return asdict(hit)


def describe(hit: Hit, rank: int) -> str:
    return (
        f"{rank}. {hit.title}\n"
        f"   {hit.jurisdiction} · {topic_name(hit.topic, hit.lang)} · {hit.path}\n"
        f"   {hit.snippet}"
    )

