"""The relevance set: recall@5 of at least 0.9 for `kb search` and for the in-browser search."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from browser import chromium
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from relevance import browser_rankings, cli_rankings, load_queries, metrics, misses  # noqa: E402


def test_relevance_set_is_realistic() -> None:
    queries = load_queries()
    assert len(queries) >= 40
    langs = {"ru" if any("\u0400" <= c <= "\u04ff" for c in q["q"]) else "en" for q in queries}
    assert langs == {"en", "ru"}
    known = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in (REPO / "entries").rglob("*.yaml")}
    assert all(set(q["expect"]) <= known for q in queries), "every expected id is a real entry"


def test_cli_recall_at_5(atlas_site: Path) -> None:
    queries = load_queries()
    rankings = cli_rankings(atlas_site / "site" / "cli-index", queries)
    assert metrics(rankings, queries)["recall@5"] >= 0.9, misses(rankings, queries)


def test_browser_recall_at_5(atlas_site: Path) -> None:
    queries = load_queries()
    with chromium() as browser:
        rankings = browser_rankings(atlas_site / "site", queries, browser)
    assert metrics(rankings, queries)["recall@5"] >= 0.9, misses(rankings, queries)
