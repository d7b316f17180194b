"""`kb index` and `kb search` on the bundled atlas and on small atlases."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO, entry_text, run_kb, write

KEYS = {"id", "title", "jurisdiction", "topic", "lang", "path", "score", "snippet"}


@pytest.fixture(scope="module")
def index(atlas_site: Path) -> Path:
    return atlas_site / "site" / "cli-index"


def search(index: Path, *args: str) -> list[dict]:
    result = run_kb("search", "--index", str(index), "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_acceptance_queries_find_the_right_entry_first(index: Path) -> None:
    assert search(index, "отсрочка по учёбе")[0]["id"] == "ru-exemptions-deferments"
    assert search(index, "alternative civilian service deadline")[0]["id"] == "ru-alternative-civilian-service"


def test_json_has_exactly_the_keys_and_paths_exist(index: Path, atlas_site: Path) -> None:
    hits = search(index, "deferment", "--limit", "3")
    assert 0 < len(hits) <= 3
    for hit in hits:
        assert set(hit) == KEYS
        assert hit["lang"] == "en" and isinstance(hit["score"], float)
        assert (atlas_site / "site" / hit["path"]).is_file()
        assert "**" in hit["snippet"]


def test_language_is_detected_from_the_script_or_given(index: Path) -> None:
    assert {h["lang"] for h in search(index, "убежище")} == {"ru"}
    assert {h["lang"] for h in search(index, "asylum")} == {"en"}
    # The glossary lets a Russian word find English pages and the other way round (the guide "A summons has
    # arrived" and the entry on summonses first).
    for lang, word in (("en", "повестка"), ("ru", "summons")):
        hits = search(index, "--lang", lang, word)
        assert {h["lang"] for h in hits} == {lang}
        assert {"ru-summonses", "summons-arrived"} <= {h["id"] for h in hits[:3]}, hits[:3]


def test_filters_and_phrases(index: Path) -> None:
    hits = search(index, "asylum procedure", "--jurisdiction", "de")
    assert hits and {h["jurisdiction"] for h in hits} == {"DE"}
    hits = search(index, "asylum", "--topic", "protection-standards")
    assert hits and {h["topic"] for h in hits} == {"protection-standards"}
    phrase = search(index, '"military commissariat"')
    # Entries, guides, forms and court decisions are all searched.
    files = [p for folder in ("entries", "guides", "templates", "cases") for p in (REPO / folder).rglob("*.yaml")]
    texts = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"]: p.read_text(encoding="utf-8").lower() for p in files}
    assert phrase and all(re.search(r"military\s+commissariat", texts[h["id"]]) for h in phrase)
    assert {h["topic"] for h in phrase} & {"guide", "template"}, "guides and forms are found too"


def test_typos_are_tolerated(index: Path) -> None:
    assert "ru-alternative-civilian-service" in [h["id"] for h in search(index, "alternativ civilan servise")[:3]]
    # A misspelt word finds what the word itself finds.
    typo = [h["id"] for h in search(index, "desertoin")[:5]]
    exact = [h["id"] for h in search(index, "desertion")[:5]]
    assert len(set(typo) & set(exact)) >= 4, (typo, exact)


def test_human_output_has_rank_title_place_path_and_snippet(index: Path) -> None:
    result = run_kb("search", "--index", str(index), "--limit", "2", "alternative", "civilian", "service")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. Alternative civilian service")
    assert lines[1].strip() == "RU · Exemptions, deferments, objection and appeals · en/ru/ru-alternative-civilian-service.html"
    assert "**" in lines[2]
    assert any(line.startswith("2. ") for line in lines)


def test_no_index_is_a_clean_error(tmp_path: Path) -> None:
    result = run_kb("search", "--index", str(tmp_path / "none"), "anything")
    assert result.returncode == 2
    assert "no search index" in result.stderr and "Traceback" not in result.stderr


def test_kb_index_builds_from_entries(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    write(entries, "ru/appeal.yaml", entry_text(id="ru-appeal"))
    write(entries, "int/other.yaml", entry_text(id="int-other", jurisdiction="INT").replace("draft-board", "refugee"))
    result = run_kb("index", "--entries", str(entries), "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    hits = search(tmp_path / "ix", "refugee decision")
    assert hits[0]["id"] == "int-other"
    assert {h["path"] for h in hits} <= {"en/int/int-other.html", "en/ru/ru-appeal.html"}


def test_title_words_and_more_of_the_query_rank_higher(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    # Same text, except that one has "passport" in its title and the other only in its body.
    in_title = entry_text(id="ru-title").replace("Appealing a draft-board decision", "Passport rules")
    in_body = entry_text(id="ru-body").replace("Write to the regional draft board", "Show your passport and write to the board")
    write(entries, "ru/title.yaml", in_title)
    write(entries, "ru/body.yaml", in_body)
    assert run_kb("index", "--entries", str(entries), "--index", str(tmp_path / "ix")).returncode == 0
    assert [h["id"] for h in search(tmp_path / "ix", "passport")] == ["ru-title", "ru-body"]
    # "months" is in both entries; "show" only in one: the entry with both words comes first.
    assert search(tmp_path / "ix", "show months")[0]["id"] == "ru-body"


def test_an_index_from_another_version_is_a_clean_error(tmp_path: Path) -> None:
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, Schema

    whoosh_index.create_in(str(tmp_path), Schema(id=ID(stored=True))).writer().commit()
    result = run_kb("search", "--index", str(tmp_path), "anything")
    assert result.returncode == 2
    assert "another version of kb" in result.stderr and "Traceback" not in result.stderr


def test_a_search_imports_only_what_a_query_needs(index: Path) -> None:
    # Python lists every module a process imports on stderr when PYTHONPROFILEIMPORTTIME is set.
    result = run_kb("search", "--index", str(index), "--json", "отсрочка", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["id"] == "ru-exemptions-deferments"  # as the relevance set expects
    imported = set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", result.stderr, re.M))
    assert {"whoosh.reading", "kb_builder.search.terminal"} <= imported
    unneeded = {"pydantic", "babel", "mkdocs", "numpy", "yaml", "jinja2", "kb_builder.build", "kb_builder.content.loader",
                "asyncio", "urllib.request", "ssl", "http.client", "email", "_hashlib", "dataclasses", "inspect"}
    assert not unneeded & imported


def test_whoosh_is_imported_without_its_unused_modules_and_leaves_the_real_ones() -> None:
    script = (
        "import sys, types; import kb_builder.search.engine as e; "
        "assert not {'urllib.request', 'cached_property', 'hashlib', '_hashlib'} & set(sys.modules); "
        # no module imported meanwhile (tempfile, random, whoosh's own) kept a stand-in as one of its names
        "held = [(m, n) for m, mod in list(sys.modules.items()) for n, v in list(vars(mod).items()) "
        "        if isinstance(v, types.ModuleType) and (v.__doc__ or '').startswith('Stands in')]; "
        "assert not held, held; "
        "import urllib.request, cached_property, hashlib, whoosh.compat, whoosh.reading, whoosh.filedb.filetables as t; "
        "assert hasattr(urllib.request, 'urlopen') and cached_property.__file__ and hasattr(hashlib, 'sha256'); "
        "assert whoosh.reading.cached_property.__module__ == 'functools'; "
        "assert t.md5_hash(b'kb') == int(hashlib.md5(b'kb').hexdigest(), 16) & 0xFFFFFFFF; "
        "print(whoosh.compat.urlretrieve.__module__)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "kb_builder.search.engine"
