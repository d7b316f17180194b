"""The entry schema: the single place that says what an entry file may contain.

Everything else (loader, page builder, CLI, renderer) reads these models; the JSON
Schema that editors use for autocompletion is generated from them (`kb schema`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    RootModel,
    Field,
    StrictBool,
    WithJsonSchema,
    model_validator,
)

from kb_builder.content.jurisdictions import JURISDICTION_CODES

from kb_builder.content.names import FILE_KIND_NAMES, LANGUAGES, TOPICS  # noqa: F401 (re-exported)

#: Who an entry is written for.
AUDIENCES: tuple[str, ...] = (
    "conscripts",
    "reservists",
    "contract-soldiers",
    "objectors",
    "deserters",
    "families",
    "asylum-seekers",
    "counsellors",
    "lawyers",
)

#: How long after `last_reviewed` an entry falls due for review, unless `review_due` says otherwise.
REVIEW_INTERVAL_MONTHS = 12

SCHEMA_FILE_NAME = "entry.schema.json"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f"{value!r} is not a valid id (expected lower-case letters, digits and single hyphens, "
            "such as 'ru-alternative-civilian-service')"
        )
    return value


#: Names of the pages every jurisdiction's folder has besides its entries; an entry cannot take one.
RESERVED_IDS = ("index", "dossier", "sources", "baseline")


def _check_entry_id(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(
            f"{value!r} is the name of a page the atlas makes for every jurisdiction (expected another id, "
            "such as 'ru-alternative-civilian-service')"
        )
    return value


def _check_jurisdiction(value: str) -> str:
    if value not in JURISDICTION_CODES:
        raise ValueError(
            f"unknown jurisdiction {value!r} (expected an ISO 3166-1 alpha-2 code in capitals "
            "such as 'RU' or 'DE', or 'EU' or 'INT')"
        )
    return value


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError("a date and time was given (expected a date written as YYYY-MM-DD)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as err:
            raise ValueError(f"{value!r} is not a real date: {err} (expected YYYY-MM-DD)") from None
    raise ValueError(f"{value!r} is not a date (expected a date written as YYYY-MM-DD, such as 2026-11-21)")


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(f"{value!r} is not a web address (expected a URL starting with https:// or http://)")
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("the text is empty (expected some text)")
    return value


def _check_line(value: str) -> str:
    _check_text(value)
    if "\n" in value.strip():
        raise ValueError("the text has a line break (expected a single line)")
    return value


Slug = Annotated[str, AfterValidator(_check_slug), WithJsonSchema({"type": "string", "pattern": _SLUG.pattern})]
EntryId = Annotated[
    str,
    AfterValidator(_check_slug),
    AfterValidator(_check_entry_id),
    WithJsonSchema({"type": "string", "pattern": _SLUG.pattern, "not": {"enum": list(RESERVED_IDS)}}),
]
Jurisdiction = Annotated[
    str,
    AfterValidator(_check_jurisdiction),
    WithJsonSchema({"type": "string", "enum": sorted(JURISDICTION_CODES)}),
]
Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _ISO_DATE.pattern}),
]
Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
Text = Annotated[str, AfterValidator(_check_text), WithJsonSchema({"type": "string", "minLength": 1})]
Line = Annotated[str, AfterValidator(_check_line), WithJsonSchema({"type": "string", "minLength": 1})]
Topic = Literal[TOPICS]  # type: ignore[valid-type]
Audience = Literal[AUDIENCES]  # type: ignore[valid-type]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


class _Reviewed(_Model):
    """A file that says when it was last checked (`last_reviewed`) and when it is due again (`review_due`,
    by default REVIEW_INTERVAL_MONTHS later)."""

    @model_validator(mode="after")
    def _review_dates(self) -> "_Reviewed":
        last_reviewed, review_due = getattr(self, "last_reviewed"), getattr(self, "review_due")
        if review_due is None:
            object.__setattr__(self, "review_due", add_months(last_reviewed, REVIEW_INTERVAL_MONTHS))
        elif review_due < last_reviewed:
            raise ValueError("review_due is before last_reviewed (expected a later date)")
        return self


class LocalizedText(_Model):
    """Text in each language: `en` is required, `ru` is expected (the build reports entries without it)."""

    en: Text
    ru: Text | None = None

    def get(self, lang: str) -> str | None:
        return getattr(self, lang)

    def missing(self) -> list[str]:
        return [lang for lang in LANGUAGES if self.get(lang) is None]


class LocalizedLine(LocalizedText):
    """A short, single-line text in each language (titles, labels)."""

    en: Line
    ru: Line | None = None


#: What a key fact is about. A reader acts on the first five; they get a warning when they rest on reports only.
FACT_KINDS: tuple[str, ...] = ("deadline", "penalty", "stay", "age", "fee", "rule", "context")
ACTIONABLE_FACT_KINDS: tuple[str, ...] = FACT_KINDS[:5]

#: What a legal basis is: a law (statute, code, decree, regulation, treaty), a court decision (including a
#: treaty body's views), or official guidance (an authority's guidance or official explanation).
BASIS_KINDS: tuple[str, ...] = ("law", "court", "guidance")

RestsOn = Annotated[
    list[Slug],
    Field(
        min_length=1,
        description="Ids of the items of this entry's legal_basis or sources that state this fact; the page shows "
        "what the fact rests on from them.",
    ),
]


class _Grounded(_Model):
    """A fact that names what it rests on, with an optional doubt about that basis."""

    rests_on: RestsOn
    caveat: LocalizedText | None = Field(
        default=None, description="A doubt about what the fact rests on, shown with its provenance (never in the value)."
    )


class KeyFact(_Grounded):
    label: LocalizedLine
    value: LocalizedText
    as_of: Date = Field(description="The date on which this fact was true according to its source.")
    kind: Literal[FACT_KINDS] = Field(  # type: ignore[valid-type]
        description="What the fact is about: deadline, penalty, stay, age and fee are facts a reader acts on; "
        "rule and context are the others."
    )


class Deadline(_Grounded):
    what: LocalizedText
    time_limit: LocalizedText
    legal_basis: LocalizedText = Field(description="The law and article the time limit is in, such as '53-FZ, Art. 28(7)'.")


class LegalBasis(_Model):
    id: Slug = Field(description="Unique within the entry (across legal_basis and sources); facts refer to it in rests_on.")
    kind: Literal[BASIS_KINDS] = Field(default="law", description="law, court (a decision) or guidance (official).")  # type: ignore[valid-type]
    short: LocalizedLine | None = Field(default=None, description="A short name shown beside the facts, such as '53-FZ'.")
    instrument: LocalizedText = Field(description="The law, decree, treaty, judgment or guidance, with its number.")
    article: LocalizedLine | None = Field(default=None, description="Article, paragraph or section.")
    date: Date = Field(description="Date the instrument was adopted, signed or delivered.")
    url: Url | None = Field(
        default=None,
        description="Where its text was read (an official portal, a court, or a legal database); needed for a fact to rest on it.",
    )
    note: LocalizedText | None = Field(default=None, description="Amendments, pending changes or status.")


class Source(_Model):
    id: Slug = Field(description="Unique within the entry (across legal_basis and sources); facts refer to it in rests_on.")
    title: Line
    publisher: Line
    url: Url
    accessed: Date
    kind: Literal["primary", "secondary"] = Field(
        description="primary: a document of an official body on its official domain; secondary: anything else."
    )
    language: Literal["en", "ru", "de", "fr", "uk", "es", "nl", "pl", "fi", "lt", "lv", "cs", "tr", "ka", "hy", "kk", "sr", "be", "other"] | None = None
    statement_by: Line | None = Field(
        default=None,
        description="Who made the statement this source is cited for; required for state-controlled media, which may be "
        "cited only for an official's own statement.",
    )


class _StructuredFact(_Model):
    as_of: Date
    rests_on: RestsOn
    caveat: LocalizedText | None = Field(
        default=None, description="A doubt about what the fact rests on, shown with its provenance (never in the value)."
    )


class BoolFact(_StructuredFact):
    value: StrictBool


class AgeFact(_StructuredFact):
    value: Annotated[int, Field(strict=True, ge=14, le=70)]


class MonthsFact(_StructuredFact):
    """A term in months, or a range of terms (min to max)."""

    min: Annotated[int, Field(strict=True, ge=1, le=120)]
    max: Annotated[int, Field(strict=True, ge=1, le=120)]

    @model_validator(mode="after")
    def _ordered(self) -> "MonthsFact":
        if self.max < self.min:
            raise ValueError("max is below min (expected min <= max)")
        return self


class ConscriptionFacts(_Model):
    """Comparable facts for the world table; each optional, each with its date and what it rests on."""

    in_force: BoolFact | None = None
    min_age: AgeFact | None = None
    max_age: AgeFact | None = None
    service_months: MonthsFact | None = None
    objection_recognised: BoolFact | None = None
    alternative_service_months: MonthsFact | None = None


class DaysFact(_StructuredFact):
    value: Annotated[int, Field(strict=True, ge=1, le=3650)]
    per_days: Annotated[int, Field(strict=True, ge=1, le=3650)] | None = Field(
        default=None, description="The period the days are counted in, such as 180 for '90 days in any 180'."
    )


class LineFact(_StructuredFact):
    """A comparable fact told in one line per language, such as a registration deadline or a treaty."""

    value: LocalizedLine


#: The comparable facts of an entry-and-stay entry, in the order of the stay table's columns.
STAY_FACTS: tuple[str, ...] = (
    "stay_days_for_russians", "internal_passport_accepted", "registration_deadline", "extradition_treaty_with_russia",
)


CHANGE_KINDS: tuple[str, ...] = ("added", "corrected", "updated")


class Change(_Model):
    """One dated change to an entry, in a line per language, shown on its page and in "What changed"."""

    date: Date
    kind: Literal[CHANGE_KINDS] = Field(  # type: ignore[valid-type]
        description="added (new entry), corrected (something was wrong), updated (the law or practice changed)."
    )
    what: LocalizedLine = Field(description="What changed, in one line: 'The time to leave France after an OQTF is 30 days'.")


class RemovedEntry(_Model):
    id: Slug
    title: LocalizedLine
    why: LocalizedLine


class Release(_Model):
    """One release of the atlas (releases.yaml): its version, date and summary, and the entries it removed."""

    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    date: Date
    summary: LocalizedText
    removed: list[RemovedEntry] = Field(default_factory=list)


class Entry(_Reviewed):
    """One entry file: a single rule, procedure or standard of one jurisdiction."""

    id: EntryId
    jurisdiction: Jurisdiction
    topic: Topic
    title: LocalizedLine
    summary: LocalizedText
    body: LocalizedText
    audience: list[Audience] = Field(min_length=1)
    key_facts: list[KeyFact] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    legal_basis: list[LegalBasis] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    last_reviewed: Date
    review_due: Date | None = Field(
        default=None, description=f"Defaults to {REVIEW_INTERVAL_MONTHS} months after last_reviewed."
    )
    related: list[Slug] = Field(default_factory=list)
    conscription_facts: ConscriptionFacts | None = Field(
        default=None, description="Only on conscription entries: structured facts for the world comparison."
    )
    stay_days_for_russians: DaysFact | None = Field(
        default=None, description="Only on entry-and-stay entries: days a Russian citizen may stay without a visa."
    )
    internal_passport_accepted: BoolFact | None = Field(
        default=None, description="Only on entry-and-stay entries: whether a Russian citizen may enter on the internal passport."
    )
    registration_deadline: LineFact | None = Field(
        default=None, description="Only on entry-and-stay entries: when a Russian visitor must register (or be registered)."
    )
    extradition_treaty_with_russia: LineFact | None = Field(
        default=None, description="Only on entry-and-stay entries: the instruments that bind the country to extradite to Russia."
    )
    changes: list[Change] = Field(
        default_factory=list, description="What changed in the entry and when, shown on its page and in 'What changed'."
    )

    def structured_facts(self) -> list[tuple[str, _StructuredFact]]:
        found: list[tuple[str, _StructuredFact]] = []
        if self.conscription_facts is not None:
            for name in ConscriptionFacts.model_fields:
                fact = getattr(self.conscription_facts, name)
                if fact is not None:
                    found.append((f"conscription_facts.{name}", fact))
        for name in STAY_FACTS:
            fact = getattr(self, name)
            if fact is not None:
                found.append((name, fact))
        return found

    @model_validator(mode="after")
    def _topic_specific_facts(self) -> "Entry":
        if self.conscription_facts is not None and self.topic != "conscription":
            raise ValueError("conscription_facts is only for entries with topic 'conscription'")
        for name in STAY_FACTS:
            if getattr(self, name) is not None and self.topic != "entry-and-stay":
                raise ValueError(f"{name} is only for entries with topic 'entry-and-stay'")
        return self

    def texts(self) -> list[LocalizedText]:
        """Every localised text of the entry, for translation-coverage checks."""
        found: list[LocalizedText] = []

        def walk(value: Any) -> None:
            if isinstance(value, LocalizedText):
                found.append(value)
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    walk(getattr(value, name))
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(self)
        return found

    def missing_languages(self) -> list[str]:
        return sorted({lang for text in self.texts() for lang in text.missing()})

    def is_overdue(self, today: dt.date) -> bool:
        assert self.review_due is not None
        return self.review_due < today


#: Where a reader is now, for "what applies to me": a jurisdiction code, or EU for any member state of the EU.
PLACES: tuple[str, ...] = ("RU", "BY", "UA", "KZ", "AM", "GE", "RS", "TR", "EU", "US", "OTHER")
#: What has happened to the reader so far, in the order a case runs.
STAGES: tuple[str, ...] = (
    "nothing-yet",
    "summons",
    "called-up",
    "serving",
    "left-unit",
    "abroad",
    "asylum-claim",
    "advising",
)
#: The reader's citizenship, for "what applies to me".
CITIZENSHIPS: tuple[str, ...] = ("RU", "BY", "UA", "OTHER")

_REF = re.compile(r"^(?P<entry>[a-z0-9]+(?:-[a-z0-9]+)*)(?:#(?P<anchor>[a-z0-9]+(?:-[a-z0-9]+)*))?$")


def _check_ref(value: str) -> str:
    if not _REF.match(value):
        raise ValueError(
            f"{value!r} is not a link to an entry (expected an entry id, optionally with the id of a part of its page, "
            "such as 'ru-summonses' or 'ru-summonses#deadlines')"
        )
    return value


def split_ref(ref: str) -> tuple[str, str | None]:
    """An entry link ('ru-summonses#deadlines') as its entry id and anchor."""
    match = _REF.match(ref)
    assert match is not None, ref
    return match.group("entry"), match.group("anchor")


EntryRef = Annotated[str, AfterValidator(_check_ref), WithJsonSchema({"type": "string", "pattern": _REF.pattern})]
BackedBy = Annotated[
    list[EntryRef],
    Field(min_length=1, description="Links to the entries (and parts of their pages) that source this; "
                                    "'ru-summonses' or 'ru-summonses#deadlines'."),
]


class GuideStep(_Model):
    do: LocalizedText = Field(description="What to do, in a sentence or two.")
    by_when: LocalizedLine | None = Field(default=None, description="By when, if there is a time limit.")
    backed_by: BackedBy
    templates: list[Slug] = Field(default_factory=list, description="Ids of the templates (templates/) used at this step.")


class GuideDeadline(_Model):
    what: LocalizedText
    time_limit: LocalizedText
    backed_by: BackedBy


class Backed(_Model):
    text: LocalizedText
    backed_by: BackedBy


class AppliesWhen(_Model):
    """Who a guide is for, in the answers of "what applies to me"; an empty list means any answer."""

    where: list[Literal[PLACES]] = Field(default_factory=list, description="Where the reader is now.")  # type: ignore[valid-type]
    stage: list[Literal[STAGES]] = Field(default_factory=list, description="What has happened so far.")  # type: ignore[valid-type]
    citizenship: list[Literal[CITIZENSHIPS]] = Field(default_factory=list)  # type: ignore[valid-type]


class Guide(_Reviewed):
    """One situation, and what to do in it, step by step, each step backed by the entries that source it."""

    id: EntryId
    title: LocalizedLine = Field(description="The situation as the reader would say it: 'A summons has arrived'.")
    situation: LocalizedText = Field(description="Who is in this situation and what is at stake, in two or three sentences.")
    questions: list[LocalizedLine] = Field(
        default_factory=list,
        description="What readers in this situation ask, in their own words ('I have left Russia: what now?'), "
        "each a question the guide answers; listed under the situation and weighed by search above titles.",
    )
    audience: list[Audience] = Field(min_length=1)
    applies_when: AppliesWhen
    steps: list[GuideStep] = Field(min_length=1)
    deadlines: list[GuideDeadline] = Field(default_factory=list)
    keep: list[LocalizedText] = Field(default_factory=list, description="What to carry or keep: documents, copies, records.")
    if_you_do_nothing: Backed
    related_guides: list[Slug] = Field(default_factory=list)
    help_in: list[Jurisdiction] = Field(
        default_factory=list, description="Places whose organisations the guide lists under 'where to get help'."
    )
    last_reviewed: Date
    review_due: Date | None = Field(default=None, description=f"Defaults to {REVIEW_INTERVAL_MONTHS} months after last_reviewed.")

    def refs(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every entry link of the guide, with where it stands in the file."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        for i, step in enumerate(self.steps):
            found += [(("steps", i, "backed_by", k), ref) for k, ref in enumerate(step.backed_by)]
        for i, deadline in enumerate(self.deadlines):
            found += [(("deadlines", i, "backed_by", k), ref) for k, ref in enumerate(deadline.backed_by)]
        found += [(("if_you_do_nothing", "backed_by", k), ref) for k, ref in enumerate(self.if_you_do_nothing.backed_by)]
        return found


FIELD_TYPES: tuple[str, ...] = ("text", "longtext", "date", "choice")
_FIELD = re.compile(r"\{(?P<name>[a-z][a-z0-9_]*)\}")


def template_fields(document: str) -> list[tuple[str, int]]:
    """The fields a template's document uses, `{name}`, with their offsets in the text, in order."""
    return [(m.group("name"), m.start()) for m in _FIELD.finditer(document)]


