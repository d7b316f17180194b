"""Situation guides (`guides/<id>.yaml`, beside the entries folder): loaded and checked as every file that rests on
the entries is (`linked.py`), and against each other and the templates: related guides and the templates a step
uses exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb_builder.content.linked import Loaded, load_linked, problem_at
from kb_builder.content.problems import Problem
from kb_builder.content.schema import Entry, Guide

#: The guides folder, beside the entries folder.
GUIDES_FOLDER = "guides"


def load_guides(root: Path, entries: dict[str, Entry], templates: set[str], display: Any
                ) -> tuple[list[Guide], list[Path], list[Problem]]:
    """Every guide under `root`, checked against `entries` (id -> entry) and the ids of the `templates`."""
    loaded, files, problems = load_linked(root, Guide, entries, display)
    ids = {item.item.id for item in loaded}
    bad: set[str] = set()
    for item in loaded:
        found = _cross_problems(item, ids, templates)
        problems += found
        if found:
            bad.add(item.shown)
    return [item.item for item in loaded if item.shown not in bad], files, problems


def _cross_problems(loaded: Loaded[Guide], guides: set[str], templates: set[str]) -> list[Problem]:
    guide, doc, shown = loaded.item, loaded.doc, loaded.shown
    problems = []
    for index, other in enumerate(guide.related_guides):
        if other not in guides or other == guide.id:
            why = "the guide names itself" if other == guide.id else f"no guide has the id {other!r}"
            problems.append(problem_at(doc, shown, ("related_guides", index), f"{why} (expected another guide's id)"))
    for i, step in enumerate(guide.steps):
        for k, template in enumerate(step.templates):
            if template not in templates:
                problems.append(problem_at(doc, shown, ("steps", i, "templates", k),
                                           f"no template has the id {template!r} (expected the id of a file in templates/)"))
    return problems
