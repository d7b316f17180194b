"""Full-text search for the command line (`kb index`, `kb search`), on a whoosh index of the entries.

One whoosh document per entry and language, with the fields that the browser's search indexes of the
entry's page (`documents.entry_fields`), analysed into terms by the policy's rules (`analysis`). A query's
words match terms as the policy says (`matching`: the word, the terms it begins, or terms within a typo of
it) and pages are ranked by the policy's BM25F (`ranking`), as in the browser, so that both searches find
the same entries in the same order. The glossary's words for the terms a page uses are one of its fields,
and query words that hold a glossary term also match its words in the page's language (`matching`), so
that a query in one language finds pages written in the other. Quoted phrases, --jurisdiction and --topic
narrow the results, which the browser does not offer.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from whoosh import columns, highlight, qparser, query
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema
from whoosh.reading import SegmentReader

from kb_builder.build_info import build_date
from kb_builder.content.glossary import load_glossary
from kb_builder.content.schema import LANGUAGES, Entry
from kb_builder.pages.atlas import Atlas
from kb_builder.pages.labels import topic_name
from kb_builder.pages.paths import entry_path, site_url
from kb_builder.search import analysis, ranking
from kb_builder.search.documents import entry_fields, page_text
from kb_builder.search.matching import Vocabulary, glossary_matches
from kb_builder.search.policy import policy

#: The text fields, as the policy names them.
TEXT_FIELDS = tuple(policy().fields)
#: The entry's text (not the glossary's words) in one field with word positions, for finding quoted phrases;
#: the fields that ranking reads have no positions, which would triple the cost of reading their postings.
PHRASES = "text"
#: The entry's own text (its body, without the rest of its page), which snippets quote when the summary has none
#: of the query's words.
SNIPPETS = "own_text"
INDEX_NAME = "cli-index"
_SEED = 20261121  # whoosh names its segments at random; a fixed seed keeps the bundle reproducible
#: Postings per block of the index (whoosh's default is 128): fewer blocks to read for a common word.
BLOCK_POSTINGS = 1024


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


def length_column(name: str) -> str:
    """The column with the exact length (in terms) of a text field, whatever the document's language."""
    return f"length_{name}"


def schema() -> Schema:
    fields: dict[str, object] = {
        "id": ID(stored=True),
        "lang": ID(stored=True),
        "jurisdiction": ID(stored=True),
        "topic": ID(stored=True),
        "path": STORED(),
        "title": STORED(),
        SNIPPETS: STORED(),
    }
    analyzer = analysis.analyzer()
    for name in TEXT_FIELDS:
        fields[length_column(name)] = COLUMN(columns.NumericColumn("I", default=0))
    for lang in LANGUAGES:
        for name in TEXT_FIELDS:
            fields[field(name, lang)] = TEXT(analyzer=analyzer, stored=name == "summary", phrase=False)
        fields[field(PHRASES, lang)] = TEXT(analyzer=analyzer, phrase=True)
    return Schema(**fields)


def site_path(entry: Entry, lang: str) -> str:
    """The entry page inside the built site, such as 'ru/ru/ru-call-up.html'."""
    return site_url(lang, entry_path(entry))


