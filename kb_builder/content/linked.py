"""Loading files that rest on the entries (situation guides, templates of applications): one YAML file per item,
named by its id, in a folder beside the entries folder.

Each file is checked against its schema, for raw HTML, for a text in every language (these are published in all of
them), and against the entries: every link names an entry that exists, at a part of its page that exists. A kind of
file adds its own checks. Every problem is reported at its line and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from kb_builder.content.authored_text import markup_problems
from kb_builder.content.entry_parts import entry_parts
from kb_builder.content.problems import Problem
from kb_builder.content.schema import LANGUAGES, Entry, split_ref
from kb_builder.content.schema_errors import schema_problems
from kb_builder.content.yaml_source import Loc, YamlDocument, dotted, read_yaml

Item = TypeVar("Item", bound=BaseModel)


def problem_at(doc: YamlDocument, shown: str, loc: Loc, message: str) -> Problem:
    line, col = doc.position(loc)
    return Problem(shown, line, col, f"{dotted(loc)}: {message}")


def untranslated(data: Any, loc: Loc = ()) -> list[tuple[Loc, str]]:
    """Texts (mappings with an `en` text) that lack another language, with the language they lack."""
    found: list[tuple[Loc, str]] = []
    if isinstance(data, dict):
        if isinstance(data.get("en"), str):
            found += [(loc, lang) for lang in LANGUAGES if not isinstance(data.get(lang), str)]
        for key, value in data.items():
            found += untranslated(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += untranslated(value, loc + (index,))
    return found


def link_problems(refs: list[tuple[Loc, str]], entries: dict[str, Entry], doc: YamlDocument, shown: str) -> list[Problem]:
    """Links to entries that do not exist, or to parts of their pages that do not exist."""
    problems = []
    for loc, ref in refs:
        entry_id, anchor = split_ref(ref)
        entry = entries.get(entry_id)
        if entry is None:
            problems.append(problem_at(doc, shown, loc, f"no entry has the id {entry_id!r} (expected the id of an entry "
                                                        "that sources this)"))
            continue
        parts = entry_parts(entry)
        if anchor is not None and anchor not in parts:
            listed = ", ".join(f"{key} ({what})" for key, what in parts.items())
            problems.append(problem_at(doc, shown, loc, f"{entry_id} has no part {anchor!r} (expected one of: {listed})"))
    return problems


def yaml_files(root: Path, pattern: str = "*.yaml") -> list[Path]:
    """The files matching `pattern` under `root`, in order (a missing folder holds none; hidden files are skipped)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob(pattern) if not p.name.startswith("."))


def read_each(files: list[Path], display: Callable[[Path], str]) -> Iterator[tuple[Path, str, YamlDocument | None, list[Problem]]]:
    """Each file read, with the name it is shown by, its document (None if it could not be read) and its problems
    so far: why it could not be read, or the raw markup in its texts."""
    for path in files:
        shown = display(path)
        doc, problems = read_yaml(path, shown)
        yield path, shown, doc, (problems if doc is None else markup_problems(doc, shown))


@dataclass(frozen=True)
class Loaded(Generic[Item]):
    """A valid item with the document it was read from, for checks across files."""

    item: Item
    doc: YamlDocument
    shown: str


def load_linked(root: Path, model: type[Item], entries: dict[str, Entry], display: Callable[[Path], str],
                checks: Callable[[Item, YamlDocument, str, Path], list[Problem]] = lambda item, doc, shown, path: [],
                pattern: str = "*.yaml") -> tuple[list[Loaded[Item]], list[Path], list[Problem]]:
    """Every file matching `pattern` under `root` (a missing folder holds none) as `model`, checked as the module
    says and by `checks`; the valid items, the files read and the problems found."""
    files = yaml_files(root, pattern)
    problems: list[Problem] = []
    loaded: list[Loaded[Item]] = []
    for path, shown, doc, found in read_each(files, display):
        if doc is None:
            problems += found
            continue
        found += [problem_at(doc, shown, loc, f"no {lang} text (expected the text in every language: this is "
                                               "published in all of them)") for loc, lang in untranslated(doc.data)]
        try:
            item = model.model_validate(doc.data)
        except ValidationError as err:
            problems += found + schema_problems(doc, shown, err, model)
            continue
        item_id = getattr(item, "id")
        if item_id != path.stem:
            found.append(problem_at(doc, shown, ("id",), f"{item_id!r} is not the file's name (expected id: {path.stem}, "
                                                         f"or the file renamed to {item_id}.yaml)"))
        found += link_problems(item.refs(), entries, doc, shown)  # type: ignore[attr-defined]
        found += checks(item, doc, shown, path)
        problems += found
        if not found:
            loaded.append(Loaded(item, doc, shown))
    return loaded, files, problems
