"""Authored Markdown as readers see it: lists that authors start right under a paragraph line, and sections.

Authors write a list directly under a line of text ("The categories are:" then "- A — fit"). Markdown needs a
blank line there and otherwise runs the items into the paragraph ("… are: - A — fit; - B …"). The atlas shows
what the author meant: `normalise_lists` adds the blank line, and `lists_after_paragraphs` says where, so that
`kb validate` can point the author at it. `sections` lists the headings of a text with stable ids, for the table
of contents and the "What to do" link at the top of an entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_LIST_ITEM = re.compile(r"^(?P<indent> {0,3})(?:[-*+]|\d{1,3}[.)])\s+\S")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<title>.+?)\s*(?:\{[^}]*\})?\s*#*\s*$")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|>|\||<|!!!|```|~~~)")


def _line_kinds(text: str) -> list[tuple[str, str]]:
    """Each line with what it is: 'code' (inside a fence), 'blank', 'item', 'block' or 'text'."""
    kinds, fenced = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            kinds.append(("code", line))
        elif fenced:
            kinds.append(("code", line))
        elif not line.strip():
            kinds.append(("blank", line))
        elif _LIST_ITEM.match(line):
            kinds.append(("item", line))
        elif _BLOCK_START.match(line) or line.startswith((" ", "\t")):
            kinds.append(("block", line))
        else:
            kinds.append(("text", line))
    return kinds


def lists_after_paragraphs(text: str) -> list[int]:
    """Line numbers (0-based, within the text) of list items that start right under a paragraph line."""
    kinds = _line_kinds(text)
    return [i for i in range(1, len(kinds)) if kinds[i][0] == "item" and kinds[i - 1][0] == "text"]


def normalise_lists(text: str) -> str:
    """The text with a blank line before every list that starts right under a paragraph line."""
    starts = set(lists_after_paragraphs(text))
    lines = text.split("\n")
    return "\n".join(("\n" + line) if i in starts else line for i, line in enumerate(lines))


@dataclass(frozen=True)
class Section:
    level: int  # 2 for "## ..."
    title: str
    line: int  # 0-based line of the heading in the text


@lru_cache(maxsize=1024)
def sections(text: str) -> tuple[Section, ...]:
    """The headings of a Markdown text, outside code blocks, in order. The same texts (entries' bodies) are asked
    for many times while a site is made, and a live preview makes it again on every save, so the answer is kept."""
    found = []
    for index, (kind, line) in enumerate(_line_kinds(text)):
        if kind == "block":
            match = _HEADING.match(line)
            if match:
                found.append(Section(len(match.group("marks")), match.group("title"), index))
    return tuple(found)
