"""Court decisions: validated at their lines, one page each, a page per jurisdiction, the table of all of them
filtered offline in Chromium, the entries they support, and both searches finding them by number and party."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from helpers import PHONE, REPO, article, case_text, entry_text, file_url, position, results, run_kb, text_of, write

#: The small atlas's decisions: (folder/file, arguments of case_text).
CASES = {
    "eu/cjeu-c-1-20-alpha.yaml": {},
    "de/bverwg-1-c-31-18-bravo.yaml": dict(id="bverwg-1-c-31-18-bravo", jurisdiction="DE", court="BVerwG", decided="2019-07-04",
                                             number="1 C 31.18", name="Bravo", status="deserter", outcome="remitted",
                                             points="only-way-out, credibility", url="https://www.bverwg.de/040719U1C31.18.0"),
    "de/vg-berlin-2024-charlie.yaml": dict(id="vg-berlin-2024-charlie", jurisdiction="DE", court="BVerwG", decided="2024-03-01",
                                           number="1 C 9.23", name="Charlie", status="evader", outcome="refused",
                                           points="credibility", url="https://www.bverwg.de/010324U1C9.23.0"),
    "int/echr-delta.yaml": dict(id="echr-delta", jurisdiction="INT", court="ECtHR", decided="2011-07-07", number="23459/03",
                                name="Delta", status="objector", outcome="violation", points="conscientious-objection",
                                url="https://hudoc.echr.coe.int/eng?i=001-105611"),
}


def write_atlas(root: Path) -> Path:
    entries = root / "entries"
    write(entries, "ru/appeal.yaml", entry_text(id="ru-appeal"))
    for rel, arguments in CASES.items():
        write(root / "cases", rel, case_text(**arguments))
    return entries


@pytest.fixture(scope="module")
def cases_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cases")
    entries = write_atlas(root)
    result = run_kb("build", "--entries", str(entries), "--site-dir", str(root / "site"), "--no-bundle")
    assert result.returncode == 0, result.stderr
    index = run_kb("index", "--entries", str(entries), "--index", str(root / "index"))
    assert index.returncode == 0, index.stderr
    return root


def test_validate_rejects_an_unknown_point_a_missing_outcome_and_a_missing_entry_at_their_lines(tmp_path: Path) -> None:
    entries = write_atlas(tmp_path)
    bad_point = case_text(points="prosecution-vs-persecution, bravery")
    bad_outcome = case_text(id="cjeu-c-2-20-echo", number="C-2/20").replace("outcome: granted\n", "")
    bad_entry = case_text(id="cjeu-c-3-20-foxtrot", number="C-3/20", supports="ru-nowhere")
    wrong_folder = case_text(id="cjeu-c-4-20-golf", number="C-4/20")
    write(tmp_path / "cases", "eu/cjeu-c-1-20-alpha.yaml", bad_point)
    write(tmp_path / "cases", "eu/cjeu-c-2-20-echo.yaml", bad_outcome)
    write(tmp_path / "cases", "eu/cjeu-c-3-20-foxtrot.yaml", bad_entry)
    write(tmp_path / "cases", "de/cjeu-c-4-20-golf.yaml", wrong_folder)
    result = run_kb("validate", "--entries", str(entries))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = result.stderr
    line, col = position(bad_point, "bravery")
    assert re.search(rf"cases/eu/cjeu-c-1-20-alpha\.yaml:{line}:{col}: points\[1\]: .*bravery.*expected", errors), errors
    assert re.search(r"cases/eu/cjeu-c-2-20-echo\.yaml:1:1: .*outcome.*missing", errors) or \
        re.search(r"cases/eu/cjeu-c-2-20-echo\.yaml:\d+:\d+: outcome: missing required field", errors), errors
    line, col = position(bad_entry, "ru-nowhere")
    assert f"cases/eu/cjeu-c-3-20-foxtrot.yaml:{line}:{col}: supports[0]: no entry has the id 'ru-nowhere'" in errors
    line, col = position(wrong_folder, "EU", 0)
    assert f"cases/de/cjeu-c-4-20-golf.yaml:{line}:{col}: jurisdiction: EU is not the folder 'de'" in errors


def test_the_first_source_must_be_official(tmp_path: Path) -> None:
    entries = write_atlas(tmp_path)
    text = case_text(url="https://www.refworld.org/jurisprudence/caselaw/ukhl/2003/en/12345").replace("kind: primary", "kind: secondary")
    write(tmp_path / "cases", "eu/cjeu-c-1-20-alpha.yaml", text)
    result = run_kb("validate", "--entries", str(entries))
    line, col = position(text, "https://www.refworld.org")
    assert f"cases/eu/cjeu-c-1-20-alpha.yaml:{line}:{col}: sources[0].url: refworld.org is not an official domain" in result.stderr


def test_a_decision_has_its_page_its_jurisdiction_and_the_entries_it_supports(cases_site: Path) -> None:
    site = cases_site / "site"
    page = text_of(article(site / "en" / "cases" / "de" / "bverwg-1-c-31-18-bravo.html"))
    assert "Bravo v State, 1 C 31.18" in page
    assert "Citation: Court BVerwG, 4 July 2019, 1 C 31.18" in page
    assert "The court held that punishing Bravo for refusing to serve was persecution." in page
    assert "deserter (Russia); received a summons" in page and "sent back for a new decision" in page
    assert "refusal as the only way out, credibility and evidence" in page
    assert "https://www.bverwg.de/040719U1C31.18.0" in page and "not legal advice" in page
    ru = text_of(article(site / "ru" / "cases" / "de" / "bverwg-1-c-31-18-bravo.html"))
    assert "Ссылка: Суд BVerwG, 4 июля 2019 г., 1 C 31.18" in ru and "дезертир (Россия); получил повестку" in ru
    # The entry lists every decision that supports it, newest first, and each links to the decision's page.
    entry = article(site / "en" / "ru" / "ru-appeal.html")
    assert text_of(entry).index("Charlie v State") < text_of(entry).index("Alpha v State") < text_of(entry).index("Bravo v State")
    assert 'href="../cases/de/bverwg-1-c-31-18-bravo.html"' in entry
    germany = text_of(article(site / "en" / "cases" / "de" / "index.html"))
    assert "Case law: Germany" in germany and "Bravo v State" in germany and "Alpha v State" not in germany
    dossier = text_of(article(site / "en" / "cases" / "dossier.html"))
    assert all(f"{name} v State" in dossier for name in ("Alpha", "Bravo", "Charlie", "Delta"))


def counts_agree(cases: Path, site: Path) -> None:
    """The counts table of the decisions' page (decisions per court and outcome) is that of the files."""
    expected = Counter()
    for path in cases.glob("*/*.yaml"):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected[(case["court_short"], case["outcome"])] += 1
    html = article(site / "en" / "cases" / "index.html")
    counts = html[html.index('id="kb-case-counts"'):]
    counts = counts[: counts.index("</table>")]
    outcomes = re.findall(r'<th data-outcome="([a-z-]+)"', counts)
    found = Counter()
    for court, cells in re.findall(r'<tr data-court="([^"]+)"><td>[^<]+</td>(.*?)</tr>', counts):
        numbers = [int(n) for n in re.findall(r"<td>(\d+)</td>", cells)]
        assert numbers[-1] == sum(numbers[:-1])
        for outcome, n in zip(outcomes, numbers):
            if n:
                found[(court, outcome)] = n
    assert found == expected
    table = html[html.index('id="kb-cases"'):]
    assert len(re.findall(r"<tr data-court=", table[: table.index("</table>")])) == sum(expected.values())


