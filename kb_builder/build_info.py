"""The build's own date: the commit date, so that two builds of one commit are identical."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def build_timestamp(repo: Path = Path(".")) -> int:
    """Seconds since the epoch: SOURCE_DATE_EPOCH if set, else the last commit's time, else now."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=repo, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        if out.isdigit():
            return int(out)
    except (OSError, subprocess.SubprocessError):
        pass
    return int(dt.datetime.now(dt.timezone.utc).timestamp())


def build_date(repo: Path = Path(".")) -> dt.date:
    return dt.datetime.fromtimestamp(build_timestamp(repo), dt.timezone.utc).date()
