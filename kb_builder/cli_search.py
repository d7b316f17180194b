"""Full-text search for the command line (`kb index`, `kb search`), on a whoosh index of the entries.

One whoosh document per entry and language, with per-language fields analysed by whoosh's
language analyzers (stemming and stop words). Ranking is BM25F with field boosts (title above
summary above key facts above body); quoted phrases are phrase queries; the bilingual glossary adds
the other language's words for a glossary term; a query that finds nothing is retried with
typo-tolerant (fuzzy) terms.
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
from whoosh import highlight, qparser, query, scoring
from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema

from kb_builder.glossary import load_glossary
from kb_builder.browser_search import html_text
from kb_builder.build_info import build_date
from kb_builder.labels import topic_name
from kb_builder.pages import Atlas, entry_path
from kb_builder.schema import LANGUAGES, Entry

#: Field boosts, as in the browser's index.
BOOSTS = {"title": 10.0, "summary": 5.0, "facts": 3.0, "body": 1.0}
TEXT_FIELDS = tuple(BOOSTS)
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


def _index_analyzer(lang: str) -> LanguageAnalyzer:
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
        analyzer = _index_analyzer(lang)
        for name, boost in BOOSTS.items():
            fields[field(name, lang)] = TEXT(analyzer=analyzer, field_boost=boost, stored=name in ("summary", "body"), phrase=True)
    return Schema(**fields)


def site_path(entry: Entry, lang: str) -> str:
    """The entry page inside the built site, such as 'ru/ru/ru-call-up.html'."""
    return f"{lang}/{entry_path(entry)[:-3]}.html"


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
                fields = atlas.search_fields(entry)
                writer.add_document(
                    id=entry.id,
                    lang=lang,
                    jurisdiction=entry.jurisdiction,
                    topic=entry.topic,
                    path=site_path(entry, lang),
                    title=fields["title"],
                    **{field(name, lang): text for name, text in fields.items()},
                    **{field("body", lang): markdown_text(atlas.text(entry.body))},
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


@lru_cache(maxsize=None)
def _language_analyzer(lang: str) -> LanguageAnalyzer:
    return LanguageAnalyzer(lang)


def _analyse(text: str, lang: str) -> list[str]:
    return [token.text for token in _language_analyzer(lang)(text)]


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


class Searcher:
    def __init__(self, index_dir: Path):
        if not whoosh_index.exists_in(str(index_dir)):
            raise SearchError(
                f"no search index at {index_dir} (expected the folder written by `kb index` or `kb build`; "
                "run `kb index` or `make site`)"
            )
        self.ix = whoosh_index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher(weighting=scoring.BM25F())
        self._words: dict[str, list[str]] = {}

    def close(self) -> None:
        self.searcher.close()

    def _all_words(self, text: str, lang: str) -> query.Query:
        """Every word of the query, each in any field (quoted words as a phrase)."""
        fields = [field(name, lang) for name in TEXT_FIELDS]
        return qparser.MultifieldParser(fields, self.ix.schema, group=qparser.AndGroup).parse(text)

    def _any_word(self, text: str, lang: str) -> query.Query:
        """Any word of the query, the glossary's words for its terms, and typo-tolerant words."""
        fields = [field(name, lang) for name in TEXT_FIELDS]
        parser = qparser.MultifieldParser(fields, self.ix.schema, group=qparser.OrGroup.factory(0.9))
        parts = [parser.parse(text)]
        extra = [parser.parse(f'"{phrase}"') for phrase in glossary_expansion(text, lang)]
        if extra:
            parts.append(query.Or(extra, boost=0.6))
        parts += self._typo_tolerant(text, lang, fields)
        return query.Or(parts) if len(parts) > 1 else parts[0]

    def _vocabulary(self, lang: str) -> list[str]:
        """Every indexed word of a language (read once per searcher)."""
        if lang not in self._words:
            reader = self.searcher.reader()
            words: set[str] = set()
            for name in TEXT_FIELDS:
                words.update(term.decode("utf-8") for term in reader.lexicon(field(name, lang)))
            self._words[lang] = sorted(words)
        return self._words[lang]

    def _typo_tolerant(self, text: str, lang: str, fields: list[str]) -> list[query.Query]:
        """For each word the index does not know, the known words within a small edit distance (same first
        letter), or that a typo in the word's ending hides ('desertoin' for 'desert-')."""
        known = set(self._vocabulary(lang))
        found = []
        for stem in dict.fromkeys(_analyse(text, lang)):
            if len(stem) < 4 or stem in known:
                continue
            distance = 2 if len(stem) > 6 else 1
            close = [
                word
                for word in self._vocabulary(lang)
                if word[0] == stem[0]
                and (
                    (abs(len(word) - len(stem)) <= distance and edit_distance(word, stem, distance) <= distance)
                    or (len(stem) >= 8 and len(word) >= len(stem) - 3 and stem.startswith(word))
                )
            ][:MAX_TYPO_WORDS]
            if close:
                found.append(query.Or([query.Term(f, word) for f in fields for word in close], boost=0.5))
        return found

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
        filters = [query.Term("lang", lang)]
        if jurisdiction:
            filters.append(query.Term("jurisdiction", jurisdiction.upper()))
        if topic:
            filters.append(query.Term("topic", topic))
        allowed = query.And(filters)
        hits = []
        # Entries with every word first: few enough to score quickly however large the atlas, and the
        # most precise. Only when they are fewer than `limit` is the query widened to any word, the
        # glossary and typos, which can match most entries of a large atlas and is much slower.
        results = self.searcher.search(self._all_words(text, lang), filter=allowed, limit=limit)
        if len(results) < limit:
            results = self.searcher.search(self._any_word(text, lang), filter=allowed, limit=limit)
        results.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
        results.formatter = _BoldFormatter()
        for hit in results:
            # The summary is short and says what the entry is about; the body is read only when the
            # summary has none of the words (highlighting re-reads the text, so this keeps queries fast).
            snippet = hit.highlights(field("summary", lang), top=2) or hit.highlights(field("body", lang), top=2)
            if not snippet:
                snippet = (hit.get(field("summary", lang)) or "")[:220]
            hits.append(
                Hit(
                    id=hit["id"],
                    title=hit["title"],
                    jurisdiction=hit["jurisdiction"],
                    topic=hit["topic"],
                    lang=hit["lang"],
                    path=hit["path"],
                    score=round(float(hit.score), 4),
                    snippet=" ".join(snippet.split()),
                )
            )
        return hits


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

