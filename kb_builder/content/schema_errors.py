"""Schema errors as people read them: `path:line:col: field: what is wrong (expected ...)`, for any of the models
of `schema.py` (entries, guides, organisations)."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from kb_builder.content.problems import Problem
from kb_builder.content.yaml_source import Loc, YamlDocument, dotted


def _fields_of(annotation: Any) -> BaseModel | None:
    """The pydantic model inside an annotation such as `list[KeyFact]` or `LocalizedText | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation  # type: ignore[return-value]
    for arg in typing.get_args(annotation):
        found = _fields_of(arg)
        if found is not None:
            return found
    return None


def _model_at(loc: Loc, root: type[BaseModel]) -> type[BaseModel] | None:
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _fields_of(model.model_fields[part].annotation)
    return model


def _describe(error: dict[str, Any], loc: Loc, root: type[BaseModel]) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return f"missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1], root)
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


def schema_problems(doc: YamlDocument, display_path: str, err: ValidationError, root: type[BaseModel]) -> list[Problem]:
    """Each error of validating `doc` against the model `root`, at the line and column of the value it is about."""
    problems = []
    for error in err.errors(include_url=False):
        # Keep only the parts of the location that name real keys and indexes of the document.
        loc: Loc = tuple(part for part in error["loc"] if isinstance(part, int) or not part.endswith("]"))
        if error["type"] == "missing":
            line, col = doc.position(loc[:-1])
        else:
            line, col = doc.position(loc, key=error["type"] == "extra_forbidden")
        where = dotted(loc)
        message = _describe(error, loc, root)
        problems.append(Problem(display_path, line, col, f"{where}: {message}" if where else message))
    return problems
