"""Applications and complaints to fill in offline (`templates/<id>.yaml`) as pages: what the document is for, who
files it, to whom and by when, its fields with their help and basis, the document itself with the fields in place
(blank lines to fill in by hand without a script; filled in as the reader types with one), what to attach, how to
hand it in and what follows, and the entries and sources it rests on.
"""

from __future__ import annotations

from markupsafe import Markup

from kb_builder.content.schema import Guide, Template, split_ref, template_fields
from kb_builder.pages import html
from kb_builder.pages.atlas import PRINTED_MARK, Atlas, Page
from kb_builder.pages.markdown import admonition, attributes, block, escape_link_text, heading
from kb_builder.pages.paths import TEMPLATES_DOSSIER, TEMPLATES_PAGE, entry_path, guide_path, link, page_url, template_path
from kb_builder.pages.references import References

#: How a blank looks in print and without a script.
BLANK = "_" * 24


def document_html(template: Template) -> Markup:
    """The document's text with a blank (a span the page's script fills in) wherever it names a field; paragraphs
    at blank lines, line breaks kept."""
    types = {field.id: field.type for field in template.fields}
    paragraphs = []
    for paragraph in template.document.strip().split("\n\n"):
        lines = []
        for line in paragraph.strip("\n").split("\n"):
            pieces, start = [], 0
            for name, offset in template_fields(line):
                pieces.append({"text": line[start:offset], "field": None})
                blank = BLANK * 3 if types.get(name) == "longtext" else BLANK
                pieces.append({"text": "", "field": name, "blank": blank})
                start = offset + len(name) + 2
            pieces.append({"text": line[start:], "field": None})
            lines.append(pieces)
        paragraphs.append(lines)
    lang = template.language if template.language != "other" else ""
    return html.render("document.html", paragraphs=paragraphs, lang=lang)