def test_the_table_counts_every_decision_per_court_and_outcome(cases_site: Path) -> None:
    counts_agree(cases_site / "cases", cases_site / "site")


def test_the_bundled_table_counts_every_decision_per_court_and_outcome(atlas_site: Path) -> None:
    counts_agree(REPO / "cases", atlas_site / "site")


def test_the_table_filters_by_applicant_and_outcome_offline_on_a_phone(browser: Browser, cases_site: Path) -> None:
    context = browser.new_context(locale="ru-RU", **PHONE)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(file_url(cases_site / "site" / "ru" / "cases" / "index.html"))
    rows = tab.locator("table.kb-cases tbody tr")
    assert rows.count() == len(CASES)
    assert tab.locator(".kb-case-count").inner_text() == f"Показано решений: {len(CASES)} из {len(CASES)}"
    # Options are named in the reader's language.
    assert "дезертир" in tab.locator("#kb-case-filter-status").inner_text()
    tab.select_option("#kb-case-filter-status", "evader")
    visible = [rows.nth(i).get_attribute("data-status") for i in range(rows.count()) if rows.nth(i).is_visible()]
    assert sorted(visible) == ["evader", "evader"]
    tab.select_option("#kb-case-filter-outcome", "refused")
    assert [rows.nth(i).inner_text().split("\n")[0] for i in range(rows.count()) if rows.nth(i).is_visible()] == ["Charlie против государства"]
    assert tab.locator(".kb-case-count").inner_text() == f"Показано решений: 1 из {len(CASES)}"
    tab.select_option("#kb-case-filter-status", "")
    tab.select_option("#kb-case-filter-outcome", "")
    tab.select_option("#kb-case-filter-point", "credibility")
    assert sum(rows.nth(i).is_visible() for i in range(rows.count())) == 2
    # The filters fit a phone's screen, and the page asked for nothing beyond the copy on disk.
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert all(url.startswith("file://") for url in requests), requests
    context.close()


