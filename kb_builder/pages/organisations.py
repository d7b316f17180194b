"""Organisations of the directory as the pages show them: what each helps with, its public channels, a note on its
legal status with the source that confirms it, and when it was checked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale
from markupsafe import Markup

from kb_builder.content.schema import Channel, Organisation
from kb_builder.pages import html
from kb_builder.pages.labels import format_day, label, sentence

_NOT_DIALLED = re.compile(r"[^0-9+]")


@dataclass(frozen=True)
class _Shown:
    label: str
    value: str
    href: str | None


def _channel(channel: Channel, lang: str) -> _Shown:
    """A channel with the link a reader can follow: web addresses and email as they are, a phone number to dial."""
    value = channel.value
    href: str | None = None
    if value.startswith(("https://", "http://")):
        href = value
    elif channel.kind == "email" and "@" in value and " " not in value:
        href = "mailto:" + value
    elif channel.kind == "phone":
        href = "tel:" + _NOT_DIALLED.sub("", value)
    return _Shown(label(f"channel:{channel.kind}", lang), value, href)


def language_name(code: str, lang: str) -> str:
    if code == "other":
        return label("citizenship:OTHER", lang).lower()
    return Locale.parse(lang).languages.get(code, code)


def organisation_block(org: Organisation, lang: str, id_prefix: str = "") -> Markup:
    """One organisation, as a block of HTML for a page in `lang`; `id_prefix` keeps its id unique on a page that
    lists it more than once (every guide on one page)."""
    source = org.sources[0]
    note = org.note.get(lang) or org.note.en if org.note is not None else None
    note_source = next((s for s in org.sources if org.note is not None and s.id == org.note.source), source)
    return html.render(
        "organisation.html",
        id=org.id,
        id_prefix=id_prefix,
        name=org.name.get(lang) or org.name.en,
        helps_with=" ".join((org.helps_with.get(lang) or org.helps_with.en).split()),
        languages_label=label("works_in", lang),
        languages=", ".join(language_name(code, lang) for code in org.languages),
        channels=[_channel(channel, lang) for channel in org.channels],
        note_label=label("status_note", lang),
        note=" ".join(note.split()) if note else None,
        note_url=note_source.url,
        note_source=note_source.publisher,
        checked=sentence(f"{label('checked', lang)}: {format_day(org.last_checked, lang)}"),
        source_url=source.url,
        source_title=source.title,
        source_publisher=source.publisher,
    )