class DocumentPages:
    """The pages of the templates of one language."""

    def __init__(self, atlas: Atlas, templates: list[Template], guides: list[Guide]):
        self.atlas = atlas
        self.lang = atlas.lang
        self.templates = sorted(templates, key=lambda t: atlas.text(t.title).casefold())
        self.refs = References(atlas)
        #: The guides whose steps use each template, in the guides' order.
        self.used_in: dict[str, list[Guide]] = {t.id: [] for t in templates}
        for guide in guides:
            for step in guide.steps:
                for template_id in step.templates:
                    if template_id in self.used_in and guide not in self.used_in[template_id]:
                        self.used_in[template_id].append(guide)

    def l(self, key: str, **values: str) -> str:  # noqa: E743 - as in Atlas
        return self.atlas.l(key, **values)

    def text(self, value) -> str:  # type: ignore[no-untyped-def]
        return " ".join(self.atlas.text(value).split())

    def pages(self) -> list[Page]:
        """Every template's page, their list (also in an atlas with none yet), and every blank template on one
        page for printing."""
        pages = [self.template_page(t) for t in self.templates] + [self.index_page()]
        if self.templates:
            pages.append(self.dossier_page())
        return pages

    def field_basis(self, path: str, refs: list[str]) -> Markup:
        """'Basis: <entry (part)>' as HTML links, for a field's help inside the fields' block."""
        links = []
        for ref in refs:
            entry_id, anchor = split_ref(ref)
            entry = self.atlas.by_id[entry_id]
            href = page_url(link(path, entry_path(entry))) + (f"#{anchor}" if anchor else "")
            name = self.atlas.text(entry.title) + (f" ({self.refs.part_name(entry, anchor)})" if anchor else "")
            links.append(html.link(href, name))
        return Markup("{}: {}").format(self.l("based_on"), Markup("; ").join(links))

    def citations(self, template: Template) -> str:
        """The laws the template rests on, by short name and article, for the foot of the printed document."""
        names = []
        for entry in self.refs.entries(template.refs()):
            names += [self.atlas.ground_name(basis) for basis in entry.legal_basis if basis.kind == "law"]
        return "; ".join(dict.fromkeys(names))

    def template_markdown(self, template: Template, path: str, *, level: int = 1, anchor: str | None = None) -> list[str]:
        hh = "#" * (level + 1)
        prefix = f"{template.id}-" if anchor else ""
        out = [heading(level, self.atlas.text(template.title), anchor), ""]
        out += block("kb-meta", [f"**{self.l('last_reviewed')}:** {self.atlas.day(template.last_reviewed)}", "",
                                 self.l("template_notice_short"), attributes("kb-notice")])
        out += [self.text(template.purpose), attributes("kb-in-short"), ""]
        out += [
            f"- **{self.l('template_who')}:** {self.text(template.who)}",
            f"- **{self.l('template_to')}:** {self.text(template.to)}",
            f"- **{self.l('by_when')}:** {self.text(template.deadline.text)}  ",
            f"  {self.refs.backing(path, template.deadline.backed_by)}",
            f"- **{self.l('template_language')}:** {self.l('lang_' + template.language) if template.language in ('en', 'ru') else template.language}",
            "",
        ]
        fields = [
            {
                "id": field.id,
                "type": field.type,
                "required": field.required,
                "label": self.atlas.text(field.label),
                "help": self.text(field.help),
                "choices": [{"value": c.value, "text": c.text, "label": self.atlas.text(c.label)} for c in field.choices],
                "basis": self.field_basis(path, field.backed_by) if field.backed_by else None,
            }
            for field in template.fields
        ]
        out += [f"{hh} {self.l('template_fill')} {{#{prefix}fill}}", "", self.l("template_fill_intro"), ""]
        out += [str(html.render("document_fields.html", fields=fields, optional=self.l("optional"))), ""]
        out += [f"{hh} {self.l('template_document')} {{#{prefix}document}}", ""]
        out += [str(document_html(template)), ""]
        citations = self.citations(template)
        if citations:
            out += [f"{self.l('legal_basis')}: {escape_link_text(citations)}", attributes("kb-document__basis"), ""]
        if template.attachments:
            out += [f"{hh} {self.l('template_attachments')} {{#{prefix}attachments}}", ""]
            out += [f"- {self.text(item)}" for item in template.attachments]
            out.append("")
        out += [f"{hh} {self.l('template_hand_in')} {{#{prefix}hand-in}}", "", self.text(template.hand_in), ""]
        out += [f"{hh} {self.l('template_next')} {{#{prefix}next}}", "", self.text(template.next), ""]
        guides = self.used_in.get(template.id, [])
        if guides and level == 1:
            out += [f"{hh} {self.l('template_used_in')} {{#{prefix}guides}}", ""]
            out += [f"- [{escape_link_text(self.atlas.text(g.title))}]({link(path, guide_path(g.id))})" for g in guides]
            out.append("")
        out += [f"{hh} {self.l('guide_sources')} {{#{prefix}sources}}", ""]
        out += self.refs.sources(path, template.refs())
        out += admonition("info", "kb-notice", self.l("notice_title"),
                          self.l("template_notice", date=self.atlas.day(template.last_reviewed)))
        out += self.atlas.review_block(template)
        return out

    def template_page(self, template: Template) -> Page:
        path = template_path(template.id)
        out = self.template_markdown(template, path) + [PRINTED_MARK, ""]
        return Page(path=path, title=self.atlas.text(template.title), markdown="\n".join(out), kind="template")

    def index_page(self) -> Page:
        path = TEMPLATES_PAGE
        out = [f"# {self.l('templates')}", "", self.l("templates_intro"), ""]
        for template in self.templates:
            out += [f"- [{escape_link_text(self.atlas.text(template.title))}]({link(path, template_path(template.id))}): "
                    f"{self.text(template.purpose)}"]
        out.append("")
        if self.templates:
            out += block("kb-print-all", [f"[{self.l('print_templates')}]({link(path, TEMPLATES_DOSSIER)})"])
        else:
            out += [self.l("no_templates"), ""]
        return Page(path=path, title=self.l("templates"), markdown="\n".join(out), kind="templates")

    def dossier_page(self) -> Page:
        """Every template, blank, on one page: to print and fill in by hand (and the PDF)."""
        path = TEMPLATES_DOSSIER
        return self.atlas.printable_page(path, self.l("templates_dossier_title"), [
            (t.id, self.atlas.text(t.title), self.template_markdown(t, path, level=2, anchor=t.id)) for t in self.templates
        ])

    # -- search ------------------------------------------------------------------------------------------------

    def search_fields(self, template: Template) -> dict[str, str]:
        return {"title": self.atlas.text(template.title), "summary": self.text(template.purpose),
                "facts": self.text(template.deadline.text)}
