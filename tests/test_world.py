"""The world baseline: a page per country in both languages, values carried over intact, and
comparison tables that sort and filter offline."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from playwright.sync_api import Browser

from helpers import REPO, article, parse as parse_html, text_of
from kb_builder.content.baseline import parse

DATA = json.loads((REPO / "kb_builder" / "data" / "factbook-military-service-2025.json").read_text(encoding="utf-8"))["countries"]
WRITTEN_CONSCRIPTION = {"RU", "BY"}  # countries with a hand-written conscription entry in entries/
WITH_ENTRIES = {p.name.upper() for p in (REPO / "entries").iterdir() if p.is_dir()}


def baseline_page(site: Path, lang: str, code: str) -> Path:
    """The baseline is the country page itself when the atlas has no entries for the country."""
    folder = site / lang / code.lower()
    return folder / ("baseline.html" if code in WITH_ENTRIES else "index.html")


def test_every_country_has_a_page_in_both_languages_with_source_and_year(atlas_site: Path) -> None:
    site = atlas_site / "site"
    assert len(DATA) == 177
    for country in DATA:
        code = country["iso2"].lower()
        year = re.search(r"\((\d{4})\)\s*$", country["military_service_age_and_obligation"])
        for lang in ("en", "ru"):
            jurisdiction = site / lang / code / "index.html"
            assert jurisdiction.is_file(), (lang, code)
            baseline = baseline_page(site, lang, country["iso2"])
            if country["iso2"] in WRITTEN_CONSCRIPTION:
                assert not (site / lang / code / "baseline.html").exists(), "a hand-written entry replaces the baseline"
                assert f"{code}-" in jurisdiction.read_text(encoding="utf-8")
                continue
            text = text_of(article(baseline))
            assert "World Factbook" in text and "Central Intelligence Agency" in text
            if year:
                assert year.group(1) in text
            assert ("Baseline, not reviewed by the atlas" if lang == "en" else "Базовые сведения, не проверены атласом") in text


def test_no_baseline_value_is_lost_or_altered(atlas_site: Path) -> None:
    site = atlas_site / "site"
    for country in DATA:
        if country["iso2"] in WRITTEN_CONSCRIPTION:
            continue
        page = baseline_page(site, "en", country["iso2"]).read_text(encoding="utf-8")
        quoted = re.search(r'<blockquote class="kb-source-text" lang="en">(.*?)</blockquote>', page, re.S)
        assert quoted, country["iso2"]
        paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", quoted.group(1), re.S)]
        expected = [country["military_service_age_and_obligation"]] + ([country["note"]] if country["note"] else [])
        assert paragraphs == expected, country["iso2"]
        # The values shown in the short table are those parsed from the same text.
        parsed = parse(country["iso2"], country["name"], country["region"], country["military_service_age_and_obligation"], country["note"])
        table = text_of(page[page.index("<table") : page.index("</table>")])
        if parsed.min_age and parsed.max_age:
            assert f"{parsed.min_age}–{parsed.max_age}" in table, country["iso2"]
        if parsed.service_months:
            low, high = parsed.service_months
            assert (str(low) if low == high else f"{low}–{high}") in table, country["iso2"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18-30 years of age for compulsory service for men; 18-65 years of age for voluntary/contractual service; "
         "minimum 12-month service obligation (2025)", (True, 18, 30, (12, 12))),
        ("service is voluntary; there is no conscription (2023)", (False, None, None, None)),
        ("18-24 years of age for voluntary military service; conscription suspended in 1995; citizens can still be "
         "drafted in times of crisis (2025)", (None, None, None, None)),
        ("17-23 years of age for voluntary military service (must have completed compulsory full-time education); "
         "service obligation 7-23 months or 12 years (2025)", (None, None, None, None)),
        ("all Finnish men are obligated to serve 5.5-12 months of service (2025)", (True, None, None, None)),
        ("military service is compulsory for Turkish men 20-41 for a period of 6-12 months (2025)", (True, 20, 41, (6, 12))),
    ],
)
def test_parsing_keeps_what_is_stated_and_leaves_the_rest_empty(text: str, expected: tuple) -> None:
    b = parse("XX", "X", "europe", text, "")
    assert (b.in_force, b.min_age, b.max_age, b.service_months) == expected


def test_world_table_lists_every_country_links_it_and_sorts_and_filters_offline(browser: Browser, atlas_site: Path) -> None:
    page = atlas_site / "site" / "en" / "compare" / "conscription.html"
    rows = re.findall(r'<tr data-code="([A-Z]{2})">(.*?)</tr>', page.read_text(encoding="utf-8"), re.S)
    assert sorted(code for code, _ in rows) == sorted(c["iso2"] for c in DATA)
    for code, row in rows:
        href = re.search(r'href="([^"]+)"', row).group(1)
        assert (page.parent / href).resolve() == (atlas_site / "site" / "en" / code.lower() / "index.html").resolve()
    russia = dict(rows)["RU"]
    cells = [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", russia, re.S)]
    # The service term rests on a press report of the General Staff's statement: the table marks it, as the entry does.
    assert cells[2:6] == ["Yes", "18", "30", "12 (reported)"], cells
    requests: list[str] = []
    tab = browser.new_page()
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(page.as_uri())
    # Rows come in the order of the country names; sorting by a column keeps empty cells last, both ways.
    names = tab.eval_on_selector_all("#kb-world tbody tr td:first-child", "cs => cs.map(c => c.textContent.trim())")
    assert names[:3] == ["Afghanistan", "Albania", "Algeria"], names[:3]
    for clicks, direction in ((1, 1), (1, -1)):
        for _ in range(clicks):
            tab.click("#kb-world th:nth-child(5)")  # Max. age
        ages = tab.eval_on_selector_all("#kb-world tbody tr td:nth-child(5)", "cs => cs.map(c => c.dataset.sort)")
        filled = [int(a) for a in ages if a]
        assert filled == sorted(filled, reverse=direction < 0) and filled, ages[:5]
        assert all(a == "" for a in ages[len(filled):]), "empty cells come last"
    assert tab.is_visible(".kb-filter input") and tab.inner_text(".kb-filter label") == "Filter the table"
    tab.fill(".kb-filter input", "Kazakhstan")
    visible = tab.eval_on_selector_all("#kb-world tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.code)")
    assert visible == ["KZ"]
    assert all(url.startswith(("file:", "data:")) for url in requests), requests


def test_countries_are_grouped_by_region_with_coverage(atlas_site: Path) -> None:
    text = text_of(article(atlas_site / "site" / "en" / "countries.html"))
    for region in ("International and European Union", "Europe", "Africa", "South America"):
        assert region in text
    assert re.search(r"Russia \(full coverage, \d+ entries(; facts to check: \d+)?\)", text)
    assert "Germany (baseline and entries, 3 entries)" in text
    assert "Chile (baseline only)" in text


WARN_LABEL = {"en": "facts to check", "ru": "факты для проверки"}
WARN_COUNT = {lang: re.compile(rf"{label}: (\d+)") for lang, label in WARN_LABEL.items()}


def warning_items(entry_page: Path) -> list[str]:
    """The facts an entry page's warning box names (none when it has no box)."""
    page = article(entry_page)
    if 'class="admonition warning kb-warned"' not in page:
        return []
    box = page[page.index('class="admonition warning kb-warned"'):]
    return re.findall(r"<li><strong>(.*?)</strong>", box[: box.index("</div>")])


