"""Building the whole site: one render per language (the renderer is `mkdocs_plugin.render`), a language
chooser, the command-line index, an atomic swap, then the download bundle.

The site is built into a temporary folder beside the target and moved into place only when every
language built; a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from kb_builder.build_info import build_timestamp
from kb_builder.exports.bundle import PROJECT, write_checksums, write_zip
from kb_builder.exports.chromium import ChromiumMissing
from kb_builder.search.terminal import INDEX_NAME, build_index
from kb_builder.pages import html as fragments
from kb_builder.pages.labels import LANGUAGE_NAMES, label
from kb_builder.content.loader import load_entries
from kb_builder.content.yaml_source import remember_parsed
from kb_builder.exports.pdf import write_pdfs
from kb_builder.content.schema import LANGUAGES
from kb_builder.exports.change_note import change_note, change_note_name
from kb_builder.exports.zim import write_library, write_zim
from kb_builder.signing import release_key
from kb_builder.mkdocs_plugin.render import RenderError, render_language
from kb_builder.search.documents import Indexed


T = TypeVar("T")


class BuildError(Exception):
    """The site could not be built; the message says why. The previous site is untouched."""


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def chooser_page() -> str:
    """The root index.html: pick a language. Static, no script, nothing remembered."""
    return fragments.render(
        "chooser.html",
        names=[label("site_name_long", lang) for lang in LANGUAGES],
        languages=[{"code": lang, "name": LANGUAGE_NAMES[lang]} for lang in LANGUAGES],
        notices=[label("notice_title", lang) for lang in LANGUAGES],
    ) + "\n"


def build_site(*, config_file: Path, site_dir: Path, entries_dir: Path, dist_dir: Path | None = None,
               strict: bool = True, pdfs: bool = True) -> Path:
    """Validate the entries, build every language into `site_dir`, then the bundle into `dist_dir`."""
    started = time.monotonic()
    remember_parsed()  # each language's site loads the atlas again
    result = load_entries(entries_dir)
    result.raise_for_problems()
    for warning in result.warnings:
        _progress(str(warning))
    _progress(f"kb: {len(result.entries)} entries valid")
    today = dt.date.today()
    overdue = sorted(item.entry.id for item in result.entries if item.entry.is_overdue(today))
    if overdue:
        _progress(f"kb: warning: {len(overdue)} entries are overdue for review (`kb stale` lists them): {', '.join(overdue)}")

    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        try:
            made = _render_languages(config_file, entries_dir, staging, strict)
        except RenderError as err:
            raise BuildError(str(err)) from None
        (staging / "index.html").write_text(chooser_page(), encoding="utf-8")
        _progress("kb: building the command-line search index")
        build_index(result, staging / INDEX_NAME, made)
        _replace(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _progress(f"kb: site written to {site_dir} in {time.monotonic() - started:.1f} s")
    if dist_dir is not None:
        key = release_key()
        note = change_note([item.entry for item in result.entries], result.releases, version(PROJECT), key)
        write_dist(site_dir, dist_dir.resolve(), config_file.parent, pdfs=pdfs, note=note)
    return site_dir


def _at_once(calls: list[Callable[[], T]]) -> list[T]:
    """What each call returns, the calls made at once in processes of their own where the machine has the cores
    (forked: they share nothing but what the parent has read), one after the other where it has not. Calls are
    started in the order given, so the longest should come first."""
    workers = min(len(calls), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [call() for call in calls]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        running = [pool.submit(call) for call in calls]
        return [job.result() for job in running]


def _render_languages(config_file: Path, entries_dir: Path, staging: Path, strict: bool) -> dict[str, list[Indexed]]:
    """Each language's site into `staging/<lang>/`, the languages at once; the pages each indexes for `kb search`."""
    for lang in LANGUAGES:
        _progress(f"kb: building the {LANGUAGE_NAMES[lang]} site")
    made = _at_once([partial(render_language, config_file, lang, entries_dir, staging / lang, strict=strict)
                     for lang in LANGUAGES])
    return dict(zip(LANGUAGES, made))


def zim_name(lang: str) -> str:
    """dist/<project>-<lang>-<version>.zim"""
    return f"{PROJECT}-{lang}-{version(PROJECT)}.zim"


def write_dist(site_dir: Path, dist_dir: Path, repo: Path, *, pdfs: bool = True, note: str = "") -> None:
    """The download bundle: the zip, the ZIM files and their Kiwix library, the PDF dossiers, the change note and
    SHA256SUMS, replacing the old ones only when all are written."""
    staging = dist_dir.with_name(f".{dist_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        built = dt.datetime.fromtimestamp(build_timestamp(repo), dt.timezone.utc)
        staging.mkdir(parents=True)
        _progress("kb: writing the zip and the ZIM files for Kiwix")
        # Each is written by one thread (a ZIM file's by one so that it is reproducible): the ZIM files, which take
        # longest, start first.
        *zims, zip_path = _at_once([
            *(partial(write_zim, site_dir / lang, staging / zim_name(lang), lang, built.date()) for lang in LANGUAGES),
            partial(write_zip, site_dir, staging, repo),
        ])
        _progress(f"kb: wrote {len(zims)} ZIM files for Kiwix")
        try:
            printed = write_pdfs(site_dir, staging / "pdf", built) if pdfs else []
        except ChromiumMissing as err:
            raise BuildError(str(err)) from None
        library = write_library(staging, zims)
        extra = [library]
        if note:
            note_path = staging / change_note_name(version(PROJECT))
            note_path.write_text(note, encoding="utf-8")
            extra.append(note_path)
        write_checksums(staging, [zip_path, *zims, *extra, *printed])
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
