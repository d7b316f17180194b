"""Real Chromium on the built atlas opened from disk: no network requests, and search works."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page

from helpers import file_url, results
from quality import Survey


def test_every_page_makes_no_network_request(site_survey: Survey) -> None:
    """Every page, opened from disk, asks for nothing beyond the machine, and every file it asks for is there.
    Searching loads the engine and the index, which are the same files on every page of a language: the survey
    searches from one page in five, so that their loading is covered on every kind of page."""
    assert site_survey.pages > 500
    assert site_survey.searched > 100
    assert site_survey.requests == [], site_survey.requests[:20]
    assert site_survey.failed == [], site_survey.failed[:20]


def test_search_from_disk_shows_results_typed(browser: Browser, atlas_site: Path) -> None:
    page = browser.new_page()
    page.goto(file_url(atlas_site / "site" / "en" / "index.html"))
    page.click("#kb-search-input")
    page.keyboard.type("alternative civilian service")
    hrefs = results(page)
    assert hrefs, "no results"
    assert hrefs[0].endswith("/en/ru/ru-alternative-civilian-service.html")
    page.close()


def test_russian_query_finds_inflected_forms_in_russian_pages_only(browser: Browser, atlas_site: Path) -> None:
    page = browser.new_page()
    start = atlas_site / "site" / "ru" / "ru" / "ru-call-up.html"
    page.goto(file_url(start, "отсрочка"))
    hrefs = results(page)
    assert any(h.endswith("/ru/ru/ru-exemptions-deferments.html") for h in hrefs), hrefs
    assert all("/site/ru/" in h for h in hrefs), hrefs
    marks = page.eval_on_selector_all(".kb-search__snippet mark", "els => els.map(e => e.textContent.toLowerCase())")
    assert any(m.startswith("отсрочк") and m != "отсрочка" for m in marks), marks
    page.close()


#: Records, when the first list of results enters the page, whether the page's own content was laid out.
CONTENT_AT_RESULTS = """
window.__kbContent = null;
new MutationObserver(function () {
  var main = document.querySelector(".md-main");
  if (window.__kbContent === null && document.querySelector(".kb-search__list"))
    window.__kbContent = main ? getComputedStyle(main).display : "missing";
}).observe(document, {subtree: true, childList: true});
"""


def test_a_page_opened_with_a_query_shows_its_results_before_its_content(browser: Browser, atlas_site: Path) -> None:
    """Opened with ?q=, a page lays out its own content only after its first results are shown (on a slow phone
    that layout took longer than the search), then shows it; opened without a query, or at an anchor, at once."""
    entry = atlas_site / "site" / "ru" / "ru" / "ru-summonses.html"
    page = browser.new_page()
    page.add_init_script(CONTENT_AT_RESULTS)
    page.goto(file_url(entry, "отсрочка"))
    assert results(page)
    assert page.evaluate("window.__kbContent") == "none"
    page.wait_for_function("!document.documentElement.classList.contains('kb-q')", timeout=4_000)
    assert page.locator("article h1").is_visible()
    for url in (file_url(entry), file_url(entry, "отсрочка") + "#s1"):
        page.goto(url, wait_until="domcontentloaded")
        assert not page.evaluate("document.documentElement.classList.contains('kb-q')"), url
        assert page.locator("article h1").is_visible(), url
    page.close()


def test_english_search_returns_english_pages_only(browser: Browser, atlas_site: Path) -> None:
    page = browser.new_page()
    page.goto(file_url(atlas_site / "site" / "en" / "index.html", "deferment"))
    hrefs = results(page)
    assert hrefs and all("/site/en/" in h for h in hrefs), hrefs
    page.close()


def test_misspelled_query_still_finds(browser: Browser, atlas_site: Path) -> None:
    page = browser.new_page()
    page.goto(file_url(atlas_site / "site" / "en" / "index.html", "desertoin"))
    hrefs = results(page)
    assert any("ru-penalties" in h for h in hrefs), hrefs
    page.close()


def search_parts(page: Page) -> list[str]:
    """Names of the index parts (assets/kb/search/<name>.js) the page has loaded so far."""
    return page.evaluate(
        "Array.from(document.querySelectorAll('script[src*=\"assets/kb/search/\"]'))"
        ".map(s => s.src.split('/').pop().replace(/\\.js$/, ''))"
    )


def test_a_query_loads_only_the_index_parts_it_needs(browser: Browser, atlas_site: Path) -> None:
    parts = {p.stem for p in (atlas_site / "site" / "en" / "assets" / "kb" / "search").glob("*.js")}
    assert {"index", "terms"} <= parts and len(parts) > 6, parts
    page = browser.new_page()
    page.goto(file_url(atlas_site / "site" / "en" / "index.html", "dublin"))
    hrefs = results(page)
    assert any("eu-" in h for h in hrefs), hrefs
    loaded = search_parts(page)
    assert "index" in loaded and any(n.startswith("t") and n != "terms" for n in loaded), loaded
    assert any(n.startswith("p") for n in loaded), loaded
    # A word the index knows needs neither the whole term list nor every part.
    assert "terms" not in loaded and len(loaded) < len(parts), loaded
    # A misspelt word is matched against the term list, loaded for that.
    page.fill("#kb-search-input", "dublni")
    page.wait_for_function("Array.from(document.querySelectorAll('script')).some(s => s.src.endsWith('/search/terms.js'))")
    page.close()


def test_the_scripts_a_search_runs_first_ask_to_be_compiled_while_they_load(atlas_site: Path) -> None:
    """The site's script and the index's first part open with V8's compile hint (a comment, on their first line,
    where V8 looks for it), so that the phone's slow processor does not compile each function on the page's
    thread between a part of the index arriving and the first result."""
    for lang in ("en", "ru"):
        for rel in ("assets/kb/kb.js", "assets/kb/search/index.js"):
            first = (atlas_site / "site" / lang / rel).read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == "//# allFunctionsCalledOnLoad", (lang, rel, first[:80])


def test_pages_load_only_the_atlas_scripts(browser: Browser, atlas_site: Path) -> None:
    """No theme script (pages use the theme in its no-JavaScript form), nor the theme's inline scripts that read
    the browser's storage; table sorting only where tables are."""
    site = atlas_site / "site"
    assert not (site / "en" / "assets" / "javascripts").exists()
    page = browser.new_page()
    # Count every time a script asks for the browser's storage.
    page.add_init_script("""(() => {
      window.kbStorageAsked = 0;
      for (const name of ["localStorage", "sessionStorage"]) {
        const get = Object.getOwnPropertyDescriptor(window, name).get;
        Object.defineProperty(window, name, { configurable: true, get() { window.kbStorageAsked++; return get.call(window); } });
      }
    })()""")
    for rel, expected in (("en/ru/index.html", ["kb.js"]), ("ru/compare/conscription.html", ["kb.js", "kb-compare.js"])):
        page.goto(file_url(site / rel))
        loaded = page.evaluate("Array.from(document.scripts).filter(s => s.src).map(s => s.src.split('/').pop())")
        assert loaded == expected, (rel, loaded)
        assert page.evaluate("document.documentElement.classList.contains('no-js')")
        assert page.evaluate("window.kbStorageAsked") == 0, rel
    page.close()
