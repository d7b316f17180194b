"""Speed and size of the atlas build and of search, on the real atlas and on synthetic ones.

    .venv/bin/python scripts/benchmark.py                 # real atlas, 2,000 and 10,000 synthetic entries
    .venv/bin/python scripts/benchmark.py --sizes 2000    # real atlas and one synthetic size
    .venv/bin/python scripts/benchmark.py --write         # also rewrite BENCHMARKS.md

Figures: build time (`kb build --no-pdf`: both languages, the command-line index, the zip and the ZIM files;
the PDF dossiers are left out), site size, zip size, median and
largest page, search-index size per language (all its parts; a query loads only a few), and the time
from opening a page from disk with `?q=` to the first search results shown (headless Chromium, over
pages spread through the site): opened fresh (a new browser profile, as when the first page of the
download is opened) and from another page (the same browser already showing a page of the site, as when
the reader goes from page to page); `kb index` time and `kb search` query time inside one process; and `kb
search` as a person runs it (the whole process) next to `kiwix-search` on the ZIM files of the same build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "scripts"))

from benchmarks_file import markdown_table, replace_section  # noqa: E402
from kb_builder.exports.chromium import chromium  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from relevance import load_queries, query_lang  # noqa: E402
from synthetic_atlas import write_atlas  # noqa: E402

from kb_builder.search.terminal import Searcher  # noqa: E402
from people_benchmark import commands as whole_process_rows  # noqa: E402

KB = str(Path(sys.executable).parent / "kb")
LOADS = 11
#: Each page is opened this many times and its median kept: one load on a small shared machine can take
#: twice as long as the next for reasons that are not the page's (the figures' spread is in the table).
REPEATS = 3
GIVE_UP_MS = 120_000
QUERIES = {"en": "service", "ru": "службы"}
CLI_ROWS: list[dict[str, str]] = []
PROCESS_ROWS: list[dict[str, str]] = []
SEARCH_ROWS: list[dict[str, str]] = []


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def kib(n: int) -> str:
    return f"{n / 1024:.0f} KiB"


def build(entries: Path, out: Path) -> float:
    started = time.monotonic()
    result = subprocess.run(
        [KB, "build", "--no-pdf", "--entries", str(entries), "--site-dir", str(out / "site"), "--dist", str(out / "dist")],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr}")
    return time.monotonic() - started


def site_pages(site: Path, lang: str) -> list[Path]:
    return sorted(p for p in (site / lang).rglob("*.html") if "assets" not in p.parts)


def sample_pages(pages: list[Path]) -> list[Path]:
    """LOADS pages spread evenly over a language's pages (in path order: home, country, entry, dossier,
    list pages)."""
    return [pages[(2 * i + 1) * len(pages) // (2 * LOADS)] for i in range(LOADS)]


def time_to_results(target: Path, lang: str, browser, *, after: Path | None = None) -> float:
    """Median over REPEATS loads of `open_with_query`."""
    return statistics.median(open_with_query(target, lang, browser, after=after) for _ in range(REPEATS))


def open_with_query(target: Path, lang: str, browser, *, after: Path | None = None) -> float:
    """Milliseconds from opening `target` with `?q=` to the first results shown (infinity after GIVE_UP_MS):
    in a new browser profile, or, given `after`, once that page of the site is open in it."""
    context = browser.new_context()
    page = context.new_page()
    try:
        if after is not None:
            page.goto(after.as_uri(), wait_until="load", timeout=GIVE_UP_MS)
        page.goto(f"{target.as_uri()}?q={quote(QUERIES[lang])}", wait_until="commit", timeout=GIVE_UP_MS)
        page.wait_for_function("performance.getEntriesByName('kb-search-results').length > 0", timeout=GIVE_UP_MS)
        return page.evaluate("performance.getEntriesByName('kb-search-results')[0].startTime")
    except PlaywrightTimeout:
        return math.inf
    finally:
        context.close()


def search_row(name: str, site: Path, lang: str, browser) -> dict[str, str]:
    """Time to results on the sampled pages and on the largest page, opened fresh and opened from the
    language's home page."""
    home = site / lang / "index.html"
    pages = site_pages(site, lang)
    sample = sample_pages(pages)
    fresh = [time_to_results(p, lang, browser) for p in sample]
    linked = [time_to_results(p, lang, browser, after=home) for p in sample]
    largest = max(pages, key=lambda p: p.stat().st_size)
    return {
        "atlas": name,
        "language": lang,
        "opened fresh (median / max)": f"{ms(statistics.median(fresh))} / {ms(max(fresh))}",
        "from another page (median / max)": f"{ms(statistics.median(linked))} / {ms(max(linked))}",
        "largest page": f"{largest.relative_to(site / lang)}, {kib(largest.stat().st_size)}",
        "largest page: fresh / from another page": f"{ms(time_to_results(largest, lang, browser))} / "
        f"{ms(time_to_results(largest, lang, browser, after=home))}",
    }


