"""Loading and validating every entry file of an atlas.

`load_entries` reads every `*.yaml` under the entries folder (and, beside it, the situation guides, the templates of
applications, the court decisions and the directory of organisations: `guides/`, `templates/`, `cases/`,
`contacts/`), validates each against the schema, its facts
against its own legal basis and sources, and its addresses against the source policy, and the whole set
against itself (unique ids, existing `related` ids, folder matching jurisdiction), and
returns the entries with every problem found, in one pass. Nothing is dropped silently: a file is
either an entry or the source of at least one problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kb_builder.content.authored_text import entry_links, markup_problems, rendering_warnings, text_position
from kb_builder.content.entry_checks import entry_problems
from kb_builder.content.jurisdictions import JURISDICTION_CODES, jurisdiction_slug
from kb_builder.content.problems import EntryErrors, Problem
from kb_builder.content.contacts import CONTACTS_FOLDER, Listed, load_contacts
from kb_builder.content.guides import GUIDES_FOLDER, load_guides
from kb_builder.content.releases import RELEASES_FILE, load_releases
from kb_builder.content.schema import Case, Entry, Guide, Release, Template
from kb_builder.content.templates import TEMPLATES_FOLDER, load_templates
from kb_builder.content.cases import CASES_FOLDER, load_cases
from kb_builder.content.schema_errors import schema_problems
from kb_builder.content.source_policy import SourcePolicy, load_policy
from kb_builder.content.yaml_source import YamlDocument, dotted, read_yaml

ENTRY_SUFFIX = ".yaml"


@dataclass
class LoadResult:
    files: list[Path] = field(default_factory=list)
    entries: list[ParsedFile] = field(default_factory=list)
    #: Situation guides (guides/ beside the entries folder) and the directory of organisations (contacts/).
    guides: list[Guide] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)
    #: Court decisions (cases/<jurisdiction>/ beside the entries folder).
    cases: list[Case] = field(default_factory=list)
    organisations: list[Listed] = field(default_factory=list)
    #: The releases (releases.yaml beside the entries folder), oldest first.
    releases: list[Release] = field(default_factory=list)
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
    problems += markup_problems(doc, shown, entry_body=True)
    try:
        entry = Entry.model_validate(doc.data)
    except ValidationError as err:
        return ParsedFile(path, shown, doc, None), problems + schema_problems(doc, shown, err, Entry)
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
        for loc, text, offset, target in entry_links(item.doc):
            if target not in first_by_id:
                line, col = text_position(item.doc, loc, text, offset)
                problems.append(
                    Problem(item.display_path, line, col,
                            f"{dotted(loc)}: no entry has the id {target!r} (expected the id of an existing entry after entry:)")
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
    entries = {item.entry.id: item.entry for item in result.entries if item.entry is not None}
    result.templates, files, problems = load_templates(root.parent / TEMPLATES_FOLDER, entries, display)
    result.files += files
    result.problems += problems
    templates = {path.stem for path in files}
    result.guides, files, problems = load_guides(root.parent / GUIDES_FOLDER, entries, templates, display)
    result.files += files
    result.problems += problems
    result.cases, files, problems = load_cases(root.parent / CASES_FOLDER, entries, policy, display)
    result.files += files
    result.problems += problems
    result.organisations, files, problems = load_contacts(root.parent / CONTACTS_FOLDER, policy, display)
    result.files += files
    result.problems += problems
    result.releases, problems = load_releases(root.parent / RELEASES_FILE, display)
    result.problems += problems
    result.problems.sort()
    result.warnings.sort()
    return result

