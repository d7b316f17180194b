"""Writing a section of BENCHMARKS.md, leaving the other sections as they are, and its tables."""

from __future__ import annotations

from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def replace_section(report: str, path: Path = BENCHMARKS) -> None:
    """Put `report` (which starts with its own '## ' heading) in place of the section of that heading, or
    at the end; the sections that `report` itself contains replace their namesakes too (the report goes where
    the first of them was)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    at = None
    for heading in headings:
        start = text.find(heading)
        if start < 0:
            continue
        end = text.find("\n## ", start + 1)
        text = text[:start] + (text[end + 1 :] if end >= 0 else "")
        at = start if at is None else min(at, start)
    if at is None or at >= len(text):
        path.write_text(text.rstrip() + "\n\n" + report.rstrip() + "\n", encoding="utf-8")
    else:
        path.write_text(text[:at] + report.rstrip() + "\n\n" + text[at:], encoding="utf-8")


def markdown_table(rows: list[dict[str, str]]) -> str:
    """Rows of the same keys as a Markdown table, the keys as its head."""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(row[k] for k in keys) + " |" for row in rows]
    return "\n".join(lines)
