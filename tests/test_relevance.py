"""The relevance set: recall@5 of at least 0.9 for `kb search` and for the in-browser search."""

from __future__ import annotations

from pathlib import Path

import yaml
from playwright.sync_api import Browser

from helpers import REPO
from relevance import browser_rankings, cli_rankings, load_queries, metrics, misses


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


def test_browser_recall_at_5(browser: Browser, atlas_site: Path) -> None:
    queries = load_queries()
    rankings = browser_rankings(atlas_site / "site", queries, browser)
    assert metrics(rankings, queries)["recall@5"] >= 0.9, misses(rankings, queries)
