"""Templates of applications and complaints: fields checked against the document at their line, the bundled
templates, and filling two of them in Chromium from file:// and printing them to PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from helpers import PHONE, REPO, file_url, pdf_text, position, run_kb, write
from kb_builder.content.loader import load_entries

TEMPLATE = (REPO / "templates" / "acs-application.yaml").read_text(encoding="utf-8")


@pytest.fixture
def atlas(tmp_path: Path) -> Path:
    """An atlas folder with the bundled entries and the ACS application."""
    shutil.copytree(REPO / "entries", tmp_path / "entries")
    write(tmp_path, "templates/acs-application.yaml", TEMPLATE)
    return tmp_path


def test_the_model_template_is_valid(atlas: Path) -> None:
    result = load_entries(atlas / "entries")
    assert result.problems == [], [str(p) for p in result.problems]
    assert [t.id for t in result.templates] == ["acs-application"]


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("проживающего по адресу: {address}", "проживающего по адресу: {adress}", "{adress}",
         "document: {adress} is not one of the fields"),
        ("  {date}                                        ______________ (подпись)",
         "  ______________ (подпись)", "- id: date", "fields[7].id: the document never uses {date}"),
        ("    type: choice\n", "    type: checkbox\n", "checkbox", "fields[4].type: 'checkbox' is not allowed"),
        ("  backed_by: [ru-alternative-civilian-service#deadlines, ru-alternative-civilian-service#s1]",
         "  backed_by: [ru-alternative-civilian-service#deadlines, ru-alternative-civilian-service#s9]", "#s9",
         "deadline.backed_by[1]: ru-alternative-civilian-service has no part 's9'"),
    ],
)
def test_template_problems_point_at_their_line(atlas: Path, old: str, new: str, needle: str, message: str) -> None:
    assert old in TEMPLATE
    changed = TEMPLATE.replace(old, new, 1)
    write(atlas, "templates/acs-application.yaml", changed)
    line, _ = position(changed, needle)
    found = [str(p) for p in load_entries(atlas / "entries").problems]
    matching = [p for p in found if message in p]
    assert matching, found
    assert any(p.startswith(f"{atlas / 'templates' / 'acs-application.yaml'}:{line}:") for p in matching), (line, matching)


def test_kb_validate_names_the_line_of_an_unknown_field(atlas: Path) -> None:
    changed = TEMPLATE.replace("проживающего по адресу: {address}", "проживающего по адресу: {adress}", 1)
    write(atlas, "templates/acs-application.yaml", changed)
    result = run_kb("validate", "--entries", str(atlas / "entries"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line, col = position(changed, "{adress}")
    assert f"acs-application.yaml:{line}:{col}: document: {{adress}} is not one of the fields" in result.stderr


def test_the_bundled_templates() -> None:
    result = load_entries(REPO / "entries")
    assert result.problems == []
    assert len(result.templates) >= 8
    for template in result.templates:
        assert template.deadline.backed_by and template.backed_by
        assert all(field.help.ru and field.label.ru for field in template.fields)
    used = {t for guide in result.guides for step in guide.steps for t in step.templates}
    assert used, "the guides' steps name the templates they use"


@pytest.mark.parametrize("template_id", ["acs-application", "draft-board-complaint"])
def test_fill_in_a_template_offline_and_print_it(browser: Browser, atlas_site: Path, tmp_path: Path, template_id: str) -> None:
    page_path = atlas_site / "site" / "ru" / "forms" / f"{template_id}.html"
    context = browser.new_context(locale="ru-RU", **PHONE)
    tab = context.new_page()
    outside: list[str] = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    tab.goto(file_url(page_path))
    typed: list[str] = []
    inputs = tab.locator(".kb-field__input")
    assert inputs.count() >= 3
    for index in range(inputs.count()):
        box = inputs.nth(index)
        name = box.get_attribute("name")
        tag = box.evaluate("e => e.tagName")
        kind = box.get_attribute("type")
        if tag == "SELECT":
            value = box.locator("option").nth(1).get_attribute("value")
            box.select_option(value)
            typed.append(tab.get_attribute(f'.kb-field[data-field="{name}"] li[data-value="{value}"]', "data-text"))
        elif kind == "date":
            box.fill("2026-11-30")
            typed.append("30.11.2026")
        else:
            text = f"Проверка {name.replace('_', ' ')} {index}"
            box.fill(text)
            typed.append(text)
    # The document fills in as the reader types.
    document = tab.inner_text(".kb-document")
    assert all(value in document for value in typed), (typed, document)
    tab.emulate_media(media="print")
    pdf = tmp_path / f"{template_id}.pdf"
    pdf.write_bytes(tab.pdf(format="A4"))
    storage = tab.evaluate("async () => [localStorage.length, sessionStorage.length, document.cookie, "
                           "(await indexedDB.databases()).length]")
    context.close()
    text = " ".join(pdf_text(pdf).split())
    for value in typed:
        assert value in text, (value, text[:2000])
    assert re.search(r"Правовая основа: .*ФЗ", text), "the laws it rests on print under the document"
    for chrome in ("Атлас прав", "Поиск", "Заполните", "Как подать", "Основание:", "Эта копия атласа"):
        assert chrome not in text, chrome
    assert storage == [0, 0, "", 0]
    assert outside == []


def test_without_a_script_the_blank_document_and_its_help_are_there(atlas_site: Path) -> None:
    page = (atlas_site / "site" / "ru" / "forms" / "acs-application.html").read_text(encoding="utf-8")
    assert page.count('class="kb-blank"') >= 7
    assert 'class="kb-field"' in page and "Как в паспорте" in page
    pdf = atlas_site / "dist" / "pdf" / "ru" / "forms.pdf"
    text = pdf_text(pdf)
    assert "ЗАЯВЛЕНИЕ" in text and "________________________" in text, "the blank forms print to fill in by hand"
