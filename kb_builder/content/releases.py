"""The releases of the atlas (`releases.yaml`, beside the entries folder): version, date, summary and the entries
each removed, oldest first. Every change an entry records falls in the first release dated on or after it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from kb_builder.content.problems import Problem
from kb_builder.content.schema import Change, Entry, Release, Releases
from kb_builder.content.schema_errors import schema_problems
from kb_builder.content.yaml_source import read_yaml

RELEASES_FILE = "releases.yaml"


def load_releases(path: Path, display: Callable[[Path], str]) -> tuple[list[Release], list[Problem]]:
    """The releases in `path` (none when there is no file)."""
    if not path.is_file():
        return [], []
    shown = display(path)
    doc, problems = read_yaml(path, shown, expect="list")
    if doc is None:
        return [], problems
    try:
        return Releases.model_validate(doc.data).root, problems
    except ValidationError as err:
        return [], problems + schema_problems(doc, shown, err, Releases)


def release_of(day: dt.date, releases: list[Release]) -> Release | None:
    """The release a change of `day` came out in: the first dated on or after it (None: not released yet)."""
    return next((release for release in releases if release.date >= day), None)


def changes_by_release(entries: list[Entry], releases: list[Release]) -> dict[str | None, list[tuple[Entry, Change]]]:
    """Every entry's changes, by the version of the release they came out in (None for changes made since the last
    release), newest first within each."""
    found: dict[str | None, list[tuple[Entry, Change]]] = {}
    for entry in entries:
        for change in entry.changes:
            release = release_of(change.date, releases)
            found.setdefault(release.version if release else None, []).append((entry, change))
    for items in found.values():
        items.sort(key=lambda item: (item[1].date, item[0].id), reverse=True)
    return found
