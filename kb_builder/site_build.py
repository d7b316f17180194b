"""Building the whole site: one mkdocs build per language, a language chooser, an atomic swap.

The site is built into a temporary folder beside the target and moved into place only when every
language built; a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import logging
import shutil
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from kb_builder.build_info import build_timestamp
from kb_builder.bundle import PROJECT, write_checksums, write_zip
from kb_builder.chromium import ChromiumMissing
from kb_builder.cli_search import INDEX_NAME, build_index
from kb_builder.labels import LANGUAGE_NAMES, label
from kb_builder.loader import load_entries
from kb_builder.pdf import write_pdfs
from kb_builder.schema import LANGUAGES
from kb_builder.zim import write_zim


class BuildError(Exception):
    """The site could not be built; the message says why. The previous site is untouched."""


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


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


class _ConfigReader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain settings; tags such as !!python/name are mkdocs' business."""


_ConfigReader.add_multi_constructor("", lambda loader, suffix, node: None)


def language_overrides(config_file: Path, lang: str, entries_dir: Path, out_dir: Path) -> dict[str, Any]:
    """The settings that make mkdocs.yml build one language: docs, output, theme and kb."""
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigReader)  # noqa: S506 - safe subclass
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


def chooser_page() -> str:
    """The root index.html: pick a language. Static, no script, nothing remembered."""
    links = "\n".join(
        f'      <li><a href="{lang}/index.html" lang="{lang}" hreflang="{lang}">{LANGUAGE_NAMES[lang]}</a></li>'
        for lang in LANGUAGES
    )
    titles = " / ".join(html.escape(label("notice_title", lang)) for lang in LANGUAGES)
    return f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Conscription &amp; Asylum Rights Atlas / Атлас прав: призыв и убежище</title>
    <style>
      body {{ font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }}
      a {{ font-size: 1.4rem; }}
      li {{ margin: .6rem 0; }}
    </style>
  </head>
  <body>
    <main>
      <h1>Conscription &amp; Asylum Rights Atlas<br><span lang="ru">Атлас прав: призыв и убежище</span></h1>
      <p>Choose a language. <span lang="ru">Выберите язык.</span></p>
      <ul>
{links}
      </ul>
      <p><small>{titles}</small></p>
    </main>
  </body>
</html>
"""


def build_site(*, config_file: Path, site_dir: Path, entries_dir: Path, dist_dir: Path | None = None,
               strict: bool = True, pdfs: bool = True) -> Path:
    """Validate the entries, build every language into `site_dir`, then the bundle into `dist_dir`."""
    started = time.monotonic()
    result = load_entries(entries_dir)
    result.raise_for_problems()
    for warning in result.warnings:
        _progress(str(warning))
    _progress(f"kb: {len(result.entries)} entries valid")
    today = dt.date.today()
    overdue = sorted(item.entry.id for item in result.entries if item.entry.is_overdue(today))
    if overdue:
        _progress(f"kb: warning: {len(overdue)} entries are overdue for review (`kb stale` lists them): {', '.join(overdue)}")
    _configure_logging()

    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for lang in LANGUAGES:
            _progress(f"kb: building the {LANGUAGE_NAMES[lang]} site")
            overrides = language_overrides(config_file, lang, entries_dir, staging / lang)
            config = load_config(str(config_file), strict=strict, **overrides)
            try:
                mkdocs_build(config)
            except (Abort, MkDocsException) as err:
                raise BuildError(f"the {lang} site did not build: {err}") from None
        (staging / "index.html").write_text(chooser_page(), encoding="utf-8")
        _progress("kb: building the command-line search index")
        build_index([item.entry for item in result.entries], staging / INDEX_NAME)
        _replace(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _progress(f"kb: site written to {site_dir} in {time.monotonic() - started:.1f} s")
    if dist_dir is not None:
        write_dist(site_dir, dist_dir.resolve(), config_file.parent, pdfs=pdfs)
    return site_dir


def zim_name(lang: str) -> str:
    """dist/<project>-<lang>-<version>.zim"""
    return f"{PROJECT}-{lang}-{version(PROJECT)}.zim"


def write_dist(site_dir: Path, dist_dir: Path, repo: Path, *, pdfs: bool = True) -> None:
    """The download bundle: the zip, the PDF dossiers and SHA256SUMS, replacing the old ones only when all
    are written."""
    staging = dist_dir.with_name(f".{dist_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        zip_path = write_zip(site_dir, staging, repo)
        built = dt.datetime.fromtimestamp(build_timestamp(repo), dt.timezone.utc)
        zims = [
            write_zim(site_dir / lang, staging / zim_name(lang), lang, built.date())
            for lang in LANGUAGES
        ]
        _progress(f"kb: wrote {len(zims)} ZIM files for Kiwix")
        try:
            printed = write_pdfs(site_dir, staging / "pdf", built) if pdfs else []
        except ChromiumMissing as err:
            raise BuildError(str(err)) from None
        write_checksums(staging, [zip_path, *zims, *printed])
        _replace(staging, dist_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _progress(f"kb: wrote {dist_dir / zip_path.name}, {len(zims)} ZIM files, {len(printed)} PDF dossiers in "
              f"{dist_dir / 'pdf'}, and SHA256SUMS")


def _replace(new: Path, target: Path) -> None:
    """Put `new` where `target` is, removing the old one only after the new one is in place."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
