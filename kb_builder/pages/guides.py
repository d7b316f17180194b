"""Situation guides as pages: each guide (steps in order, deadlines, what to keep, what happens if you do nothing,
where to get help, the entries and sources it rests on), the list of situations, every guide on one page for
printing, "what applies to me", and the directory of organisations.
"""

from __future__ import annotations


from kb_builder.content.jurisdictions import jurisdiction_name, sort_key
from kb_builder.content.schema import CITIZENSHIPS, PLACES, STAGES, Guide, Template
from kb_builder.pages import html
from kb_builder.pages.atlas import PRINTED_MARK, Atlas, Page
from kb_builder.pages.labels import audience_name
from kb_builder.pages.markdown import admonition, attributes, block, cell, escape_link_text, heading, link_row
from kb_builder.pages.organisations import organisation_block
from kb_builder.pages.references import References
from kb_builder.pages.paths import (
    CASE_LAW_ANCHOR,
    CASES_PAGE,
    GUIDES_DOSSIER,
    GUIDES_PAGE,
    HELP_PAGE,
    QUIZ_PAGE,
    RELATED_ANCHOR,
    TEMPLATES_PAGE,
    guide_path,
    jurisdiction_path,
    link,
    page_url,
    template_path,
)

#: The anchors of a guide's parts.
STEPS = "steps"
#: Quotation marks around a question readers ask, by language.
QUOTES = {"en": ("“", "”"), "ru": ("«", "»")}


