"""Printing: print media shows only the content with its header block; PDF dossiers hold every entry."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from playwright.sync_api import Browser

from helpers import REPO, entry_text, pdf_text, run_kb, write


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def entries_by_jurisdiction() -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for path in sorted((REPO / "entries").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.setdefault(path.parent.name, []).append(data)
    return found


#: Interface words of each language, none of which may appear in the other language's PDF.
INTERFACE = {
    "en": ("Information, not legal advice", "Key facts", "Legal basis", "Printed on", "Law text:", "Last reviewed"),
    "ru": ("Информация, а не юридическая консультация", "Основные факты", "Правовая основа", "Дата печати",
           "Текст закона:", "Последняя проверка"),
}
#: What the first page of each language's dossier says: the notice and the contents.
FIRST_PAGE = {"en": ("Information, not legal advice", "Contents"), "ru": ("Информация, а не юридическая консультация", "Содержание")}
PROVENANCE = {
    "en": ("Law text:", "Court decision:", "Official source:", "Reported by:"),
    "ru": ("Текст закона:", "Решение суда:", "Официальный источник:", "По сообщениям:"),
}


STAY_FIELDS = ("stay_days_for_russians", "internal_passport_accepted", "registration_deadline",
               "extradition_treaty_with_russia")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_one_pdf_per_language_and_jurisdiction_with_every_entry_in_order_and_every_source(
    atlas_site: Path, lang: str
) -> None:
    from pypdf import PdfReader

    other = "ru" if lang == "en" else "en"
    pdf_dir = atlas_site / "dist" / "pdf" / lang
    groups = entries_by_jurisdiction()
    # One per jurisdiction, the guides' checklists, the blank forms (tests/test_guides.py and tests/test_templates.py
    # read those) and the court decisions, each with its citation.
    assert sorted(p.stem for p in pdf_dir.glob("*.pdf") if p.stem not in ("guides", "forms", "cases")) == sorted(groups)
    assert (pdf_dir / "guides.pdf").is_file() and (pdf_dir / "forms.pdf").is_file()
    decisions = squeeze(pdf_text(pdf_dir / "cases.pdf"))
    for path in sorted((REPO / "cases").glob("*/*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert squeeze(case["number"]) in decisions and squeeze(case["sources"][0]["url"]) in decisions, path.name
    for code, entries in groups.items():
        pdf = pdf_dir / f"{code}.pdf"
        text = pdf_text(pdf)
        flat = squeeze(text)
        # The file starts in its language: the first page's title and notice, then the contents.
        first_page = pdf_text_page(pdf, 1)
        assert all(words in first_page for words in FIRST_PAGE[lang]), (code, first_page[:300])
        for word in INTERFACE[other]:
            assert word not in text, (code, lang, word)
        # Entries appear in the dossier's order (that of the jurisdiction page).
        page = (atlas_site / "site" / lang / code / "dossier.html").read_text(encoding="utf-8")
        order = [i for i in re.findall(r'<h2 id="([a-z0-9-]+)"', page) if i in {e["id"] for e in entries}]
        assert sorted(order) == sorted(e["id"] for e in entries)
        titles = [next(e for e in entries if e["id"] == i)["title"][lang] for i in order]
        positions = [flat.index(squeeze(t)) for t in titles]
        assert positions == sorted(positions), code
        for entry in entries:
            for source in entry["sources"]:
                assert squeeze(source["url"]) in flat, (code, source["url"])
        # Every fact prints what it rests on: as many such lines as facts.
        facts = sum(len(e.get("key_facts", [])) + len(e.get("deadlines", [])) + len(e.get("conscription_facts") or {})
                    + sum(1 for name in STAY_FIELDS if e.get(name)) for e in entries)
        assert sum(flat.count(squeeze(c)) for c in PROVENANCE[lang]) >= facts, code
        # Navigation, header and footer do not print.
        for chrome in ("Conscription & Asylum Rights Atlas", "Атлас прав", "All deadlines", "Все сроки", "Made with"):
            assert chrome not in text, (code, chrome)
        # No link to the build machine's files (they lead nowhere on paper and would differ between builds).
        assert b"file:" not in pdf.read_bytes() and b"file\\072" not in pdf.read_bytes(), code
        # Tagged for screen readers, in its language.
        reader = PdfReader(pdf)
        assert reader.trailer["/Root"]["/Lang"] == lang and "/StructTreeRoot" in reader.trailer["/Root"]


def test_a_pdf_does_not_depend_on_the_numbers_chromium_gave_its_nodes(atlas_site: Path) -> None:
    """Chromium names table headers in a tagged PDF after DOM node numbers that change from run to run, in
    number and in order; the finished file names them by their order in the document, so two prints of one page
    give one file (tests/test_bundle.py compares two whole builds)."""
    import datetime as dt

    from kb_builder.exports.pdf import _finished

    printed = (atlas_site / "dist" / "pdf" / "en" / "ru.pdf").read_bytes()
    names = sorted(set(re.findall(rb"node\d{8}", printed)))
    assert len(names) > 10, "the Russia dossier's tables have headers that cells refer to"
    first, last = names[0], names[-1]
    # The same PDF with the first and the last node's numbers swapped, as another run might number them.
    swapped = printed.replace(first, b"swap" + first[4:]).replace(last, first).replace(b"swap" + first[4:], last)
    assert swapped != printed
    built = dt.datetime(2026, 11, 30)
    assert _finished(swapped, "Russia", "en", built) == _finished(printed, "Russia", "en", built)


def pdf_text_page(path: Path, number: int) -> str:
    result = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(path), "-"],
                            capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture(scope="module")
def print_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("print")
    text = entry_text(id="ru-appeal").replace(
        "    Write to the regional draft board within three months.",
        "    Write to the regional draft board within three months; see [UNHCR](https://www.unhcr.org/).",
    )
    write(root / "entries", "ru/appeal.yaml", text)
    result = run_kb("build", "--entries", str(root / "entries"), "--site-dir", str(root / "site"), "--no-bundle")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_print_media_shows_only_the_content_with_its_header_block(browser: Browser, print_site: Path) -> None:
    page = browser.new_page()
    page.goto((print_site / "en" / "ru" / "ru-appeal.html").as_uri())
    screen_printed = page.eval_on_selector(".kb-printed", "e => getComputedStyle(e).display")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.kb-search',
                  '.headerlink'].map(s => [s, [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none')])"""
    )
    visible = page.evaluate(
        """() => ['h1', '.kb-meta', '.kb-notice', '.kb-printed', '.kb-review', '.kb-provenance', '.kb-prov'].map(
               s => [s, getComputedStyle(document.querySelector(s)).display !== 'none'])"""
    )
    printed = page.inner_text(".kb-printed")
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('article a[href=\"https://www.unhcr.org/\"]'), '::after').content"
    )
    url_after = page.evaluate(
        "() => getComputedStyle(document.querySelector('article a.kb-url'), '::after').content"
    )
    row = page.evaluate("() => getComputedStyle(document.querySelector('article tbody tr')).breakInside")
    article_text = page.inner_text("article")
    assert screen_printed == "none"
    assert all(ok for _, ok in hidden), hidden
    assert all(ok for _, ok in visible), visible
    assert re.fullmatch(r"Printed on \d{1,2} \w+ \d{4}", printed), printed
    assert "https://www.unhcr.org/" in after
    assert url_after in ("none", "normal", "")
    assert row == "avoid"
    assert "Appealing a draft-board decision ru-appeal" in article_text
    assert "Jurisdiction: Russia" in article_text and "Topic:" in article_text and "Last reviewed: 21 November 2026" in article_text
    assert "Information, not legal advice" in article_text
    # What each fact rests on prints beside it, and the entry's count of them prints at the top.
    assert "Three months from the decision\nAs of: 1 November 2026\nLaw text: 53-FZ, Art. 28(7)" in article_text
    assert "What the 3 facts here rest on: the law's text — 2; reports only — 1." in article_text


def test_jurisdiction_page_links_its_dossier(print_site: Path) -> None:
    page = (print_site / "en" / "ru" / "index.html").read_text(encoding="utf-8")
    assert 'href="dossier.html"' in page and "Print all entries on Russia" in page
    dossier = (print_site / "ru" / "ru" / "dossier.html").read_text(encoding="utf-8")
    assert "Россия: все статьи" in dossier and 'href="#ru-appeal"' in dossier
