"""The atlas for Kiwix: one ZIM per language, valid for zimcheck, searchable with kiwix-search."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

LANGS = ("en", "ru")


def zim(atlas_site: Path, lang: str) -> Path:
    [found] = (atlas_site / "dist").glob(f"rights-atlas-{lang}-*.zim")
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_zimcheck_finds_no_error(atlas_site: Path, lang: str) -> None:
    result = subprocess.run(["zimcheck", "-A", str(zim(atlas_site, lang))], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Overall Test Status: Pass" in result.stdout
    assert "[ERROR]" not in result.stdout


def kiwix_search(path: Path, query: str) -> list[str]:
    result = subprocess.run(["kiwix-search", str(path), query], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_kiwix_search_finds_russian_word_forms_and_english_phrases(atlas_site: Path) -> None:
    russian = kiwix_search(zim(atlas_site, "ru"), "отсрочка")
    assert any(line.startswith("Освобождение и отсрочка от призыва") for line in russian[:5]), russian[:5]
    # Another form of the word finds the same pages: the index stems Russian.
    inflected = kiwix_search(zim(atlas_site, "ru"), "отсрочкой")
    assert any(line.startswith("Освобождение и отсрочка от призыва") for line in inflected[:5]), inflected[:5]
    english = kiwix_search(zim(atlas_site, "en"), "alternative civilian service")
    assert english and english[0].startswith("Alternative civilian service"), english[:5]


def test_zims_are_listed_in_the_checksums(atlas_site: Path) -> None:
    sums = (atlas_site / "dist" / "SHA256SUMS").read_text(encoding="utf-8")
    for lang in LANGS:
        assert zim(atlas_site, lang).name in sums
