"""The atlas as a reader on a cheap phone meets it: Chromium at 360x740 from file://, in Russian."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from helpers import PHONE, file_url, results
from quality import Survey



def built_on(atlas_site: Path) -> dt.date:
    page = (atlas_site / "site" / "ru" / "index.html").read_text(encoding="utf-8")
    return dt.date.fromisoformat(re.search(r'class="kb-copy" data-built="([0-9-]+)"', page).group(1))


def test_no_page_is_wider_than_a_phone_and_comparison_tables_scroll_to_their_last_column(
    browser: Browser, atlas_site: Path, site_survey: Survey
) -> None:
    site = atlas_site / "site"
    assert site_survey.pages > 500
    assert site_survey.too_wide == [], site_survey.too_wide[:10]

    context = browser.new_context(locale="ru-RU", **PHONE)
    tab = context.new_page()
    compare = sorted((site / "ru" / "compare").glob("*.html")) + sorted((site / "en" / "compare").glob("*.html"))
    assert len(compare) == 6
    for path in compare:
        tab.goto(file_url(path), wait_until="load")
        box = tab.locator(".kb-table").first
        assert box.get_attribute("data-hint"), f"{path}: no cue that the table scrolls sideways"
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        last = tab.evaluate(
            """() => { const th = document.querySelector('.kb-table thead th:last-child').getBoundingClientRect();
                       const first = document.querySelector('.kb-table thead th:first-child').getBoundingClientRect();
                       return [th.left, th.right, first.left]; }"""
        )
        left, right, first_left = last
        assert 0 <= left < 360 and right <= 361, (path.name, last)
        # The column that names the row stays in view while the others scroll.
        assert 0 <= first_left < 40, (path.name, last)
    context.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_an_old_copy_says_so_by_the_readers_own_clock(browser: Browser, atlas_site: Path, lang: str) -> None:
    built = built_on(atlas_site)
    entry = atlas_site / "site" / lang / "ru" / "ru-summonses.html"
    due = dt.date.fromisoformat(re.search(r'class="admonition danger kb-overdue" data-due="([0-9-]+)"',
                                          entry.read_text(encoding="utf-8")).group(1))
    context = browser.new_context(locale="ru-RU" if lang == "ru" else "en-GB", **PHONE)
    tab = context.new_page()
    tab.clock.set_fixed_time(dt.datetime.combine(built, dt.time(12)))
    tab.goto(file_url(entry))
    assert tab.locator(".kb-copy").is_visible()
    assert not tab.locator(".kb-stale").is_visible() and not tab.locator(".kb-overdue").is_visible()
    context.close()

    context = browser.new_context(locale="ru-RU" if lang == "ru" else "en-GB", **PHONE)
    tab = context.new_page()
    tab.clock.set_fixed_time(dt.datetime.combine(max(built.replace(year=built.year + 1), due) + dt.timedelta(days=1), dt.time(12)))
    tab.goto(file_url(entry))
    stale = tab.locator(".kb-stale")
    assert stale.is_visible()
    assert ("может быть устаревшей" if lang == "ru" else "may be out of date") in stale.inner_text()
    assert tab.locator(".kb-overdue").is_visible(), "the entry's review date has passed on the reader's clock"
    # How to get a newer copy: the page about offline use, which the notice links to.
    # and what newer releases corrected, which the notice links to as well.
    targets = [(entry.parent / a.get_attribute("href")).resolve() for a in stale.locator("a").all()]
    assert targets == [(atlas_site / "site" / lang / name).resolve() for name in ("offline.html", "changes.html")]
    context.close()


def test_search_says_when_nothing_matches_and_counts_every_match(browser: Browser, atlas_site: Path) -> None:
    context = browser.new_context(locale="ru-RU", **PHONE)
    tab = context.new_page()
    for query in ("qwerty", "zzzz", "xyzzy"):
        tab.goto(file_url(atlas_site / "site" / "ru" / "index.html", query))
        assert results(tab) == [], query
        assert tab.inner_text(".kb-search__status") == f"По запросу «{query}» ничего не найдено."
    tab.goto(file_url(atlas_site / "site" / "ru" / "index.html", "отсрочка"))
    listed = results(tab)
    shown = int(re.match(r"(\d+) результат", tab.inner_text(".kb-search__status")).group(1))
    assert shown >= len(listed) > 0
    assert shown > 20 and len(listed) == 20, "the count is of every page that matches, not of those listed"
    context.close()


def test_slash_goes_to_search_but_not_from_a_box_being_typed_in(browser: Browser, atlas_site: Path) -> None:
    tab = browser.new_page()
    tab.goto(file_url(atlas_site / "site" / "en" / "compare" / "conscription.html"))
    tab.keyboard.press("/")
    assert tab.evaluate("() => document.activeElement.id") == "kb-search-input"
    tab.click(".kb-filter input")
    tab.keyboard.type("a/b")
    assert tab.input_value(".kb-filter input") == "a/b"
    assert tab.evaluate("() => document.activeElement.id") != "kb-search-input"
    tab.close()


def test_entry_starts_with_the_answer_and_the_way_to_the_steps(browser: Browser, atlas_site: Path) -> None:
    context = browser.new_context(locale="ru-RU", **PHONE)
    tab = context.new_page()
    tab.goto(file_url(atlas_site / "site" / "ru" / "ru" / "ru-summonses.html"))
    summary = tab.locator(".kb-summary").first
    assert "Кратко." in summary.inner_text()
    # "What to do" is on the first screen, and one tap takes the reader to the steps.
    steps = tab.locator("a.kb-steps-link")
    assert steps.bounding_box()["y"] < 740
    steps.click()
    target = tab.evaluate("() => decodeURIComponent(location.hash.slice(1))")
    heading = tab.locator(f"[id='{target}']")
    assert heading.inner_text().startswith("Что делать")
    assert -5 < heading.bounding_box()["y"] < 200
    # On a phone the contents open on a tap; on a wide screen the theme's own table of contents is shown instead.
    contents = tab.locator("details.kb-toc")
    assert contents.is_visible() and not contents.locator("a").first.is_visible()
    contents.locator("summary").click()
    assert contents.locator("a").first.is_visible()
    context.close()


def test_the_world_table_is_ordered_by_name_in_the_pages_language(atlas_site: Path) -> None:
    from kb_builder.content.jurisdictions import jurisdiction_name

    for lang in ("en", "ru"):
        page = (atlas_site / "site" / lang / "compare" / "conscription.html").read_text(encoding="utf-8")
        codes = re.findall(r'<tr data-code="([A-Z]{2})">', page)
        names = [jurisdiction_name(c, lang) for c in codes]
        assert names == sorted(names), names[:10]


def test_rows_of_links_on_the_home_page_are_easy_to_tap(browser: Browser, atlas_site: Path) -> None:
    """The countries and the ways into the atlas are rows of links separated by " · ": each link is tall enough to
    tap (WCAG 2.2 asks for 24 px; 32 here), no link's tap area reaches into the next line's, and no name breaks
    across two lines."""
    context = browser.new_context(locale="ru-RU", **PHONE)
    tab = context.new_page()
    tab.goto(file_url(atlas_site / "site" / "ru" / "index.html"))
    rows = tab.evaluate(
        """() => Array.from(document.querySelectorAll('.kb-link-row')).map(row =>
             Array.from(row.querySelectorAll('a')).map(a => Array.from(a.getClientRects(), r => [r.top, r.bottom])))"""
    )
    assert len(rows) == 2 and all(len(links) >= 4 for links in rows), rows
    for links in rows:
        assert all(len(rects) == 1 for rects in links), "a link broken across two lines"
        boxes = sorted(rects[0] for rects in links)
        assert all(bottom - top >= 32 for top, bottom in boxes), boxes
        lines = sorted({round(top) for top, _ in boxes})
        for upper, lower in zip(lines, lines[1:]):
            upper_bottom = max(bottom for top, bottom in boxes if round(top) == upper)
            assert upper_bottom <= lower + 0.5, (upper, lower, upper_bottom)
    context.close()


def test_time_limits_are_cards_on_a_phone_and_a_table_on_a_wide_screen(browser: Browser, atlas_site: Path) -> None:
    """On the Russia page and an entry, each time limit is a card on a phone: nothing to swipe, the time limit
    labelled «Срок» below what it is for; a laptop's window shows the same rows as a table with its header."""
    pages = [atlas_site / "site" / "ru" / "ru" / "index.html", atlas_site / "site" / "ru" / "ru" / "ru-summonses.html"]
    for viewport, cards in ((PHONE["viewport"], True), ({"width": 1280, "height": 900}, False)):
        context = browser.new_context(locale="ru-RU", viewport=viewport)
        tab = context.new_page()
        for path in pages:
            tab.goto(file_url(path), wait_until="load")
            seen = tab.evaluate(
                """() => { const box = document.querySelector('.kb-deadlines .kb-table');
                           const row = box.querySelector('tbody tr');
                           const label = row.querySelector('td:nth-child(2) .kb-cell-label');
                           return { wide: box.classList.contains('kb-table--wide'),
                                    header: getComputedStyle(box.querySelector('thead')).display,
                                    label: label.offsetParent === null ? '' : label.textContent,
                                    stacked: row.cells[1].getBoundingClientRect().top
                                             > row.cells[0].getBoundingClientRect().bottom - 1 }; }"""
            )
            if cards:
                assert seen == {"wide": False, "header": "none", "label": "Срок:", "stacked": True}, (path.name, seen)
            else:
                assert seen["header"] != "none" and seen["label"] == "" and not seen["stacked"], (path.name, seen)
        context.close()
