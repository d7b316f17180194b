"""Full-text search for the command line (`kb index`, `kb search`), on a whoosh index of the entries.

One whoosh document per entry and language, with the fields that the browser's search indexes of the
entry's page (`documents.indexed_pages`), analysed into terms by the policy's rules (`analysis`) and each term
weighed once, as the browser's index weighs it (`ranking.weights`). A query's
words match terms as the policy says (`matching`: the word, the terms it begins, or terms within a typo of
it) and pages are ranked by the policy's BM25F (`ranking`), as in the browser, so that both searches find
the same entries in the same order. The glossary's words for the terms a page uses are one of its fields,
and query words that hold a glossary term also match its words in the page's language (`matching`), so
that a query in one language finds pages written in the other. Quoted phrases, --jurisdiction and --topic
narrow the results, which the browser does not offer.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kb_builder.content.names import LANGUAGES, TOPICS
from kb_builder.search import analysis, ranking
from kb_builder.search.engine import ID, STORED, TEXT, Schema, SegmentReader, W3Codec, highlight
from kb_builder.search.engine import index as whoosh_index
from kb_builder.search.matching import GlossaryForms, Vocabulary, glossary_matches
from kb_builder.search.policy import policy

if TYPE_CHECKING:
    from kb_builder.content.loader import LoadResult
    from kb_builder.search.documents import Indexed

#: The text fields, as the policy names them.
TEXT_FIELDS = tuple(policy().fields)
#: Each term of a page with its weight there (`ranking.weights`), the one field ranking reads: the page's
#: fields are weighed once, when the index is made.
WEIGHTS = "weights"
#: The page's text (not the glossary's words) as its terms in order, one space between them, stored for finding
#: quoted phrases: a phrase's pages are those that have all its terms (`WEIGHTS`) and, here, the terms in a row.
#: (A field of whoosh with word positions held the same; its positions made up half the index and half its making.)
PHRASES = "terms"
#: The page's summary, which snippets quote first.
SUMMARY = "summary"
#: The entry's own text (its body, without the rest of its page), which snippets quote when the summary has none
#: of the query's words.
SNIPPETS = "own_text"
#: Whether a document is an entry (BM25's statistics are counted over the entries, as in the browser).
ENTRY = "entry"
#: Beside the whoosh index, made by `kb index` so that a search reads no YAML, loads no schema and stems nothing but
#: its query: each language's terms, those of them that only pages other than entries have (the browser's index has
#: each term's count of entries; prefix matching and typos go by it), and the glossary's forms as terms.
EXTRAS = "search-extras.json"
INDEX_NAME = "cli-index"
_SEED = 20261121  # whoosh names its segments at random; a fixed seed keeps the bundle reproducible
#: Postings per block of the index (whoosh's default is 128): fewer blocks to read for a common word.
BLOCK_POSTINGS = 1024


class SearchError(Exception):
    """A search that cannot run (no index, bad option); the message says what to do."""


class Hit(NamedTuple):
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


def schema() -> Schema:
    fields: dict[str, object] = {
        "id": ID(stored=True),
        "lang": ID(stored=True),
        "jurisdiction": ID(stored=True),
        "topic": ID(stored=True),
        ENTRY: ID(),
        "path": STORED(),
        "title": STORED(),
        SNIPPETS: STORED(),
    }
    for lang in LANGUAGES:
        fields[field(WEIGHTS, lang)] = TEXT(analyzer=analysis.WeightedTerms(), phrase=False)
        fields[field(PHRASES, lang)] = STORED()
        fields[field(SUMMARY, lang)] = STORED()
    return Schema(**fields)


def language_pages(content: LoadResult, lang: str) -> list[Indexed]:
    """The pages of one language that `kb search` indexes (entries, guides, forms, decisions), with the fields the
    browser's search gives them, in the order of their addresses (as the browser numbers its pages)."""
    from kb_builder.build_info import build_date
    from kb_builder.content.glossary import load_glossary
    from kb_builder.pages.atlas import Atlas
    from kb_builder.pages.cases import CasePages
    from kb_builder.pages.documents import DocumentPages
    from kb_builder.pages.guides import GuidePages
    from kb_builder.search.documents import indexed_pages

    entries = [item.entry for item in content.entries if item.entry is not None]
    atlas = Atlas(entries, lang, today=build_date(), glossary=load_glossary(), organisations=content.organisations,
                  cases=content.cases)
    return indexed_pages(atlas, GuidePages(atlas, content.guides, content.templates),
                         DocumentPages(atlas, content.templates, content.guides), CasePages(atlas, content.cases))


