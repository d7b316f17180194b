"""What changed: the page listing, for every release, the entries it added, corrected, updated or removed, in the
page's language (an entry's own changes are on its page, `Atlas.entry_markdown`)."""

from __future__ import annotations

from kb_builder.content.releases import changes_by_release
from kb_builder.content.jurisdictions import sort_key
from kb_builder.content.schema import Entry, Release
from kb_builder.pages.atlas import Atlas, Page
from kb_builder.pages.labels import sentence
from kb_builder.pages.paths import CHANGES_PAGE


#: The order of the kinds of change on the page: what was wrong first.
CHANGE_KINDS_SHOWN = ("corrected", "updated", "added")


def changes_page(atlas: Atlas, releases: list[Release]) -> Page:
    path = CHANGES_PAGE
    title = atlas.l("what_changed")
    out = [f"# {title}", "", atlas.l("what_changed_intro"), ""]
    by_release = changes_by_release(atlas.entries, releases)
    sections: list[tuple[str, str, Release | None]] = []
    if None in by_release:
        sections.append((atlas.l("unreleased"), "unreleased", None))
    sections += [(atlas.l("release_heading", version=r.version, date=atlas.day(r.date)), f"v{r.version.replace('.', '-')}", r)
                 for r in reversed(releases)]
    for heading, anchor, release in sections:
        out += [f"## {heading} {{#{anchor}}}", ""]
        if release is not None:
            out += [" ".join(atlas.text(release.summary).split()), ""]
        items = by_release.get(release.version if release else None, [])
        for kind in CHANGE_KINDS_SHOWN:
            # The same change to several entries is one line naming them all.
            grouped: dict[str, list[Entry]] = {}
            for entry, change in items:
                if change.kind == kind:
                    what = sentence(atlas.text(change.what))
                    if release is None or change.date != release.date:
                        what = f"{what} ({atlas.day(change.date)})"
                    grouped.setdefault(what, [])
                    if entry not in grouped[what]:
                        grouped[what].append(entry)
            if grouped:
                out += [f"### {atlas.l('change_kind:' + kind)}", ""]
                for what, entries in grouped.items():
                    ordered = sorted(entries, key=lambda e: (sort_key(e.jurisdiction, atlas.lang), atlas.text(e.title).casefold()))
                    links = ", ".join(atlas.entry_link(path, e) for e in ordered)
                    out.append(f"- {links}: {what}" if len(ordered) == 1 else f"- {what} {links}.")
                out.append("")
        if release is not None and release.removed:
            out += [f"### {atlas.l('removed')}", ""]
            out += [f"- {atlas.text(r.title)}: {sentence(atlas.text(r.why))}" for r in release.removed]
            out.append("")
        if not items and not (release and release.removed):
            out += [atlas.l("no_changes"), ""]
    return Page(path=path, title=title, markdown="\n".join(out), kind="changes")
