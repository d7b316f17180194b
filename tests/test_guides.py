"""Situation guides, "what applies to me" and the directory of organisations: validation at the line, the pages,
the home page that starts with the situations, the questionnaire in Chromium at a phone's size, and the guides'
checklists in print."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from helpers import CONTACTS, PHONE, REPO, article, entry_text, file_url, guide_text, pdf_text, position, run_kb, text_of, write
from kb_builder.content.loader import load_entries


@pytest.fixture
def atlas(tmp_path: Path) -> Path:
    """An atlas folder with one valid entry, one valid guide and one file of organisations."""
    write(tmp_path, "entries/ru/appeal.yaml", entry_text())
    write(tmp_path, "guides/appeal-now.yaml", guide_text())
    write(tmp_path, "contacts/ru.yaml", CONTACTS)
    return tmp_path


def problems_of(atlas: Path) -> list[str]:
    return [str(p) for p in load_entries(atlas / "entries").problems]


def test_a_valid_guide_and_directory_load(atlas: Path) -> None:
    result = load_entries(atlas / "entries")
    assert result.problems == []
    assert [g.id for g in result.guides] == ["appeal-now"]
    assert [(o.country, o.organisation.id) for o in result.organisations] == [("RU", "ru-helpers")]
    validated = run_kb("validate", "--entries", str(atlas / "entries"))
    assert validated.returncode == 0 and "OK: 1 entries, 1 guide and 1 organisation in 3 files" in validated.stdout


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("[ru-appeal#deadlines, ru-appeal#s1]", "[ru-nowhere#deadlines, ru-appeal#s1]", "ru-nowhere",
         "steps[0].backed_by[0]: no entry has the id 'ru-nowhere'"),
        ("[ru-appeal#deadlines, ru-appeal#s1]", "[ru-appeal#deadlines, ru-appeal#s7]", "ru-appeal#s7",
         "steps[0].backed_by[1]: ru-appeal has no part 's7' (expected one of: key-facts (key facts), deadlines "
         "(deadlines), s1 (What to do), legal-basis (legal basis), sources (sources))"),
        ("[ru-appeal#deadlines, ru-appeal#s1]", "[]", "[]", "steps[0].backed_by: the list is empty"),
        ("      ru: Напишите в призывную комиссию субъекта.\n", "", "en: Write to the regional",
         "steps[0].do: no ru text (expected the text in every language"),
        ("related_guides: []", "related_guides: [appeal-later]", "appeal-later",
         "related_guides[0]: no guide has the id 'appeal-later'"),
        ("  stage: [called-up]", "  stage: [drafted]", "drafted", "applies_when.stage[0]: 'drafted' is not allowed"),
        ("id: appeal-now", "id: appeal-soon", "appeal-soon", "id: 'appeal-soon' is not the file's name"),
        ("      en: Write to the regional draft board.", "      en: Write to <b>the board</b>.", "<b>",
         "steps[0].do.en: raw HTML"),
    ],
)
def test_guide_problems_point_at_their_line(atlas: Path, old: str, new: str, needle: str, message: str) -> None:
    text = guide_text()
    assert old in text
    changed = text.replace(old, new, 1)
    write(atlas, "guides/appeal-now.yaml", changed)
    line, col = position(changed, needle)
    found = problems_of(atlas)
    matching = [p for p in found if p.startswith(f"{atlas / 'guides' / 'appeal-now.yaml'}:") and message in p]
    assert matching, found
    assert any(f":{line}:" in p for p in matching), (line, col, matching)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("url: https://www.connection-ev.org/about", "url: https://unknown-blog.example/about",
         "organisations[0].sources[0].url: the source policy does not list 'unknown-blog.example'"),
        ("country: RU", "country: KZ", "country: 'KZ' does not match the file's name (expected the file named kz.yaml)"),
        ("    last_checked: 2026-11-20\n", "    note: {en: Banned., ru: Запрещена., source: press}\n    last_checked: 2026-11-20\n",
         "organisations[0].note.source: no source of this organisation has the id 'press'"),
        ("      - {kind: phone, value: \"+7 (900) 000-00-00\"}", "      - {kind: pigeon, value: \"loft 3\"}",
         "organisations[0].channels[1].kind: 'pigeon' is not allowed"),
    ],
)
def test_directory_problems_point_at_their_line(atlas: Path, old: str, new: str, message: str) -> None:
    assert old in CONTACTS
    write(atlas, "contacts/ru.yaml", CONTACTS.replace(old, new, 1))
    found = problems_of(atlas)
    assert any(p.startswith(f"{atlas / 'contacts' / 'ru.yaml'}:") and message in p for p in found), found


def test_guides_and_directory_are_exported_as_json_schemas() -> None:
    for kind in ("guide", "contacts"):
        result = run_kb("schema", kind)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == (REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8").strip(), \
            f"run: kb schema {kind} > schema/{kind}.schema.json"


def test_the_bundled_atlas_has_twelve_guides_and_twenty_organisations_in_eight_places() -> None:
    result = load_entries(REPO / "entries")
    assert result.problems == []
    assert len(result.guides) >= 12
    for guide in result.guides:
        assert guide.title.ru and guide.situation.ru and all(step.do.ru for step in guide.steps)
    assert len(result.organisations) >= 20
    assert len({o.country for o in result.organisations}) >= 8
    for item in result.organisations:
        assert item.organisation.sources and item.organisation.last_checked


def test_a_guide_page_has_its_steps_deadlines_help_and_sources(atlas: Path) -> None:
    built = run_kb("build", "--entries", str(atlas / "entries"), "--site-dir", str(atlas / "site"), "--no-bundle")
    assert built.returncode == 0, built.stderr
    for lang, steps, deadlines, help_title in (("en", "What to do", "Deadlines that run now", "Where to get help"),
                                                ("ru", "Что делать", "Какие сроки уже идут", "Где получить помощь")):
        page = atlas / "site" / lang / "guides" / "appeal-now.html"
        body = article(page)
        text = text_of(body)
        assert steps in text and deadlines in text and help_title in text
        # Each step links to the entry and the part of its page it rests on.
        assert 'href="../ru/ru-appeal.html#deadlines"' in body and 'href="../ru/ru-appeal.html#s1"' in body
        # The directory: the organisation, its phone as a number to dial.
        assert 'href="tel:+79000000000"' in body and ("Helpers" if lang == "en" else "Помощники") in text
        # Its sources: the entry's own, in full.
        assert "https://epp.genproc.gov.ru/web/source-ru-appeal" in text
        assert "kb-notice" in body and ("Last reviewed" if lang == "en" else "Последняя проверка") in text
        home = text_of(article(atlas / "site" / lang / "index.html"))
        first = "What is happening to you?" if lang == "en" else "Что с вами происходит?"
        title_at = home.index(first)
        assert home.index("A decision to appeal" if lang == "en" else "Нужно обжаловать решение") > title_at
        # The situations come before everything but the page's title.
        intro = "Legal information" if lang == "en" else "Правовая информация"
        assert title_at < home.index(intro)
        jurisdiction = text_of(article(atlas / "site" / lang / "ru" / "index.html"))
        assert help_title in jurisdiction


def test_the_questions_a_guide_answers_are_listed_and_found_by_search(atlas: Path) -> None:
    """A guide's questions, in readers' words, are listed under its situation on the list of situations in both
    languages, and both languages' `kb search` find the guide by a word that only its questions hold."""
    asked = 'questions:\n  - en: "Is the verdict final?"\n    ru: "Окончательный ли вердикт?"\naudience:'
    write(atlas, "guides/appeal-now.yaml", guide_text().replace("audience:", asked, 1))
    built = run_kb("build", "--entries", str(atlas / "entries"), "--site-dir", str(atlas / "site"), "--no-bundle")
    assert built.returncode == 0, built.stderr
    for lang, line, word in (("en", "Questions it answers: “Is the verdict final?”", "verdict"),
                             ("ru", "Отвечает на вопросы: «Окончательный ли вердикт?»", "вердикт")):
        listing = article(atlas / "site" / lang / "guides" / "index.html")
        assert re.search(r'<p class="kb-questions">[^<]*' + re.escape(line.split(": ", 1)[1]), listing), listing
        assert line in text_of(listing)
        found = run_kb("search", "--index", str(atlas / "site" / "cli-index"), "--json", "--lang", lang, word)
        assert found.returncode == 0, found.stderr
        assert [hit["id"] for hit in json.loads(found.stdout)] == ["appeal-now"]


