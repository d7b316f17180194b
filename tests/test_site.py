"""Real site builds into temporary folders, read back as HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import REPO, article, entry_text, parse, run_kb, text_of, write
from kb_builder.content.schema import TOPICS


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small")
    entries = root / "entries"
    # The body of ru-appeal links to the guidelines by id, in both languages.
    appeal = (entry_text(id="ru-appeal", related="[int-guidelines]")
              .replace("within three months.", "within three months (see [the guidelines](entry:int-guidelines)).")
              .replace("в течение трёх месяцев.", "в течение трёх месяцев (см. [позицию\n    УВКБ](entry:int-guidelines))."))
    write(entries, "ru/appeal.yaml", appeal)
    write(entries, "int/guidelines.yaml", entry_text(id="int-guidelines", jurisdiction="INT", warned=True))
    result = run_kb("build", "--entries", str(entries), "--site-dir", str(root / "site"), "--no-bundle")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_both_languages_and_chooser(small_site: Path) -> None:
    chooser = (small_site / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in chooser and 'href="ru/index.html"' in chooser
    for lang in ("en", "ru"):
        assert (small_site / lang / "ru" / "ru-appeal.html").is_file()
        assert (small_site / lang / "int" / "int-guidelines.html").is_file()


def test_entry_page_shows_facts_sources_review_and_notice(small_site: Path) -> None:
    text = text_of(article(small_site / "en" / "ru" / "ru-appeal.html"))
    assert "Appealing a draft-board decision ru-appeal" in text
    assert "Information, not legal advice" in text
    assert "last reviewed: 21 November 2026" in text
    assert "Key facts" in text and "Three months from the decision" in text and "1 November 2026" in text
    # Every fact says what it rests on, with any doubt about it; the entry counts them at the top.
    assert "Three months from the decision As of: 1 November 2026 Law text: 53-FZ, Art. 28(7)" in text
    assert "Automatic while the court case runs As of: 10 March 2026 Reported by: Vedomosti The court practice was seen in one report." in text
    assert "What the 3 facts here rest on: the law's text — 2; reports only — 1." in text
    assert "Deadlines" in text and "53-FZ, Art. 28(7)" in text
    assert "Three months Law text: 53-FZ, Art. 28(7)" in text
    assert "Write to the regional draft board within three months (see the guidelines" in text
    assert "Legal basis" in text and "http://pravo.gov.ru/proxy/ips/?docbody=&nd=102052265" in text
    assert "https://epp.genproc.gov.ru/web/source-ru-appeal (primary source; accessed 20 November 2026)" in text
    assert "Next review due: 21 November 2027" in text
    assert "Related entries" in text
    # The fact on reports only is not one a reader acts on here (a rule), so there is nothing to warn about.
    assert "Check before you act" not in text and "kb-warned" not in article(small_site / "en" / "ru" / "ru-appeal.html")


def test_russian_page_is_in_russian(small_site: Path) -> None:
    text = text_of(article(small_site / "ru" / "ru" / "ru-appeal.html"))
    assert "Обжалование решения призывной комиссии ru-appeal" in text
    assert "Информация, а не юридическая консультация" in text
    assert "21 ноября 2026 г." in text
    assert "Основные факты" in text and "Три месяца со дня решения" in text
    assert "Три месяца со дня решения По состоянию на: 1 ноября 2026 г. Текст закона: 53-ФЗ, ст. 28 п. 7" in text
    assert "Автоматически на время суда По состоянию на: 10 марта 2026 г. По сообщениям: Vedomosti Судебная практика известна из одного сообщения." in text
    assert "На чём основаны факты этой статьи (3): текст закона — 2; только сообщения — 1." in text
    assert "Источники" in text and "первоисточник" in text
    assert "Россия" in text


def test_a_fact_to_act_on_resting_on_reports_only_is_named_in_a_warning(small_site: Path) -> None:
    for lang, title, fact, basis, count in (
        ("en", "Check before you act", "Suspension", "Reported by: Vedomosti", "(facts to check: 1)"),
        ("ru", "Проверьте, прежде чем действовать", "Приостановление", "По сообщениям: Vedomosti", "(факты для проверки: 1)"),
    ):
        html = article(small_site / lang / "int" / "int-guidelines.html")
        box = html[html.index('class="admonition warning kb-warned"'):]
        box = box[: box.index("</div>")]
        assert title in text_of(box)
        assert f"<li><strong>{fact}</strong>: {basis}</li>" in box
        assert f"<li><strong>{fact}</strong>: {basis}" in article(small_site / lang / "int" / "dossier.html")
        assert count in text_of(article(small_site / lang / "int" / "index.html"))
    # The entry whose only fact on reports is not one to act on has no box and no count.
    assert "kb-warned" not in article(small_site / "en" / "ru" / "ru-appeal.html")
    assert "facts to check" not in text_of(article(small_site / "en" / "ru" / "index.html"))


def test_jurisdiction_topic_home_and_sources_pages_link_entries(small_site: Path) -> None:
    hrefs = {a.get("href") for tag, a in parse(small_site / "en" / "ru" / "index.html").tags if tag == "a"}
    assert "ru-appeal.html" in hrefs
    topic = {a.get("href") for tag, a in parse(small_site / "en" / "topics" / "appeal-grounds.html").tags if tag == "a"}
    assert {"../ru/ru-appeal.html", "../int/int-guidelines.html"} <= topic
    # A topic spans the whole atlas, so its page lists titles; the summaries are on the jurisdiction pages.
    summary = "A decision of the draft board can be appealed"
    assert summary not in text_of(article(small_site / "en" / "topics" / "appeal-grounds.html"))
    assert summary in text_of(article(small_site / "en" / "ru" / "index.html"))
    countries = text_of(article(small_site / "en" / "countries.html"))
    assert "Russia (baseline and entries, 1 entry)" in countries
    assert "International law (entries, 1 entry; facts to check: 1)" in countries
    home = {a.get("href") for tag, a in parse(small_site / "en" / "index.html").tags if tag == "a"}
    assert {"countries.html", "ru/index.html", "int/index.html", "deadlines.html", "sources.html"} <= home
    # Sources are listed on one page per jurisdiction, which the all-sources page and the jurisdiction link to.
    listed = {a.get("href") for tag, a in parse(small_site / "en" / "sources.html").tags if tag == "a"}
    assert {"ru/sources.html", "int/sources.html"} <= listed
    assert "sources.html" in hrefs
    ru_sources = small_site / "en" / "ru" / "sources.html"
    assert "https://epp.genproc.gov.ru/web/source-ru-appeal" in text_of(article(ru_sources))
    assert "https://epp.genproc.gov.ru/web/source-int-guidelines" not in text_of(article(ru_sources))
    assert "https://epp.genproc.gov.ru/web/source-int-guidelines" in text_of(article(small_site / "en" / "int" / "sources.html"))
    assert "ru-appeal.html" in {a.get("href") for tag, a in parse(ru_sources).tags if tag == "a"}


def test_related_links_resolve(small_site: Path) -> None:
    page = small_site / "en" / "ru" / "ru-appeal.html"
    hrefs = [a.get("href") for tag, a in parse(page).tags if tag == "a"]
    assert "../int/int-guidelines.html" in hrefs
    assert (page.parent / "../int/int-guidelines.html").resolve().is_file()


def test_a_body_links_to_an_entry_by_its_id(small_site: Path) -> None:
    """`[text](entry:<id>)` in a body is a link to that entry's page, from the entry's page and from its country's
    printable page, in both languages, also when its words run over a line break; nothing of the authored form is
    left."""
    for lang, text in (("en", r"the guidelines"), ("ru", r"позицию\s+УВКБ")):
        for name in ("ru-appeal.html", "dossier.html"):
            page = small_site / lang / "ru" / name
            html_text = page.read_text(encoding="utf-8")
            assert re.search(r'<a href="\.\./int/int-guidelines\.html"[^>]*>' + text + "</a>", html_text), (lang, name)
            assert "entry:" not in html_text, (lang, name)
            assert (page.parent / "../int/int-guidelines.html").resolve().is_file()


def test_the_navigations_topics_open_a_page_of_every_topic(small_site: Path) -> None:
    """With the navigation pruned, a section's link opens its first page: "Topics" opens the list of topics (with
    how many entries each has), not the first topic."""
    for lang, name in (("en", "Topics"), ("ru", "Темы")):
        other = small_site / lang / "glossary.html"
        drawer = other.read_text(encoding="utf-8").split('md-nav--primary', 1)[1].split("</nav>", 1)[0]
        section = re.search(r'<a href="([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*' + name + r"\s*</span>",
                            drawer)
        assert section and section.group(1) == "topics/index.html", lang
        page = small_site / lang / "topics" / "index.html"
        hrefs = {a.get("href") for tag, a in parse(page).tags if tag == "a"}
        assert {f"{topic}.html" for topic in TOPICS} <= hrefs, (lang, hrefs)
    assert "Exemptions, deferments, objection and appeals : 2 entries" in text_of(article(small_site / "en" / "topics" / "index.html"))


def test_no_external_asset_in_pages(small_site: Path) -> None:
    for page in small_site.rglob("*.html"):
        for tag, attrs in parse(page).tags:
            for name in ("src", "href"):
                value = attrs.get(name) or ""
                if tag in ("script", "link", "img", "iframe", "source") and value:
                    assert not re.match(r"^(https?:)?//", value), (page, tag, value)


def test_invalid_entries_stop_the_build_and_keep_the_old_site(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    write(entries, "ru/appeal.yaml", entry_text(id="ru-appeal"))
    site = tmp_path / "site"
    assert run_kb("build", "--entries", str(entries), "--site-dir", str(site), "--no-bundle").returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    write(entries, "ru/broken.yaml", entry_text(id="ru-broken").replace("kind: primary", "kind: nope"))
    result = run_kb("build", "--entries", str(entries), "--site-dir", str(site), "--no-bundle")
    assert result.returncode == 1
    assert re.search(r"broken\.yaml:\d+:\d+: sources\[0\]\.kind: 'nope' is not allowed", result.stderr)
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_bundled_atlas_has_one_page_per_entry_file_in_each_language(atlas_site: Path) -> None:
    entry_files = sorted((REPO / "entries").rglob("*.yaml"))
    assert len(entry_files) >= 5
    ids = {path.parent.name: set() for path in entry_files}
    for path in entry_files:
        ids[path.parent.name].add(yaml.safe_load(path.read_text(encoding="utf-8"))["id"])
    for lang in ("en", "ru"):
        pages = {p.stem for folder in ids for p in (atlas_site / "site" / lang / folder).glob("*.html")}
        built = {i for found in ids.values() for i in found if i in pages}
        assert len(built) == len(entry_files), lang
    assert (atlas_site / "site" / "index.html").is_file()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_jurisdiction_lists_each_time_limit_once_with_every_entry_that_states_it(atlas_site: Path, lang: str) -> None:
    """The Russia page's deadlines: five entries give the three months to appeal a draft board's decision on the
    same legal basis; the table has one row for it, linking all five, and one row for every other time limit."""
    stated: dict[str, dict[tuple[str, str], set[str]]] = {}
    for path in sorted((REPO / "entries").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for deadline in data.get("deadlines") or []:
            rule = tuple(" ".join(deadline[key][lang].split()) for key in ("time_limit", "legal_basis"))
            stated.setdefault(path.parent.name, {}).setdefault(rule, set()).add(f"{data['id']}.html")
    assert max(len(entries) for rules in stated.values() for entries in rules.values()) >= 5
    for code, rules in stated.items():
        html = article(atlas_site / "site" / lang / code / "index.html")
        table = html[html.index('id="deadlines"'):]
        table = table[table.index("<tbody>"):table.index("</tbody>")]
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        assert len(rows) == len(rules), code
        for row in rows:
            labelled = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            # Each cell names its column for the phone's card layout (shown only there).
            assert all('class="kb-cell-label"' in c for c in labelled[1:]), code
            cells = [re.sub(r'<span class="kb-cell-label">[^<]*</span>', "", c) for c in labelled]
            rule = next(r for r in rules if text_of(cells[1]).startswith(r[0]) and text_of(cells[2]) == r[1])
            assert set(re.findall(r'href="([^"#/]+\.html)"', cells[3])) == rules[rule], (code, rule)


def test_cross_references_work_both_ways(small_site: Path) -> None:
    # ru-appeal names int-guidelines; the guidelines page links back without naming it.
    hrefs = [a.get("href") for tag, a in parse(small_site / "en" / "int" / "int-guidelines.html").tags if tag == "a"]
    assert "../ru/ru-appeal.html" in hrefs


def test_deadlines_are_on_jurisdiction_pages_and_all_deadlines_links_to_them(small_site: Path) -> None:
    # Each jurisdiction's page has its own table, so that no page grows with the whole atlas.
    index = small_site / "en" / "deadlines.html"
    assert {"ru/index.html#deadlines", "int/index.html#deadlines"} <= {a.get("href") for tag, a in parse(index).tags if tag == "a"}
    assert text_of(article(index)).count("1 entry, 1 deadline") == 2
    found = {}
    for code in ("ru", "int"):
        page = small_site / "en" / code / "index.html"
        assert 'id="deadlines"' in page.read_text(encoding="utf-8")
        found[code] = text_of(article(page)), {a.get("href") for tag, a in parse(page).tags if tag == "a"}
    assert all(text.count("Appeal to the regional draft board") == 1 for text, _ in found.values())
    assert "Three months" in found["ru"][0] and "53-FZ, Art. 28(7)" in found["ru"][0]
    assert "ru-appeal.html" in found["ru"][1] and "int-guidelines.html" in found["int"][1]
    assert "Все сроки" in text_of(article(small_site / "ru" / "deadlines.html"))
