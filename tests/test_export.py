"""`kb export`: the atlas as plain docs trees, built by stock mkdocs and by Zensical without the kb plugin, gives the
pages `kb build` gives."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from helpers import article, entry_text, file_url, results, run_kb, text_of, write

LANGS = ("en", "ru")
#: Both renderers add a 404 page (for a server); `kb build` leaves it out of a site opened from disk.
SERVER_ONLY = {"404.html"}


def renderer(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def render(*jobs: tuple[Path, list[str]]) -> None:
    """Build each tree's languages with its command, all at once (each is a process of its own)."""
    running = [
        subprocess.Popen([*command, "-f", f"{lang}/mkdocs.yml"], cwd=tree, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        for tree, command in jobs for lang in LANGS
    ]
    for process in running:
        _, errors = process.communicate(timeout=600)
        assert process.returncode == 0, errors[-3000:]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled atlas exported once, then built by stock mkdocs and, in a copy, by Zensical."""
    root = tmp_path_factory.mktemp("export")
    result = run_kb("export", str(root / "mkdocs"))
    assert result.returncode == 0, result.stderr
    assert "exported" in result.stderr and "mkdocs build -f" in result.stderr
    shutil.copytree(root / "mkdocs", root / "zensical")
    render((root / "mkdocs", [renderer("mkdocs"), "build", "--quiet"]), (root / "zensical", [renderer("zensical"), "build"]))
    return {"mkdocs": root / "mkdocs", "zensical": root / "zensical"}


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def title(path: Path) -> str:
    return re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S).group(1)


def test_the_export_has_no_kb_plugin_and_every_page_as_markdown(exported: dict[str, Path], atlas_site: Path) -> None:
    for lang in LANGS:
        config = (exported["mkdocs"] / lang / "mkdocs.yml").read_text(encoding="utf-8")
        assert "- kb" not in config and "kb:" not in config.replace("kb_", "")
        docs = exported["mkdocs"] / lang / "docs"
        built = html_pages(atlas_site / "site" / lang)
        assert {p.relative_to(docs).with_suffix(".html").as_posix() for p in docs.rglob("*.md")} == built
        dossier = (docs / "ru" / "dossier.md").read_text(encoding="utf-8")
        assert dossier.startswith("---\n") and "hide:\n- toc\n" in dossier, "a page's meta travels as front matter"


@pytest.mark.parametrize("name", ["mkdocs", "zensical"])
def test_a_stock_renderer_makes_the_same_pages_as_kb_build(exported: dict[str, Path], atlas_site: Path, name: str) -> None:
    for lang in LANGS:
        built_site = atlas_site / "site" / lang
        export_site = exported[name] / lang / "site"
        built, made = html_pages(built_site), html_pages(export_site)
        assert made - SERVER_ONLY == built
        different = [rel for rel in sorted(built) if text_of(article(built_site / rel)) != text_of(article(export_site / rel))]
        assert different == [], different[:10]
        titles = [rel for rel in sorted(built) if title(built_site / rel) != title(export_site / rel)]
        # Zensical titles the home page "<nav title> - <site name>", where mkdocs gives the site name alone.
        assert titles == ([] if name == "mkdocs" else ["index.html"]), titles
        # The browser's search index is the same, file for file.
        index = sorted((built_site / "assets" / "kb" / "search").glob("*.js"))
        assert len(index) > 3
        assert all((export_site / "assets" / "kb" / "search" / p.name).read_bytes() == p.read_bytes() for p in index)


@pytest.mark.parametrize("name", ["mkdocs", "zensical"])
def test_an_exported_site_works_offline_with_search_tables_and_the_language_switch(
    exported: dict[str, Path], browser: Browser, name: str
) -> None:
    site = exported[name] / "ru" / "site"
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(file_url(site / "compare" / "conscription.html", "отсрочка"))
    hrefs = results(page)
    assert any(h.endswith("/ru/ru-exemptions-deferments.html") for h in hrefs), hrefs
    # The atlas's script puts the comparison table in its scrolling container, as the kb build does.
    assert page.locator(".kb-table[role=region] > table").count() >= 1
    switch = page.locator("a.kb-language").get_attribute("href")
    assert switch == "../../en/compare/conscription.html"
    page.goto(file_url(site / "ru" / "ru-summonses.html"))
    assert page.locator("a.kb-url").count() >= 1, "bare addresses are marked, so that print shows them once"
    context.close()
    assert outside == [], outside[:10]


def test_export_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    write(entries, "ru/appeal.yaml", entry_text())
    write(tmp_path, "mine/notes.txt", "my own notes")
    refused = run_kb("export", str(tmp_path / "mine"), "--entries", str(entries))
    assert refused.returncode == 1
    assert "is not empty and not an earlier export" in refused.stderr and "Traceback" not in refused.stderr
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "my own notes"
    # An earlier export is replaced.
    assert run_kb("export", str(tmp_path / "out"), "--entries", str(entries)).returncode == 0
    again = run_kb("export", str(tmp_path / "out"), "--entries", str(entries))
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "out" / "ru" / "docs" / "ru" / "ru-appeal.md").is_file()
