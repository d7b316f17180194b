"""Typed options of the `kb` mkdocs plugin (`plugins: [kb]` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from kb_builder.content.names import LANGUAGES


class KbConfig(base.Config):
    #: Folder of entry files, relative to mkdocs.yml.
    entries = c.Type(str, default="entries")
    #: Language of this build; `kb build` runs one build per language.
    language = c.Choice(LANGUAGES, default="en")
    #: Hand-written pages listed under "About", in this order (paths in the docs folder).
    about = c.ListOfItems(c.Type(str), default=[])
    #: A live preview (`kb serve`): invalid files are left out and their problems shown on every page, and the
    #: folders the atlas is written in are watched.
    preview = c.Type(bool, default=False)
