"""The change note that travels light: `CHANGES-<version>.txt`, a few kilobytes of plain text in both languages, small
enough to send as a message: what the release changed (entries corrected, updated, added, removed) and the key that
signs it."""

from __future__ import annotations

from kb_builder.content.releases import changes_by_release
from kb_builder.content.schema import LANGUAGES, Entry, Release
from kb_builder.pages.labels import format_day, label, sentence
from kb_builder.signing import PublicKey

#: What was wrong first.
_KINDS = ("corrected", "updated", "added")


def change_note_name(version: str) -> str:
    return f"CHANGES-{version}.txt"


def change_note(entries: list[Entry], releases: list[Release], version: str, key: PublicKey) -> str:
    """The note for `version` (its release in releases.yaml, or the changes since the last release)."""
    release = next((r for r in releases if r.version == version), None)
    changes = changes_by_release(entries, releases).get(release.version if release else None, [])
    parts = []
    for lang in LANGUAGES:
        def text(value) -> str:  # type: ignore[no-untyped-def]
            return " ".join((value.get(lang) or value.en).split())

        title = label("site_name_long", lang)
        when = format_day(release.date, lang) if release else ""
        lines = [f"{title} {version}" + (f" — {when}" if when else ""), ""]
        if release:
            lines += [text(release.summary), ""]
        for kind in _KINDS:
            items = [(entry, change) for entry, change in changes if change.kind == kind]
            if not items:
                continue
            lines.append(label(f"change_kind:{kind}", lang) + ":")
            seen: dict[str, list[str]] = {}
            for entry, change in items:
                seen.setdefault(sentence(text(change.what)), []).append(text(entry.title))
            for what, titles in seen.items():
                lines.append(f"- {what} ({'; '.join(titles)})" if len(titles) < 4
                             else f"- {what} ({label('entries_count', lang, n=str(len(titles)))})")
            lines.append("")
        for removed in release.removed if release else []:
            lines.append(f"- {label('removed', lang)}: {text(removed.title)}. {sentence(text(removed.why))}")
        lines += [label("note_key", lang, key_id=key.id_hex), key.line, ""]
        parts.append("\n".join(lines))
    return "\n\n".join(parts).rstrip() + "\n"
