"""Rendering one language of the site with mkdocs and mkdocs-material: the one place that runs them.

`render_language` reads mkdocs.yml for its plain settings, points it at one language's docs and output, gives
the `kb` plugin the language and the entries, and builds. A renderer other than mkdocs replaces this module and
the plugin beside it; the rest of the atlas does not change.
"""

from __future__ import annotations

import copy
import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from kb_builder.site.settings import read_settings


class RenderError(Exception):
    """A language did not build; the message says why."""


def _configure_logging() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_kb", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._kb = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def language_overrides(config_file: Path, lang: str, entries_dir: Path, out_dir: Path) -> dict[str, Any]:
    """The settings that make mkdocs.yml build one language: docs, output, theme and kb."""
    raw = read_settings(config_file)
    theme = copy.deepcopy(raw.get("theme", {}))
    theme["language"] = lang
    plugins = []
    for item in copy.deepcopy(raw.get("plugins", [])):
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        options = dict(options or {})
        if name == "kb":
            options["language"] = lang
            options["entries"] = str(entries_dir.resolve())
        plugins.append({name: options})
    docs_root = config_file.parent / Path(raw.get("docs_dir", "docs")).parent
    return {
        "docs_dir": str((docs_root / lang).resolve()),
        "site_dir": str(out_dir.resolve()),
        "theme": theme,
        "plugins": plugins,
    }




def render_language(config_file: Path, lang: str, entries_dir: Path, out_dir: Path, *, strict: bool) -> None:
    """Build one language of the site into `out_dir`."""
    _configure_logging()
    overrides = language_overrides(config_file, lang, entries_dir, out_dir)
    config = load_config(str(config_file), strict=strict, **overrides)
    try:
        mkdocs_build(config)
    except (Abort, MkDocsException) as err:
        raise RenderError(f"the {lang} site did not build: {err}") from None
