"""Relevance of search on the real atlas: recall@5 and MRR over tests/relevance/queries.yaml.

    .venv/bin/python scripts/relevance.py [--site site] [--write]

Measures `kb search` (the whoosh index in SITE/cli-index) and the in-browser search (headless
Chromium opening SITE/<lang>/index.html?q=... from disk). recall@5 is the share of a query's
expected entries found in its first five results, averaged over queries; MRR is the mean of
1/rank of the first expected entry (0 when none is in the first ten).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "scripts"))

from benchmarks_file import replace_section  # noqa: E402
from quality import SEARCH_FINISHED  # noqa: E402
from kb_builder.search.terminal import Searcher, detect_language  # noqa: E402

QUERIES = REPO / "tests" / "relevance" / "queries.yaml"


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def query_lang(item: dict) -> str:
    return item.get("lang") or detect_language(item["q"])


def cli_rankings(index: Path, queries: list[dict]) -> list[list[str]]:
    searcher = Searcher(index)
    try:
        return [[h.id for h in searcher.search(item["q"], lang=query_lang(item), limit=10)] for item in queries]
    finally:
        searcher.close()


def browser_results(site: Path, queries: list[dict], browser) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The addresses of the pages each query shows in the in-browser search, best first. Each language's home page
    is opened once and the queries are typed into its search box one after the other (the engine and its index
    load once, as for a reader who searches again)."""
    results: dict[int, list[str]] = {}
    for lang in sorted({query_lang(item) for item in queries}):
        page = browser.new_page()
        page.goto((site / lang / "index.html").resolve().as_uri())
        for number, item in enumerate(queries):
            if query_lang(item) == lang:
                page.fill("#kb-search-input", item["q"])
                page.wait_for_function(SEARCH_FINISHED, timeout=20_000)
                results[number] = page.eval_on_selector_all(".kb-search__list a.kb-search__title", "els => els.map(e => e.href)")
        page.close()
    return [results[number] for number in range(len(queries))]


def browser_rankings(site: Path, queries: list[dict], browser) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The names of the first ten pages each query shows in the in-browser search (an entry's is its id)."""
    return [[Path(h.split("?")[0]).stem for h in hrefs][:10] for hrefs in browser_results(site, queries, browser)]


def metrics(rankings: list[list[str]], queries: list[dict]) -> dict[str, float]:
    recalls, reciprocal = [], []
    for ranking, item in zip(rankings, queries):
        expected = set(item["expect"])
        recalls.append(len(expected & set(ranking[:5])) / len(expected))
        rank = next((i for i, entry_id in enumerate(ranking[:10], start=1) if entry_id in expected), None)
        reciprocal.append(1 / rank if rank else 0.0)
    return {"recall@5": statistics.mean(recalls), "MRR": statistics.mean(reciprocal)}


def misses(rankings: list[list[str]], queries: list[dict]) -> list[str]:
    return [
        f"{item['q']!r}: expected {item['expect']}, got {ranking[:5]}"
        for ranking, item in zip(rankings, queries)
        if not set(item["expect"]) <= set(ranking[:5])
    ]


def not_first(rankings: list[list[str]], queries: list[dict]) -> list[str]:
    return [
        f"{item['q']!r}: expected one of {item['expect']} first, got {ranking[:5]}"
        for ranking, item in zip(rankings, queries)
        if not ranking or ranking[0] not in item["expect"]
    ]


def main() -> None:
    from kb_builder.exports.chromium import chromium

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site", help="built site (default: site)")
    parser.add_argument("--write", action="store_true", help="rewrite the relevance section of BENCHMARKS.md")
    args = parser.parse_args()
    queries = load_queries()
    cli = cli_rankings(args.site / "cli-index", queries)
    with chromium() as browser:
        web = browser_rankings(args.site, queries, browser)
    rows = {"`kb search`": metrics(cli, queries), "in-browser search": metrics(web, queries)}
    report = (
        "## Search relevance\n\n"
        f"Measured {dt.date.today().isoformat()} with `.venv/bin/python scripts/relevance.py` on the real atlas "
        f"({len(queries)} queries in `tests/relevance/queries.yaml`: English, Russian, misspelt, across languages).\n\n"
        "| search | recall@5 | MRR |\n|---|---|---|\n"
        + "".join(f"| {name} | {m['recall@5']:.3f} | {m['MRR']:.3f} |\n" for name, m in rows.items())
    )
    print(report)
    for name, ranking in (("kb search", cli), ("browser", web)):
        for line in misses(ranking, queries):
            print(f"miss ({name}): {line}", file=sys.stderr)
        for line in not_first(ranking, queries):
            print(f"not first ({name}): {line}", file=sys.stderr)
    if args.write:
        replace_section(report)


if __name__ == "__main__":
    main()
