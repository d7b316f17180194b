"""What both searches index of a page: its text fields, the page text as a reader sees it, and the glossary's
bridge between the languages.

An entry's fields are the same in `kb search` and in the browser: title, summary and key facts
(`Atlas.search_fields`), the text of the entry's page (its Markdown rendered as the site renders it) and
the glossary's words for the terms that text uses.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

import markdown

from kb_builder.content.glossary import Term
from kb_builder.content.schema import Entry
from kb_builder.pages.atlas import Atlas
from kb_builder.pages.sanitize import sanitize_html
from kb_builder.search import analysis
from kb_builder.search.policy import policy

#: The Markdown extensions of the site (mkdocs.yml's markdown_extensions) that shape a page's text.
PAGE_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "toc")


class _Text(HTMLParser):
    """Visible text of an HTML fragment, without the ¶ permalinks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "")):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
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
    html = markdown.markdown(page_markdown, extensions=list(PAGE_EXTENSIONS), extension_configs={"toc": {"permalink": True}})
    return html_text(sanitize_html(html))


def entry_fields(atlas: Atlas, entry: Entry) -> dict[str, str]:
    """The search fields of an entry in the atlas's language, as the site's search indexes its page."""
    body = page_text(atlas.entry_page(entry).markdown)
    return {**atlas.search_fields(entry), "glossary": glossary_bridge(body, atlas.glossary), "body": body}
