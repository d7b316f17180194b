"""The atlas for Kiwix: one ZIM per language, valid for zimcheck, searchable with kiwix-search."""

from __future__ import annotations

import html
import re
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from helpers import kiwix_server

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
    # The entry, or first the application for it, whose title repeats the words.
    assert any(line.startswith("Alternative civilian service") for line in english[:2]), english[:5]


def test_kiwix_finds_a_court_decision_by_its_party(atlas_site: Path) -> None:
    english = kiwix_search(zim(atlas_site, "en"), "Shepherd")
    assert any("Shepherd" in line and "C-472/13" in line for line in english[:3]), english[:5]
    russian = kiwix_search(zim(atlas_site, "ru"), "Баятян")
    assert any(line.startswith("Баятян против Армении, 23459/03") for line in russian[:3]), russian[:5]


def test_zims_are_listed_in_the_checksums(atlas_site: Path) -> None:
    sums = (atlas_site / "dist" / "SHA256SUMS").read_text(encoding="utf-8")
    for lang in LANGS:
        assert zim(atlas_site, lang).name in sums


@pytest.fixture(scope="module")
def kiwix_serve(atlas_site: Path):  # type: ignore[no-untyped-def]
    """kiwix-serve on the loopback with both ZIM files: what a Kiwix reader's search shows."""
    with kiwix_server(*(str(zim(atlas_site, lang)) for lang in LANGS)) as base:
        yield base


def search_page(base: str, atlas_site: Path, lang: str, pattern: str) -> list[tuple[str, str, str]]:
    """(path, title, snippet) of each result of Kiwix's full-text search."""
    book = zim(atlas_site, lang).stem
    query = urllib.parse.urlencode({"books.name": book, "pattern": pattern})
    page = urllib.request.urlopen(f"{base}/search?{query}", timeout=30).read().decode("utf-8")
    found = re.findall(r'<a href="/[^/"]+/([^"]+)">\s*(.*?)\s*</a>\s*<cite>(.*?)</cite>', page, re.S)
    return [(path, html.unescape(title), html.unescape(re.sub(r"<[^>]+>", "", cite))) for path, title, cite in found]


def test_kiwix_search_snippets_quote_the_page_not_its_menus(kiwix_serve: str, atlas_site: Path) -> None:
    russian = search_page(kiwix_serve, atlas_site, "ru", "отсрочка")
    assert russian, "no results"
    # The entry is among the first results (a guide or a form about deferments may come first), and each of
    # them quotes the word from the page.
    assert "ru/ru-exemptions-deferments.html" in [path for path, _, _ in russian[:3]], russian[:3]
    for _, _, snippet in russian[:3]:
        assert "отсрочк" in snippet.lower(), snippet
    chrome = ("Сборка от", "English", "Made with", "Главная", "Поиск")
    for _, _, text in russian:
        assert not any(word in text for word in chrome), text
    english = search_page(kiwix_serve, atlas_site, "en", "alternative civilian service")
    assert english and "civilian" in english[0][2].lower(), english[:2]
    # Titles are the pages' own, in the file's language.
    assert all(not t.endswith(("- Атлас прав", "- Rights Atlas")) for _, t, _ in russian + english)


def test_zim_catalogue_says_it_has_a_full_text_index(kiwix_serve: str) -> None:
    catalogue = urllib.request.urlopen(kiwix_serve + "/catalog/v2/entries", timeout=30).read().decode("utf-8")
    tags = re.findall(r"<tags>(.*?)</tags>", catalogue)
    assert len(tags) == 2 and all("_ftindex:yes" in t and "_videos:yes" not in t for t in tags), tags


@pytest.mark.parametrize("lang", LANGS)
def test_zim_pages_have_no_dead_language_switch(atlas_site: Path, lang: str) -> None:
    from libzim.reader import Archive

    archive = Archive(zim(atlas_site, lang))
    page = bytes(archive.get_entry_by_path("ru/ru-call-up.html").get_item().content).decode("utf-8")
    assert "kb-language" not in page and "hreflang" not in page