class GuidePages:
    """The guides' pages of one language."""

    def __init__(self, atlas: Atlas, guides: list[Guide], templates: list[Template] = ()):
        self.atlas = atlas
        self.lang = atlas.lang
        # In the order a case runs: by the earliest stage each guide is for, then by title.
        self.guides = sorted(guides, key=lambda g: (min((STAGES.index(s) for s in g.applies_when.stage), default=0),
                                                    atlas.text(g.title).casefold()))
        self.by_id = {g.id: g for g in self.guides}
        self.templates = {t.id: t for t in templates}
        self.organisations = atlas.organisations
        self.refs = References(atlas)

    def l(self, key: str, **values: str) -> str:  # noqa: E743 - as in Atlas
        return self.atlas.l(key, **values)

    def text(self, value) -> str:  # type: ignore[no-untyped-def]
        return self.atlas.text(value)

    def pages(self) -> list[Page]:
        """Every guide's page, the list of situations, "what applies to me" and the directory (these three also
        in an atlas with no guides or organisations yet, which the hand-written pages link to), and every guide on
        one page for printing."""
        pages = [self.guide_page(guide) for guide in self.guides]
        pages += [self.index_page(), self.quiz_page(), self.help_page()]
        if self.guides:
            pages.append(self.dossier_page())
        return pages

    # -- a guide -----------------------------------------------------------------------------------------------

    def guide_markdown(self, guide: Guide, path: str, *, level: int = 1, anchor: str | None = None) -> list[str]:
        hh = "#" * (level + 1)
        prefix = f"{guide.id}-" if anchor else ""
        title = self.text(guide.title)
        out = [heading(level, title, anchor), ""]
        audience = ", ".join(audience_name(a, self.lang) for a in guide.audience)
        out += block("kb-meta", [f"**{self.l('audience')}:** {audience} · **{self.l('last_reviewed')}:** "
                                 f"{self.atlas.day(guide.last_reviewed)}", "",
                                 self.l("guide_notice_short"), attributes("kb-notice")])
        out += [" ".join(self.text(guide.situation).split()), attributes("kb-in-short"), ""]

        out += [f"{hh} {self.l('steps')} {{#{prefix}{STEPS}}}", ""]
        steps = []
        for number, step in enumerate(guide.steps, start=1):
            lines = [" ".join(self.text(step.do).split())]
            if step.by_when is not None:
                lines.append(f"**{self.l('by_when')}:** {self.text(step.by_when)}")
            for template_id in step.templates:
                template = self.templates.get(template_id)
                if template is not None:
                    lines.append(f"**{self.l('template')}:** [{escape_link_text(self.text(template.title))}]"
                                 f"({link(path, template_path(template_id))})")
            lines.append(self.refs.backing(path, step.backed_by))
            steps.append(f"{number}. " + "  \n".join([lines[0]] + ["   " + line for line in lines[1:]]))
        out += block("kb-steps", ["", *steps, ""])

        if guide.deadlines:
            out += [f"{hh} {self.l('guide_deadlines')} {{#{prefix}deadlines}}", ""]
            out += [f"| {self.l('what')} | {self.l('time_limit')} | {self.l('based_on')} |", "| --- | --- | --- |"]
            for deadline in guide.deadlines:
                out.append(f"| {cell(self.text(deadline.what))} | **{cell(self.text(deadline.time_limit))}** "
                           f"| {cell(self.refs.backing(path, deadline.backed_by))} |")
            out.append("")

        if guide.keep:
            out += [f"{hh} {self.l('keep')} {{#{prefix}keep}}", ""]
            out += [f"- {' '.join(self.text(item).split())}" for item in guide.keep]
            out.append("")

        out += [f"{hh} {self.l('if_nothing')} {{#{prefix}if-nothing}}", ""]
        out += [" ".join(self.text(guide.if_you_do_nothing.text).split()) + "  ",
                self.refs.backing(path, guide.if_you_do_nothing.backed_by), ""]

        helpers = [item for code in guide.help_in for item in self.organisations.get(code, [])]
        if helpers:
            out += [f"{hh} {self.l('help')} {{#{prefix}help}}", ""]
            out += [str(organisation_block(item.organisation, self.lang, prefix)) for item in helpers]
            out += ["", f"[{self.l('help_all')}]({link(path, HELP_PAGE)})", ""]

        if "lawyers" in guide.audience and level == 1:
            out += [f"{hh} {self.l('case_law')} {{#{prefix}{CASE_LAW_ANCHOR}}}", ""]
            out += [f"{self.l('guide_case_law')} [{self.l('cases_all')}]({link(path, CASES_PAGE)})", ""]

        related = [self.by_id[g] for g in guide.related_guides if g in self.by_id]
        if related and level == 1:
            out += [f"{hh} {self.l('related_guides')} {{#{prefix}{RELATED_ANCHOR}}}", ""]
            out += [f"- [{escape_link_text(self.text(g.title))}]({link(path, guide_path(g.id))})" for g in related]
            out.append("")

        out += [f"{hh} {self.l('guide_sources')} {{#{prefix}sources}}", ""]
        out += self.refs.sources(path, guide.refs())
        out += admonition("info", "kb-notice", self.l("notice_title"),
                          self.l("guide_notice", date=self.atlas.day(guide.last_reviewed)))
        out += self.atlas.review_block(guide)
        return out

    def guide_page(self, guide: Guide) -> Page:
        path = guide_path(guide.id)
        out = self.guide_markdown(guide, path) + [PRINTED_MARK, ""]
        return Page(path=path, title=self.text(guide.title), markdown="\n".join(out), kind="guide")

    # -- the lists of situations -------------------------------------------------------------------------------

    def situations_block(self, from_page: str) -> str:
        """Every situation as a large link, for the home page and the list of situations."""
        items = [{"href": page_url(link(from_page, guide_path(g.id))), "title": self.text(g.title)} for g in self.guides]
        return str(html.render("situations.html", items=items))

    def home_fragment(self, from_page: str) -> str:
        """What the home page starts with: the situations, and the ways to find one's own."""
        if not self.guides:
            return ""
        ways = [f"[{self.l('quiz')}]({link(from_page, QUIZ_PAGE)})", f"[{self.l('all_situations')}]({link(from_page, GUIDES_PAGE)})",
                f"[{self.l('templates')}]({link(from_page, TEMPLATES_PAGE)})"]
        if self.organisations:
            ways.append(f"[{self.l('help')}]({link(from_page, HELP_PAGE)})")
        out = [f"## {self.l('situations')} {{#situations}}", "", self.l("situations_intro"), "",
               self.situations_block(from_page), "", *link_row(ways)]
        return "\n".join(out)

    def index_page(self) -> Page:
        path = GUIDES_PAGE
        out = [f"# {self.l('all_situations')}", "", self.l("guides_intro"), "", self.situations_block(path), ""]
        for guide in self.guides:
            out += [f"## [{escape_link_text(self.text(guide.title))}]({link(path, guide_path(guide.id))})", "",
                    " ".join(self.text(guide.situation).split()), "", *self.questions_line(guide)]
        if self.guides:
            out += block("kb-print-all", [f"[{self.l('print_guides')}]({link(path, GUIDES_DOSSIER)})"])
        else:
            out += [self.l("no_guides"), ""]
        return Page(path=path, title=self.l("all_situations"), markdown="\n".join(out), kind="guides")

    def questions_line(self, guide: Guide) -> list[str]:
        """The questions a guide answers, in readers' words, as one quoted line under its situation."""
        if not guide.questions:
            return []
        opening, closing = QUOTES[self.lang]
        asked = " · ".join(f"{opening}{self.text(q)}{closing}" for q in guide.questions)
        return [f"{self.l('questions')}: {asked}", attributes("kb-questions"), ""]

    def dossier_page(self) -> Page:
        """Every guide on one page, in order, for printing as checklists (and the PDF)."""
        path = GUIDES_DOSSIER
        return self.atlas.printable_page(path, self.l("guides_dossier_title"), [
            (g.id, self.text(g.title), self.guide_markdown(g, path, level=2, anchor=g.id)) for g in self.guides
        ])

    def quiz_page(self) -> Page:
        """"What applies to me": without a script, every situation with the answers it is for; the page's script
        asks the three questions and keeps the situations that fit."""
        path = QUIZ_PAGE

        def answers(guide: Guide) -> str:
            parts = [", ".join(self.l(f"{kind}:{value}") for value in values)
                     for kind, values in (("place", guide.applies_when.where), ("stage", guide.applies_when.stage),
                                          ("citizenship", guide.applies_when.citizenship)) if values]
            return " · ".join(parts)

        guides = [
            {
                "href": page_url(link(path, guide_path(g.id))),
                "title": self.text(g.title),
                "where": " ".join(g.applies_when.where),
                "stage": " ".join(g.applies_when.stage),
                "citizenship": " ".join(g.applies_when.citizenship),
                "answers": answers(g),
                "deadlines": [{"what": " ".join(self.text(d.what).split()), "time_limit": " ".join(self.text(d.time_limit).split())}
                              for d in g.deadlines],
            }
            for g in self.guides
        ]
        out = [f"# {self.l('quiz')}", "", self.l("quiz_intro"), ""]
        out.append(str(html.render("quiz.html", guides=guides, none=self.l("quiz_none"), all_text=self.l("quiz_all"),
                                   all_href=page_url(link(path, GUIDES_PAGE)), all_label=self.l("all_situations"))))
        out.append("")
        return Page(path=path, title=self.l("quiz"), markdown="\n".join(out), kind="quiz")

    # -- search ------------------------------------------------------------------------------------------------

    def search_fields(self, guide: Guide) -> dict[str, str]:
        """What search weighs above a guide's text: its title, the questions it answers in readers' words (weighed
        above titles), its situation, and its deadlines."""
        deadlines = [f"{self.text(d.what)}: {self.text(d.time_limit)}" for d in guide.deadlines]
        return {"title": self.text(guide.title), "summary": self.text(guide.situation),
                "questions": " ".join(self.text(q) for q in guide.questions), "facts": " ".join(deadlines)}

    # -- where to get help -------------------------------------------------------------------------------------

    def help_page(self) -> Page:
        path = HELP_PAGE
        out = [f"# {self.l('help')}", "", self.l("help_intro"), ""]
        codes = sorted(self.organisations, key=lambda c: sort_key(c, self.lang))
        if not codes:
            out += [self.l("no_organisations"), ""]
        out += link_row([f"[{jurisdiction_name(c, self.lang)}](#{c.lower()})" for c in codes])
        for code in codes:
            name = jurisdiction_name(code, self.lang)
            heading = f"[{escape_link_text(name)}]({link(path, jurisdiction_path(code))})" if code in self.atlas.by_jurisdiction else name
            out += [f"## {heading} {{#{code.lower()}}}", ""]
            out += [str(organisation_block(item.organisation, self.lang)) for item in self.organisations[code]]
            out.append("")
        return Page(path=path, title=self.l("help"), markdown="\n".join(out), kind="help")


QUESTIONS = (("where", "quiz_where", "place", PLACES), ("stage", "quiz_stage", "stage", STAGES),
             ("citizenship", "quiz_citizenship", "citizenship", CITIZENSHIPS))
