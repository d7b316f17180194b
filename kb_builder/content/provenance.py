"""What each fact of an entry rests on: one rule for entry pages, comparison tables, the countries page and stats.

A fact names, in `rests_on`, the items of its entry's `legal_basis` and `sources` that state it. Its provenance
class is the strongest among them:

- `law`: a legal basis of kind `law` (its text read at its `url`);
- `court`: a legal basis of kind `court`;
- `official`: a legal basis of kind `guidance`, or a `primary` source (an official body on its own domain);
- `reported`: secondary sources only.

A fact a reader acts on (every deadline; key facts about a deadline, penalty, stay, age or fee; the ages and stay
limits in the comparison tables) that rests on reports only is *warned*: the entry page names it in a warning box
and the countries page counts it, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb_builder.content.schema import (
    ACTIONABLE_FACT_KINDS,
    Deadline,
    Entry,
    KeyFact,
    LegalBasis,
    LocalizedText,
    Source,
)
from kb_builder.content.yaml_source import Loc

LAW, COURT, OFFICIAL, REPORTED = "law", "court", "official", "reported"
#: The classes, strongest first.
CLASSES: tuple[str, ...] = (LAW, COURT, OFFICIAL, REPORTED)
_BASIS_CLASS = {"law": LAW, "court": COURT, "guidance": OFFICIAL}
#: Structured facts (comparison tables) that a reader acts on.
ACTIONABLE_STRUCTURED = (
    "conscription_facts.min_age", "conscription_facts.max_age",
    "stay_days_for_russians", "internal_passport_accepted", "registration_deadline",
)

Ground = LegalBasis | Source


def class_of(ground: Ground) -> str:
    if isinstance(ground, LegalBasis):
        return _BASIS_CLASS[ground.kind]
    return OFFICIAL if ground.kind == "primary" else REPORTED


@dataclass(frozen=True)
class Provenance:
    """A fact's class, the items of that class it rests on (in the order given), and any doubt about them."""

    cls: str
    grounds: tuple[Ground, ...]
    caveat: LocalizedText | None = None

    @property
    def reported_only(self) -> bool:
        return self.cls == REPORTED


@dataclass(frozen=True)
class Fact:
    """One fact of an entry: where it is in the file, its label (a text, or for a table fact the name of its
    column), whether a reader acts on it, and its provenance."""

    loc: Loc
    label: LocalizedText | None
    column: str | None
    actionable: bool
    provenance: Provenance


def grounds(entry: Entry) -> dict[str, Ground]:
    """The items of an entry that facts may rest on, by id (the loader has checked that ids are unique)."""
    return {item.id: item for item in [*entry.legal_basis, *entry.sources]}


def provenance(entry: Entry, rests_on: list[str], caveat: LocalizedText | None = None) -> Provenance:
    by_id = grounds(entry)
    items = [by_id[ref] for ref in rests_on]
    best = min((class_of(item) for item in items), key=CLASSES.index)
    return Provenance(best, tuple(item for item in items if class_of(item) == best), caveat)


def key_fact(entry: Entry, fact: KeyFact) -> Provenance:
    return provenance(entry, fact.rests_on, fact.caveat)


def deadline(entry: Entry, item: Deadline) -> Provenance:
    return provenance(entry, item.rests_on, item.caveat)


def facts(entry: Entry) -> list[Fact]:
    """Every fact of an entry, shown on its page (key facts, deadlines) or in a comparison table."""
    found = [
        Fact(("key_facts", i), f.label, None, f.kind in ACTIONABLE_FACT_KINDS, key_fact(entry, f))
        for i, f in enumerate(entry.key_facts)
    ]
    found += [Fact(("deadlines", i), d.what, None, True, deadline(entry, d)) for i, d in enumerate(entry.deadlines)]
    found += [
        Fact(tuple(where.split(".")), None, where.rsplit(".", 1)[-1], where in ACTIONABLE_STRUCTURED,
             provenance(entry, f.rests_on, f.caveat))
        for where, f in entry.structured_facts()
    ]
    return found


def warned(entry: Entry) -> list[Fact]:
    """The facts a reader acts on that rest on reports only."""
    return [f for f in facts(entry) if f.actionable and f.provenance.reported_only]


def counts(entry: Entry) -> dict[str, int]:
    """How many of an entry's facts are in each class, every class listed."""
    found = {cls: 0 for cls in CLASSES}
    for fact in facts(entry):
        found[fact.provenance.cls] += 1
    return found
