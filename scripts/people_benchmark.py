"""Speed where people feel it, on the built real atlas (`make site` first), side by side in one run:

- a cheap phone: Chromium at 390x844 with the CPU slowed 4x (the usual low-end-phone profile), the time from opening
  a page with `?q=` to its first result (the page's `kb-search-results` mark) against the same page's own load
  (`loadEventEnd` without a query), each the median of several fresh profiles, in both languages, on the real
  atlas and on a synthetic atlas of 2,000 entries (`--synthetic N`; 0 for none);
- `kb search` as a person runs it: the whole process, wall time and peak memory (`/usr/bin/time`, median of
  several runs), next to `kiwix-search` on the ZIM of the same atlas;
- `kb serve`: from saving an entry to its page showing the change, and to a broken entry's problem showing;
- `kb build` of the site (both languages and the command-line index, no bundle) against a stock `mkdocs build` of
  the pages `kb export` writes (both languages, one after the other and at once), wall and processor time.

    .venv/bin/python scripts/people_benchmark.py            # print the section
    .venv/bin/python scripts/people_benchmark.py --write    # also put it in BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

from benchmarks_file import markdown_table, replace_section  # noqa: E402
from helpers import free_port  # noqa: E402

KB = str(Path(sys.executable).parent / "kb")
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
RUNS = 5
#: Fresh profiles per page and way of opening it: a page's load on the phone profile moves by 100 ms or more from
#: one opening to the next, and with 5 a page near the target passed in one run and failed in the next.
PHONE_RUNS = 11
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
QUERIES = {"en": "deferment", "ru": "отсрочка"}
PAGES = ("index.html", "ru/ru-summonses.html", "ru/ru-exemptions-deferments.html", "kz/kz-entry-and-stay.html",
         "guides/summons-arrived.html", "ru/dossier.html")


def phone(site: Path, pages: tuple[str, ...] = PAGES, label: str = "") -> list[dict[str, str]]:
    from playwright.sync_api import sync_playwright

    from kb_builder.exports.chromium import FLAGS, executable

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable(), headless=True, args=FLAGS)
        for lang in ("ru", "en"):
            for name in pages:
                page = site / lang / name
                loads, firsts = [], []
                for _ in range(PHONE_RUNS):
                    for query in (None, QUERIES[lang]):
                        context = browser.new_context(locale="ru-RU" if lang == "ru" else "en-GB", **PHONE)
                        tab = context.new_page()
                        context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": 4})
                        url = page.as_uri() + (f"?q={quote(query)}" if query else "")
                        tab.goto(url, wait_until="load")
                        if query is None:
                            loads.append(tab.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
                        else:
                            tab.wait_for_function("performance.getEntriesByName('kb-search-results').length > 0")
                            firsts.append(tab.evaluate("performance.getEntriesByName('kb-search-results')[0].startTime"))
                        context.close()
                load, first = statistics.median(loads), statistics.median(firsts)
                rows.append({"page": f"{label}{lang}/{name}", "page load": f"{load:.0f} ms", "first result": f"{first:.0f} ms",
                             "ratio": f"{first / load:.2f}"})
                print(f"people: {rows[-1]}", file=sys.stderr, flush=True)
        browser.close()
    return rows


def synthetic_phone(count: int) -> list[dict[str, str]]:
    """The phone profile on a synthetic atlas of `count` entries (scripts/synthetic_atlas.py, built without the
    bundle): the home page, Russia's page, its first two entries and its dossier."""
    from synthetic_atlas import write_atlas

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"people: building a synthetic atlas of {count:,} entries", file=sys.stderr, flush=True)
        write_atlas(count, root / "entries")
        subprocess.run([KB, "build", "--no-bundle", "--entries", str(root / "entries"), "--site-dir", str(root / "site")],
                       cwd=REPO, check=True, capture_output=True)
        entries = sorted(p.name for p in (root / "site" / "en" / "ru").glob("ru-synthetic-*.html"))[:2]
        pages = ("index.html", "ru/index.html", *(f"ru/{name}" for name in entries), "ru/dossier.html")
        return phone(root / "site", pages, f"{count:,} entries: ")