def build_index(content: LoadResult, target: Path, made: dict[str, list[Indexed]] | None = None) -> Path:
    """Write the index of every entry, guide, form and decision in every language to `target` (replaced only when
    complete). `made` has each language's pages as the site's build made them (`kb build`); without it (`kb
    index`) they are made here.

    A language's pages are added in the order of their addresses, so that their document numbers order pages of
    equal score as the browser does; each page's terms are weighed against the averages of the language's
    entries, as the browser's index weighs them."""
    import shutil

    from kb_builder.content.glossary import load_glossary
    from kb_builder.pages.paths import site_url
    from kb_builder.search.documents import page_text

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
        by_id = {item.entry.id: item.entry for item in content.entries if item.entry is not None}
        others: dict[str, list[str]] = {}
        vocabulary: dict[str, set[str]] = {}
        for lang in LANGUAGES:
            in_entries: set[str] = set()
            elsewhere: set[str] = set()
            pages = made[lang] if made is not None else language_pages(content, lang)
            # A field a page does not have (only entries have labels, only guides questions) is empty, as in the browser's index.
            analysed = [{name: analysis.terms(page.document.fields.get(name, "")) for name in TEXT_FIELDS} for page in pages]
            average = ranking.averages([{name: len(found) for name, found in field_terms.items()} for field_terms in analysed],
                                       [page.document.entry for page in pages])
            for page, field_terms in zip(pages, analysed):
                document = page.document
                fields = document.fields
                weighed = ranking.weights(field_terms, average, document.weight)
                (in_entries if document.entry else elsewhere).update(weighed)
                own = by_id[page.id].body if document.entry else None
                writer.add_document(
                    id=page.id,
                    lang=lang,
                    jurisdiction=page.jurisdiction,
                    topic=page.kind,
                    path=site_url(lang, page.path),
                    title=document.title,
                    **{ENTRY: "1" if document.entry else "0"},
                    **{SNIPPETS: page_text(own.get(lang) or own.en) if own is not None else document.snippet},
                    **{field(WEIGHTS, lang): "\n".join(f"{term} {units}" for term, units in weighed.items())},
                    **{field(SUMMARY, lang): fields[SUMMARY]},
                    **{field(PHRASES, lang): " ".join(term for name in TEXT_FIELDS if name != "glossary"
                                                      for term in field_terms[name])},
                )
            others[lang] = sorted(elsewhere - in_entries)
            vocabulary[lang] = in_entries | elsewhere
        writer.commit(optimize=True)
        glossary = [GlossaryForms.of(term.en, term.ru) for term in load_glossary()]
        extras = {
            "others": others,
            "vocabulary": {lang: sorted(vocabulary[lang]) for lang in LANGUAGES},
            "glossary": [{"every": term.every, "by_lang": term.by_lang} for term in glossary],
        }
        (staging / EXTRAS).write_text(json.dumps(extras, ensure_ascii=False, sort_keys=True), encoding="utf-8")
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
        another_version = SearchError(f"the search index at {index_dir} is from another version of kb (run `kb index` again)")
        try:
            exists = whoosh_index.exists_in(str(index_dir))
        except (AttributeError, ImportError):  # its schema names analysis classes that kb no longer has
            raise another_version from None
        if not exists:
            raise SearchError(
                f"no search index at {index_dir} (expected the folder written by `kb index` or `kb build`; "
                "run `kb index` or `make site`)"
            )
        try:
            self.ix = whoosh_index.open_dir(str(index_dir))
            # The reader alone: whoosh's searcher and query modules cost more to import than a search takes.
            self.reader = self.ix.reader()
        except (AttributeError, ImportError):  # its schema names analysis classes that kb no longer has
            raise another_version from None
        fields = set(self.ix.schema.names())
        if not isinstance(self.reader, SegmentReader) or not {field(WEIGHTS, LANGUAGES[0]), field(PHRASES, LANGUAGES[0])} <= fields:
            self.reader.close()
            raise another_version
        self._vocabularies: dict[str, Vocabulary] = {}
        self._collections: dict[str, ranking.Collection] = {}
        try:
            extras = json.loads((index_dir / EXTRAS).read_text(encoding="utf-8"))
            self._others: dict[str, list[str]] = extras["others"]
            self._terms: dict[str, list[str]] = extras["vocabulary"]
            self._glossary = tuple(
                GlossaryForms(tuple(map(tuple, t["every"])), {lang: tuple(map(tuple, forms)) for lang, forms in t["by_lang"].items()})
                for t in extras["glossary"]
            )
        except (OSError, ValueError, KeyError, TypeError):
            self.reader.close()
            raise another_version from None

    def close(self) -> None:
        self.reader.close()

    def _vocabulary(self, lang: str) -> Vocabulary:
        """Every term of a language's pages, and which of them its entries have (as `kb index` listed them)."""
        if lang not in self._vocabularies:
            terms = self._terms[lang]
            self._vocabularies[lang] = Vocabulary(terms, set(terms) - set(self._others.get(lang, ())))
        return self._vocabularies[lang]

    def _collection(self, lang: str) -> ranking.Collection:
        """A language's entries (read once per searcher)."""
        if lang not in self._collections:
            self._collections[lang] = ranking.Collection(sorted(self._documents("lang", lang) & self._documents(ENTRY, "1")))
        return self._collections[lang]

    def _documents(self, name: str, value: str) -> set[int]:
        """The documents whose field `name` has the term `value`."""
        return set(ranking.postings(self.reader, name, value)[0])

    def _phrase_documents(self, phrase: str, lang: str) -> set[int]:
        """Which documents hold the words of `phrase` one after the other: of those that have all its terms,
        those whose text has them in a row."""
        wanted = analysis.terms(phrase)
        held: set[int] | None = None
        for term in wanted:
            docs = self._documents(field(WEIGHTS, lang), term)
            held = docs if held is None else held & docs
        in_a_row = f" {' '.join(wanted)} "
        return {doc for doc in held or () if in_a_row in f" {self.reader.stored_fields(doc).get(field(PHRASES, lang), '')} "}

    def _allowed(self, jurisdiction: str | None, topic: str | None) -> set[int] | None:
        """Documents that pass the --jurisdiction and --topic filters (None: no filter)."""
        terms = [("jurisdiction", jurisdiction.upper())] if jurisdiction else []
        terms += [("topic", topic)] if topic else []
        if not terms:
            return None
        allowed = self._documents(*terms[0])
        for name, value in terms[1:]:
            allowed &= self._documents(name, value)
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
        more = glossary_matches(query_words, self._glossary, lang)
        words = [[((term,), counts) for term, counts in vocabulary.matches(word)] + more.get(word, []) for word in query_words]
        allowed = self._allowed(jurisdiction, topic)
        for phrase in QUOTED.findall(text):
            if analysis.terms(phrase):
                held = self._phrase_documents(phrase, lang)
                allowed = held if allowed is None else allowed & held
        ranked = ranking.rank(self.reader, self._collection(lang), field(WEIGHTS, lang), words, allowed, limit)
        terms = {term for matches in words for group, _ in matches for term in group}
        return [self._hit(doc, score, terms) for doc, score in ranked]

    def _hit(self, doc: int, score: float, terms: set[str]) -> Hit:
        stored = self.reader.stored_fields(doc)
        lang = stored["lang"]
        # The summary is short and says what the entry is about; the entry's own text is read only when the
        # summary has none of the words.
        snippet = self._highlight(stored.get(field(SUMMARY, lang)) or "", terms) or self._highlight(
            stored.get(SNIPPETS) or "", terms
        )
        if not snippet:
            snippet = (stored.get(field(SUMMARY, lang)) or "")[:220]
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
    return hit._asdict()


def describe(hit: Hit, rank: int) -> str:
    from kb_builder.pages.labels import label, topic_name

    kind = topic_name(hit.topic, hit.lang) if hit.topic in TOPICS else label(hit.topic, hit.lang)
    where = " · ".join(filter(None, [hit.jurisdiction, kind, hit.path]))
    return f"{rank}. {hit.title}\n   {where}\n   {hit.snippet}"

