"""What both searches index of a page: its text fields, the page text as a reader sees it, and the glossary's
bridge between the languages.

The fields of an entry, a situation guide, a form and a court decision are the same in `kb search` and in the
browser (`indexed_pages`): title, summary and facts (each kind's `search_fields`), the text of its page (its
Markdown rendered as the site renders it) and the glossary's words for the terms that text uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from kb_builder.content.glossary import Term
from kb_builder.content.schema import Entry
from kb_builder.pages.atlas import Atlas
from kb_builder.pages.cases import CasePages
from kb_builder.pages.documents import DocumentPages
from kb_builder.pages.guides import GuidePages
from kb_builder.pages.markdown import to_html
from kb_builder.pages.paths import (
    LISTING_ANCHORS,
    case_path,
    entry_path,
    guide_path,
    page_url,
    site_url,
    template_path,
)
from kb_builder.pages.sanitize import sanitize_html
from kb_builder.search import analysis
from kb_builder.search.browser_index import SearchDocument
from kb_builder.search.policy import policy

#: The kinds of generated page both searches index with their own fields (`indexed_pages`).
INDEXED_KINDS = ("entry", "guide", "template", "case")


class _Text(HTMLParser):
    """Visible text of an HTML fragment, without the ¶ permalinks and the sections that only list other pages
    (`LISTING_ANCHORS`: counted as a page's text, their titles made "дезертирство" a word of nearly every entry)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_link_section = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag in ("h1", "h2"):
            self.in_link_section = named.get("id") in LISTING_ANCHORS
        if self.skip or (tag == "a" and "headerlink" in (named.get("class") or "")):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip and not self.in_link_section:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The visible text of an HTML fragment, its white space collapsed."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def glossary_bridge(text: str, glossary: tuple[Term, ...]) -> str:
    """Both languages' words for every glossary term the text uses, so either language's query finds it;
    repeated as often as the page uses the term (any form of it, in either language, counted on the terms
    the search makes of them, so that inflected words count), up to the policy's glossary.repeat, so the
    pages about it rank first."""
    words = analysis.terms(text)
    where: dict[str, list[int]] = defaultdict(list)
    for position, word in enumerate(words):
        where[word].append(position)
    found = []
    for term in glossary:
        uses = 0
        for form in analysis.form_terms(tuple(term.en + term.ru)):
            uses += sum(words[start : start + len(form)] == list(form) for start in where.get(form[0], ()))
        found += [" ".join(term.en + term.ru)] * min(uses, policy().glossary_repeat)
    return " ".join(found)


def page_text(page_markdown: str) -> str:
    """The text of a generated page, as its rendered and sanitised HTML shows it."""
    return html_text(sanitize_html(to_html(page_markdown)))


def page_fields(atlas: Atlas, body: str, own: dict[str, str]) -> dict[str, str]:
    """A generated page's search fields: its own (title, summary, labels, facts), the glossary's words for the terms its
    text (`body`) uses, and that text."""
    return {**own, "glossary": glossary_bridge(body, atlas.glossary), "body": body}


def entry_fields(atlas: Atlas, entry: Entry, body: str | None = None) -> dict[str, str]:
    """The search fields of an entry in the atlas's language, as both searches index its page (`body`: the text
    of its page, rendered here when not given)."""
    text = page_text(atlas.entry_page(entry).markdown) if body is None else body
    return page_fields(atlas, text, atlas.search_fields(entry))


@dataclass(frozen=True)
class Indexed:
    """A page that both searches index alike: an entry, a situation guide, a form or a court decision, with its
    Markdown path, its id, what it is and where, and the document both searches make of it (its fields, the line
    and snippet a result shows, how much it weighs; BM25's statistics are counted over the entries only)."""

    path: str
    id: str
    kind: str  # an entry's topic, or guide, template, case
    jurisdiction: str
    document: SearchDocument


def indexed_pages(atlas: Atlas, guides: GuidePages, forms: DocumentPages, cases: CasePages,
                  texts: Mapping[str, str] | None = None) -> list[Indexed]:
    """Every page of one language that both searches index with its own fields (other pages only the browser
    indexes, by their text), in the order of their addresses (as the browser numbers its pages). `texts` has the
    text of pages the site has rendered already, by Markdown path; a page not in it is rendered here."""
    rendered = texts or {}

    def text(path: str, page_markdown: Callable[[], str]) -> str:
        return rendered[path] if path in rendered else page_text(page_markdown())

    def document(path: str, title: str, meta: str, snippet: str, fields: dict[str, str], **more: object) -> SearchDocument:
        return SearchDocument(url=page_url(path), title=title, meta=meta, snippet=snippet, fields=fields, **more)  # type: ignore[arg-type]

    found = [
        Indexed(entry_path(e), e.id, e.topic, e.jurisdiction,
                document(entry_path(e), atlas.text(e.title), atlas.search_meta(e), atlas.text(e.summary),
                         entry_fields(atlas, e, text(entry_path(e), lambda: atlas.entry_page(e).markdown)), entry=True,
                         weight=policy().home_weight(atlas.lang, e.jurisdiction)))
        for e in atlas.entries
    ]
    for guide in guides.guides:
        path = guide_path(guide.id)
        found.append(Indexed(path, guide.id, "guide", "", document(
            path, atlas.text(guide.title), atlas.l("guide"), atlas.text(guide.situation),
            page_fields(atlas, text(path, lambda: guides.guide_page(guide).markdown), guides.search_fields(guide)))))
    for template in forms.templates:
        path = template_path(template.id)
        found.append(Indexed(path, template.id, "template", "", document(
            path, atlas.text(template.title), atlas.l("template"), atlas.text(template.purpose),
            page_fields(atlas, text(path, lambda: forms.template_page(template).markdown), forms.search_fields(template)),
            weight=policy().form_weight)))
    for case in cases.cases:
        path = case_path(case)
        found.append(Indexed(path, case.id, "case", case.jurisdiction, document(
            path, cases.title(case), cases.search_meta(case), atlas.text(case.holding),
            page_fields(atlas, text(path, lambda: cases.case_page(case).markdown), cases.search_fields(case)),
            weight=policy().case_weight * policy().home_weight(atlas.lang, case.jurisdiction))))
    return sorted(found, key=lambda page: site_url(atlas.lang, page.path))