class Choice(_Model):
    value: Slug
    label: LocalizedLine
    text: Line = Field(description="What the document says when this choice is made, in the document's language.")


class TemplateField(_Model):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", description="Its name in the document: {id}.")]
    label: LocalizedLine
    help: LocalizedText = Field(description="What to write here, and why.")
    type: Literal[FIELD_TYPES] = "text"  # type: ignore[valid-type]
    required: bool = True
    choices: list[Choice] = Field(default_factory=list, description="For type choice: the answers.")
    backed_by: list[EntryRef] = Field(default_factory=list, description="The entries that say why this field is needed.")

    @model_validator(mode="after")
    def _choices(self) -> "TemplateField":
        if self.type == "choice" and len(self.choices) < 2:
            raise ValueError("a choice field needs at least two choices (expected choices: with value, label and text)")
        if self.type != "choice" and self.choices:
            raise ValueError(f"choices are only for type choice (this field is {self.type})")
        return self


class Template(_Reviewed):
    """An application or complaint to fill in offline and hand in: the fields, the document with them in place,
    when and where to hand it in, and the entries it rests on."""

    id: EntryId
    title: LocalizedLine
    purpose: LocalizedText
    who: LocalizedText = Field(description="Who may file it.")
    to: LocalizedText = Field(description="To whom it is addressed and where it is handed in.")
    deadline: Backed = Field(description="By when, with the entries that give the time limit.")
    language: Literal[LANGUAGES + ("de", "fr", "other")] = Field(  # type: ignore[valid-type]
        description="The language the document must be filed in (Russian for Russian authorities)."
    )
    fields: list[TemplateField] = Field(min_length=1)
    document: Text = Field(description="The document's text, with each field as {id}; a blank line starts a paragraph.")
    attachments: list[LocalizedText] = Field(default_factory=list)
    hand_in: LocalizedText = Field(description="How to hand it in and get proof of receipt.")
    next: LocalizedText = Field(description="What happens next.")
    backed_by: BackedBy
    last_reviewed: Date
    review_due: Date | None = None

    def refs(self) -> list[tuple[tuple[str | int, ...], str]]:
        found: list[tuple[tuple[str | int, ...], str]] = [(("backed_by", k), r) for k, r in enumerate(self.backed_by)]
        found += [(("deadline", "backed_by", k), r) for k, r in enumerate(self.deadline.backed_by)]
        for i, field in enumerate(self.fields):
            found += [(("fields", i, "backed_by", k), r) for k, r in enumerate(field.backed_by)]
        return found


