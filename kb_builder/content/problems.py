"""Problems found in entry files, reported as `path:line:col: what is wrong (expected ...)`."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One problem at a place in a file; problems sort by path, line and column. (A named tuple, not a dataclass:
    `kb search` imports this module, and dataclasses imports inspect, ast and dis, a tenth of its start-up.)"""

    path: str
    line: int
    col: int
    message: str
    #: A warning says something will look other than the author may expect; it does not stop a build.
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {'warning: ' if self.warning else ''}{self.message}"


class EntryErrors(Exception):
    """Raised when entries are invalid; carries every problem found, in file and line order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
