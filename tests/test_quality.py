"""Quality gates over every built page (valid HTML, accessibility, links), and review freshness."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import article, entry_text, run_kb, text_of, write
from quality import Survey, broken_links, html_errors, pages, survey


def test_every_page_is_valid_html(atlas_site: Path) -> None:
    site = atlas_site / "site"
    assert len(pages(site)) > 100
    errors = html_errors(site)
    assert errors == [], "\n".join(errors[:30])


def test_no_serious_or_critical_accessibility_violation(site_survey: Survey, atlas_site: Path) -> None:
    assert site_survey.pages == len(pages(atlas_site / "site")), "axe saw every page"
    assert site_survey.axe == [], "\n".join(site_survey.axe[:30])


def test_the_accessibility_check_names_a_serious_violation(atlas_site: Path, tmp_path: Path) -> None:
    """The survey leaves out axe-core's rules that can only find minor or moderate problems: a critical one is
    still found and named by page, rule and element."""
    site = tmp_path / "site"
    kept = "ru-call-up.html"
    shutil.copytree(atlas_site / "site" / "en", site / "en",
                    ignore=lambda folder, names: [n for n in names if n.endswith(".html") and n != kept])
    page = site / "en" / "ru" / kept
    page.write_text(page.read_text(encoding="utf-8").replace("<article", '<img src="data:," id="no-alt"><article', 1),
                    encoding="utf-8")
    found = survey(site)
    assert found.pages == 1 and found.searched == 1
    assert any(v.startswith("en/ru/ru-call-up.html: image-alt (critical)") and 'id="no-alt"' in v for v in found.axe), found.axe


def test_every_internal_link_and_anchor_resolves(atlas_site: Path) -> None:
    problems = broken_links(atlas_site / "site")
    assert problems == [], "\n".join(problems[:30])


def test_gates_name_the_page_and_the_problem(atlas_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(atlas_site / "site" / "en", site / "en")
    page = site / "en" / "ru" / "ru-call-up.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("<article", '<p><div>block in a paragraph</div></p><a href="ru-nowhere.html">x</a>'
                        '<a href="ru-summonses.html#no-such-anchor">y</a><img src="x.png"><article', 1)
    page.write_text(html, encoding="utf-8")
    errors = html_errors(site)
    assert errors and all(e.startswith("en/ru/ru-call-up.html:") for e in errors), errors
    links = broken_links(site)
    assert "en/ru/ru-call-up.html: ru-nowhere.html (no such file)" in links
    assert "en/ru/ru-call-up.html: ru-summonses.html#no-such-anchor (no element with id 'no-such-anchor')" in links


def test_stale_entries_are_listed_marked_and_warned(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    write(entries, "ru/fresh.yaml", entry_text(id="ru-fresh"))
    write(entries, "ru/old.yaml", entry_text(id="ru-old").replace("last_reviewed: 2026-11-21", "last_reviewed: 2024-03-01"))
    stale = run_kb("stale", "--entries", str(entries), "--today", "2026-11-21")
    assert stale.returncode == 0
    assert stale.stdout.strip().endswith("ru-old was due for review on 2025-03-01")
    assert "ru-fresh" not in stale.stdout
    build = run_kb("build", "--entries", str(entries), "--site-dir", str(tmp_path / "site"), "--no-bundle")
    assert build.returncode == 0, build.stderr
    assert "overdue for review" in build.stderr and "ru-old" in build.stderr
    old = article(tmp_path / "site" / "en" / "ru" / "ru-old.html")
    assert "Review overdue" in text_of(old) and "1 March 2025" in text_of(old)
    assert '<div class="admonition danger kb-overdue">' in old, "overdue when built: shown, whatever the clock"
    # A fresh entry's notice waits, hidden, for the reader's clock to pass its review date (tests/test_phone.py).
    fresh = article(tmp_path / "site" / "en" / "ru" / "ru-fresh.html")
    assert '<div class="admonition danger kb-overdue" data-due="2027-11-21" hidden="">' in fresh
