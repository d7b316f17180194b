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


def _analyzer(lang: str) -> LanguageAnalyzer:
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


def _analyse(text: str, lang: str) -> list[str]:
    return [token.text for token in LanguageAnalyzer(lang)(text)]


def glossary_expansion(text: str, lang: str) -> list[str]:
    """Phrases in `lang` for every glossary term that the query contains, in either language."""
    query_stems = {l: set(_analyse(text, l)) for l in LANGUAGES}
    phrases: list[str] = []
    for term in load_glossary():
        for source in LANGUAGES:
            if any(set(_analyse(form, source)) and set(_analyse(form, source)) <= query_stems[source] for form in term.forms(source)):
                phrases += [form for form in term.forms(lang) if form.lower() not in text.lower()]
                break
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

    def close(self) -> None:
        self.searcher.close()

    def _parse(self, text: str, lang: str) -> query.Query:
        fields = [field(name, lang) for name in TEXT_FIELDS]
        parser = qparser.MultifieldParser(fields, self.ix.schema, group=qparser.OrGroup.factory(0.9))
        parts = [parser.parse(text)]
        extra = [parser.parse(f'"{phrase}"') for phrase in glossary_expansion(text, lang)]
        if extra:
            parts.append(query.Or(extra, boost=0.6))
        parts += self._typo_tolerant(text, lang, fields)
        return query.Or(parts) if len(parts) > 1 else parts[0]

    def _typo_tolerant(self, text: str, lang: str, fields: list[str]) -> list[query.Query]:
        """For each word the index does not know, terms within a small edit distance (or that a typo in
        the word's ending hides: 'desertoin' for 'desert-')."""
        reader = self.searcher.reader()
        found = []
        for stem in dict.fromkeys(_analyse(text, lang)):
            if len(stem) < 4 or any(reader.doc_frequency(f, stem) for f in fields):
                continue
            distance = 2 if len(stem) > 6 else 1
            options: list[query.Query] = [query.FuzzyTerm(f, stem, maxdist=distance, prefixlength=1) for f in fields]
            if len(stem) >= 8:
                options += [query.Prefix(f, stem[:-3]) for f in fields]
            found.append(query.Or(options, boost=0.5))
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
        results = self.searcher.search(self._parse(text, lang), filter=allowed, limit=limit, terms=True)
        results.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
        results.formatter = _BoldFormatter()
        for hit in results:
            snippet = hit.highlights(field("body", lang), top=2) or hit.highlights(field("summary", lang), top=1)
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

