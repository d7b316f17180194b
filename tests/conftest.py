"""Shared fixtures: a valid entry to vary, entry folders on disk, and real site builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
KB = [str(Path(sys.executable).parent / "kb")]

VALID_ENTRY = """\
# yaml-language-server: $schema=../../schema/entry.schema.json
id: {id}
jurisdiction: {jurisdiction}
topic: appeal-grounds
title:
  en: Appealing a draft-board decision {id}
  ru: Обжалование решения призывной комиссии {id}
summary:
  en: A decision of the draft board can be appealed to the regional board or to a court.
  ru: Решение призывной комиссии можно обжаловать в региональную комиссию или в суд.
body:
  en: |
    ## What to do

    Write to the regional draft board within three months.
  ru: |
    ## Что делать

    Напишите в призывную комиссию субъекта в течение трёх месяцев.
audience: [conscripts, lawyers]
key_facts:
  - label: {{en: Time limit to appeal, ru: Срок обжалования}}
    value: {{en: Three months from the decision, ru: Три месяца со дня решения}}
    as_of: 2026-11-01
  - label: {{en: Suspension, ru: Приостановление}}
    value: {{en: Automatic while the court case runs, ru: Автоматически на время суда}}
    as_of: 2026-03-10
    verified: false
deadlines:
  - what: {{en: Appeal to the regional draft board, ru: Жалоба в комиссию субъекта}}
    time_limit: {{en: Three months, ru: Три месяца}}
    legal_basis: {{en: "53-FZ, Art. 28(7)", ru: "53-ФЗ, ст. 28 п. 7"}}
legal_basis:
  - instrument:
      en: Federal Law No. 53-FZ "On Military Duty and Military Service"
      ru: Федеральный закон № 53-ФЗ «О воинской обязанности и военной службе»
    article: {{en: "Art. 28(7)", ru: "ст. 28 п. 7"}}
    date: 1998-03-28
    url: http://pravo.gov.ru/proxy/ips/?docbody=&nd=102052265
sources:
  - title: Federal Law 53-FZ, consolidated text
    publisher: Official legal information portal
    url: https://example.org/source-{id}
    accessed: 2026-11-20
    kind: primary
last_reviewed: 2026-11-21
verified: {verified}
related: {related}
"""


def entry_text(id: str = "ru-appeal", jurisdiction: str = "RU", verified: str = "true", related: str = "[]") -> str:
    return VALID_ENTRY.format(id=id, jurisdiction=jurisdiction, verified=verified, related=related)


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, col


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run_kb(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": "1795219200", **(env or {})}  # 2026-11-21
    return subprocess.run([*KB, *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=600)


@pytest.fixture
def entries(tmp_path: Path) -> Path:
    root = tmp_path / "entries"
    root.mkdir()
    return root


@pytest.fixture(scope="session")
def atlas_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled atlas, built once for the session with `kb build` into a temporary folder."""
    out = tmp_path_factory.mktemp("atlas")
    result = run_kb("build", "--site-dir", str(out / "site"), "--dist", str(out / "dist"))
    assert result.returncode == 0, result.stderr
    return out
