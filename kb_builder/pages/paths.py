"""Where every generated page is, and how pages link to each other: the atlas's one link scheme.

Pages are Markdown paths relative to a language's docs folder (`ru/ru-call-up.md`); the built page is the same
path with `.html` (the site is built with `use_directory_urls: false`, so that it works from disk).
"""

from __future__ import annotations

import posixpath

from kb_builder.content.jurisdictions import jurisdiction_slug
from kb_builder.content.schema import Case, Entry

HOME_PAGE = "index.md"
SOURCES_PAGE = "sources.md"
COUNTRIES_PAGE = "countries.md"
GLOSSARY_PAGE = "glossary.md"
DEADLINES_PAGE = "deadlines.md"
#: The heading of a jurisdiction page's table of deadlines, which "All deadlines" links to.
DEADLINES_ANCHOR = "deadlines"
#: The headings of the sections of an entry's or guide's page that only list other pages: related entries (or
#: guides), more from the entry's country, the decisions that apply an entry, a guide's pointer to the case law.
#: Search leaves them out of the page's text: their titles are those pages' words.
RELATED_ANCHOR, MORE_ANCHOR, DECISIONS_ANCHOR, CASE_LAW_ANCHOR = "related", "more", "cases", "case-law"
LISTING_ANCHORS = frozenset({RELATED_ANCHOR, MORE_ANCHOR, DECISIONS_ANCHOR, CASE_LAW_ANCHOR})
COMPARE_CONSCRIPTION = "compare/conscription.md"
COMPARE_STAY = "compare/stay.md"
COMPARE_ASYLUM_DEADLINES = "compare/asylum-deadlines.md"
#: The name of a jurisdiction's printable page, in its folder.
DOSSIER = "dossier.md"
#: The situation guides: their index, every guide on one page for printing, "what applies to me", the directory
#: of organisations.
GUIDES_FOLDER = "guides"
GUIDES_PAGE = f"{GUIDES_FOLDER}/index.md"
GUIDES_DOSSIER = f"{GUIDES_FOLDER}/{DOSSIER}"
QUIZ_PAGE = "what-applies.md"
HELP_PAGE = "help.md"
#: Applications and complaints to fill in (templates/ in the sources): their list, and every one blank on one page
#: for printing. Not "templates/", which mkdocs leaves out of every site by default.
TEMPLATES_FOLDER = "forms"
TEMPLATES_PAGE = f"{TEMPLATES_FOLDER}/index.md"
TEMPLATES_DOSSIER = f"{TEMPLATES_FOLDER}/{DOSSIER}"
#: Court decisions: the table of all of them, every one on one page for printing, a page per jurisdiction
#: (`cases/<code>/index.md`) and one per decision (`cases/<code>/<id>.md`), as in the sources' `cases/` folder.
CASES_FOLDER = "cases"
CASES_PAGE = f"{CASES_FOLDER}/index.md"
CASES_DOSSIER = f"{CASES_FOLDER}/{DOSSIER}"
#: What each release added, corrected or removed.
CHANGES_PAGE = "changes.md"
#: The hand-written page on carrying the atlas safely (docs/<lang>/safety.md).
SAFETY_PAGE = "safety.md"


def guide_path(guide_id: str) -> str:
    return f"{GUIDES_FOLDER}/{guide_id}.md"


def template_path(template_id: str) -> str:
    return f"{TEMPLATES_FOLDER}/{template_id}.md"


def case_path(case: Case) -> str:
    return f"{CASES_FOLDER}/{jurisdiction_slug(case.jurisdiction)}/{case.id}.md"


def cases_path(code: str) -> str:
    """The case-law page of a jurisdiction."""
    return f"{CASES_FOLDER}/{jurisdiction_slug(code)}/index.md"


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


#: Every topic with how many entries it has: the page the navigation's "Topics" opens.
TOPICS_PAGE = "topics/index.md"


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
