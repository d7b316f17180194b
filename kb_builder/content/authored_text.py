"""Checks on the Markdown that authors write: no raw HTML, and links only to http, https or mailto, or, in an
entry's body, to another entry by its id (`[the entry on extradition](entry:kz-extradition)`), which the page
turns into a link to that entry's page.

The renderer sanitises every generated page anyway (`sanitize.py`); these checks tell the author,
at the exact line, that the text would not survive as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from kb_builder.content.markdown_text import lists_after_paragraphs
from kb_builder.content.problems import Problem
from kb_builder.content.schema import LANGUAGES
from kb_builder.content.yaml_source import Loc, YamlDocument, dotted

ALLOWED_SCHEMES = ("http", "https", "mailto")
#: A link to another entry, by its id: allowed in an entry's body, the one text its page shows as Markdown of its
#: own (pages.atlas resolves it; loader checks that the id exists). Only links of this form are allowed, so that
#: every one the check lets through is one the page resolves; its text may run over a line break, as wrapped
#: text does.
ENTRY_SCHEME = "entry"
ENTRY_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(\s*entry:(?P<id>[^)\s]*)\s*\)")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]*>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--|<!\[CDATA\[|<\?")
_LINK = re.compile(r"\]\(\s*<?\s*(?P<url>[^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(?P<ref>\S+)", re.MULTILINE)
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):")
_CODE = re.compile(r"`[^`\n]*`")
_IMAGE = re.compile(r"!\[[^\]]*\]\(")


def _texts(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, loc + (index,))
    elif isinstance(data, str) and loc and loc[-1] in LANGUAGES:
        yield loc, data


def _folded_position(doc: YamlDocument, first_line: int, offset: int) -> tuple[int, int]:
    """Line and column in the file of the character at `offset` of a folded block scalar (`>`) whose content
    starts at `first_line`: YAML joins its lines with a space, or with one line break per blank line between
    them, so the offset is counted back through the lines as written."""
    pos, blanks, started = 0, 0, False
    for number in range(first_line, len(doc.lines) + 1):
        written = doc.lines[number - 1]
        if not written.strip():
            blanks += 1
            continue
        indent = len(written) - len(written.lstrip(" "))
        if started:
            pos += blanks or 1
        started, blanks = True, 0
        content = written[indent:].rstrip()
        if offset < pos + len(content):
            return number, indent + max(offset - pos, 0) + 1
        pos += len(content)
    return first_line, doc.indent_of(first_line) + 1


def text_position(doc: YamlDocument, loc: Loc, text: str, offset: int) -> tuple[int, int]:
    """Line and column in the file of the character at `offset` of the text at `loc`."""
    line, col = doc.position(loc)
    if doc.scalar_styles.get(loc) == ">":
        return _folded_position(doc, line + 1, offset)
    before = text[:offset]
    line_in_text = before.count("\n")
    col_in_line = offset - (before.rfind("\n") + 1)
    if doc.block_scalar(loc):
        content_line = line + 1 + line_in_text
        return content_line, doc.indent_of(content_line) + col_in_line + 1
    if line_in_text == 0:
        return line, col + col_in_line + (1 if doc.quoted(loc) else 0)
    return line + line_in_text, col_in_line + 1


def entry_links(doc: YamlDocument) -> Iterator[tuple[Loc, str, int, str]]:
    """Every link to an entry by its id in the file's texts: where (field, text, offset of the id) and the id."""
    for loc, text in _texts(doc.data):
        for match in ENTRY_LINK.finditer(_CODE.sub(lambda m: " " * len(m.group()), text)):
            yield loc, text, match.start("id"), match.group("id")


def markup_problems(doc: YamlDocument, display_path: str, *, entry_body: bool = False) -> list[Problem]:
    """Raw HTML, images and links the pages would not keep, at their line. With `entry_body`, the file is an entry,
    whose `body` may link to other entries (`entry:<id>`)."""
    problems = []
    for loc, text in _texts(doc.data):
        visible = _CODE.sub(lambda m: " " * len(m.group()), _AUTOLINK.sub(lambda m: " " * len(m.group()), text))
        field = dotted(loc)
        for match in _TAG.finditer(visible):
            line, col = text_position(doc, loc, text, match.start())
            problems.append(
                Problem(
                    display_path,
                    line,
                    col,
                    f"{field}: raw HTML {match.group()[:40]!r} is not allowed in entries "
                    "(expected Markdown; write < as &lt; if you mean the character)",
                )
            )
        for match in _IMAGE.finditer(visible):
            line, col = text_position(doc, loc, text, match.start())
            problems.append(
                Problem(display_path, line, col, f"{field}: images are not allowed in entries (expected text and links)")
            )
        links = _CODE.sub(lambda m: " " * len(m.group()), text)
        # Where each link to an entry that the page resolves starts its address ("entry:…").
        to_entries = {m.start("id") - len(ENTRY_SCHEME) - 1 for m in ENTRY_LINK.finditer(links)} \
            if entry_body and loc[0] == "body" else set()
        for match in _LINK.finditer(links):
            url = match.group("url") if match.group("url") is not None else match.group("ref")
            scheme = _SCHEME.match(html.unescape(url or "").strip())
            if match.group("url") is not None and match.start("url") in to_entries:
                continue
            if scheme and scheme.group("scheme").lower() not in ALLOWED_SCHEMES:
                offset = match.start("url") if match.group("url") is not None else match.start("ref")
                line, col = text_position(doc, loc, text, offset)
                problems.append(
                    Problem(
                        display_path,
                        line,
                        col,
                        f"{field}: a link to {scheme.group('scheme')!r} is not allowed "
                        f"(expected a link starting with {', '.join(s + ':' for s in ALLOWED_SCHEMES)}"
                        + (", or [text](entry:<id>) in the body" if entry_body else "") + ")",
                    )
                )
    return problems


def rendering_warnings(doc: YamlDocument, display_path: str) -> list[Problem]:
    """Places where authored Markdown would not look as written: a list right under a line of text (the pages
    show it as a list all the same, see markdown_text.normalise_lists)."""
    warnings = []
    for loc, text in _texts(doc.data):
        field = dotted(loc)
        lines = text.split("\n")
        for index in lists_after_paragraphs(text):
            offset = sum(len(line) + 1 for line in lines[:index])
            line, col = text_position(doc, loc, text, offset)
            warnings.append(
                Problem(display_path, line, col, f"{field}: a list starts right under a line of text, which Markdown "
                        "would run into that paragraph; the page shows it as a list (expected a blank line before the "
                        "list)", warning=True)
            )
    return warnings
