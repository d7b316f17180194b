"""Fixtures the whole suite shares: entry folders on disk, one build of the bundled atlas, one browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from helpers import chromium, run_kb
from quality import Survey, survey

@pytest.fixture
def entries(tmp_path: Path) -> Path:
    root = tmp_path / "entries"
    root.mkdir()
    return root


@pytest.fixture(scope="session")
def atlas_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled atlas, built once for the session with `kb build` into a temporary folder."""
    out = tmp_path_factory.mktemp("atlas")
    result = run_kb("build", "--site-dir", str(out / "site"), "--dist", str(out / "dist"))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def browser() -> Browser:
    """One headless Chromium for the session; each test opens its own context or tab and closes it."""
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def site_survey(atlas_site: Path) -> Survey:
    """Every page of the bundled atlas visited once in Chromium at a phone's size: the requests each makes, its
    width and what axe-core finds (scripts/quality.py); the tests on each of these read this one visit."""
    return survey(atlas_site / "site")