def provenance_spans(html_text: str) -> list[str]:
    return [text_of(s) for s in re.findall(r'<span class="kb-prov kb-prov-\w+">(.*?)</span>', html_text, re.S)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_countries_page_and_comparison_tables_agree_with_every_entry(atlas_site: Path, lang: str) -> None:
    """The countries page, the world table and the jurisdiction pages count the facts that entry pages warn
    about, and the comparison tables show each fact's basis as its entry page does: read back from the pages."""
    site = atlas_site / "site" / lang
    warned: dict[str, int] = {}
    entry_files = sorted((REPO / "entries").rglob("*.yaml"))
    entry_pages = [site / f.parent.name / (yaml.safe_load(f.read_text(encoding="utf-8"))["id"] + ".html") for f in entry_files]
    assert entry_pages and all(p.is_file() for p in entry_pages)
    for page in entry_pages:
        items = warning_items(page)
        code = page.parent.name.upper()
        warned[code] = warned.get(code, 0) + len(items)
        listing = text_of(article(page.parent / "index.html"))
        title = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", article(page), re.S).group(1)).rstrip(" ¶")
        marker = f"{title} ({WARN_LABEL[lang]}: {len(items)})"
        assert (marker in listing) == bool(items), (page, items)
    countries = article(site / "countries.html")
    world = (site / "compare" / "conscription.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr data-code="([A-Z]{2})">(.*?)</tr>', world, re.S))
    for code, count in sorted(warned.items()):
        line = re.search(rf'<a href="{code.lower()}/index.html"[^>]*>[^<]*</a> \(([^)]*)\)', countries)
        assert line, code
        found = WARN_COUNT[lang].search(line.group(1))
        assert (int(found.group(1)) if found else 0) == count, (code, line.group(1), count)
        if code in rows:
            coverage = text_of(re.findall(r"<td[^>]*>(.*?)</td>", rows[code], re.S)[-2])
            found = WARN_COUNT[lang].search(coverage)
            assert (int(found.group(1)) if found else 0) == count, (code, coverage, count)
    # Every deadline in the asylum table says what it rests on, as its entry does.
    compare = (site / "compare" / "asylum-deadlines.html").read_text(encoding="utf-8")
    tbody = compare[compare.index("<tbody>"):]
    for row in re.findall(r"<tr>(.*?)</tr>", tbody, re.S):
        spans = provenance_spans(row)
        assert len(spans) == 1, row
        href = re.findall(r'href="\.\./([^"]+)"', row)[-1]
        assert spans[0] in provenance_spans(article(site / href)), (href, spans[0])


STAY_FIELDS = ("stay_days_for_russians", "internal_passport_accepted", "registration_deadline",
               "extradition_treaty_with_russia")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_stay_table_row_agrees_with_its_entry(atlas_site: Path, lang: str) -> None:
    """One row per entry-and-stay entry with comparable facts: days, internal passport, registration and
    extradition treaties as the entry file gives them, each with what it rests on as the entry page shows it."""
    site = atlas_site / "site" / lang
    compare = (site / "compare" / "stay.html").read_text(encoding="utf-8")
    tbody = compare[compare.index("<tbody>"):compare.index("</tbody>")]
    rows = {re.findall(r'href="\.\./([^"]+)"', row)[-1]: row for row in re.findall(r"<tr[^>]*>(.*?)</tr>", tbody, re.S)}
    expected = {}
    for path in sorted((REPO / "entries").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["topic"] == "entry-and-stay" and any(data.get(name) for name in STAY_FIELDS):
            expected[f"{path.parent.name}/{data['id']}.html"] = data
    assert expected and set(rows) == set(expected)
    yes_no = {True: "Yes" if lang == "en" else "Да", False: "No" if lang == "en" else "Нет"}
    for href, data in expected.items():
        cells = [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", rows[href], re.S)]
        shown = dict(zip(STAY_FIELDS, (cells[1], cells[3], cells[4], cells[5])))
        for name in STAY_FIELDS:
            fact = data.get(name)
            if fact is None:
                assert shown[name] == "—", (href, name)
            elif name == "stay_days_for_russians":
                assert shown[name].startswith(str(fact["value"])) and cells[2] == str(fact.get("per_days", "—")), href
            elif name == "internal_passport_accepted":
                assert shown[name].startswith(yes_no[fact["value"]]), (href, shown[name])
            else:
                value = fact["value"].get(lang) or fact["value"]["en"]
                assert shown[name].startswith(" ".join(value.split())), (href, name, shown[name])
        entry_spans = provenance_spans(article(site / href))
        spans = provenance_spans(rows[href])
        assert len(spans) == sum(1 for name in STAY_FIELDS if data.get(name)), href
        assert all(span in entry_spans for span in spans), (href, spans)


def test_topic_tables_link_their_entries(atlas_site: Path) -> None:
    stay = atlas_site / "site" / "en" / "compare" / "stay.html"
    links = {a.get("href") for tag, a in parse_html(stay).tags if tag == "a"}
    assert {"../kz/kz-entry-and-stay.html", "../tr/tr-entry-and-stay.html"} <= links
    deadlines = atlas_site / "site" / "en" / "compare" / "asylum-deadlines.html"
    links = {a.get("href") for tag, a in parse_html(deadlines).tags if tag == "a"}
    assert "../de/de-asylum-procedure.html" in links and "../us/us-asylum-procedure.html" in links


def test_world_table_shows_what_the_atlas_own_entries_say(atlas_site: Path) -> None:
    """Wherever a conscription entry gives a comparable fact, the world table's row says the same (in both
    languages, read back from the pages); and the Russian entry gives its alternative service."""
    expected_rows = 0
    for path in sorted((REPO / "entries").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        facts = data.get("conscription_facts")
        if not facts:
            continue
        expected_rows += 1
        for lang, yes, no in (("en", "Yes", "No"), ("ru", "Да", "Нет")):
            page = (atlas_site / "site" / lang / "compare" / "conscription.html").read_text(encoding="utf-8")
            row = re.search(rf'<tr data-code="{data["jurisdiction"]}">(.*?)</tr>', page, re.S).group(1)
            cells = [text_of(c).replace(" (reported)", "").replace(" (по сообщениям)", "")
                     for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            shown = {"in_force": cells[2], "min_age": cells[3], "max_age": cells[4], "service_months": cells[5],
                     "objection_recognised": cells[6], "alternative_service_months": cells[7]}
            for name, fact in facts.items():
                if "value" in fact:
                    want = (yes if fact["value"] else no) if isinstance(fact["value"], bool) else str(fact["value"])
                else:
                    want = str(fact["min"]) if fact["min"] == fact["max"] else f"{fact['min']}–{fact['max']}"
                assert shown[name] == want, (path.name, lang, name, shown[name], want)
    assert expected_rows >= 2
    russia = yaml.safe_load((REPO / "entries" / "ru" / "call-up.yaml").read_text(encoding="utf-8"))["conscription_facts"]
    assert {"objection_recognised", "alternative_service_months"} <= set(russia)