def ranked_in_both(browser: Browser, index: Path, page: Path, query: str, lang: str | None = None) -> tuple[list[str], list[str]]:
    """What both searches show for a query, best first: the ids `kb search` on `index` prints, and the addresses
    of the results of the in-browser search on `page` opened with `?q=`."""
    found = run_kb("search", "--index", str(index), "--json", *(["--lang", lang] if lang else []), query)
    assert found.returncode == 0, found.stderr
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    tab.goto(file_url(page, query))
    shown = results(tab)
    context.close()
    return [hit["id"] for hit in json.loads(found.stdout)], shown


@pytest.mark.parametrize("query, expected", [("1 C 31.18", "bverwg-1-c-31-18-bravo"), ("C-1/20", "cjeu-c-1-20-alpha"),
                                             ("Delta", "echr-delta"), ("Charlie", "vg-berlin-2024-charlie")])
def test_both_searches_put_a_decision_first_for_its_number_or_party(browser: Browser, cases_site: Path, query: str,
                                                                  expected: str) -> None:
    ids, shown = ranked_in_both(browser, cases_site / "index", cases_site / "site" / "en" / "ru" / "ru-appeal.html",
                                query, "en")
    assert ids[0] == expected
    assert shown[0].endswith(f"/{expected}.html")


def test_the_bundled_decisions_are_in_the_schema_and_valid() -> None:
    schema = json.loads(run_kb("schema", "case").stdout)
    assert set(schema["required"]) >= {"id", "court", "decided", "number", "outcome", "points", "supports", "sources"}
    committed = json.loads((REPO / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    assert committed == schema, "run: kb schema case > schema/case.schema.json"


@pytest.mark.parametrize("query, expected, party", [("C-238/19", "cjeu-c-238-19-ez", False),
                                                    ("1 C 31.18", "bverwg-1-c-31-18-syrian-reservist", False),
                                                    ("Shepherd", "cjeu-c-472-13-shepherd", True)])
def test_in_the_bundled_atlas_a_decision_is_found_first_by_its_number_or_party(
        browser: Browser, atlas_site: Path, query: str, expected: str, party: bool) -> None:
    """A number finds its decision first. A party's name finds the decision first, or second after an entry the
    decision supports (the entry explains the rule the decision made, and decisions weigh less than entries so that
    everyday words find entries first: the policy's case_weight)."""
    supports = yaml.safe_load(next((REPO / "cases").glob(f"*/{expected}.yaml")).read_text(encoding="utf-8"))["supports"]

    def found_first(ranked: list[str]) -> bool:
        return ranked[0] == expected or (party and ranked[0] in supports and ranked[1] == expected)

    ids, shown = ranked_in_both(browser, atlas_site / "site" / "cli-index", atlas_site / "site" / "en" / "index.html",
                                query, "en")
    assert found_first(ids)
    assert found_first([Path(url).stem for url in shown])


def test_in_the_bundled_atlas_everyday_words_find_the_entry_before_decisions_that_use_them(
        browser: Browser, atlas_site: Path) -> None:
    """"Призывной возраст" is in the names of three Syrian conscripts' decisions; a reader asking for it is shown
    Russia's call-up entry first in both searches."""
    ids, shown = ranked_in_both(browser, atlas_site / "site" / "cli-index", atlas_site / "site" / "ru" / "index.html",
                                "призывной возраст")
    assert ids[0] == "ru-call-up"
    assert shown[0].endswith("/ru/ru-call-up.html")


def test_the_bundled_case_law_has_thirty_decisions_with_official_sources_in_both_languages() -> None:
    from kb_builder.content.source_policy import OFFICIAL, load_policy

    policy = load_policy()
    files = sorted((REPO / "cases").glob("*/*.yaml"))
    assert len(files) >= 30
    for path in files:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert case["holding"]["en"] and case["holding"]["ru"] and case["name"]["ru"], path.name
        assert policy.ruling(case["sources"][0]["url"]).cls == OFFICIAL, path.name
    assert run_kb("validate").returncode == 0
