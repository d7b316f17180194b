"""English and Russian throughout: mirrored trees, a switch to the same page, complete translations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import article, entry_text, parse, run_kb, text_of, write


def html_pages(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*.html")}


def test_every_page_has_its_counterpart_and_the_switch_links_to_it(atlas_site: Path) -> None:
    site = atlas_site / "site"
    en, ru = html_pages(site / "en"), html_pages(site / "ru")
    assert en == ru
    assert len(en) > 60
    for lang, other in (("en", "ru"), ("ru", "en")):
        for rel in sorted(en):
            page = site / lang / rel
            links = {a["hreflang"]: a["href"] for tag, a in parse(page).tags if tag == "a" and "kb-language" in (a.get("class") or "")}
            # One tap: the header links straight to the other language's page, named in that language.
            assert set(links) == {other}, (page, links)
            assert (page.parent / links[other]).resolve() == (site / other / rel).resolve(), (page, links[other])


def test_interface_and_dates_are_translated(atlas_site: Path) -> None:
    page = atlas_site / "site" / "ru" / "ru" / "ru-call-up.html"
    html = page.read_text(encoding="utf-8")
    assert '<html lang="ru"' in html
    text = text_of(article(page))
    for heading in ("Основные факты", "Правовая основа", "Источники", "Последняя проверка"):
        assert heading in text
    assert "ноября 2026 г." in text
    assert "Key facts" not in text and "Legal basis" not in text


def test_missing_translation_fails_the_build_but_not_a_draft(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    text = entry_text(id="ru-half")
    text = text.replace("  ru: Обжалование решения призывной комиссии ru-half\n", "")
    write(entries, "ru/half.yaml", text)
    strict = run_kb("build", "--entries", str(entries), "--site-dir", str(tmp_path / "site"), "--no-bundle")
    assert strict.returncode == 1
    assert "entry ru-half has no 'ru' text yet" in strict.stderr
    assert not (tmp_path / "site").exists()
    draft = run_kb("build", "--draft", "--entries", str(entries), "--site-dir", str(tmp_path / "site"), "--no-bundle")
    assert draft.returncode == 0, draft.stderr
    page = text_of(article(tmp_path / "site" / "ru" / "ru" / "ru-half.html"))
    assert "Ещё не переведено" in page
    assert "Appealing a draft-board decision ru-half" in page  # English shown, never an empty page


def test_bundled_entries_are_fully_translated() -> None:
    result = run_kb("stats", "--json")
    assert result.returncode == 0, result.stderr
    languages = json.loads(result.stdout)["languages"]
    assert languages["en"]["percent"] == 100.0 and languages["ru"]["percent"] == 100.0


def test_every_interface_label_exists_in_every_language() -> None:
    from kb_builder.pages.labels import keys, label
    from kb_builder.content.schema import AUDIENCES, LANGUAGES, TOPICS

    for key in keys():
        for lang in LANGUAGES:
            assert label(key, lang).strip(), (key, lang)
    assert {f"topic:{t}" for t in TOPICS} | {f"audience:{a}" for a in AUDIENCES} <= set(keys())


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("ru", 1, "1 статья"), ("ru", 2, "2 статьи"), ("ru", 5, "5 статей"), ("ru", 11, "11 статей"),
        ("ru", 21, "21 статья"), ("ru", 24, "24 статьи"), ("en", 1, "1 entry"), ("en", 2, "2 entries"),
    ],
)
def test_counted_nouns_take_the_plural_the_number_needs(lang: str, n: int, expected: str) -> None:
    from kb_builder.pages.labels import count, count_nouns
    from kb_builder.content.schema import LANGUAGES

    assert count("entries", n, lang) == expected
    for noun in count_nouns():
        for language in LANGUAGES:
            assert count(noun, n, language).startswith(f"{n} ")


def test_a_date_ending_in_a_full_stop_does_not_double_it() -> None:
    from kb_builder.pages.labels import label, sentence

    assert label("notice", "ru", date="21 ноября 2026 г.").endswith("21 ноября 2026 г.")
    assert label("notice", "en", date="21 November 2026").endswith("21 November 2026.")
    assert sentence("Последняя проверка: 21 ноября 2026 г.") == "Последняя проверка: 21 ноября 2026 г."