def whole_process(command: list[str]) -> tuple[float, float]:
    """Median wall seconds and peak MiB of a command over RUNS runs."""
    walls, peaks = [], []
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, cwd=REPO)
        walls.append(time.perf_counter() - started)  # /usr/bin/time's own figure is in hundredths of a second
        peaks.append(int(result.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(walls[1:]), statistics.median(peaks[1:])  # the first run warms the disk cache


def commands(site: Path, dist: Path) -> list[dict[str, str]]:
    rows = []
    for lang, query in QUERIES.items():
        [zim] = dist.glob(f"rights-atlas-{lang}-*.zim")
        for name, command in ((f"kb search {query}", [KB, "search", "--index", str(site / "cli-index"), "--json", query]),
                              (f"kiwix-search {query}", ["kiwix-search", str(zim), query])):
            wall, peak = whole_process(command)
            rows.append({"command": f"`{name}`", "median": f"{wall * 1000:.0f} ms", "peak memory": f"{peak:.0f} MiB"})
    return rows


def wait(url: str, text: str, limit: float = 120.0, *, present: bool = True) -> float:
    """Seconds until the page at `url` holds `text` (or, not `present`, no longer holds it)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if (text in response.read().decode("utf-8")) == present:
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.05)
    return float("inf")


def serve() -> list[dict[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("entries", "guides", "templates", "cases", "contacts"):
            shutil.copytree(REPO / name, root / name)
        shutil.copy(REPO / "releases.yaml", root / "releases.yaml")
        port = free_port()
        server = subprocess.Popen([KB, "serve", "--entries", str(root / "entries"), "--lang", "ru", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            page, home = f"http://127.0.0.1:{port}/ru/ru-summonses.html", f"http://127.0.0.1:{port}/index.html"
            wait(page, "</html>")
            time.sleep(2)
            entry = root / "entries" / "ru" / "summonses.yaml"
            original = entry.read_text(encoding="utf-8")
            changes, problems = [], []
            for n in range(3):
                marker = f"ПРАВКА{n}"
                entry.write_text(original.replace('ru: "Повестка', f'ru: "{marker} Повестка', 1), encoding="utf-8")
                changes.append(wait(page, marker))
                time.sleep(1)
                entry.write_text(original.replace("last_reviewed: 2026", "last_reviewed: 20x26", 1), encoding="utf-8")
                problems.append(wait(home, "kb-preview-problems"))
                entry.write_text(original, encoding="utf-8")
                wait(home, "kb-preview-problems", present=False)  # back to the saved atlas before the next edit
                wait(page, marker, present=False)
                time.sleep(1)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return [{"what": "a saved entry shows on its page", "median of 3": f"{statistics.median(changes):.1f} s"},
            {"what": "a broken entry's problem shows on the pages", "median of 3": f"{statistics.median(problems):.1f} s"}]


def _timed(*commands: tuple[list[str], Path]) -> tuple[float, float]:
    """Wall seconds and processor seconds (its own and every process it started) of running these commands at once."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    running = [subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for command, cwd in commands]
    if any(process.wait() != 0 for process in running):
        raise SystemExit(f"people_benchmark: {' '.join(commands[0][0])} failed")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def builds() -> list[dict[str, str]]:
    """Seconds of `kb build --no-bundle` and of a stock `mkdocs build` of each language of `kb export`'s tree, the
    languages one after the other (as the export's instructions say) and at once (as `kb build` builds them on a
    machine with two cores or more): wall and processor time, the median of RUNS runs each, taken in turns."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        subprocess.run([KB, "export", str(root / "export")], cwd=REPO, check=True, capture_output=True)

        def stock(lang: str) -> tuple[list[str], Path]:
            return [MKDOCS, "build", "--quiet", "--site-dir", str(root / f"stock-{lang}")], root / "export" / lang

        runs: dict[str, list[tuple[float, float]]] = {"kb": [], "one after the other": [], "at once": []}
        for _ in range(RUNS):
            runs["kb"].append(_timed(([KB, "build", "--no-bundle", "--site-dir", str(root / "site")], REPO)))
            en, ru = _timed(stock("en")), _timed(stock("ru"))
            runs["one after the other"].append((en[0] + ru[0], en[1] + ru[1]))
            runs["at once"].append(_timed(stock("en"), stock("ru")))
    wall = {name: statistics.median(w for w, _ in found) for name, found in runs.items()}
    cpu = {name: statistics.median(c for _, c in found) for name, found in runs.items()}
    return [
        {"build": "`kb build --no-bundle` (languages at once)", "wall": f"{wall['kb']:.1f} s",
         "processor": f"{cpu['kb']:.1f} s", "ratio, wall": "", "ratio, processor": ""},
        *({"build": f"`mkdocs build` of `kb export`, en and ru {name}", "wall": f"{wall[name]:.1f} s",
           "processor": f"{cpu[name]:.1f} s", "ratio, wall": f"{wall['kb'] / wall[name]:.2f}",
           "ratio, processor": f"{cpu['kb'] / cpu[name]:.2f}"} for name in ("one after the other", "at once")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site", help="the built site (default: site)")
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="the bundle with the ZIM files (default: dist)")
    parser.add_argument("--write", action="store_true", help="put the section in BENCHMARKS.md")
    parser.add_argument("--synthetic", type=int, default=2000,
                        help="the phone profile on a synthetic atlas of this many entries too (0: not; default 2000)")
    args = parser.parse_args()
    if not (args.site / "cli-index").is_dir() or not list(args.dist.glob("*.zim")):
        sys.exit("people_benchmark: no built site or bundle (run `make site` first)")
    print("people: phone profile", file=sys.stderr, flush=True)
    phone_rows = phone(args.site)
    if args.synthetic:
        phone_rows += synthetic_phone(args.synthetic)
    print("people: kb search and kiwix-search", file=sys.stderr, flush=True)
    command_rows = commands(args.site, args.dist)
    print("people: kb serve", file=sys.stderr, flush=True)
    serve_rows = serve()
    print("people: kb build and a stock mkdocs build", file=sys.stderr, flush=True)
    build_rows = builds()
    report = (
        "## Where people feel it\n\n"
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, with "
        "`.venv/bin/python scripts/people_benchmark.py` on the real atlas after `make site`.\n\n"
        f"A cheap phone: Chromium at 390x844 with the CPU slowed 4x; the page opened with `?q=` to its first result, "
        f"against the same page's own load without a query (medians of {PHONE_RUNS} fresh profiles each; target: ratio at "
        "most 1.3), on the real atlas"
        + (f" and on a synthetic atlas of {args.synthetic:,} entries (scripts/synthetic_atlas.py)" if args.synthetic else "")
        + ":\n\n"
        f"{markdown_table(phone_rows)}\n\n"
        f"The whole process, as a person runs it (median of {RUNS} runs after one to warm the disk cache; targets for "
        "`kb search`: at most 100 ms and 40 MiB):\n\n"
        f"{markdown_table(command_rows)}\n\n"
        "`kb serve --lang ru` on a copy of the atlas (target: at most 2 s):\n\n"
        f"{markdown_table(serve_rows)}\n\n"
        f"The site's build against a stock mkdocs build of the same pages, exported (median of {RUNS} runs of each, "
        "in turns; target: ratio at most 1.3). `kb build` also reads and checks the entries, generates the pages, "
        "builds both searches' indexes and sanitises every page; the export carries the generated pages and the "
        "browser's index ready made. Wall time is what a person waits; processor time adds up every core's work "
        "(the ratios compare `kb build` with each way of running the stock builds):\n\n"
        f"{markdown_table(build_rows)}\n"
    )
    print(report)
    if args.write:
        replace_section(report)


if __name__ == "__main__":
    main()
