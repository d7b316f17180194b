"""The in-browser search: documents to a compact prebuilt index, and the scripts that read it.

The index is built by `assets/build-search-index.js` under Node, with the same tokenizer and
stemmers that the browser uses for queries, so a word and its query always reduce to the same term.
Both the engine and the index are plain scripts: they load from `file://` with no fetch, no worker
and no network. The search policy (`policy.json`) travels inside the index, so that the browser ranks
by the same values as `kb search`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kb_builder.content.glossary import load_glossary
from kb_builder.search.matching import GlossaryForms
# The renderer builds the documents with these (they are shared with `kb search`).
from kb_builder.search.policy import policy

ASSETS = Path(__file__).resolve().parent.parent / "assets"
INDEX_BUILDER = ASSETS / "build-search-index.js"

SNIPPET_CHARS = 220
#: The first line of the scripts a search runs before its first result (the site's script and the index's
#: `index.js`): V8's compile hint (Chromium 136 and later; other browsers read a comment) to compile every
#: function of the script while it loads, off the page's thread, instead of each one on its first call, on
#: the page's thread, between loading a part of the index and showing a result. Measured on the phone
#: profile: the first result 7-23 ms sooner (BENCHMARKS.md).
COMPILE_EAGERLY = "//# allFunctionsCalledOnLoad\n"
#: The search box's words (labels.py "search_<name>"); the count of results is a counted noun ("results").
LABELS = ("label", "placeholder", "loading", "none", "unavailable")


class SearchUnavailable(Exception):
    """The index could not be built (no Node.js, or no node_modules); the message says how to fix it."""


#: Pages that list other pages (jurisdiction, topic, sources, deadlines, glossary pages) rank below
#: the entries and guides they list.
LISTING_WEIGHT = policy().listing_weight


@dataclass
class SearchDocument:
    """A page as the search indexes it. An entry's, guide's, form's and decision's fields are those that
    `documents.indexed_pages` gives `kb search` too (title, summary, labels, facts, glossary, body); `entry` says it is an
    entry, for BM25's statistics are counted over the entries, as in `kb search`."""

    url: str
    title: str
    meta: str
    snippet: str
    fields: dict[str, str]
    weight: float = 1.0
    entry: bool = False

    @property
    def is_entry(self) -> bool:
        return self.entry