def ms(value: float) -> str:
    return f"{value:.0f} ms" if value < GIVE_UP_MS else f"> {GIVE_UP_MS // 1000} s"


def cli_latency(index: Path) -> dict[str, str]:
    """`kb search` query time in one process (start-up excluded): every relevance query, repeated."""
    queries = load_queries()
    searcher = Searcher(index)
    times = []
    try:
        for _ in range(5):
            for item in queries:
                started = time.perf_counter()
                searcher.search(item["q"], lang=query_lang(item), limit=10)
                times.append((time.perf_counter() - started) * 1000)
    finally:
        searcher.close()
    times.sort()
    return {
        "queries": f"{len(times)}",
        "median": f"{statistics.median(times):.1f} ms",
        "p95": f"{times[int(len(times) * 0.95) - 1]:.1f} ms",
        "index size": mib(sum(p.stat().st_size for p in index.iterdir())),
    }


def measure(name: str, entries: Path, workdir: Path, browser) -> dict[str, str]:
    count = len(list(entries.rglob("*.yaml")))
    print(f"benchmark: {name}: building {count} entries", file=sys.stderr, flush=True)
    seconds = build(entries, workdir)
    site = workdir / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = sorted(p.stat().st_size for p in files if p.suffix == ".html")
    [zip_path] = (workdir / "dist").glob("*.zip")
    row = {
        "atlas": name,
        "entries": f"{count:,}",
        "pages": f"{len(pages):,}",
        "build": f"{seconds:.1f} s",
        "site": mib(sum(p.stat().st_size for p in files)),
        "zip": mib(zip_path.stat().st_size),
        "median page": kib(int(statistics.median(pages))),
        "largest page": kib(pages[-1]),
    }
    for lang in ("en", "ru"):
        parts = list((site / lang / "assets" / "kb" / "search").iterdir())
        row[f"index {lang}"] = f"{mib(sum(p.stat().st_size for p in parts))} in {len(parts):,} parts"
    for lang in ("en", "ru"):
        print(f"benchmark: {name}: time to search results ({lang})", file=sys.stderr, flush=True)
        SEARCH_ROWS.append(search_row(name, site, lang, browser))
    print(f"benchmark: {name}: command-line index and queries", file=sys.stderr, flush=True)
    started = time.monotonic()
    result = subprocess.run(
        [KB, "index", "--entries", str(entries), "--index", str(workdir / "cli-index")], cwd=REPO, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"kb index failed:\n{result.stderr}")
    CLI_ROWS.append({"atlas": name, "entries": f"{count:,}", "kb index": f"{time.monotonic() - started:.1f} s",
                     **cli_latency(workdir / "cli-index")})
    print(f"benchmark: {name}: kb search and kiwix-search as a person runs them", file=sys.stderr, flush=True)
    PROCESS_ROWS.extend({"atlas": name, **found} for found in whole_process_rows(site, workdir / "dist"))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000, 10000], help="synthetic atlas sizes")
    parser.add_argument("--write", action="store_true", help="rewrite the build section of BENCHMARKS.md")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795219200")
    rows = []
    with chromium() as browser, tempfile.TemporaryDirectory() as tmp:
        rows.append(measure("real", REPO / "entries", Path(tmp) / "real", browser))
        for size in args.sizes:
            entries = write_atlas(size, Path(tmp) / f"syn{size}" / "entries")
            rows.append(measure(f"synthetic {size:,}", entries, Path(tmp) / f"syn{size}", browser))
    command = "scripts/benchmark.py" + (f" --sizes {' '.join(map(str, args.sizes))}" if args.sizes != [2000, 10000] else "")
    report = (
        f"## Build, size and in-browser search\n\n"
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, Chromium headless, with `.venv/bin/python {command}`.\n"
        f"{markdown_table(rows)}\n\n"
        f"Time from opening a page from disk with `?q={QUERIES['en']}` (English) or `?q={QUERIES['ru']}` "
        f"(Russian) to the first results shown, on {LOADS} pages spread evenly through the site (in path "
        f"order) and on the largest page, each opened {REPEATS} times (its median counts): opened fresh (a new "
        f"browser profile, as when the download is first "
        f"opened) and from another page (the same profile already showing the home page, as when the reader goes "
        f"from page to page).\n\n"
        f"{markdown_table(SEARCH_ROWS)}\n\n"
        f"## Command-line search\n\n"
        f"Same run. `kb index` time and index size; query time of `kb search` inside one process (start-up "
        f"excluded) over the {len(load_queries())} relevance queries, five times each.\n\n"
        f"{markdown_table(CLI_ROWS)}\n\n"
        f"The whole process, as a person runs it, on the index and the ZIM files of each atlas's build: wall time and "
        f"peak memory of `kb search` (start-up included) next to `kiwix-search` on the same content (median of "
        f"several runs after one to warm the disk cache, as in scripts/people_benchmark.py).\n\n"
        f"{markdown_table(PROCESS_ROWS)}\n"
    )
    print(report)
    if args.write:
        replace_section(report)


if __name__ == "__main__":
    main()
