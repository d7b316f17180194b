"""The parts of an entry's page that other pages link to, by the id of their heading.

An entry's page has fixed parts (key facts, deadlines, legal basis, sources) and one part per top-level section of
its body (`s1`, `s2`, ... in order: the same in every language). Guides link to these; the pages layer gives the
headings these ids.
"""

from __future__ import annotations

from kb_builder.content.markdown_text import sections
from kb_builder.content.schema import LANGUAGES, Entry

KEY_FACTS = "key-facts"
TABLE_FACTS = "table-facts"
DEADLINES = "deadlines"
LEGAL_BASIS = "legal-basis"
SOURCES = "sources"
RELATED = "related"
MORE = "more"


def section_id(number: int) -> str:
    """The id of the body's `number`th top-level section (from 1)."""
    return f"s{number}"


def body_sections(entry: Entry) -> list[str]:
    """The titles of the body's top-level sections, in the first language; a section exists in every language
    only if every language's body has as many."""
    counts = [sum(1 for s in sections(text) if s.level == 2) for lang in LANGUAGES if (text := entry.body.get(lang))]
    titles = [s.title for s in sections(entry.body.en) if s.level == 2]
    return titles[: min(counts)]


def entry_parts(entry: Entry) -> dict[str, str]:
    """Id -> what the part is, for every part of the entry's page that a link may point at."""
    parts: dict[str, str] = {}
    if entry.key_facts:
        parts[KEY_FACTS] = "key facts"
    if entry.structured_facts():
        parts[TABLE_FACTS] = "facts for the world table"
    if entry.deadlines:
        parts[DEADLINES] = "deadlines"
    for number, title in enumerate(body_sections(entry), start=1):
        parts[section_id(number)] = title
    parts[LEGAL_BASIS] = "legal basis"
    parts[SOURCES] = "sources"
    return parts