def shorten(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def node_modules(start: Path) -> Path:
    """The node_modules folder with lunr: KB_NODE_MODULES, or beside mkdocs.yml, or beside the kb_builder package
    (a source checkout)."""
    candidates = [Path(os.environ["KB_NODE_MODULES"])] if os.environ.get("KB_NODE_MODULES") else []
    candidates += [start / "node_modules", Path(__file__).resolve().parents[2] / "node_modules"]
    for candidate in candidates:
        if all((candidate / package).is_dir() for package in ("lunr", "lunr-languages", "tablesort")):
            return candidate
    raise SearchUnavailable(
        "the site's JavaScript (npm packages lunr, lunr-languages, tablesort) is not installed "
        "(expected node_modules/ beside mkdocs.yml; run `npm ci` or `make site`)"
    )


#: Where lunr's minified script (2.3) turns from what the pipeline uses (tokens, pipelines, the English stemmer,
#: stop words and trimmer) to what it does not (term sets, the index, its builder and query parser: the atlas's
#: search has its own index and ranking), and where its export begins.
_LUNR_CUT = "e.TokenSet=function"
_LUNR_EXPORT = 'function(e,t){"function"==typeof define'


def lunr_core(modules: Path) -> str:
    """lunr's script without the parts the pipeline never calls (about two thirds of it), so that a phone reads
    and runs less before its first result."""
    path = modules / "lunr" / "lunr.min.js"
    text = path.read_text(encoding="utf-8")
    cut, export = text.find(_LUNR_CUT), text.rfind(_LUNR_EXPORT)
    if cut < 0 or export < cut or not text[:cut].endswith(","):
        raise SearchUnavailable(
            f"{path}: not laid out as lunr 2.3's script (expected {_LUNR_CUT!r} before its export; "
            "run `npm ci` to install the version package-lock.json names)"
        )
    return text[:cut] + text[export:]


def engine_script(modules: Path) -> str:
    """lunr's tokens and stemmers, its Russian stemmer and the shared pipeline, as one script."""
    parts = [
        lunr_core(modules),
        (modules / "lunr-languages" / "min" / "lunr.stemmer.support.min.js").read_text(encoding="utf-8"),
        (modules / "lunr-languages" / "min" / "lunr.ru.min.js").read_text(encoding="utf-8"),
        (ASSETS / "kb-pipeline.js").read_text(encoding="utf-8"),
    ]
    return "\n;\n".join(parts) + "\n"


#: Approximate size of one part of the index: a query loads only the parts it needs.
SHARD_CHARS = 32_000
#: Pages per part of the page list (titles, addresses, snippets).
PAGES_PER_PART = 16
#: Folder of the index parts, inside the site.
INDEX_DIR = "assets/kb/search"


def build_index(documents: list[SearchDocument], lang: str, modules: Path) -> dict[str, str]:
    """The index of one language, as scripts named by their path inside the site.

    `index.js` is what every search needs first, in one file: the engine (`engine_script`) and the
    index's table of contents (the number of pages and of entries, the first term of every part, the
    search policy and the glossary). Each term part (`t<k>.js`) holds a sorted run of terms with
    their postings and the number of entries that have each, each page part (`p<k>.js`) the titles,
    addresses and snippets of PAGES_PER_PART pages, and `terms.js` every term, for matching misspelt
    words. A query loads the term parts that hold its words and the page parts of its results, never
    the whole index, so that the cost of a query grows little with the atlas. Pages are numbered in
    the order of their addresses, which is how pages of equal score are ordered.
    """
    node = shutil.which("node")
    if node is None:
        raise SearchUnavailable("Node.js is needed to build the search index (expected `node` on PATH)")
    documents = sorted(documents, key=lambda doc: doc.url)
    payload = json.dumps(
        {
            "policy": policy().raw,
            "docs": [doc.fields for doc in documents],
            "weights": [doc.weight for doc in documents],
            "entries": [doc.is_entry for doc in documents],
        },
        ensure_ascii=False,
    )
    result = subprocess.run(
        [node, str(INDEX_BUILDER)],
        input=payload,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "KB_NODE_MODULES": str(modules)},
        timeout=600,
    )
    if result.returncode != 0:
        raise SearchUnavailable(f"building the search index failed: {result.stderr.strip()[-2000:]}")
    index = json.loads(result.stdout)
    terms, postings, df = index["terms"], index["postings"], index["df"]
    parts: dict[str, object] = {}
    first: list[str] = []
    start = 0
    while start < len(terms):
        end, size = start, 0
        while end < len(terms) and (end == start or size + len(postings[end]) <= SHARD_CHARS):
            size += len(terms[end]) + len(postings[end])
            end += 1
        parts[f"t{len(first)}"] = {"terms": terms[start:end], "postings": postings[start:end], "df": df[start:end]}
        first.append(terms[start])
        start = end
    pages = [[doc.title, doc.url, doc.meta, doc.snippet] for doc in documents]
    for k in range(0, len(pages), PAGES_PER_PART):
        parts[f"p{k // PAGES_PER_PART}"] = pages[k : k + PAGES_PER_PART]
    parts["terms"] = terms
    parts["index"] = {
        "lang": lang,
        "n": index["n"],
        "entries": index["entries"],
        "first": first,
        "pagesPerPart": PAGES_PER_PART,
        "policy": policy().raw,
        # Each glossary term as the terms of its forms (as `kb search` keeps them): the page stems nothing but
        # the query before its first results.
        "glossary": [{"forms": forms.every, "expand": forms.by_lang[lang]}
                     for forms in (GlossaryForms.of(term.en, term.ru) for term in load_glossary())],
    }
    scripts = {f"{INDEX_DIR}/{name}.js": _part_script(name, data) for name, data in parts.items()}
    scripts[f"{INDEX_DIR}/index.js"] = COMPILE_EAGERLY + engine_script(modules) + ";\n" + scripts[f"{INDEX_DIR}/index.js"]
    return scripts


def _part_script(name: str, data: object) -> str:
    # A JSON string handed to JSON.parse loads faster than the same data written as a script literal.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        "(window.__kbSearch = window.__kbSearch || {})[" + json.dumps(name) + "] = JSON.parse("
        + json.dumps(text, ensure_ascii=False) + ");\n"
    )
