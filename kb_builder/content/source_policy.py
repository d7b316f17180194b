"""The source policy (`kb_builder/data/source-policy.yaml`): which web domains the atlas accepts as sources, and as what.

Every domain a source or a legal basis points at is in one class:

- `official`: governments, parliaments, official gazettes and legal portals, courts, EU, UN, Council of Europe;
- `reputable`: UNHCR, ECRE/AIDA, recognised NGOs and rights groups, established independent media, academic and
  professional legal publishers and databases;
- `state-controlled`: media owned or controlled by a state, cited only for an official's own statement;
- `not-accepted`: forums and Q&A sites, pirate libraries, content farms, machine-made law mirrors.

A host belongs to the most specific domain listed for it: `epp.genproc.gov.ru` to `genproc.gov.ru` if that is
listed, else to `gov.ru`. A domain the policy does not list is not yet accepted: someone has to look at it first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from kb_builder.content.problems import EntryErrors, Problem
from kb_builder.content.yaml_source import read_yaml

POLICY_FILE = Path(__file__).resolve().parent.parent / "data" / "source-policy.yaml"

OFFICIAL = "official"
REPUTABLE = "reputable"
STATE_CONTROLLED = "state-controlled"
NOT_ACCEPTED = "not-accepted"
#: The classes, from most to least trusted; a source on no listed domain is `UNLISTED`.
CLASSES: tuple[str, ...] = (OFFICIAL, REPUTABLE, STATE_CONTROLLED, NOT_ACCEPTED)
UNLISTED = "unlisted"


@dataclass(frozen=True)
class Ruling:
    """What the policy says of one address: its class, the domain that decided it, and who publishes there."""

    cls: str
    domain: str
    who: str


def host_of(url: str) -> str:
    """The host of an address as the policy matches it: lower case, without `www.` or a trailing dot."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True)
class SourcePolicy:
    domains: dict[str, tuple[str, str]]  # domain -> (class, who publishes there)

    def ruling(self, url: str) -> Ruling:
        parts = host_of(url).split(".")
        for start in range(len(parts)):
            domain = ".".join(parts[start:])
            if domain in self.domains:
                cls, who = self.domains[domain]
                return Ruling(cls, domain, who)
        return Ruling(UNLISTED, host_of(url), "")


@lru_cache(maxsize=None)
def load_policy(path: Path = POLICY_FILE) -> SourcePolicy:
    """The policy file, checked: each class a mapping of domain to who publishes there, each domain in one class."""
    shown = str(path)
    doc, problems = read_yaml(path, shown)
    if doc is None or problems:
        raise EntryErrors(problems)
    domains: dict[str, tuple[str, str]] = {}
    for cls, listed in doc.data.items():
        if cls not in CLASSES:
            line, col = doc.position((cls,), key=True)
            problems.append(Problem(shown, line, col, f"unknown class {cls!r} (expected one of: {', '.join(CLASSES)})"))
            continue
        if not isinstance(listed, dict):
            line, col = doc.position((cls,))
            problems.append(Problem(shown, line, col, f"{cls}: expected a mapping of domain: who publishes there"))
            continue
        for domain, who in listed.items():
            line, col = doc.position((cls, domain), key=True)
            if not isinstance(who, str) or not who.strip():
                problems.append(Problem(shown, line, col, f"{cls}.{domain}: says nothing (expected who publishes there)"))
            elif domain != domain.lower() or domain.startswith("www.") or "/" in domain or " " in domain:
                problems.append(Problem(shown, line, col, f"{domain!r} is not a bare domain (expected lower case, no www., no path)"))
            elif domain in domains:
                problems.append(
                    Problem(shown, line, col, f"{domain!r} is already in the class {domains[domain][0]!r} (expected each domain once)")
                )
            else:
                domains[domain] = (cls, who.strip())
    if problems:
        raise EntryErrors(problems)
    return SourcePolicy(domains)
