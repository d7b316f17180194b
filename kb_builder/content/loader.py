"""Loading and validating every entry file of an atlas.

`load_entries` reads every `*.yaml` under the entries folder, validates each against the schema, its facts
against its own legal basis and sources, and its addresses against the source policy, and the whole set
against itself (unique ids, existing `related` ids, folder matching jurisdiction), and
returns the entries with every problem found, in one pass. Nothing is dropped silently: a file is
either an entry or the source of at least one problem.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kb_builder.content.authored_text import markup_problems, rendering_warnings
from kb_builder.content.entry_checks import entry_problems
from kb_builder.content.jurisdictions import JURISDICTION_CODES, jurisdiction_slug
from kb_builder.content.problems import EntryErrors, Problem
from kb_builder.content.schema import Entry
from kb_builder.content.source_policy import SourcePolicy, load_policy
from kb_builder.content.yaml_source import Loc, YamlDocument, read_yaml

ENTRY_SUFFIX = ".yaml"


@dataclass
class LoadResult:
    files: list[Path] = field(default_factory=list)
    entries: list[ParsedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: What will look other than the author may expect; reported, but the entries are valid.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> None:
        if self.problems:
            raise EntryErrors(self.problems)


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working directory where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _fields_of(annotation: Any) -> BaseModel | None:
    """The pydantic model inside an annotation such as `list[KeyFact]` or `LocalizedText | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation  # type: ignore[return-value]
    for arg in typing.get_args(annotation):
        found = _fields_of(arg)
        if found is not None:
            return found
    return None


def _model_at(loc: Loc) -> type[BaseModel] | None:
    model: Any = Entry
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _fields_of(model.model_fields[part].annotation)
    return model


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(error: dict[str, Any], loc: Loc) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return f"missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = ", ".join(model.model_fields) if model else "a known field"
        return f"unknown field '{loc[-1]}' (expected one of: {allowed})"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind == "literal_error":
        return f"{given!r} is not allowed (expected {error['ctx']['expected']})"
    if kind in ("string_type", "bool_type", "list_type", "model_type", "dict_type", "model_attributes_type"):
        expected = {
            "string_type": "text",
            "bool_type": "true or false",
            "list_type": "a list",
        }.get(kind, "a mapping of fields")
        shown = "nothing" if given is None else f"{type(given).__name__} {given!r}"
        if len(shown) > 60:
            shown = shown[:57] + "..."
        return f"{shown} is the wrong kind of value (expected {expected})"
    if kind == "too_short":
        return f"the list is empty (expected at least {error['ctx'].get('min_length', 1)} item)"
    return f"{error['msg']}"


def _schema_problems(doc: YamlDocument, display_path: str, err: ValidationError) -> list[Problem]:
    problems = []
    for error in err.errors(include_url=False):
        # Keep only the parts of the location that name real keys and indexes of the document.
        loc: Loc = tuple(part for part in error["loc"] if isinstance(part, int) or not part.endswith("]"))
        if error["type"] == "missing":
            line, col = doc.position(loc[:-1])
        else:
            line, col = doc.position(loc, key=error["type"] == "extra_forbidden")
        where = _dotted(loc)
        message = _describe(error, loc)
        problems.append(Problem(display_path, line, col, f"{where}: {message}" if where else message))
    return problems


@dataclass(frozen=True)
class ParsedFile:
    """A file that parsed as YAML, valid entry or not; cross-file checks read its raw data."""

    path: Path
    display_path: str
    doc: YamlDocument
    entry: Entry | None

    def raw(self, key: str) -> object:
        return self.doc.data.get(key) if isinstance(self.doc.data, dict) else None


def load_file(path: Path, policy: SourcePolicy | None) -> tuple[ParsedFile | None, list[Problem]]:
    """One entry file, validated against the schema and, when given, the source policy."""
    shown = display(path)
    doc, problems = read_yaml(path, shown)
    if doc is None:
        return None, problems
    problems += markup_problems(doc, shown)
    try:
        entry = Entry.model_validate(doc.data)
    except ValidationError as err:
        return ParsedFile(path, shown, doc, None), problems + _schema_problems(doc, shown, err)
    if policy is not None:
        problems += entry_problems(entry, doc, shown, policy)
    # A file with duplicate keys or raw HTML is wrong even when its data validates.
    return ParsedFile(path, shown, doc, None if problems else entry), problems


def find_entry_files(root: Path) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.suffix == ".yml":
            problems.append(Problem(display(path), 1, 1, "entry files end in .yaml (expected this file renamed to .yaml)"))
        elif path.suffix == ENTRY_SUFFIX:
            files.append(path)
            if len(path.relative_to(root).parts) != 2:
                problems.append(
                    Problem(
                        display(path),
                        1,
                        1,
                        "the file is not in a jurisdiction folder (expected entries/<jurisdiction>/<name>.yaml)",
                    )
                )
    return files, problems


def _cross_check(root: Path, parsed: list[ParsedFile]) -> list[Problem]:
    """Checks across files, on the raw values of every parsed file (valid or not)."""
    problems: list[Problem] = []
    first_by_id: dict[str, ParsedFile] = {}
    for item in parsed:
        entry_id, code = item.raw("id"), item.raw("jurisdiction")
        rel = item.path.relative_to(root).parts
        folder = rel[0] if len(rel) == 2 else None
        if isinstance(code, str) and folder is not None and code in JURISDICTION_CODES:
            if folder != jurisdiction_slug(code):
                line, col = item.doc.position(("jurisdiction",))
                problems.append(
                    Problem(
                        item.display_path,
                        line,
                        col,
                        f"jurisdiction: {code!r} does not match the folder '{folder}' "
                        f"(expected the file in entries/{jurisdiction_slug(code)}/ or jurisdiction {folder.upper()!r})",
                    )
                )
        if not isinstance(entry_id, str):
            continue
        if entry_id in first_by_id:
            other = first_by_id[entry_id]
            line, col = item.doc.position(("id",))
            oline, ocol = other.doc.position(("id",))
            problems.append(
                Problem(
                    item.display_path,
                    line,
                    col,
                    f"id: {entry_id!r} is already used by {other.display_path}:{oline}:{ocol} (expected a unique id)",
                )
            )
        else:
            first_by_id[entry_id] = item
    # One entry per jurisdiction gives the facts of its row in the world table.
    facts_by_code: dict[str, ParsedFile] = {}
    for item in parsed:
        code = item.raw("jurisdiction")
        if not isinstance(code, str) or item.raw("conscription_facts") is None:
            continue
        if code in facts_by_code:
            other = facts_by_code[code]
            line, col = item.doc.position(("conscription_facts",), key=True)
            oline, ocol = other.doc.position(("conscription_facts",), key=True)
            problems.append(Problem(item.display_path, line, col,
                                    f"conscription_facts: {other.display_path}:{oline}:{ocol} already gives them for {code} "
                                    "(expected one entry per jurisdiction with the facts of its row in the world table)"))
        else:
            facts_by_code[code] = item
    for item in parsed:
        related = item.raw("related")
        for index, target in enumerate(related if isinstance(related, list) else []):
            if not isinstance(target, str):
                continue
            line, col = item.doc.position(("related", index))
            if target not in first_by_id:
                problems.append(
                    Problem(
                        item.display_path,
                        line,
                        col,
                        f"related[{index}]: no entry has the id {target!r} (expected the id of an existing entry)",
                    )
                )
            elif target == item.raw("id"):
                problems.append(
                    Problem(item.display_path, line, col, f"related[{index}]: the entry names itself (expected another entry's id)")
                )
    return problems


def load_entries(root: Path) -> LoadResult:
    """Load and validate every entry under `root`; never raises for bad content."""
    result = LoadResult()
    if not root.is_dir():
        result.problems.append(Problem(display(root), 1, 1, "the entries folder does not exist (expected a folder)"))
        return result
    result.files, result.problems = find_entry_files(root)
    try:
        policy: SourcePolicy | None = load_policy()
    except EntryErrors as err:
        policy = None
        result.problems.extend(err.problems)
    parsed: list[ParsedFile] = []
    for path in result.files:
        item, problems = load_file(path, policy)
        result.problems.extend(problems)
        if item is not None:
            result.warnings.extend(rendering_warnings(item.doc, item.display_path))
            parsed.append(item)
            if item.entry is not None:
                result.entries.append(item)
    result.problems.extend(_cross_check(root, parsed))
    result.problems.sort()
    result.warnings.sort()
    return result

