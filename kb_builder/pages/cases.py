"""Court decisions (`cases/<jurisdiction>/<id>.yaml`) as pages: one page per decision (what it holds, for whom, on
which legal points, where to read it, the entries it supports), a case-law page per jurisdiction, the table of all
decisions (sortable, and filtered by court, year, applicant, outcome and legal point by kb-cases.js, offline), with
the decisions counted per court and outcome, and every decision on one page for printing.
"""

from __future__ import annotations

from collections import Counter

from kb_builder.content.jurisdictions import jurisdiction_name, sort_key
from kb_builder.content.schema import OUTCOMES, Case, split_ref
from kb_builder.pages import html
from kb_builder.pages.atlas import PRINTED_MARK, Atlas, Page
from kb_builder.pages.markdown import admonition, attributes, block, escape_link_text, heading
from kb_builder.pages.paths import CASES_DOSSIER, CASES_PAGE, case_path, cases_path, link, page_url


class CasePages:
    """The case-law pages of one language."""

    def __init__(self, atlas: Atlas, cases: list[Case]):
        self.atlas = atlas
        self.lang = atlas.lang
        # Newest first, as a lawyer reads case law.
        self.cases = sorted(cases, key=lambda c: (c.decided, c.id), reverse=True)
        self.codes = sorted({c.jurisdiction for c in cases}, key=lambda code: sort_key(code, self.lang))

    def l(self, key: str, **values: str) -> str:  # noqa: E743 - as in Atlas
        return self.atlas.l(key, **values)

    def text(self, value) -> str:  # type: ignore[no-untyped-def]
        return " ".join(self.atlas.text(value).split())

    def pages(self) -> list[Page]:
        """Every decision's page, a page per jurisdiction, the table of all of them (also in an atlas with none
        yet, which the navigation links to), and every decision on one page for printing."""
        pages = [self.case_page(case) for case in self.cases]
        pages += [self.jurisdiction_page(code) for code in self.codes]
        pages.append(self.index_page())
        if self.cases:
            pages.append(self.dossier_page())
        return pages

    # -- one decision --------------------------------------------------------------------------------------------

    def title(self, case: Case) -> str:
        return f"{self.atlas.text(case.name)}, {case.number}"

    def citation(self, case: Case) -> str:
        """The decision as a lawyer cites it: court, date, number, ECLI."""
        parts = [self.atlas.text(case.court), self.atlas.day(case.decided), case.number]
        if case.ecli:
            parts.append(case.ecli)
        return ", ".join(parts)

    def profile(self, case: Case) -> str:
        origin = ", ".join(jurisdiction_name(code, self.lang) for code in case.profile.origin)
        statuses = ", ".join(self.l(f"case_status:{s}") for s in case.profile.status)
        return f"{statuses} ({origin}); {self.l('case_summons:' + case.profile.summons)}"

    def outcome(self, case: Case) -> str:
        shown = self.l(f"case_outcome:{case.outcome}")
        if case.status_given and case.status_given != "none":
            shown += f" ({self.l('case_status_given:' + case.status_given)})"
        return shown

    def points(self, case: Case) -> str:
        return ", ".join(self.l(f"case_point:{p}") for p in case.points)

    def case_markdown(self, case: Case, path: str, *, level: int = 1, anchor: str | None = None) -> list[str]:
        hh = "#" * (level + 1)
        prefix = f"{case.id}-" if anchor else ""
        out = [heading(level, self.title(case), anchor), ""]
        out += block("kb-meta", [f"**{self.l('case_cite')}:** {escape_link_text(self.citation(case))} · "
                                 f"**{self.l('last_reviewed')}:** {self.atlas.day(case.last_reviewed)}", "",
                                 self.l("case_notice_short"), attributes("kb-notice")])
        out += [self.text(case.holding), attributes("kb-in-short"), ""]
        rows = [
            ("case_court", self.atlas.text(case.court)),
            ("case_decided", self.atlas.day(case.decided)),
            ("case_number", case.number + (f" ({case.ecli})" if case.ecli else "")),
            ("case_type", self.l(f"case_type:{case.type}")),
            ("case_profile", self.profile(case)),
            ("case_outcome", self.outcome(case)),
            ("case_points", self.points(case)),
        ]
        out += [f"- **{self.l(key)}:** {escape_link_text(value)}" for key, value in rows]
        out.append("")
        out += [f"{hh} {self.l('case_supports')} {{#{prefix}supports}}", ""]
        for entry_id in dict.fromkeys(split_ref(ref)[0] for ref in case.supports):
            entry = self.atlas.by_id[entry_id]
            out.append(f"- {self.atlas.entry_link(path, entry)} ({jurisdiction_name(entry.jurisdiction, self.lang)})")
        out.append("")
        out += [f"{hh} {self.l('case_read')} {{#{prefix}sources}}", ""]
        out += [f"{n}. {self.atlas.citation(source)}" for n, source in enumerate(case.sources, start=1)]
        out.append("")
        out += self.atlas.review_block(case)
        return out

    def case_page(self, case: Case) -> Page:
        path = case_path(case)
        out = self.case_markdown(case, path)
        out += ["", f"[{self.l('cases_all')}]({link(path, CASES_PAGE)}) · "
                    f"[{escape_link_text(self.l('cases_in', name=jurisdiction_name(case.jurisdiction, self.lang)))}]"
                    f"({link(path, cases_path(case.jurisdiction))})", "", PRINTED_MARK, ""]
        return Page(path=path, title=self.title(case), markdown="\n".join(out), kind="case")

    # -- lists ---------------------------------------------------------------------------------------------------

    def jurisdiction_page(self, code: str) -> Page:
        path = cases_path(code)
        title = self.l("cases_in", name=jurisdiction_name(code, self.lang))
        out = [f"# {escape_link_text(title)}", ""]
        out += [f"- {self.atlas.case_line(path, case)}" for case in self.cases if case.jurisdiction == code]
        out += ["", f"[{self.l('cases_all')}]({link(path, CASES_PAGE)})", ""]
        return Page(path=path, title=title, markdown="\n".join(out), kind="cases-jurisdiction")

    def counts(self) -> dict[str, Counter[str]]:
        """Decisions per court (its short name) and outcome."""
        found: dict[str, Counter[str]] = {}
        for case in self.cases:
            found.setdefault(case.court_short, Counter())[case.outcome] += 1
        return found

    def counts_table(self) -> str:
        counts = self.counts()
        outcomes = [o for o in OUTCOMES if any(c[o] for c in counts.values())]
        rows = [{"court": court, "counts": [counts[court][o] for o in outcomes], "total": sum(counts[court].values())}
                for court in sorted(counts, key=lambda c: (-sum(counts[c].values()), c.casefold()))]
        return str(html.render("cases_counts.html", court=self.l("case_court"), total=self.l("cases_total"), rows=rows,
                               outcomes=[{"value": o, "label": self.l(f"case_outcome:{o}")} for o in outcomes]))

    def table(self, path: str) -> str:
        rows = [
            {
                "href": page_url(link(path, case_path(case))),
                "name": self.atlas.text(case.name),
                "number": case.number,
                "court": case.court_short,
                "year": case.decided.year,
                "iso": case.decided.isoformat(),
                "day": self.atlas.day(case.decided),
                "status": " ".join(case.profile.status),
                "outcome": case.outcome,
                "points": " ".join(case.points),
                "profile": self.profile(case),
                "outcome_text": self.outcome(case),
                "points_text": self.points(case),
            }
            for case in self.cases
        ]
        headers = [self.l(key) for key in ("case", "case_court", "case_decided", "case_profile", "case_outcome", "case_points")]
        return str(html.render("cases_table.html", headers=headers, rows=rows))

    def index_page(self) -> Page:
        path = CASES_PAGE
        title = self.l("case_law")
        out = [f"# {title}", "", self.l("cases_intro"), ""]
        if not self.cases:
            out += [self.l("no_cases"), ""]
            return Page(path=path, title=title, markdown="\n".join(out), kind="cases")
        out += [self.table(path), ""]
        out += [f"## {self.l('cases_counts')} {{#counts}}", "", self.counts_table(), ""]
        out += [f"## {self.l('cases_by_jurisdiction')} {{#jurisdictions}}", ""]
        out += [f"- [{escape_link_text(jurisdiction_name(code, self.lang))}]({link(path, cases_path(code))}): "
                f"{self.atlas.count('decisions', sum(1 for c in self.cases if c.jurisdiction == code))}" for code in self.codes]
        out.append("")
        out += block("kb-print-all", [f"[{self.l('print_cases')}]({link(path, CASES_DOSSIER)})"])
        out += admonition("info", "kb-notice", self.l("notice_title"), self.l("notice_short"))
        return Page(path=path, title=title, markdown="\n".join(out), kind="cases")

    def dossier_page(self) -> Page:
        """Every decision on one page, each with its citation (and the PDF)."""
        path = CASES_DOSSIER
        return self.atlas.printable_page(path, self.l("cases_dossier_title"), [
            (c.id, self.title(c), self.case_markdown(c, path, level=2, anchor=c.id)) for c in self.cases
        ])

    # -- search --------------------------------------------------------------------------------------------------

    def search_fields(self, case: Case) -> dict[str, str]:
        """A decision is found first by its name, number, ECLI and court (title; its name and number also open its
        summary and facts, as a lawyer searches for a decision by them), then by what it holds (summary), and its
        applicant, outcome and legal points (facts)."""
        cited = self.title(case)
        title = " ".join(filter(None, [cited, case.court_short, case.ecli or ""]))
        facts = "; ".join([cited, self.profile(case), self.outcome(case), self.points(case)])
        return {"title": title, "summary": f"{cited}. {self.text(case.holding)}", "facts": facts}

    def search_meta(self, case: Case) -> str:
        return f"{self.l('case')} · {case.court_short} · {self.atlas.day(case.decided)}"
