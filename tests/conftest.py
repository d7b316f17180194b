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
    kind: deadline
    rests_on: [53-fz]
  - label: {{en: Suspension, ru: Приостановление}}
    value: {{en: Automatic while the court case runs, ru: Автоматически на время суда}}
    as_of: 2026-03-10
    kind: {suspension_kind}
    rests_on: [{suspension_rests_on}]
    caveat: {{en: The court practice was seen in one report., ru: Судебная практика известна из одного сообщения.}}
deadlines:
  - what: {{en: Appeal to the regional draft board, ru: Жалоба в комиссию субъекта}}
    time_limit: {{en: Three months, ru: Три месяца}}
    legal_basis: {{en: "53-FZ, Art. 28(7)", ru: "53-ФЗ, ст. 28 п. 7"}}
    rests_on: [53-fz, prosecutor]
legal_basis:
  - id: 53-fz
    short: {{en: 53-FZ, ru: 53-ФЗ}}
    instrument:
      en: Federal Law No. 53-FZ "On Military Duty and Military Service"
      ru: Федеральный закон № 53-ФЗ «О воинской обязанности и военной службе»
    article: {{en: "Art. 28(7)", ru: "ст. 28 п. 7"}}
    date: 1998-03-28
    url: http://pravo.gov.ru/proxy/ips/?docbody=&nd=102052265
sources:
  - id: prosecutor
    title: How to appeal a draft-board decision
    publisher: Prosecutor General's Office
    url: https://epp.genproc.gov.ru/web/source-{id}
    accessed: 2026-11-20
    kind: primary
  - id: newspaper
    title: Courts on draft-board appeals
    publisher: Vedomosti
    url: https://www.vedomosti.ru/source-{id}
    accessed: 2026-11-20
    kind: secondary
last_reviewed: 2026-11-21
related: {related}
"""


def entry_text(id: str = "ru-appeal", jurisdiction: str = "RU", related: str = "[]", *, warned: bool = False) -> str:
    """A valid entry; `warned` makes a fact a reader acts on (a deadline) rest on a newspaper only, so that the
    page warns about it; otherwise that fact is a rule resting on the same newspaper."""
    return VALID_ENTRY.format(
        id=id, jurisdiction=jurisdiction, related=related,
        suspension_kind="deadline" if warned else "rule", suspension_rests_on="newspaper",
    )


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
