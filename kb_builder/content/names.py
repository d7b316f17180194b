"""The closed lists that the command line offers as choices (languages, topics, kinds of file), kept apart from the
schema so that a command such as `kb search` starts without loading the schema's validation library."""

from __future__ import annotations

#: Languages an entry may be written in. The first is required on every text.
LANGUAGES: tuple[str, ...] = ("en", "ru")

#: The closed list of topics. Order here is the order on jurisdiction pages.
TOPICS: tuple[str, ...] = (
    "conscription",
    "mobilisation",
    "appeal-grounds",
    "penalties",
    "entry-and-stay",
    "asylum-procedure",
    "protection-standards",
)

#: The kinds of file an atlas is written in, by the name `kb schema` takes (schema.FILE_KINDS gives their models).
FILE_KIND_NAMES: tuple[str, ...] = ("entry", "guide", "template", "contacts", "case", "releases")
