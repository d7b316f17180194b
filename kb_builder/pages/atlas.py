"""Entries to pages: the atlas as Markdown pages in one language, independent of any renderer.

`Atlas(entries, lang, today).pages()` gives every generated page (entry, jurisdiction, dossier, topic,
sources and deadlines) with its path and title; `nav()` the navigation tree. A renderer (the mkdocs
plugin) only has to turn these Markdown pages into HTML. No page lists the whole atlas in full: the
atlas-wide lists of sources and deadlines have one page per jurisdiction, and topic pages list titles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup, escape

from kb_builder.content import provenance
from kb_builder.content.authored_text import ENTRY_LINK
from kb_builder.content.contacts import Listed
from kb_builder.content.jurisdictions import jurisdiction_name, sort_key
from kb_builder.pages.labels import audience_name, count, format_day, format_days, label, sentence, topic_name
from kb_builder.content.glossary import Term
from kb_builder.content.markdown_text import normalise_lists, sections
from kb_builder.content.provenance import Fact, Provenance
from kb_builder.content.schema import LANGUAGES, TOPICS, AgeFact, Case, Guide, Template, Change, BoolFact, DaysFact, Deadline, Entry, LegalBasis, LineFact, LocalizedText, MonthsFact, Source, split_ref
from kb_builder.pages import html
from kb_builder.pages.organisations import organisation_block
from kb_builder.pages.markdown import admonition, attributes, block, cell, escape_link_text, heading, indent, link_row
from kb_builder.pages.paths import (
    CASES_PAGE,
    CHANGES_PAGE,
    COUNTRIES_PAGE,
    DEADLINES_ANCHOR,
    DECISIONS_ANCHOR,
    MORE_ANCHOR,
    RELATED_ANCHOR,
    DEADLINES_PAGE,
    GLOSSARY_PAGE,
    GUIDES_PAGE,
    HELP_PAGE,
    QUIZ_PAGE,
    TEMPLATES_PAGE,
    HOME_PAGE,
    SOURCES_PAGE,
    TOPICS_PAGE,
    case_path,
    dossier_path,
    entry_path,
    jurisdiction_path,
    link,
    sources_path,
    topic_path,
)

#: The label of each comparison-table fact, by its field name.
TABLE_FACT_LABELS = {
    "in_force": "col_in_force",
    "min_age": "col_min_age",
    "max_age": "col_max_age",
    "service_months": "col_service",
    "objection_recognised": "col_objection",
    "alternative_service_months": "col_alternative",
    "stay_days_for_russians": "col_stay",
    "internal_passport_accepted": "col_internal_passport",
    "registration_deadline": "col_registration",
    "extradition_treaty_with_russia": "col_extradition_treaty",
}

MAX_SIBLINGS = 30
#: Filled by kb-print.js with the date of printing; shown only on paper.
PRINTED_MARK = str(Markup('<p class="kb-printed"></p>'))


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs root, such as 'ru/ru-call-up.md'
    title: str
    markdown: str
    # entry | jurisdiction | dossier | topic | sources | jurisdiction-sources | deadlines | countries | glossary
    # (and baseline | compare from world.py)
    kind: str


#: Headings of the section that tells the reader what to do, by language: the top of an entry links to the first
#: section whose heading starts with one of them.
STEPS_HEADINGS = {
    "en": ("What to do", "Step by step", "What this means for"),
    "ru": ("Что делать", "Шаг за шагом", "Порядок действий", "Что это значит для"),
}


@dataclass(frozen=True)
class AuthoredBody:
    markdown: str
    #: (id, title) of each of its top-level sections, in order
    sections: tuple[tuple[str, str], ...]


def authored_body(markdown: str, by: int, id_prefix: str) -> AuthoredBody:
    """An entry's body as the page shows it: lists that start right under a line of text shown as lists, every
    heading `by` levels deeper (code blocks left alone), and each top-level section given a stable id."""
    lines = normalise_lists(markdown).split("\n")
    found: list[tuple[str, str]] = []
    for section in sections("\n".join(lines)):
        line = "#" * by + lines[section.line] if by > 0 else lines[section.line]
        if section.level == 2:
            section_id = f"{id_prefix}s{len(found) + 1}"
            line = re.sub(r"\s*\{[^}]*\}\s*$", "", line) + f" {{#{section_id}}}"
            found.append((section_id, section.title))
        lines[section.line] = line
    return AuthoredBody("\n".join(lines), tuple(found))


def listed(items: dict[str, None] | list[str]) -> str:
    """Items in one table cell: one per line, each after a bullet when there are several."""
    items = list(items)
    return items[0] if len(items) == 1 else " <br> ".join(f"•&nbsp;{item}" for item in items)


#: The class of the block around a table of time limits: on a phone its rows are cards (kb-theme.css).
DEADLINES_CLASS = "kb-deadlines"


class Atlas:
    """The generated pages of one language."""

    def __init__(
        self,
        entries: list[Entry],
        lang: str,
        today: dt.date,
        glossary: tuple[Term, ...] = (),
        baseline_codes: frozenset[str] = frozenset(),
        organisations: list[Listed] = (),
        cases: list[Case] = (),
    ):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self.today = today
        self.glossary = glossary
        #: Countries with a generated baseline page (world.py), listed under their jurisdiction.
        self.baseline_codes = baseline_codes
        #: The directory of organisations, by the place whose file lists them.
        self.organisations: dict[str, list[Listed]] = defaultdict(list)
        for item in organisations:
            self.organisations[item.country].append(item)
        self.entries = sorted(entries, key=lambda e: (TOPICS.index(e.topic), self.text(e.title).casefold(), e.id))
        #: The court decisions that support each entry, newest first.
        self.cases_for: dict[str, list[Case]] = defaultdict(list)
        for case in sorted(cases, key=lambda c: (c.decided, c.id), reverse=True):
            for entry_id in dict.fromkeys(split_ref(ref)[0] for ref in case.supports):
                self.cases_for[entry_id].append(case)
        self.by_id = {e.id: e for e in self.entries}
        # Cross-references work both ways: an entry lists those it names and those that name it.
        self.related: dict[str, list[Entry]] = {e.id: [self.by_id[i] for i in e.related if i in self.by_id] for e in self.entries}
        for entry in self.entries:
            for target in entry.related:
                if target in self.related and entry not in self.related[target]:
                    self.related[target].append(entry)

    # -- helpers -----------------------------------------------------------------------------

    def text(self, value: LocalizedText) -> str:
        """The text in this language, falling back to English where a translation is missing."""
        return value.get(self.lang) or value.en

    def l(self, key: str, **values: str) -> str:  # noqa: E743 - short on purpose, used everywhere
        return label(key, self.lang, **values)

    def day(self, day: dt.date) -> str:
        return format_day(day, self.lang)

    def count(self, noun: str, n: int) -> str:
        return count(noun, n, self.lang)

    def citation(self, source: Source) -> str:
        """A source as the pages cite it: title, publisher, full address, kind and date accessed, and for
        state-controlled media whose statement it is cited for."""
        statement = f"; {self.l('statement_by', who=source.statement_by)}" if source.statement_by else ""
        return (
            f"{sentence(source.title)} {sentence(source.publisher)} <{source.url}> "
            f"({self.l(source.kind)}; {self.l('accessed')} {self.day(source.accessed)}{statement})"
        )

    def change_line(self, change: Change) -> str:
        """'30 November 2026, corrected: <what>'"""
        return f"{self.day(change.date)}, {self.l('change:' + change.kind)}: {sentence(self.text(change.what))}"

    def ground_name(self, ground: LegalBasis | Source) -> str:
        """A legal basis by its short name and article, a source by its publisher."""
        if isinstance(ground, Source):
            return ground.publisher
        name = self.text(ground.short) if ground.short else " ".join(self.text(ground.instrument).split())
        return f"{name}, {self.text(ground.article)}" if ground.article else name

    def provenance_parts(self, found: Provenance) -> tuple[str, str, str]:
        """What a fact rests on, in words: its class, the items of that class, and any doubt about them."""
        names = "; ".join(dict.fromkeys(self.ground_name(g) for g in found.grounds))
        caveat = " ".join(self.text(found.caveat).split()) if found.caveat is not None else ""
        return self.l("prov_" + found.cls), names, caveat

    def provenance_text(self, found: Provenance) -> str:
        """What a fact rests on, without its doubts: 'Law text: 53-FZ, Art. 28(7)'."""
        kind, names, _ = self.provenance_parts(found)
        return f"{kind}: {names}"

    def provenance_line(self, found: Provenance) -> Markup:
        """What a fact rests on, on a line of its own in the fact's table cell, on screen and on paper: the class in
        bold, the items, and any doubt on a line below."""
        kind, names, caveat = self.provenance_parts(found)
        return html.render("provenance.html", cls=found.cls, kind=kind, names=names, caveat=caveat)

    def as_of_line(self, entry: Entry, as_of: dt.date) -> Markup:
        """'As of <date>' under a fact's value, where the date differs from the entry's last review."""
        if as_of == entry.last_reviewed:
            return Markup()
        return html.render("as_of.html", label=self.l("as_of"), day=self.day(as_of))

    def fact_label(self, fact: Fact) -> str:
        """A fact's label: its own text, or the name of its column in the comparison tables."""
        return self.text(fact.label) if fact.label is not None else self.l(TABLE_FACT_LABELS[fact.column or ""])

    def table_fact_value(self, fact: BoolFact | AgeFact | MonthsFact | DaysFact | LineFact) -> str:
        """A comparison-table fact's value in words: yes or no, a number, a span of months, days in a period, a line."""
        if isinstance(fact, LineFact):
            return cell(self.text(fact.value))
        if isinstance(fact, BoolFact):
            return self.l("yes" if fact.value else "no")
        if isinstance(fact, MonthsFact):
            return str(fact.min) if fact.min == fact.max else f"{fact.min}–{fact.max}"
        if isinstance(fact, DaysFact):
            days = format_days(fact.value, self.lang)
            return self.l("days_in_period", days=days, period=format_days(fact.per_days, self.lang)) if fact.per_days else days
        return str(fact.value)

    @cached_property
    def by_jurisdiction(self) -> dict[str, list[Entry]]:
        groups: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            groups[entry.jurisdiction].append(entry)
        return {code: groups[code] for code in sorted(groups, key=lambda c: sort_key(c, self.lang))}

    def printable_page(self, path: str, title: str, parts: list[tuple[str, str, list[str]]]) -> Page:
        """Every guide, form or decision on one page, for printing (and its PDF): the notice, the printed-on line,
        the contents, then each part (its anchor, title and Markdown) in its own block."""
        out = [f"# {title}", ""]
        out += admonition("info", "kb-notice", self.l("notice_title"), self.l("notice_short"))
        out += [PRINTED_MARK, "", f"## {self.l('contents')}", ""]
        out += [f"{n}. [{escape_link_text(name)}](#{anchor})" for n, (anchor, name, _) in enumerate(parts, start=1)]
        out.append("")
        for _, _, markdown in parts:
            out += block("kb-dossier-entry", ["", *markdown])
        return Page(path=path, title=title, markdown="\n".join(out), kind="dossier")

    def review_block(self, item: Entry | Guide | Template | Case) -> list[str]:
        """The foot of a page: when it was last reviewed and when it is due again."""
        assert item.review_due is not None
        return block("kb-review", [
            sentence(f"{self.l('last_reviewed')}: {self.day(item.last_reviewed)}") + " "
            + sentence(f"{self.l('review_due')}: {self.day(item.review_due)}"),
        ])

    def case_line(self, from_page: str, case: Case) -> str:
        """A decision as a list item: its name and number linked to its page, the court and date, the outcome."""
        name = f"{self.text(case.name)}, {case.number}"
        return (f"[{escape_link_text(name)}]({link(from_page, case_path(case))}) ({cell(case.court_short)}, "
                f"{self.day(case.decided)}): {self.l('case_outcome:' + case.outcome)}")

    def entry_link(self, from_page: str, entry: Entry) -> str:
        return f"[{escape_link_text(self.text(entry.title))}]({link(from_page, entry_path(entry))})"

    def with_entry_links(self, from_page: str, markdown: str) -> str:
        """Authored Markdown with each link to an entry by its id (`[text](entry:<id>)`) made a link to that entry's
        page from this one; a link to an entry this atlas does not have (a preview that left a broken file out) is
        shown as its text."""
        def resolved(match: re.Match[str]) -> str:
            target = self.by_id.get(match.group("id"))
            return f"[{match.group('text')}]({link(from_page, entry_path(target))})" if target else match.group("text")
        return ENTRY_LINK.sub(resolved, markdown)

    def entry_list_item(self, from_page: str, entry: Entry, *, summary: bool = True) -> str:
        warned = len(provenance.warned(entry))
        marker = f" *({self.l('warn_count', n=str(warned))})*" if warned else ""
        item = f"- {self.entry_link(from_page, entry)}{marker}"
        return f"{item}: {' '.join(self.text(entry.summary).split())}" if summary else item

    # -- pages -------------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        pages = [self.entry_page(entry) for entry in self.entries]
        # A country with no entries gets its baseline as its page (world.py), not a list with one item.
        pages += [self.jurisdiction_page(code) for code in self.by_jurisdiction]
        pages += [self.dossier_page(code) for code in self.by_jurisdiction]
        pages += [self.jurisdiction_sources_page(code) for code in self.by_jurisdiction]
        pages += [self.topic_page(topic) for topic in TOPICS]
        pages.append(self.topics_page())
        pages.append(self.sources_page())
        pages.append(self.deadlines_page())
        pages.append(self.glossary_page())
        return pages

    def notice(self, entry: Entry) -> list[str]:
        blocks = admonition("info", "kb-notice", self.l("notice_title"), self.l("notice", date=self.day(entry.last_reviewed)))
        blocks += self.provenance_summary(entry)
        assert entry.review_due is not None
        if entry.is_overdue(self.today):
            blocks += admonition("danger", "kb-overdue", self.l("overdue_title"), self.l("overdue", date=self.day(entry.review_due)))
        else:
            # A copy is read long after it was built: the page's script shows this once the reader's own clock
            # is past the review date (kb-age.js).
            blocks += [
                html.render("overdue_later.html", due=entry.review_due.isoformat(), title=self.l("overdue_title"),
                            text=self.l("overdue_copy", date=self.day(entry.review_due))),
                "",
            ]
        if self.lang in entry.missing_languages():
            blocks += admonition("warning", "kb-untranslated", self.l("untranslated_title"),
                                 self.l("untranslated", other=self.l("lang_name_en")))
        return blocks

    def lead(self, entry: Entry, body: AuthoredBody) -> list[str]:
        """A way to the entry's steps and the answer in short, first thing under the title (the way to the steps
        first, so that a phone shows it on its first screen)."""
        out = []
        steps = next((sid for sid, title in body.sections if title.startswith(STEPS_HEADINGS[self.lang])), None)
        if steps is not None:
            out += [f"[{self.l('what_to_do')} →](#{steps}){attributes('kb-steps-link')}", ""]
        out += [f"**{self.l('in_short')}.** {' '.join(self.text(entry.summary).split())}", attributes("kb-in-short")]
        return block("kb-summary", out)

    def contents(self, parts: list[tuple[str, str]]) -> list[str]:
        """The sections of an entry as a list that opens on a tap: for phones, where the theme shows no table
        of contents (on wide screens the theme's own is beside the text, and this one is hidden)."""
        return [html.render("contents.html", summary=self.l("contents"), parts=parts), ""]

    def provenance_summary(self, entry: Entry) -> list[str]:
        """How many of the entry's facts rest on each kind of basis, and a warning naming the facts a reader acts
        on that rest on reports only."""
        counts = provenance.counts(entry)
        total = sum(counts.values())
        if not total:
            return []
        # Classes with no fact are left out, but reports only is always said, even when it is none.
        parts = "; ".join(f"{self.l('prov_class_' + cls)} — {n}" for cls, n in counts.items() if n or cls == provenance.REPORTED)
        blocks = block("kb-provenance", [f"**{self.l('prov_summary', n=str(total))}:** {parts}."])
        warned = provenance.warned(entry)
        if warned:
            # Each fact with what it rests on; its doubts stand beside the fact itself, further down.
            items = [f"- **{escape(self.fact_label(f))}**: {self.provenance_text(f.provenance)}" for f in warned]
            blocks += admonition("warning", "kb-warned", self.l("warn_title"), self.l("warn") + "\n\n" + "\n".join(items))
        return blocks

    def entry_page(self, entry: Entry) -> Page:
        path = entry_path(entry)
        title = self.text(entry.title)
        out = self.entry_markdown(entry, path, level=1) + [PRINTED_MARK, ""]
        return Page(path=path, title=title, markdown="\n".join(out), kind="entry")

    def entry_markdown(self, entry: Entry, path: str, *, level: int, anchor: str | None = None) -> list[str]:
        """An entry as Markdown, its title a heading of `level`; in a dossier (level 2) without the
        list of the jurisdiction's other entries, which the dossier already holds."""

        def h(depth: int) -> str:
            return "#" * (level - 1 + depth)

        title = self.text(entry.title)
        out = [heading(level, title, anchor), ""]
        meta = [
            f"**{self.l('jurisdiction')}:** "
            f"[{jurisdiction_name(entry.jurisdiction, self.lang)}]({link(path, jurisdiction_path(entry.jurisdiction))})",
            f"**{self.l('topic')}:** [{topic_name(entry.topic, self.lang)}]({link(path, topic_path(entry.topic))})",
            f"**{self.l('last_reviewed')}:** {self.day(entry.last_reviewed)}",
        ]
        audience = f"**{self.l('audience')}:** " + ", ".join(audience_name(a, self.lang) for a in entry.audience)
        out += block("kb-meta", [" · ".join(meta) + "  ", "", audience])
        # Before the details: the answer in short and the way to the steps, then what the page is and what its
        # facts rest on, and on a phone its contents.
        prefix = f"{entry.id}-" if anchor else ""
        body = authored_body(self.with_entry_links(path, self.text(entry.body).strip()), level - 1, prefix)
        parts: list[tuple[str, str]] = []  # (id, title) of every section, for the contents
        out += self.lead(entry, body)
        out += self.notice(entry)

        def section(key: str, title: str) -> list[str]:
            parts.append((prefix + key, title))
            return [f"{h(2)} {title} {{#{prefix}{key}}}", ""]

        # Two columns, so that a phone has room for the values; a fact true as of a date other than the entry's
        # review says so under its value.
        facts: list[str] = []
        if entry.key_facts:
            facts += section("key-facts", self.l("key_facts"))
            facts += [f"| {self.l('fact')} | {self.l('value')} |", "| --- | --- |"]
            for fact in entry.key_facts:
                value = cell(self.text(fact.value)) + self.as_of_line(entry, fact.as_of)
                value += self.provenance_line(provenance.key_fact(entry, fact))
                facts.append(f"| {cell(self.text(fact.label))} | {value} |")
            facts.append("")

        table_facts = entry.structured_facts()
        if table_facts:
            facts += section("table-facts", self.l("table_facts"))
            facts += [f"| {self.l('fact')} | {self.l('value')} |", "| --- | --- |"]
            for where, fact in table_facts:
                value = self.table_fact_value(fact) + self.as_of_line(entry, fact.as_of)
                value += self.provenance_line(provenance.provenance(entry, fact.rests_on, fact.caveat))
                facts.append(f"| {self.l(TABLE_FACT_LABELS[where.rsplit('.', 1)[-1]])} | {value} |")
            facts.append("")

        if entry.deadlines:
            facts += section("deadlines", self.l("deadlines"))
            facts += self.deadline_rows([[(entry, deadline)] for deadline in entry.deadlines])

        parts += body.sections
        details = [body.markdown, ""]
        details += section("legal-basis", self.l("legal_basis"))
        for basis in entry.legal_basis:
            cited = [f"**{' '.join(self.text(basis.instrument).split())}**"]
            if basis.article:
                cited.append(self.text(basis.article))
            cited.append(self.day(basis.date))
            line = "- " + sentence(", ".join(cited))
            if basis.url:
                line += f" <{basis.url}>"
            details.append(line)
            if basis.note:
                details += ["", indent(self.text(basis.note), "    "), ""]
        details.append("")

        details += section("sources", self.l("sources"))
        details += [f"{number}. {self.citation(source)}" for number, source in enumerate(entry.sources, start=1)]
        details.append("")

        cases = self.cases_for.get(entry.id, [])
        if cases:
            details += section(DECISIONS_ANCHOR, self.l("cases_for_entry"))
            details += [self.l("cases_for_entry_intro"), ""]
            details += [f"- {self.case_line(path, case)}" for case in cases]
            details.append("")

        related = self.related[entry.id]
        if related:
            details += section(RELATED_ANCHOR, self.l("related"))
            for other in related:
                details.append(f"- {self.entry_link(path, other)} ({jurisdiction_name(other.jurisdiction, self.lang)})")
            details.append("")

        siblings = [e for e in self.by_jurisdiction[entry.jurisdiction] if e.id != entry.id and e not in related]
        if siblings and level == 1:
            name = jurisdiction_name(entry.jurisdiction, self.lang)
            details += section(MORE_ANCHOR, self.l("more_from", name=name))
            details += [f"- {self.entry_link(path, other)}" for other in siblings[:MAX_SIBLINGS]]
            if len(siblings) > MAX_SIBLINGS:
                details.append(f"- [{self.l('all_of', name=name)}]({link(path, jurisdiction_path(entry.jurisdiction))})")
            details.append("")

        if entry.changes:
            details += section("changes", self.l("changes"))
            details += [f"- {self.change_line(c)}" for c in sorted(entry.changes, key=lambda c: c.date, reverse=True)]
            details.append("")

        # `parts` is in page order: the facts, the body's own sections, then the legal basis and the rest.
        out += self.contents(parts)
        out += facts + details
        out += self.review_block(entry)
        return out

    def jurisdiction_page(self, code: str) -> Page:
        path = jurisdiction_path(code)
        name = jurisdiction_name(code, self.lang)
        out = [f"# {name}", "", f"[{self.l('countries')}]({link(path, COUNTRIES_PAGE)}) › {name}", ""]
        out += admonition("info", "kb-notice", self.l("notice_title"), self.l("notice_short"))
        entries = self.by_jurisdiction.get(code, [])
        if entries:
            out += block("kb-print-all", [f"[{self.l('print_all', name=name)}]({link(path, dossier_path(code))})"])
            out += [f"[{self.l('sources_of', name=name)}]({link(path, sources_path(code))})", ""]
        for topic in TOPICS:
            in_topic = [e for e in entries if e.topic == topic]
            baseline = topic == "conscription" and code in self.baseline_codes
            if in_topic or baseline:
                out += [f"## {topic_name(topic, self.lang)}", ""]
                if baseline:
                    out.append(
                        f"- [{self.l('baseline_title', name=name)}](baseline.md) *({self.l('baseline_marker').lower()})*: "
                        f"{self.l('baseline_summary')}"
                    )
                out += [self.entry_list_item(path, e) for e in in_topic]
                out.append("")
        out += self.deadlines_table(path, entries)
        out += self.help_section(code, path)
        return Page(path=path, title=name, markdown="\n".join(out), kind="jurisdiction")

    def help_section(self, code: str, path: str) -> list[str]:
        """The organisations of one place, for its page; nothing when the directory lists none there."""
        listed = self.organisations.get(code, [])
        if not listed:
            return []
        out = [f"## {self.l('help')} {{#help}}", ""]
        out += [str(organisation_block(item.organisation, self.lang)) for item in listed]
        out += ["", f"[{self.l('help_all')}]({link(path, HELP_PAGE)})", ""]
        return out

    def deadlines_table(self, path: str, entries: list[Entry]) -> list[str]:
        """Every deadline of a jurisdiction's entries in one table, under a heading that "All deadlines" links
        to (#deadlines); nothing when the entries have none. A time limit that several entries state on the same
        legal basis (the three months to appeal a draft board's decision) is one row naming each of them."""
        if not any(e.deadlines for e in entries):
            return []
        rows: dict[tuple[str, str], list[tuple[Entry, Deadline]]] = {}
        for entry in entries:
            for deadline in entry.deadlines:
                rule = (self.text(deadline.time_limit), self.text(deadline.legal_basis))
                rows.setdefault(rule, []).append((entry, deadline))
        return [f"## {self.l('deadlines')} {{#{DEADLINES_ANCHOR}}}", "", *self.deadline_rows(list(rows.values()), path)]

    def deadline_rows(self, rows: list[list[tuple[Entry, Deadline]]], linked_from: str | None = None) -> list[str]:
        """A table of time limits, one row per rule with the entries and deadlines that state it (the same time
        limit on the same legal basis), and a column linking those entries when `linked_from` (the page's path)
        is given. On a phone each row is a card, its cells labelled (kb-theme.css); on paper, a table."""
        columns = ["what", "time_limit", "legal_basis"] + (["entry"] if linked_from else [])
        out = [
            f"| {' | '.join(self.l(name) for name in columns)} |",
            f"|{' --- |' * len(columns)}",
        ]
        for stated in rows:
            first = stated[0][1]
            whats = dict.fromkeys(cell(self.text(deadline.what)) for _, deadline in stated)
            backing = dict.fromkeys(self.provenance_line(provenance.deadline(entry, deadline)) for entry, deadline in stated)
            cells = [
                listed(whats),
                self.cell_label("time_limit") + cell(self.text(first.time_limit)) + Markup("").join(backing),
                str(self.cell_label("legal_basis")) + cell(self.text(first.legal_basis)),
            ]
            if linked_from:
                links = dict.fromkeys(self.entry_link(linked_from, entry) for entry, _ in stated)
                cells.append(str(self.cell_label("entry")) + listed(links))
            out.append(f"| {' | '.join(cells)} |")
        return block(DEADLINES_CLASS, out)

    def cell_label(self, column: str) -> Markup:
        """A table cell's column name inside the cell, shown only where the table is laid out as cards."""
        return html.render("cell_label.html", label=self.l(column))

    def dossier_page(self, code: str) -> Page:
        """Every entry of a jurisdiction on one page, in order, with a table of contents: for printing."""
        path = dossier_path(code)
        name = jurisdiction_name(code, self.lang)
        title = self.l("dossier_title", name=name)
        entries = self.by_jurisdiction[code]
        # The page says when this copy was built (the theme's template), and on paper when it was printed.
        out = [f"# {title}", ""]
        out += admonition("info", "kb-notice", self.l("notice_title"), self.l("notice_short"))
        out += [PRINTED_MARK, "", f"## {self.l('contents')}", ""]
        out += [f"{n}. [{escape_link_text(self.text(e.title))}](#{e.id})" for n, e in enumerate(entries, start=1)]
        out.append("")
        for entry in entries:
            out += block("kb-dossier-entry", ["", *self.entry_markdown(entry, path, level=2, anchor=entry.id)])
        return Page(path=path, title=title, markdown="\n".join(out), kind="dossier")

    def topic_page(self, topic: str) -> Page:
        path = topic_path(topic)
        name = topic_name(topic, self.lang)
        out = [f"# {name}", ""]
        found = False
        for code, entries in self.by_jurisdiction.items():
            in_topic = [e for e in entries if e.topic == topic]
            if in_topic:
                found = True
                out += [f"## {jurisdiction_name(code, self.lang)}", ""]
                # Titles only: a topic spans the whole atlas; summaries are on the jurisdiction pages.
                out += [self.entry_list_item(path, e, summary=False) for e in in_topic]
                out.append("")
        if not found:
            out += [self.l("no_entries"), ""]
        return Page(path=path, title=name, markdown="\n".join(out), kind="topic")

    def topics_page(self) -> Page:
        """Every topic, with how many entries it has; the navigation's "Topics" opens it (navigation.indexes)."""
        path = TOPICS_PAGE
        out = [f"# {self.l('topics')}", "", self.l("topics_intro"), ""]
        for topic in TOPICS:
            n = sum(1 for e in self.entries if e.topic == topic)
            out.append(f"- [{topic_name(topic, self.lang)}]({link(path, topic_path(topic))}): {self.count('entries', n)}")
        out.append("")
        return Page(path=path, title=self.l("topics"), markdown="\n".join(out), kind="topics")

    def list_index(self, path: str, key: str, rows: list[tuple[str, str, str]], kind: str) -> Page:
        """An atlas-wide list as links to its parts, one per jurisdiction, so that no page grows with the
        whole atlas: `rows` are (jurisdiction code, path of its part, what the part holds)."""
        out = [f"# {self.l(key)}", "", self.l(key + "_intro"), ""]
        out += [f"- [{jurisdiction_name(code, self.lang)}]({link(path, to)}): {what}" for code, to, what in rows]
        out.append("")
        return Page(path=path, title=self.l(key), markdown="\n".join(out), kind=kind)

    def sources_page(self) -> Page:
        rows = [
            (code, sources_path(code), self.l("sources_count", entries=self.count("entries", len(entries)),
                                              sources=self.count("sources", sum(len(e.sources) for e in entries))))
            for code, entries in self.by_jurisdiction.items()
        ]
        return self.list_index(SOURCES_PAGE, "all_sources", rows, kind="sources")

    def jurisdiction_sources_page(self, code: str) -> Page:
        """Every source cited by one jurisdiction's entries, by entry, with the ways back to "All sources"
        and to the jurisdiction."""
        path = sources_path(code)
        name = jurisdiction_name(code, self.lang)
        title = self.l("sources_of", name=name)
        crumbs = f"[{self.l('all_sources')}]({link(path, SOURCES_PAGE)}) › [{name}]({link(path, jurisdiction_path(code))})"
        out = [f"# {title}", "", crumbs, ""]
        for entry in self.by_jurisdiction[code]:
            out += [f"## {self.entry_link(path, entry)}", ""]
            out += [f"- {self.citation(source)}" for source in entry.sources]
            out.append("")
        return Page(path=path, title=title, markdown="\n".join(out), kind="jurisdiction-sources")

    def deadlines_page(self) -> Page:
        rows = [
            (code, f"{jurisdiction_path(code)}#{DEADLINES_ANCHOR}",
             self.l("deadlines_count", entries=self.count("entries", len(entries)), deadlines=self.count("deadlines", n)))
            for code, entries in self.by_jurisdiction.items()
            if (n := sum(len(e.deadlines) for e in entries))
        ]
        return self.list_index(DEADLINES_PAGE, "all_deadlines", rows, kind="deadlines")

    def glossary_page(self) -> Page:
        """The bilingual glossary that search also uses to find one language's words from the other's."""
        path = GLOSSARY_PAGE
        other = "ru" if self.lang == "en" else "en"
        out = [f"# {self.l('glossary')}", "", self.l("glossary_intro"), ""]
        out += [f"| {self.l('lang_' + self.lang)} | {self.l('lang_' + other)} |", "| --- | --- |"]
        for term in sorted(self.glossary, key=lambda t: t.forms(self.lang)[0].casefold()):
            out.append(f"| {cell(', '.join(term.forms(self.lang)))} | {cell(', '.join(term.forms(other)))} |")
        out.append("")
        return Page(path=path, title=self.l("glossary"), markdown="\n".join(out), kind="glossary")

    def home_fragment(self) -> str:
        """The ways into the atlas that the home page ends with."""
        out = ["", f"## [{self.l('countries')}]({COUNTRIES_PAGE})", ""]
        out += link_row([
            f"[{jurisdiction_name(code, self.lang)}]({link(HOME_PAGE, jurisdiction_path(code))})"
            for code in self.by_jurisdiction
        ])
        out += [f"## [{self.l('topics')}]({TOPICS_PAGE})", ""]
        out += [f"- [{topic_name(t, self.lang)}]({link(HOME_PAGE, topic_path(t))})" for t in TOPICS]
        out += [
            "",
            f"- [{self.l('all_deadlines')}]({DEADLINES_PAGE})",
            f"- [{self.l('all_sources')}]({SOURCES_PAGE})",
            f"- [{self.l('glossary')}]({GLOSSARY_PAGE})",
            "",
        ]
        return "\n".join(out)

    # -- search ------------------------------------------------------------------------------

    def search_fields(self, entry: Entry) -> dict[str, str]:
        """What search weighs above the page text: title, summary, the key facts' labels, and key facts with deadlines."""
        facts = [f"{self.text(f.label)}: {self.text(f.value)}" for f in entry.key_facts]
        facts += [f"{self.text(d.what)}: {self.text(d.time_limit)}" for d in entry.deadlines]
        return {"title": self.text(entry.title), "summary": self.text(entry.summary),
                "labels": " ".join(self.text(f.label) for f in entry.key_facts), "facts": " ".join(facts)}

    def search_meta(self, entry: Entry) -> str:
        return f"{jurisdiction_name(entry.jurisdiction, self.lang)} · {topic_name(entry.topic, self.lang)}"

    # -- navigation --------------------------------------------------------------------------

    def nav(self, about_pages: list[str], compare_pages: list[tuple[str, str]] = ()) -> list[object]:
        """The navigation tree in mkdocs' `nav` format.

        Only overview pages are in it, so every page carries the same small navigation however
        large the atlas grows; jurisdiction and entry pages are reached through those pages.
        """
        nav: list[object] = [
            {self.l("home"): HOME_PAGE},
            {self.l("all_situations"): GUIDES_PAGE},
            {self.l("quiz"): QUIZ_PAGE},
            {self.l("templates"): TEMPLATES_PAGE},
            {self.l("case_law"): CASES_PAGE},
            {self.l("help"): HELP_PAGE},
            {self.l("countries"): COUNTRIES_PAGE},
            {self.l("topics"): [TOPICS_PAGE] + [{topic_name(t, self.lang): topic_path(t)} for t in TOPICS]},
        ]
        if compare_pages:
            nav.append({self.l("compare"): [{title: path} for title, path in compare_pages]})
        nav += [
            {self.l("all_deadlines"): DEADLINES_PAGE},
            {self.l("all_sources"): SOURCES_PAGE},
            {self.l("glossary"): GLOSSARY_PAGE},
            {self.l("what_changed"): CHANGES_PAGE},
        ]
        if about_pages:
            nav.append({self.l("about"): list(about_pages)})
        return nav
