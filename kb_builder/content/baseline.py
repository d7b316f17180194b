"""The world baseline: conscription ages and terms for every country, from the public-domain World
Factbook data in `kb_builder/data/factbook-military-service-2025.json`, with structured facts parsed from its
text where the text states them plainly. Anything the text does not state unambiguously stays empty.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "factbook-military-service-2025.json"
SOURCE_TITLE = "The World Factbook: Military service age and obligation"
SOURCE_PUBLISHER = "Central Intelligence Agency"
SOURCE_URL = "https://www.cia.gov/the-world-factbook/field/military-service-age-and-obligation/"
SOURCE_EDITION = 2025

_YEAR = re.compile(r"\((\d{4})\)\s*$")
_NEGATIVE = re.compile(
    r"\bno (?:conscription|compulsory|mandatory|draft)\b"
    r"|\b(?:conscription|compulsory (?:military )?service|the draft|draft)\b[^;]*?\b"
    r"(?:abolished|suspended|ended|ceased|discontinued|eliminated)\b"
    r"|\bservice is voluntary\b|\bvoluntary only\b",
    re.IGNORECASE,
)
_COMPULSORY = re.compile(
    r"\b(?:compulsory|mandatory|obligatory)(?:\s+[\w()/-]+){0,3}?\s+(?:military|service|national|duty)\b"
    r"|\b(?:service|duty) is (?:compulsory|mandatory|obligatory)\b"
    r"|\bconscript(?:s|ion|ed)?\b|\bdrafted\b|\bobligated to serve\b|\brequired to serve\b",
    re.I,
)
_VOLUNTARY = re.compile(r"\b(?:voluntar\w*|volunteer\w*|contract\w*|enlist\w*|reserv\w*|officers?)\b", re.I)
_AGE_RANGE = re.compile(r"(?<![\d.])(\d{2})\s*-\s*(\d{2})\b(?!\s*(?:months?|years?)\b(?!\s+(?:of age|old)))")
_SINGLE_AGE = re.compile(r"(?<![\d.-])(\d{2}) years of age for (?:compulsory|conscription|mandatory)", re.I)
_MONTHS = re.compile(r"(?<![\d.])(\d{1,2})(?:\s*-\s*(\d{1,2}))?[- ]months?\b", re.I)
_YEARS = re.compile(r"(?<![\d.])(\d)(?:\s*-\s*(\d))?[- ]years?\b(?!\s+(?:of age|old))", re.I)
_ALTERNATIVE = re.compile(r"\b(?:alternative|civilian|non-military|civil) service\b", re.I)


@dataclass(frozen=True)
class Baseline:
    """One country's baseline, with the data's text kept verbatim."""

    code: str
    name: str
    region: str
    text: str
    note: str
    year: int | None
    in_force: bool | None
    min_age: int | None
    max_age: int | None
    service_months: tuple[int, int] | None
    objection_recognised: bool | None
    alternative_months: tuple[int, int] | None

    @property
    def as_of(self) -> dt.date | None:
        return dt.date(self.year, 12, 31) if self.year else None


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r";", _YEAR.sub("", text)) if c.strip()]


def _durations(clause: str) -> list[int]:
    found: list[int] = []
    for low, high in _MONTHS.findall(clause):
        found += [int(low)] + ([int(high)] if high else [])
    for low, high in _YEARS.findall(clause):
        found += [12 * int(low)] + ([12 * int(high)] if high else [])
    return [m for m in found if 1 <= m <= 60]


def parse_in_force(text: str) -> bool | None:
    negative = bool(_NEGATIVE.search(text))
    positive = any(_COMPULSORY.search(c) and not _NEGATIVE.search(c) for c in _clauses(text))
    if positive and not negative:
        return True
    if negative and not positive:
        return False
    return None


def _compulsory_clauses(text: str) -> list[str]:
    return [c for c in _clauses(text) if _COMPULSORY.search(c) and not _NEGATIVE.search(c) and not _ALTERNATIVE.search(c)]


def parse_ages(text: str) -> tuple[int | None, int | None]:
    """The call-up age range, when every compulsory clause that gives one gives the same; or only the
    minimum, when the text gives a single age for conscription."""
    ranges = {tuple(int(x) for x in m) for c in _compulsory_clauses(text) for m in _AGE_RANGE.findall(c)[:1]}
    ranges = {r for r in ranges if 15 <= r[0] < r[1] <= 65}
    if len(ranges) == 1:
        low, high = next(iter(ranges))
        return low, high
    if not ranges:
        singles = {int(a) for c in _compulsory_clauses(text) for a in _SINGLE_AGE.findall(c)}
        if len(singles) == 1:
            return next(iter(singles)), None
    return None, None


def parse_service_months(text: str) -> tuple[int, int] | None:
    """Terms stated in compulsory clauses, or in clauses about a service obligation that are not about
    voluntary, contract or reserve service."""
    compulsory = _compulsory_clauses(text)
    clauses = compulsory + [
        c for c in _clauses(text)
        if re.search(r"\bobligation\b", c) and not _VOLUNTARY.search(c) and not _ALTERNATIVE.search(c)
        and c not in compulsory
    ]
    if any(re.search(r"\d\.\d", c) for c in clauses):
        return None  # "5.5-12 months": fractions of a month are not kept, so the term is left out
    months = [m for c in clauses for m in _durations(c)]
    return (min(months), max(months)) if months else None


def parse_alternative(text: str) -> tuple[bool | None, tuple[int, int] | None]:
    clauses = [c for c in _clauses(text) if _ALTERNATIVE.search(c)]
    if not clauses:
        return None, None
    if any(re.search(r"\bno (?:alternative|civilian|civil)\b", c, re.I) for c in clauses):
        return False, None
    months = [m for c in clauses for m in _durations(c)]
    return True, ((min(months), max(months)) if months else None)


def parse(code: str, name: str, region: str, text: str, note: str) -> Baseline:
    year = _YEAR.search(text.strip())
    min_age, max_age = parse_ages(text)
    in_force = parse_in_force(text)
    objection, alternative = parse_alternative(text)
    return Baseline(
        code=code,
        name=name,
        region=region,
        text=text,
        note=note,
        year=int(year.group(1)) if year else None,
        in_force=in_force,
        min_age=min_age if in_force else None,
        max_age=max_age if in_force else None,
        service_months=parse_service_months(text) if in_force else None,
        objection_recognised=objection,
        alternative_months=alternative,
    )


@lru_cache(maxsize=None)
def load_baselines(path: Path = DATA_FILE) -> dict[str, Baseline]:
    """Every country of the data file by ISO code."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        c["iso2"]: parse(c["iso2"], c["name"], c["region"], c["military_service_age_and_obligation"], c.get("note") or "")
        for c in data["countries"]
    }
