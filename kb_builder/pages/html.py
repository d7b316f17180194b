"""The HTML fragments of generated pages, from autoescaping Jinja2 templates in `pages/templates/`.

Every value is escaped unless it is already `Markup` (another fragment rendered here). Fragments that go into a
Markdown table cell use the `cell` filter, which also writes `|` as an entity so that it cannot end the cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _cell(value: Any) -> Markup:
    """Escaped text on one line that fits a Markdown table cell and an HTML one alike."""
    return Markup(str(escape(" ".join(str(value).split()))).replace("|", "&#124;"))


_ENV = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["cell"] = _cell


def render(template: str, **values: Any) -> Markup:
    """A template of `pages/templates/` filled with `values`, escaped unless they are Markup."""
    return Markup(_ENV.get_template(template).render(**values))


@dataclass(frozen=True)
class Cell:
    """A cell of a comparison table: its content (escaped unless Markup), the number it sorts by, and whether it
    is empty (sorting keeps empty cells last)."""

    content: str | Markup
    sort: int | str | None = None
    empty: bool = False


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    code: str = ""  # the country of the row, for the world table's filter and tests


def link(href: str, text: str) -> Markup:
    return render("link.html", href=href, text=text)
