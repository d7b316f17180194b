"""Fixtures the whole suite shares: entry folders on disk, one build of the bundled atlas, one browser, and the
two checks of that build that take the longest.

The suite runs in three stages so that both of a machine's cores work: the build of the bundled atlas starts in a
thread of its own when the tests are collected, while the tests that do not need it run; then the tests that read
the atlas; last, the tests that read the two checks of it that take longest (a survey of every page in Chromium,
scripts/quality.py, and a second build that must give the same files), which start in threads of their own as soon
as the atlas is built."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import pytest
from playwright.sync_api import Browser

from helpers import chromium, run_kb
from quality import Survey, survey

ATLAS = "atlas_site"
#: The fixtures whose work starts in the background when the atlas is built.
AFTER_ATLAS = ("site_survey", "second_build")
#: How much lower the priority of those checks is than the foreground's (nice).
BACKGROUND_NICE = 10
_background = ThreadPoolExecutor(max_workers=1 + len(AFTER_ATLAS), thread_name_prefix="background")
_started: dict[str, Future[Any]] = {}
_folders: list[Path] = []


def build_atlas(out: Path) -> Path:
    """`kb build` of the bundled atlas into `out` (site and dist)."""
    result = run_kb("build", "--site-dir", str(out / "site"), "--dist", str(out / "dist"))
    assert result.returncode == 0, result.stderr
    return out


def _folder(name: str) -> Path:
    _folders.append(Path(tempfile.mkdtemp(prefix=f"kb-{name}-")))
    return _folders[-1]


def _yielding(work: Callable[..., Any], *args: Any) -> Any:
    """Run `work` in this thread at a lower priority (nice 10), which the processes it starts inherit: the tests
    in the foreground then run as fast as on their own, and the checks in the background take the processor time
    left over, all of it once the foreground has only them to wait for. Without it the foreground's one process
    got a third of the machine beside the checks' several, and finished a minute after them."""
    with contextlib.suppress(OSError):  # a thread's own priority is Linux's; elsewhere all run at one priority
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
    return work(*args)


def _atlas_then_checks(wanted: set[str]) -> Path:
    out = build_atlas(_folder("atlas"))
    if "site_survey" in wanted:
        _started["site_survey"] = _background.submit(_yielding, survey, out / "site")
    if "second_build" in wanted:
        _started["second_build"] = _background.submit(_yielding, build_atlas, _folder("atlas-again"))
    return out


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order the tests in the three stages (keeping each module's tests together within a stage, so that a
    module's fixtures are made once) and start the build of the atlas if a test needs it. It runs after `-k` and
    `-m` have left tests out, so that only the checks the selected tests read are started."""
    def names(item: pytest.Item) -> set[str]:
        return set(getattr(item, "fixturenames", ()))

    needs_atlas = {item.module.__name__ for item in items if ATLAS in names(item)}  # type: ignore[attr-defined]
    items.sort(key=lambda item: 2 if names(item) & set(AFTER_ATLAS) else int(item.module.__name__ in needs_atlas))  # type: ignore[attr-defined]
    if needs_atlas and not config.option.collectonly:
        wanted = {name for item in items for name in names(item) & set(AFTER_ATLAS)}
        _started[ATLAS] = _background.submit(_atlas_then_checks, wanted)


def pytest_sessionfinish() -> None:
    _background.shutdown(wait=True, cancel_futures=True)
    for folder in _folders:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def entries(tmp_path: Path) -> Path:
    root = tmp_path / "entries"
    root.mkdir()
    return root


@pytest.fixture(scope="session")
def atlas_site() -> Path:
    """The bundled atlas, built once for the session with `kb build` into a temporary folder (site and dist)."""
    return _started[ATLAS].result()


@pytest.fixture(scope="session")
def second_build(atlas_site: Path) -> Path:
    """The bundled atlas built a second time, from the same commit, into another folder."""
    return _started["second_build"].result()


@pytest.fixture(scope="session")
def browser() -> Browser:
    """One headless Chromium for the session; each test opens its own context or tab and closes it."""
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def site_survey(atlas_site: Path) -> Survey:
    """Every page of the bundled atlas visited once in Chromium at a phone's size: the requests each makes, its
    width and what axe-core finds (scripts/quality.py); the tests on each of these read this one visit."""
    return _started["site_survey"].result()
