"""Quality gates over every page of a built site: valid HTML, accessibility, links that resolve.

    .venv/bin/python scripts/quality.py html  [--site site]   # Nu Html Checker (vnu-jar), errors
    .venv/bin/python scripts/quality.py axe   [--site site]   # axe-core, serious and critical violations, at 360x740
    .venv/bin/python scripts/quality.py links [--site site]   # internal links and #anchors

Each prints one line per problem, naming the page, and exits 1 if there is any. The same functions
run in `make test` (tests/test_quality.py) on a fresh build of the bundled entries.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# True once the in-page search has shown its answer to what is in the search box now (kb-search.js marks the
# panel with the query it answers), so that an answer to an earlier keystroke is not taken for it.
SEARCH_FINISHED = (
    "(() => { const panel = document.querySelector('.kb-search__results');"
    " const input = document.querySelector('#kb-search-input');"
    " return !!panel && !!input && panel.getAttribute('data-query') === input.value.trim(); })()"
)

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
#: axe-core's run of a page, after laying out every part of it: parts of a long page out of view are not laid out
#: (content-visibility: auto) and axe could not see their colours, where a reader sees them laid out when scrolled
#: to. Colours are read at rest: the theme fades a link's colour in 125 ms, so transitions and animations are off
#: while axe runs, and a colour caught half-way cannot count. (Once in a while, in `make test` on a busy machine,
#: axe found the white text of an entry's "What to do" button too faint on its own background, and never when the
#: page was surveyed again; whether a fade was the cause is not known: each finding now says what axe measured,
#: for colour contrast the two colours and their ratio.) The rules are left out whose every finding is minor or
#: moderate (each rule has one impact in axe-core 4): the gate reports serious and critical violations only, and
#: those rules took a tenth of the time. A rule without an impact of its own still runs.
AXE_RUN = (
    "async () => { const laidOut = document.createElement('style');"
    " laidOut.textContent = '* { content-visibility: visible !important; transition: none !important;"
    " animation: none !important; }'; document.head.append(laidOut);"
    " const quiet = axe._audit.rules.filter(r => ['minor', 'moderate'].includes(r.impact));"
    " const rules = Object.fromEntries(quiet.map(r => [r.id, {enabled: false}]));"
    " return (await axe.run(document, {resultTypes: ['violations'], rules})).violations"
    ".map(v => [v.id, v.impact, v.help, v.nodes.map(n => { const why = (n.any[0] || n.all[0] || n.none[0] || {}).message;"
    " return why ? n.html + ' (' + why + ')' : n.html; }).slice(0, 3)]); }"
)


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "cli-index" not in p.parts)


def html_errors(site: Path) -> list[str]:
    """Errors of the Nu Html Checker, as 'page:line:col: message'."""
    java = shutil.which("java")
    if not java or not VNU.is_file():
        raise RuntimeError("the HTML check needs java and node_modules/vnu-jar (run `make test` or `npm ci`)")
    files = [str(p) for p in pages(site)]
    result = subprocess.run(
        # The serial collector: the checker is one thread, and the parallel one cost a tenth more processor time.
        [java, "-XX:+UseSerialGC", "-jar", str(VNU), "--errors-only", "--format", "json", *files], capture_output=True, text=True
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(unquote(urlsplit(m['url']).path)).relative_to(site)}:{m.get('lastLine', 0)}:{m.get('firstColumn', 0)}: "
        f"{m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]


#: A cheap phone: the size every page is visited at.
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
#: URL schemes that stay on the machine.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:")


@dataclass
class Survey:
    """What one visit to every page of a site found, each as 'page: what'."""

    pages: int = 0
    searched: int = 0
    requests: list[str] = field(default_factory=list)  # requests that leave the machine
    failed: list[str] = field(default_factory=list)  # local files that did not load
    too_wide: list[str] = field(default_factory=list)  # pages wider than the phone's screen
    axe: list[str] = field(default_factory=list)  # serious and critical accessibility violations


def survey(site: Path, workers: int = 2, search_every: int = 5) -> Survey:
    """Visit every page once in headless Chromium at a phone's size (360x740, Russian locale), `workers` tabs at
    once, and record the requests it makes, whether it is wider than the screen and what axe-core finds. The
    search box of one page in `search_every` is used, so that loading the engine and the index is covered too."""
    import asyncio
    import threading

    from playwright.async_api import async_playwright

    from kb_builder.exports.chromium import FLAGS, executable

    script = AXE.read_text(encoding="utf-8")
    queue = list(enumerate(pages(site)))
    found = Survey(pages=len(queue))

    async def visit(tab, number: int, path: Path, current: list[str]) -> None:  # type: ignore[no-untyped-def]
        name = path.relative_to(site).as_posix()
        current[0] = name
        await tab.goto(path.as_uri(), wait_until="load")
        width = await tab.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        if width > PHONE["viewport"]["width"] and path.parent != site:
            found.too_wide.append(f"{name}: {width} px wide")
        if path.parent != site and number % search_every == 0:
            await tab.fill("#kb-search-input", "asylum")
            await tab.wait_for_function(SEARCH_FINISHED)
            found.searched += 1
        violations = await tab.evaluate(AXE_RUN)
        for rule, impact, help_text, nodes in violations:
            if impact in SERIOUS:
                found.axe.append(f"{name}: {rule} ({impact}): {help_text}: {' | '.join(nodes)}")

    async def worker(browser) -> None:  # type: ignore[no-untyped-def]
        context = await browser.new_context(locale="ru-RU", **PHONE)
        # axe-core comes with every page the tab opens (an init script is compiled once, where a script tag
        # added to each page would be sent and parsed each time: that cost more than axe's own run).
        await context.add_init_script(script=script)
        tab = await context.new_page()
        current = [""]
        tab.on("request", lambda r: None if r.url.startswith(LOCAL_SCHEMES) else found.requests.append(f"{current[0]}: {r.url}"))
        # A favicon still loading when the tab moves on is aborted: that is not a failure.
        tab.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "")
               else found.failed.append(f"{current[0]}: {r.url} ({r.failure})"))
        while queue:
            number, path = queue.pop(0)
            await visit(tab, number, path, current)
        await context.close()

    async def run() -> None:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=executable(), headless=True, args=FLAGS)
            try:
                await asyncio.gather(*(worker(browser) for _ in range(workers)))
            finally:
                await browser.close()

    # A thread of its own, so that the survey runs beside a synchronous Playwright of the caller's.
    errors: list[BaseException] = []
    thread = threading.Thread(target=lambda: _capture(errors, lambda: asyncio.run(run())))
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    for items in (found.requests, found.failed, found.too_wide, found.axe):
        items.sort()
    return found


def _capture(errors: list[BaseException], call) -> None:  # type: ignore[no-untyped-def]
    try:
        call()
    except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
        errors.append(err)


def axe_violations(site: Path) -> list[str]:
    """Serious and critical axe-core violations, as 'page: rule (impact): element'."""
    return survey(site).axe


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if found.get("name") and tag == "a":
            self.ids.add(found["name"] or "")
        for attr in ("href", "src"):
            if tag in ("a", "link", "script", "img", "source") and found.get(attr):
                self.links.append(found[attr] or "")


def broken_links(site: Path) -> list[str]:
    """Internal links to missing files or missing #anchors, as 'page: link (what is missing)'."""
    parsed: dict[Path, _Page] = {}

    def parse(path: Path) -> _Page:
        if path not in parsed:
            parser = _Page()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    problems = []
    for path in pages(site):
        for link in parse(path).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # external: http(s) sources and mailto, never fetched by the site
            target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                problems.append(f"{path.relative_to(site)}: {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
                problems.append(f"{path.relative_to(site)}: {link} (no element with id {parts.fragment!r})")
            if not str(target).startswith(str(site.resolve())):
                problems.append(f"{path.relative_to(site)}: {link} (points outside the site)")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gate", choices=("html", "axe", "links"))
    parser.add_argument("--site", type=Path, default=REPO / "site")
    args = parser.parse_args()
    site = args.site.resolve()
    check = {"html": html_errors, "axe": axe_violations, "links": broken_links}[args.gate]
    problems = check(site)
    for line in problems:
        print(line)
    print(f"{args.gate}: {len(problems)} problem(s) in {len(pages(site))} pages", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

