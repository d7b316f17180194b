"""Templates of applications and complaints (`templates/<id>.yaml`, beside the entries folder): loaded and checked
as every file that rests on the entries is (`linked.py`), and for their fields: the document uses every field it
defines and defines every field it uses, each at its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb_builder.content.authored_text import text_position
from kb_builder.content.linked import load_linked, problem_at
from kb_builder.content.problems import Problem
from kb_builder.content.schema import Entry, Template, template_fields
from kb_builder.content.yaml_source import YamlDocument

#: The templates folder, beside the entries folder.
TEMPLATES_FOLDER = "templates"


def _field_problems(template: Template, doc: YamlDocument, shown: str, path: Path) -> list[Problem]:
    problems = []
    defined = {field.id: i for i, field in enumerate(template.fields)}
    used = template_fields(template.document)
    for name, offset in used:
        if name not in defined:
            line, col = text_position(doc, ("document",), template.document, offset)
            problems.append(Problem(shown, line, col, f"document: {{{name}}} is not one of the fields (expected one of: "
                                                      f"{', '.join(defined)}, or a field with id {name})"))
    seen = {name for name, _ in used}
    for name, index in defined.items():
        if name not in seen:
            problems.append(problem_at(doc, shown, ("fields", index, "id"),
                                       f"the document never uses {{{name}}} (expected the field in the document, or "
                                       "the field removed)"))
    return problems


def load_templates(root: Path, entries: dict[str, Entry], display: Any) -> tuple[list[Template], list[Path], list[Problem]]:
    """Every template under `root`, checked against `entries` (id -> entry)."""
    loaded, files, problems = load_linked(root, Template, entries, display, _field_problems)
    return [item.item for item in loaded], files, problems
