"""Pages for the whole world: a baseline page per country without a hand-written conscription entry,
the countries index grouped by region with its coverage, and the comparison tables.

Renderer-independent like `pages.py`: Markdown (with plain HTML tables, which any renderer passes
through) for an `Atlas` of one language.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from kb_builder.content import provenance
from kb_builder.content.baseline import SOURCE_EDITION, SOURCE_PUBLISHER, SOURCE_TITLE, SOURCE_URL, Baseline
from kb_builder.content.jurisdictions import SUPRANATIONAL, jurisdiction_name
from kb_builder.content.schema import STAY_FACTS, Entry
from kb_builder.pages import html
from kb_builder.pages.atlas import Atlas, Page
from kb_builder.pages.markdown import admonition, heading
from kb_builder.pages.paths import (
    COMPARE_ASYLUM_DEADLINES,
    COMPARE_CONSCRIPTION,
    COMPARE_STAY,
    COUNTRIES_PAGE,
    baseline_path,
    entry_path,
    jurisdiction_path,
    link,
    page_url,
)
INTERNATIONAL_REGION = "international"
REGIONS = (
    INTERNATIONAL_REGION,
    "europe",
    "central-asia",
    "middle-east",
    "south-asia",
    "east-n-southeast-asia",
    "africa",
    "north-america",
    "central-america-n-caribbean",
    "south-america",
    "australia-oceania",
    "other",
)
#: Coverage levels, from least to most.
COVERAGE = ("baseline", "entries", "entries_only", "conscription", "full")
FULL_COVERAGE_TOPICS = 4


def baseline_codes(entries: list[Entry], baselines: dict[str, Baseline]) -> list[str]:
    """Countries whose conscription is described by the baseline: those with no hand-written
    conscription entry (a hand-written one replaces the baseline)."""
    written = {e.jurisdiction for e in entries if e.topic == "conscription"}
    return sorted(code for code in baselines if code not in written)


def html_link(from_page: str, to_page: str, text: str) -> Markup:
    """A link in an HTML table, to the built page (.html) of a Markdown page."""
    return html.link(page_url(link(from_page, to_page)), text)


@dataclass
class Row:
    code: str
    in_force: bool | None
    min_age: int | None
    max_age: int | None
    service: tuple[int, int] | None
    objection: bool | None
    alternative: tuple[int, int] | None
    year: str
    #: The fields whose value rests on reports only (marked in the table as on the entry page).
    reported: frozenset[str] = frozenset()


class World:
    def __init__(self, atlas: Atlas, baselines: dict[str, Baseline]):
        self.atlas = atlas
        self.baselines = baselines
        #: The entry that gives a country's comparable conscription facts (the loader allows one per country).
        self.conscription_entries = {e.jurisdiction: e for e in atlas.entries if e.conscription_facts is not None}
        #: Countries whose conscription is described by the baseline, not by a hand-written entry.
        self.baseline_codes = baseline_codes(atlas.entries, baselines)

    # -- helpers ----------------------------------------------------------------------------

    def l(self, key: str, **values: str) -> str:  # noqa: E743
        return self.atlas.l(key, **values)

    def region(self, code: str) -> str:
        if code in SUPRANATIONAL:
            return INTERNATIONAL_REGION
        baseline = self.baselines.get(code)
        return baseline.region if baseline and baseline.region in REGIONS else "other"

    def warned_count(self, code: str) -> int:
        """How many facts a reader acts on rest on reports only, over the jurisdiction's entries: the sum of what
        their warning boxes name (provenance.warned), so the countries page cannot contradict an entry."""
        return sum(len(provenance.warned(e)) for e in self.atlas.by_jurisdiction.get(code, []))

    def warned_note(self, code: str) -> str:
        """'; facts to check: N' where the jurisdiction's entries warn about any fact, else nothing."""
        warned = self.warned_count(code)
        return f"; {self.l('warn_count', n=str(warned))}" if warned else ""

    def coverage(self, code: str) -> str:
        entries = self.atlas.by_jurisdiction.get(code, [])
        topics = {e.topic for e in entries}
        if "conscription" in topics and len(topics) >= FULL_COVERAGE_TOPICS:
            return "full"
        if "conscription" in topics:
            return "conscription"
        if not entries:
            return "baseline"
        return "entries" if code in self.baselines else "entries_only"

    def yes_no(self, value: bool | None) -> str:
        return {True: self.l("yes"), False: self.l("no"), None: "—"}[value]

    def months(self, value: tuple[int, int] | None) -> str:
        if value is None:
            return "—"
        return str(value[0]) if value[0] == value[1] else f"{value[0]}–{value[1]}"

    # -- pages ------------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        """The baseline pages, the countries index and the comparison tables."""
        pages = [self.baseline_page(code) for code in self.baseline_codes]
        pages += [self.countries_page(), self.conscription_table(), self.stay_table(), self.asylum_deadlines_table()]
        return pages

    def baseline_page(self, code: str) -> Page:
        b = self.baselines[code]
        path = baseline_path(code, has_entries=code in self.atlas.by_jurisdiction)
        name = jurisdiction_name(code, self.atlas.lang)
        title = self.l("baseline_title", name=name)
        year = str(b.year) if b.year else self.l("not_stated")
        out = [heading(1, title), ""]
        if path == jurisdiction_path(code):
            out += [f"[{self.l('countries')}]({link(path, COUNTRIES_PAGE)}) › {name}", ""]
        else:
            out += [f"[{self.l('countries')}]({link(path, COUNTRIES_PAGE)}) › [{name}]({link(path, jurisdiction_path(code))})", ""]
        out += admonition("warning", "kb-baseline", self.l("baseline_marker"),
                          self.l("baseline_notice", edition=str(SOURCE_EDITION), year=year))
        out += [f"## {self.l('baseline_facts')}", "", f"| {self.l('fact')} | {self.l('value')} |", "| --- | --- |"]
        ages = "—"
        if b.min_age and b.max_age:
            ages = f"{b.min_age}–{b.max_age}"
        elif b.min_age:
            ages = self.l("from_age", age=str(b.min_age))
        out += [
            f"| {self.l('col_in_force')} | {self.yes_no(b.in_force)} |",
            f"| {self.l('col_ages')} | {ages} |",
            f"| {self.l('col_service')} | {self.months(b.service_months)} |",
            f"| {self.l('col_objection')} | {self.yes_no(b.objection_recognised)} |",
            f"| {self.l('col_alternative')} | {self.months(b.alternative_months)} |",
            "",
            self.l("baseline_parsed"),
            "",
            f"## {self.l('baseline_text')}",
            "",
            html.render("baseline_text.html", text=b.text, note=b.note),
            "",
            f"## {self.l('sources')}",
            "",
            f"1. {SOURCE_TITLE}. {SOURCE_PUBLISHER}, {SOURCE_EDITION} ({self.l('baseline_year', year=year)}; "
            f"{self.l('public_domain')}). <{SOURCE_URL}>",
            "",
        ]
        entries = self.atlas.by_jurisdiction.get(code, [])
        if entries:
            out += [f"## {self.l('more_from', name=name)}", ""]
            out += [f"- {self.atlas.entry_link(path, e)}" for e in entries]
            out.append("")
        return Page(path=path, title=title, markdown="\n".join(out), kind="baseline")

    def countries_page(self) -> Page:
        path = COUNTRIES_PAGE
        codes = sorted(set(self.atlas.by_jurisdiction) | set(self.baselines), key=lambda c: jurisdiction_name(c, self.atlas.lang))
        out = [f"# {self.l('countries')}", "", self.l("countries_intro"), ""]
        out += [f"- **{self.l('coverage_' + level)}**: {self.l('coverage_' + level + '_means')}" for level in reversed(COVERAGE)]
        out.append("")
        for region in REGIONS:
            in_region = [c for c in codes if self.region(c) == region]
            if not in_region:
                continue
            out += [f"## {self.l('region_' + region)}", ""]
            for code in in_region:
                count = len(self.atlas.by_jurisdiction.get(code, []))
                extra = f", {self.atlas.count('entries', count)}" if count else ""
                out.append(
                    f"- [{jurisdiction_name(code, self.atlas.lang)}]({link(path, jurisdiction_path(code))}) "
                    f"({self.l('coverage_' + self.coverage(code))}{extra}{self.warned_note(code)})"
                )
            out.append("")
        return Page(path=path, title=self.l("countries"), markdown="\n".join(out), kind="countries")

    def rows(self) -> list[Row]:
        rows = []
        # By the country's name in the page's language, as a reader looks for it.
        for code in sorted(set(self.baselines) | set(self.conscription_entries), key=lambda c: jurisdiction_name(c, self.atlas.lang)):
            entry = self.conscription_entries.get(code)
            if entry is not None:
                rows.append(self._entry_row(entry))
            elif code in self.baselines:
                b = self.baselines[code]
                rows.append(
                    Row(code, b.in_force, b.min_age, b.max_age, b.service_months, b.objection_recognised,
                        b.alternative_months, str(b.year or "—"))
                )
        return rows

    def _entry_row(self, entry: Entry) -> Row:
        facts = entry.conscription_facts
        assert facts is not None

        def value(fact):  # type: ignore[no-untyped-def]
            return None if fact is None else fact.value

        def span(fact):  # type: ignore[no-untyped-def]
            return None if fact is None else (fact.min, fact.max)

        dates = [f.as_of for _, f in entry.structured_facts()]
        return Row(
            entry.jurisdiction,
            value(facts.in_force),
            value(facts.min_age),
            value(facts.max_age),
            span(facts.service_months),
            value(facts.objection_recognised),
            span(facts.alternative_service_months),
            str(max(dates).year) if dates else "—",
            frozenset(
                where.rsplit(".", 1)[-1]
                for where, f in entry.structured_facts()
                if provenance.provenance(entry, f.rests_on).reported_only
            ),
        )

    def _table_page(self, path: str, key: str, headers: tuple[str, ...], rows: list[html.Row], table_id: str = "") -> Page:
        """A comparison page: title, introduction, and a sortable table with these header labels and rows."""
        title = self.l(key)
        out = [f"# {title}", "", self.l(key + "_intro"), ""]
        out += [html.render("compare_table.html", table_id=table_id, headers=[self.l(h) for h in headers], rows=rows), ""]
        return Page(path=path, title=title, markdown="\n".join(out), kind="compare")

    def conscription_table(self) -> Page:
        path = COMPARE_CONSCRIPTION
        rows = []
        for row in self.rows():
            name = jurisdiction_name(row.code, self.atlas.lang)

            def mark(field: str, row: Row = row) -> Markup:
                return html.render("reported_mark.html", label=self.l("prov_mark_reported")) if field in row.reported else Markup()

            cells = (
                html.Cell(html_link(path, jurisdiction_path(row.code), name)),
                html.Cell(self.l("region_" + self.region(row.code))),
                _flag(escape(self.yes_no(row.in_force)) + mark("in_force"), row.in_force),
                _number(row.min_age, None if row.min_age is None else escape(row.min_age) + mark("min_age")),
                _number(row.max_age, None if row.max_age is None else escape(row.max_age) + mark("max_age")),
                _number(row.service[0] if row.service else None, escape(self.months(row.service)) + mark("service_months")),
                _flag(escape(self.yes_no(row.objection)) + mark("objection_recognised"), row.objection),
                _number(row.alternative[0] if row.alternative else None,
                        escape(self.months(row.alternative)) + mark("alternative_service_months")),
                html.Cell(self.l("coverage_" + self.coverage(row.code)) + self.warned_note(row.code)),
                html.Cell(row.year),
            )
            rows.append(html.Row(cells, code=row.code))
        headers = ("country", "region", "col_in_force", "col_min_age", "col_max_age", "col_service", "col_objection",
                   "col_alternative", "col_coverage", "col_year")
        return self._table_page(path, "compare_conscription", headers, rows, table_id="kb-world")

    def _country_cell(self, path: str, code: str) -> html.Cell:
        return html.Cell(html_link(path, jurisdiction_path(code), jurisdiction_name(code, self.atlas.lang)))

    def _entry_cell(self, path: str, entry: Entry) -> html.Cell:
        return html.Cell(html_link(path, entry_path(entry), self.atlas.text(entry.title)))

    def stay_table(self) -> Page:
        """A row for each entry-and-stay entry with comparable facts; each cell says what it rests on."""
        path = COMPARE_STAY
        rows = []
        for entry in self.atlas.entries:
            facts = {name: getattr(entry, name) for name in STAY_FACTS}
            if entry.topic != "entry-and-stay" or not any(facts.values()):
                continue

            def line(name: str, entry: Entry = entry, facts: dict = facts) -> Markup:
                fact = facts[name]
                return self.atlas.provenance_line(provenance.provenance(entry, fact.rests_on, fact.caveat))

            days, passport, registration, treaty = (facts[name] for name in STAY_FACTS)
            as_of = max(fact.as_of for fact in facts.values() if fact is not None)
            cells = (
                self._country_cell(path, entry.jurisdiction),
                _number(days and days.value, days and escape(days.value) + line("stay_days_for_russians")),
                _number(days and days.per_days),
                _flag(passport and escape(self.yes_no(passport.value)) + line("internal_passport_accepted"),
                      passport and passport.value),
                _line(registration and escape(self.atlas.text(registration.value)) + line("registration_deadline")),
                _line(treaty and escape(self.atlas.text(treaty.value)) + line("extradition_treaty_with_russia")),
                html.Cell(self.atlas.day(as_of)),
                self._entry_cell(path, entry),
            )
            rows.append(html.Row(cells, code=entry.jurisdiction))
        headers = ("country", "col_days", "col_per_days", "col_internal_passport", "col_registration",
                   "col_extradition_treaty", "as_of", "entry")
        return self._table_page(path, "compare_stay", headers, rows)

    def asylum_deadlines_table(self) -> Page:
        path = COMPARE_ASYLUM_DEADLINES
        rows = []
        for entry in self.atlas.entries:
            if entry.topic != "asylum-procedure":
                continue
            for deadline in entry.deadlines:
                line = self.atlas.provenance_line(provenance.deadline(entry, deadline))
                cells = (
                    self._country_cell(path, entry.jurisdiction),
                    html.Cell(self.atlas.text(deadline.what)),
                    html.Cell(escape(self.atlas.text(deadline.time_limit)) + line),
                    html.Cell(self.atlas.text(deadline.legal_basis)),
                    self._entry_cell(path, entry),
                )
                rows.append(html.Row(cells))
        headers = ("country", "what", "time_limit", "legal_basis", "entry")
        return self._table_page(path, "compare_asylum_deadlines", headers, rows)


def _number(value: int | None, shown: str | Markup | None = None) -> html.Cell:
    """A table cell that sorts by its number; an empty one is marked so that sorting keeps it last."""
    if value is None:
        return html.Cell("—", sort="", empty=True)
    return html.Cell(shown if shown is not None else str(value), sort=value)


def _line(shown: Markup | None) -> html.Cell:
    """A table cell of text; an empty one is marked so that sorting keeps it last."""
    return html.Cell("—", empty=True) if shown is None else html.Cell(shown)


def _flag(shown: Markup, value: bool | None) -> html.Cell:
    """A yes/no table cell; an empty one is marked so that sorting keeps it last."""
    return html.Cell("—", empty=True) if value is None else html.Cell(shown)