def test_phone_reader_taps_a_situation_and_answers_the_questions(browser: Browser, atlas_site: Path) -> None:
    """At 360x740 in Russian from file://: one tap from the home page to a guide's steps; three sets of answers
    keep the guides (and their deadlines) they should; no request leaves the machine, nothing is stored."""
    site = atlas_site / "site" / "ru"
    context = browser.new_context(locale="ru-RU", **PHONE)
    tab = context.new_page()
    outside: list[str] = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    tab.goto(file_url(site / "index.html"))
    button = tab.locator(".kb-situation", has_text="Мне пришла повестка")
    assert button.is_visible() and button.bounding_box()["y"] < 740, "the situation is on the first screen"
    assert button.bounding_box()["height"] >= 44, "a tap target a thumb can hit"
    button.click()
    tab.wait_for_load_state("load")  # the tap navigates; the guide is read once it has loaded
    assert tab.url.endswith("/ru/guides/summons-arrived.html")
    assert tab.locator("h2#steps").is_visible()
    assert tab.locator("h1").inner_text().strip().rstrip("¶") == "Мне пришла повестка"

    tab.goto(file_url(site / "what-applies.html"))
    expected = {
        ("RU", "summons", "RU"): ({"summons-arrived"}, "7 дней"),
        ("KZ", "abroad", "RU"): ({"abroad-in-transit"}, None),
        ("EU", "asylum-claim", "RU"): ({"asylum-first-weeks", "claim-rejected"}, None),
    }
    for (where, stage, citizenship), (must, deadline) in expected.items():
        tab.select_option("select[name=where]", where)
        tab.select_option("select[name=stage]", stage)
        tab.select_option("select[name=citizenship]", citizenship)
        shown = tab.eval_on_selector_all(".kb-quiz__guide:not([hidden]) > a", "as => as.map(a => a.getAttribute('href'))")
        ids = {href.rsplit("/", 1)[-1].removesuffix(".html") for href in shown}
        assert must <= ids, (where, stage, ids)
        assert "advising" not in ids and "serving-want-out" not in ids
        count = tab.inner_text(".kb-quiz__all")
        assert re.match(rf"^{len(ids)} руководств", count), count
        if deadline:
            visible = tab.inner_text(".kb-quiz__guides")
            assert deadline in visible
    storage = tab.evaluate("async () => [localStorage.length, sessionStorage.length, document.cookie, "
                           "(await indexedDB.databases()).length]")
    assert storage == [0, 0, "", 0]
    context.close()
    assert outside == []


def test_without_a_script_the_questionnaire_is_a_list_of_every_situation(atlas_site: Path) -> None:
    page = atlas_site / "site" / "ru" / "what-applies.html"
    body = article(page)
    items = re.findall(r'<li class="kb-quiz__guide"[^>]*>\s*<a href="guides/([a-z-]+)\.html"', body)
    assert len(items) == len(list((REPO / "guides").glob("*.yaml")))
    assert '<div class="kb-quiz" hidden="">' in body or '<div class="kb-quiz" hidden>' in body


def test_the_guides_print_as_checklists_with_deadlines_and_sources(atlas_site: Path) -> None:
    for lang, steps, deadlines in (("ru", "Что делать", "Какие сроки уже идут"), ("en", "What to do", "Deadlines that run now")):
        pdf = atlas_site / "dist" / "pdf" / lang / "guides.pdf"
        text = pdf_text(pdf)
        assert "☐ 1." in text and "☐ 2." in text, "each step has a box to tick"
        assert steps in text and deadlines in text
        assert ("Мне пришла повестка" if lang == "ru" else "A summons has arrived") in text
        assert "https://" in text, "the sources print with their addresses"
        assert ("7 дней" if lang == "ru" else "7 days") in text
