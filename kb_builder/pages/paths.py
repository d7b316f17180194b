"""Where every generated page is, and how pages link to each other: the atlas's one link scheme.

Pages are Markdown paths relative to a language's docs folder (`ru/ru-call-up.md`); the built page is the same
path with `.html` (the site is built with `use_directory_urls: false`, so that it works from disk).
"""

from __future__ import annotations

import posixpath

from kb_builder.content.jurisdictions import jurisdiction_slug
from kb_builder.content.schema import Entry

HOME_PAGE = "index.md"
SOURCES_PAGE = "sources.md"
COUNTRIES_PAGE = "countries.md"
GLOSSARY_PAGE = "glossary.md"
DEADLINES_PAGE = "deadlines.md"
#: The heading of a jurisdiction page's table of deadlines, which "All deadlines" links to.
DEADLINES_ANCHOR = "deadlines"
COMPARE_CONSCRIPTION = "compare/conscription.md"
COMPARE_STAY = "compare/stay.md"
COMPARE_ASYLUM_DEADLINES = "compare/asylum-deadlines.md"
#: The name of a jurisdiction's printable page, in its folder.
DOSSIER = "dossier.md"


def entry_path(entry: Entry) -> str:
    return f"{jurisdiction_slug(entry.jurisdiction)}/{entry.id}.md"


def jurisdiction_path(code: str) -> str:
    return f"{jurisdiction_slug(code)}/index.md"


def dossier_path(code: str) -> str:
    return f"{jurisdiction_slug(code)}/{DOSSIER}"


def sources_path(code: str) -> str:
    return f"{jurisdiction_slug(code)}/sources.md"


def baseline_path(code: str, has_entries: bool = True) -> str:
    """Where a country's baseline is: beside its entries, or, when it has none, its country page itself."""
    return f"{jurisdiction_slug(code)}/baseline.md" if has_entries else jurisdiction_path(code)


def topic_path(topic: str) -> str:
    return f"topics/{topic}.md"


def link(from_page: str, to_page: str) -> str:
    """A relative link between two pages, as Markdown expects it."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def page_url(path: str) -> str:
    """The built page of a Markdown page (or of a link to one): `ru/ru-call-up.md` → `ru/ru-call-up.html`."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def site_url(lang: str, path: str) -> str:
    """A page inside the built site, from its root: `ru/ru/ru-call-up.html`."""
    return f"{lang}/{page_url(path)}"
