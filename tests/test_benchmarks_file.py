"""The scripts that measure write their sections of BENCHMARKS.md in place, leaving the others as they are."""

from __future__ import annotations

from pathlib import Path

from benchmarks_file import replace_section


def test_a_measured_section_replaces_its_namesake_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nIntro.\n\n## Search relevance\n\nold\n\n## Where people feel it\n\nphone\n",
                    encoding="utf-8")
    replace_section("## Search relevance\n\nnew\n", path)
    assert path.read_text(encoding="utf-8") == (
        "# Benchmarks\n\nIntro.\n\n## Search relevance\n\nnew\n\n## Where people feel it\n\nphone\n")
    # A section the file does not have yet goes at the end.
    replace_section("## Command-line search\n\ntable\n", path)
    assert path.read_text(encoding="utf-8").endswith("## Where people feel it\n\nphone\n\n## Command-line search\n\ntable\n")
    # The last section is replaced at the end.
    replace_section("## Command-line search\n\nnewer\n", path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("phone\n\n## Command-line search\n\nnewer\n") and "table" not in text
