"""Court decisions (`cases/<jurisdiction>/<id>.yaml`, beside the entries folder): loaded and checked as every file
that rests on the entries is (`linked.py`: schema, languages, links to entries, each at its line), and for where
they are read: the folder is the court's jurisdiction, every source passes the source policy, and the first is
on an official domain (the court's own database, an official journal)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb_builder.content.entry_checks import source_problems
from kb_builder.content.jurisdictions import jurisdiction_slug
from kb_builder.content.linked import load_linked, problem_at
from kb_builder.content.problems import Problem
from kb_builder.content.schema import Case, Entry
from kb_builder.content.source_policy import OFFICIAL, SourcePolicy
from kb_builder.content.yaml_source import YamlDocument

#: The decisions' folder, beside the entries folder.
CASES_FOLDER = "cases"


def _case_checks(policy: SourcePolicy | None):  # type: ignore[no-untyped-def]
    def checks(case: Case, doc: YamlDocument, shown: str, path: Path) -> list[Problem]:
        problems = []
        folder = jurisdiction_slug(case.jurisdiction)
        if path.parent.name != folder:
            problems.append(problem_at(doc, shown, ("jurisdiction",), f"{case.jurisdiction} is not the folder "
                                       f"{path.parent.name!r} (expected the file in cases/{folder}/)"))
        if policy is None:
            return problems
        problems += [problem_at(doc, shown, loc, message) for loc, message in source_problems(policy, list(case.sources))]
        first = policy.ruling(case.sources[0].url)
        if first.cls != OFFICIAL:
            problems.append(problem_at(doc, shown, ("sources", 0, "url"), f"{first.domain} is not an official domain "
                                       "(expected the first source on the court's own site or in an official journal)"))
        return problems

    return checks


def load_cases(root: Path, entries: dict[str, Entry], policy: SourcePolicy | None,
               display: Any) -> tuple[list[Case], list[Path], list[Problem]]:
    """Every decision under `root` (one folder per jurisdiction), checked against `entries` (id -> entry)."""
    loaded, files, problems = load_linked(root, Case, entries, display, _case_checks(policy), pattern="*/*.yaml")
    seen: dict[str, str] = {}
    for item in loaded:
        if item.item.id in seen:
            problems.append(problem_at(item.doc, item.shown, ("id",), f"{item.item.id!r} is also the id of "
                                       f"{seen[item.item.id]} (expected an id of its own)"))
        seen.setdefault(item.item.id, item.shown)
    return [item.item for item in loaded], files, problems