#: What kind of decision: a court's judgment or decision, a UN treaty body's views, an authority's guidance.
CASE_TYPES: tuple[str, ...] = ("judgment", "decision", "views", "guidance")
#: The applicant's situation, as the decisions describe it.
CASE_STATUSES: tuple[str, ...] = (
    "conscript", "mobilised", "reservist", "contract-soldier", "deserter", "evader", "objector",
)
SUMMONS: tuple[str, ...] = ("received", "not-received", "not-stated")
#: What the decision did: granted or refused protection, sent the case back, stopped a removal for now (an interim
#: order), found a violation or none (ECtHR,
#: UN committees), or interpreted the law without deciding a claim (CJEU preliminary rulings, guidance).
OUTCOMES: tuple[str, ...] = (
    "granted", "refused", "remitted", "interim-order", "violation", "no-violation", "interpretation",
)
STATUSES_GIVEN: tuple[str, ...] = ("refugee", "subsidiary", "humanitarian", "none")
#: The legal points a decision may decide: the one closed list (their names are in pages/labels.py).
LEGAL_POINTS: tuple[str, ...] = (
    "prosecution-vs-persecution",
    "disproportionate-punishment",
    "acts-contrary-to-international-law",
    "only-way-out",
    "conscientious-objection",
    "exit-and-passport",
    "credibility",
    "safe-third-country",
    "extradition",
    "nexus",
)