def build_index(entries: list[Entry], target: Path) -> Path:
    """Write the index for every entry in every language to `target` (replaced only when complete).

    A language's entries are added in the order of their pages' addresses, so that their document numbers
    order pages of equal score as the browser does."""
    staging = target.with_name(target.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    state = random.getstate()
    random.seed(_SEED)
    try:
        ix = whoosh_index.create_in(str(staging), schema())
        # A compound file records its parts' modification times. Postings go in blocks of BLOCK_POSTINGS, which
        # ranking decodes a block at a time.
        writer = ix.writer(compound=False, codec=W3Codec(blocklimit=BLOCK_POSTINGS))
        for lang in LANGUAGES:
            atlas = Atlas(entries, lang, today=build_date(), glossary=load_glossary())
            for entry in sorted(entries, key=lambda e: site_path(e, lang)):
                fields = entry_fields(atlas, entry)
                writer.add_document(
                    id=entry.id,
                    lang=lang,
                    jurisdiction=entry.jurisdiction,
                    topic=entry.topic,
                    path=site_path(entry, lang),
                    title=fields["title"],
                    **{SNIPPETS: page_text(atlas.text(entry.body))},
                    **{field(name, lang): fields[name] for name in TEXT_FIELDS},
                    **{length_column(name): len(analysis.terms(fields[name])) for name in TEXT_FIELDS},
                    **{field(PHRASES, lang): "\n".join(fields[name] for name in TEXT_FIELDS if name != "glossary")},
                )
        writer.commit(optimize=True)
        for lock in staging.glob("*_WRITELOCK"):
            lock.unlink()  # an empty leftover of the writer; not part of the index
    finally:
        random.setstate(state)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def detect_language(text: str) -> str:
    return "ru" if analysis.CYRILLIC.search(text) else "en"


QUOTED = re.compile(r'"([^"]*)"')


class Searcher:
    def __init__(self, index_dir: Path):
        if not whoosh_index.exists_in(str(index_dir)):
            raise SearchError(
                f"no search index at {index_dir} (expected the folder written by `kb index` or `kb build`; "
                "run `kb index` or `make site`)"
            )
        another_version = SearchError(f"the search index at {index_dir} is from another version of kb (run `kb index` again)")
        try:
            self.ix = whoosh_index.open_dir(str(index_dir))
        except (AttributeError, ImportError):  # its schema names analysis classes that kb no longer has
            raise another_version from None
        self.searcher = self.ix.searcher()
        self.reader = self.searcher.reader()
        if not isinstance(self.reader, SegmentReader) or length_column(TEXT_FIELDS[0]) not in self.ix.schema:
            self.searcher.close()
            raise another_version
        self._vocabularies: dict[str, Vocabulary] = {}
        self._collections: dict[str, ranking.Collection] = {}
        self._lengths: dict[str, np.ndarray] = {}

    def close(self) -> None:
        self.searcher.close()

    def _vocabulary(self, lang: str) -> Vocabulary:
        """Every term of a language's entries (read once per searcher)."""
        if lang not in self._vocabularies:
            terms: set[str] = set()
            for name in TEXT_FIELDS:
                terms.update(term.decode("utf-8") for term in self.reader.lexicon(field(name, lang)))
            self._vocabularies[lang] = Vocabulary(sorted(terms))
        return self._vocabularies[lang]

    def _collection(self, lang: str) -> ranking.Collection:
        """A language's entries and their field lengths (read once per searcher)."""
        if not self._lengths:
            self._lengths = {
                name: np.array(list(self.reader.column_reader(length_column(name))), dtype=np.int64) for name in TEXT_FIELDS
            }
        if lang not in self._collections:
            documents = np.array(sorted(self.searcher.docs_for_query(query.Term("lang", lang))), dtype=np.int64)
            self._collections[lang] = ranking.Collection.read(self._lengths, documents)
        return self._collections[lang]

    def _phrase_documents(self, phrase: str, lang: str) -> np.ndarray:
        """Which documents hold the words of `phrase` one after the other."""
        parser = qparser.QueryParser(field(PHRASES, lang), self.ix.schema)
        held = np.zeros(self.reader.doc_count_all(), dtype=bool)
        held[list(self.searcher.docs_for_query(parser.parse(f'"{phrase}"')))] = True
        return held

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
        vocabulary = self._vocabulary(lang)
        query_words = list(dict.fromkeys(analysis.terms(text)))
        more = glossary_matches(query_words, load_glossary(), lang)
        words = [[((term,), counts) for term, counts in vocabulary.matches(word)] + more.get(word, []) for word in query_words]
        allowed = self._allowed(jurisdiction, topic)
        for phrase in QUOTED.findall(text):
            if analysis.terms(phrase):
                held = self._phrase_documents(phrase, lang)
                allowed = held if allowed is None else allowed & held
        fields = {name: field(name, lang) for name in TEXT_FIELDS}
        ranked = ranking.rank(self.reader, self._collection(lang), fields, words, allowed, limit)
        terms = {term for matches in words for group, _ in matches for term in group}
        return [self._hit(doc, score, terms) for doc, score in ranked]

    def _hit(self, doc: int, score: float, terms: set[str]) -> Hit:
        stored = self.searcher.stored_fields(doc)
        lang = stored["lang"]
        # The summary is short and says what the entry is about; the entry's own text is read only when the
        # summary has none of the words.
        snippet = self._highlight(stored.get(field("summary", lang)) or "", terms) or self._highlight(
            stored.get(SNIPPETS) or "", terms
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
    def _highlight(text: str, terms: set[str]) -> str:
        fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
        return highlight.highlight(text, terms, analysis.analyzer(), fragmenter, _BoldFormatter(), top=2)


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

