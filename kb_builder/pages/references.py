"""Links from guides and templates to the entries they rest on: 'Based on: <entry> (<part>, <part>)', and the
entries with their sources in full."""

from __future__ import annotations

from markupsafe import Markup

from kb_builder.content.markdown_text import sections
from kb_builder.content.schema import Entry, split_ref
from kb_builder.pages.atlas import Atlas
from kb_builder.pages.markdown import escape_link_text, indent
from kb_builder.pages.paths import entry_path, link

Located = tuple[tuple[str | int, ...], str]


class References:
    def __init__(self, atlas: Atlas):
        self.atlas = atlas

    def part_name(self, entry: Entry, anchor: str) -> str:
        """A part of an entry's page in words: 'deadlines', or the title of a section of its body."""
        if anchor.startswith("s") and anchor[1:].isdigit():
            titles = [s.title for s in sections(self.atlas.text(entry.body)) if s.level == 2]
            number = int(anchor[1:])
            return titles[number - 1] if number <= len(titles) else anchor
        return self.atlas.l(f"part:{anchor}")

    def backing(self, path: str, refs: list[str]) -> str:
        """'Based on: <entry> (<part>, <part>); <entry>' as Markdown links, each entry named once."""
        by_entry: dict[str, list[str]] = {}
        for ref in refs:
            entry_id, anchor = split_ref(ref)
            by_entry.setdefault(entry_id, [])
            if anchor and anchor not in by_entry[entry_id]:
                by_entry[entry_id].append(anchor)
        shown = []
        for entry_id, anchors in by_entry.items():
            entry = self.atlas.by_id[entry_id]
            target = link(path, entry_path(entry))
            parts = ", ".join(f"[{escape_link_text(self.part_name(entry, a))}]({target}#{a})" for a in anchors)
            shown.append(f"[{escape_link_text(self.atlas.text(entry.title))}]({target})" + (f" ({parts})" if parts else ""))
        # Markdown links inside an inline element, which Markdown still turns into links.
        return str(Markup('<span class="kb-based">{}: {}</span>').format(self.atlas.l("based_on"), Markup("; ".join(shown))))

    def entries(self, refs: list[Located]) -> list[Entry]:
        """The entries the links name, once each, in the order they are first named."""
        ids = dict.fromkeys(split_ref(ref)[0] for _, ref in refs)
        return [self.atlas.by_id[entry_id] for entry_id in ids]

    def sources(self, path: str, refs: list[Located]) -> list[str]:
        """Each entry the links name, with its sources in full."""
        out: list[str] = []
        for entry in self.entries(refs):
            out += [f"- {self.atlas.entry_link(path, entry)}", ""]
            out += [indent(f"{n}. {self.atlas.citation(s)}", "    ") for n, s in enumerate(entry.sources, start=1)]
            out.append("")
        return out