class CaseSource(Source):
    """Where a decision was read: a source as an entry cites one, without an id (nothing in a decision rests on
    one source rather than another)."""

    id: Slug | None = None  # type: ignore[assignment]


def _one_or_more(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class CaseProfile(_Model):
    """Who the applicant was: where from, in what situation, and whether a summons had been received."""

    origin: Annotated[list[Jurisdiction], BeforeValidator(_one_or_more), Field(min_length=1)] = Field(
        description="The applicant's country (or countries) of origin: a code or a list of codes."
    )
    status: Annotated[list[Literal[CASE_STATUSES]], BeforeValidator(_one_or_more), Field(min_length=1)]  # type: ignore[valid-type]
    summons: Literal[SUMMONS] = "not-stated"  # type: ignore[valid-type]


class Case(_Reviewed):
    """One court decision (or treaty body's views, or guidance) on draft evaders, deserters or objectors:
    who decided what, for whom, on which legal points, where to read it, and which entries it supports."""

    id: EntryId
    jurisdiction: Jurisdiction = Field(description="The court's jurisdiction (EU, INT or a country); must match the folder.")
    court: LocalizedLine
    court_short: Line = Field(description="The court's short name, shown in tables: CJEU, ECtHR, BVerwG, CNDA...")
    decided: Date
    number: Line = Field(description="The case number as the court writes it: 'C-238/19', '1 C 31.18'.")
    ecli: Line | None = None
    name: LocalizedLine = Field(description="The parties, or the name the decision is known by.")
    type: Literal[CASE_TYPES]  # type: ignore[valid-type]
    profile: CaseProfile
    outcome: Literal[OUTCOMES]  # type: ignore[valid-type]
    status_given: Literal[STATUSES_GIVEN] | None = None  # type: ignore[valid-type]
    holding: LocalizedText = Field(description="What the decision holds, in two to five sentences of our own words.")
    points: list[Literal[LEGAL_POINTS]] = Field(min_length=1)  # type: ignore[valid-type]
    supports: list[EntryRef] = Field(min_length=1, description="The entries this decision supports.")
    sources: list[CaseSource] = Field(min_length=1, description="Where it was read; the first on an official domain.")
    last_reviewed: Date
    review_due: Date | None = None

    def refs(self) -> list[tuple[tuple[str | int, ...], str]]:
        return [(("supports", k), ref) for k, ref in enumerate(self.supports)]


CHANNEL_KINDS: tuple[str, ...] = ("website", "email", "phone", "telegram", "form", "signal", "whatsapp")


class Channel(_Model):
    kind: Literal[CHANNEL_KINDS]  # type: ignore[valid-type]
    value: Line = Field(description="The address, number or handle, exactly as the organisation publishes it.")


class Note(_Model):
    en: Text
    ru: Text | None = None
    source: Slug = Field(description="Id of the source (of this organisation) that confirms the note.")

    def get(self, lang: str) -> str | None:
        return getattr(self, lang)


class Organisation(_Model):
    id: Slug
    name: LocalizedLine
    helps_with: LocalizedText
    languages: list[Literal["en", "ru", "de", "fr", "uk", "es", "nl", "fi", "tr", "ka", "hy", "kk", "sr", "be", "other"]] = Field(default_factory=list)  # type: ignore[valid-type]
    serves: list[Jurisdiction] = Field(default_factory=list, description="Citizens or people it focuses on, where it says so.")
    channels: list[Channel] = Field(min_length=1, description="Public channels the organisation itself publishes.")
    note: Note | None = Field(default=None, description="A legal status that matters to the reader, with its source.")
    sources: list[Source] = Field(min_length=1)
    last_checked: Date


class ContactsFile(_Model):
    """The organisations of one place (`contacts/<code>.yaml`)."""

    country: Jurisdiction
    organisations: list[Organisation] = Field(min_length=1)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Releases(RootModel[list[Release]]):
    """releases.yaml: every release, oldest first."""

    @model_validator(mode="after")
    def _ordered(self) -> "Releases":
        for earlier, later in zip(self.root, self.root[1:]):
            if later.date < earlier.date:
                raise ValueError(f"{later.version} is dated before {earlier.version} (expected releases oldest first)")
        return self


#: The kinds of file an atlas is written in, by the name `kb schema` takes, with their models and titles.
FILE_KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "entry": (Entry, "Rights Atlas entry"),
    "guide": (Guide, "Rights Atlas situation guide"),
    "template": (Template, "Rights Atlas application or complaint to fill in"),
    "contacts": (ContactsFile, "Rights Atlas organisations of one place"),
    "case": (Case, "Rights Atlas court decision"),
    "releases": (Releases, "Rights Atlas releases"),
}


assert tuple(FILE_KINDS) == FILE_KIND_NAMES, "names.FILE_KIND_NAMES lists the kinds of FILE_KINDS in order"


def json_schema(kind: str = "entry") -> dict[str, Any]:
    model, title = FILE_KINDS[kind]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema
