"""The bilingual glossary (`kb_builder/data/glossary.yaml`): term pairs for search and for the glossary page."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from kb_builder.content.problems import EntryErrors, Problem
from kb_builder.content.schema import LocalizedText
from kb_builder.content.yaml_source import read_yaml

GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "data" / "glossary.yaml"


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    en: list[str] = Field(min_length=1)
    ru: list[str] = Field(min_length=1)
    note: LocalizedText | None = None

    def forms(self, lang: str) -> list[str]:
        return list(getattr(self, lang))


@lru_cache(maxsize=None)
def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    doc, problems = read_yaml(path, str(path), expect="list")
    if doc is None or problems:
        raise EntryErrors(problems)
    try:
        return tuple(TypeAdapter(list[Term]).validate_python(doc.data))
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(first["loc"])
        line, col = doc.position(loc)
        raise EntryErrors([Problem(str(path), line, col, f"{first['msg']} (expected a list of {{en: [...], ru: [...]}})")]) from None
