"""The Markdown dialect of the generated pages, in one place: Python-Markdown with the extensions mkdocs.yml
enables (admonition, attr_list, md_in_html, tables). Authored text is escaped where the dialect needs it.
"""

from __future__ import annotations

import html

import markdown

from markupsafe import Markup


def escape_link_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def cell(text: str) -> str:
    """Text that fits in one Markdown table cell."""
    return " <br> ".join(part.strip() for part in text.strip().replace("|", "\\|").splitlines() if part.strip())


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.strip().splitlines())


def heading(level: int, text: str, anchor: str | None = None) -> str:
    """A heading of `level` with an optional fixed id. The text is HTML-escaped: themes print a page's title,
    taken from its first heading, unescaped."""
    return "#" * level + " " + html.escape(text, quote=False) + (f" {{#{anchor}}}" if anchor else "")


def admonition(kind: str, css_class: str, title: str, body: str) -> list[str]:
    """A box (`!!! kind class "title"`) with an indented body, then a blank line."""
    return [f'!!! {kind} {css_class} "{title}"', indent(body), ""]


def block(css_class: str, lines: list[str]) -> list[str]:
    """Markdown inside a <div> of a class (md_in_html), then a blank line."""
    return [str(Markup('<div class="{}" markdown="1">').format(css_class)), *lines, "</div>", ""]


def attributes(css_class: str) -> str:
    """The attr_list line that gives the paragraph above it a class."""
    return f"{{: .{css_class} }}"


#: The class of a paragraph that is a row of links separated by " · " (countries, ways into the atlas): on a phone,
#: lines far enough apart, and links tall enough, to tap one without hitting the next (kb-theme.css).
LINK_ROW = "kb-link-row"


def link_row(links: list[str]) -> list[str]:
    """Links in one paragraph, separated by " · ", with the class that makes them easy to tap; then a blank line."""
    return [" · ".join(links), attributes(LINK_ROW), ""] if links else []


#: Python-Markdown's names of the extensions the pages are written for (the site's configuration enables them).
EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "toc")


def to_html(text: str) -> str:
    """A page's Markdown as HTML in the pages' dialect (for search documents; the renderer makes the pages)."""
    return markdown.markdown(text, extensions=list(EXTENSIONS))
