"""One language of the site, for any renderer: the pages generated from the entries, the navigation, the
site's settings, the atlas's own scripts and styles, the finishing of each page's HTML and its search document.

The mkdocs plugin (`kb_builder/mkdocs_plugin/plugin.py`) hands these to mkdocs hook by hook; `kb export`
(`export.py`) writes them out as a plain docs tree. Both take every decision from here.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Any

from markupsafe import Markup

from kb_builder import signing
from kb_builder.build_info import build_date
from kb_builder.content.baseline import load_baselines
from kb_builder.content.glossary import load_glossary
from kb_builder.content.cases import CASES_FOLDER
from kb_builder.content.contacts import CONTACTS_FOLDER
from kb_builder.content.guides import GUIDES_FOLDER
from kb_builder.content.loader import load_entries
from kb_builder.content.releases import RELEASES_FILE
from kb_builder.content.templates import TEMPLATES_FOLDER
from kb_builder.content.problems import EntryErrors
from kb_builder.content.schema import CASE_STATUSES, LANGUAGES, LEGAL_POINTS, OUTCOMES, Release
from kb_builder.pages import html as fragments
from kb_builder.pages.atlas import Atlas, Page
from kb_builder.pages.cases import CasePages
from kb_builder.pages.changes import changes_page
from kb_builder.pages.documents import DocumentPages
from kb_builder.pages.guides import QUESTIONS, GuidePages
from kb_builder.pages.labels import LANGUAGE_NAMES, count_forms, label, sentence
from kb_builder.pages.paths import HOME_PAGE
from kb_builder.pages.sanitize import sanitize_html
from kb_builder.pages.world import World, baseline_codes
from kb_builder.search import browser_index
from kb_builder.search import documents as search_documents

#: The atlas's overrides of the theme's templates (Material for MkDocs and the renderers that read its
#: templates): the page without the theme's script, the copy's age, the language switch, the contents' title.
THEME_DIR = Path(__file__).resolve().parent / "theme"

#: What a live preview watches besides the entries folder and the docs: the folders and files beside the entries
#: (guides, templates, court decisions, the directory, the releases) and the atlas's data (glossary, source policy).
WATCHED = (GUIDES_FOLDER, TEMPLATES_FOLDER, CASES_FOLDER, CONTACTS_FOLDER, RELEASES_FILE)
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: Theme files the site never uses: the theme's scripts (pages load none of them, see theme/main.html; the atlas
#: has its own offline search), source maps, the colour palettes (the atlas has one), and the sitemap and 404
#: page that need a server.
UNUSED_THEME_FILES = ("assets/javascripts/*", "*.map", "assets/stylesheets/palette.*", "sitemap.xml", "404.html")
#: Templates of the theme that need a server.
SERVER_TEMPLATES = ("sitemap.xml", "404.html")
#: The atlas's styles (theme touches, search box, print), as one stylesheet.
SITE_STYLE = "assets/kb/kb.css"
#: The atlas's script on every page: search, the printed-on date, wide tables and the copy's age, with their
#: labels (one file, so that a page waits for one script, not several).
SITE_SCRIPT = "assets/kb/kb.js"
#: Sorting and filtering of comparison tables, only on the pages that have them.
COMPARE_SCRIPT = "assets/kb/kb-compare.js"
#: "What applies to me": its questions, answers and script, only on its page.
QUIZ_SCRIPT = "assets/kb/kb-quiz.js"
#: Filling in a template of an application: only on the templates' pages.
FORM_SCRIPT = "assets/kb/kb-form.js"
#: Filtering the table of all court decisions: only on its page.
CASES_SCRIPT = "assets/kb/kb-cases.js"
#: Scripts that only some kinds of page need, by the kind of page (page meta `kb_scripts`, placed by
#: theme/main.html).
PAGE_SCRIPTS = {"compare": (COMPARE_SCRIPT,), "quiz": (QUIZ_SCRIPT,), "template": (FORM_SCRIPT,),
                "cases": (COMPARE_SCRIPT, CASES_SCRIPT)}
#: An address shown as its own link text (<https://...>) gets this class, so print does not repeat it.
_URL_LINK = re.compile(r'<a href="(?P<url>[^"]+)"(?P<rest>[^>]*)>(?P=url)</a>')
#: Every table, so that it can be wrapped in a container that scrolls sideways on a narrow screen.
_TABLE = re.compile(r"<table\b.*?</table>", re.S)


@cache
def release_version() -> str:
    """The version of this copy: the package's (looked up once: every page's Markdown asks for it)."""
    return version("rights-atlas")


class SiteError(Exception):
    """The entries, glossary or scripts of the site are not usable; the message says why."""


def wrap_tables(html_text: str, region_label: str) -> str:
    """Each table inside a container that scrolls sideways when the table is wider than the screen (the page
    itself never does), focusable and named so that a keyboard can scroll it too."""
    return _TABLE.sub(lambda m: fragments.render("table_region.html", label=region_label, table=Markup(m.group(0))), html_text)


@dataclass
class LanguageSite:
    """Everything one language of the site is made of, besides the hand-written pages in docs/<lang>/."""

    lang: str
    atlas: Atlas
    world: World
    guides: GuidePages
    documents: DocumentPages
    cases: CasePages
    modules: Path
    about: list[str]
    #: The key releases are signed with, and the releases so far (for "What changed").
    key: signing.PublicKey
    releases: list[Release]
    #: Entries without this language's text (their pages show the English text with a notice).
    untranslated: list[str] = field(default_factory=list)
    #: For a live preview (`kb serve`): the problems of the files left out, shown at the top of every page.
    problems: list[str] = field(default_factory=list)
    #: A live preview (`kb serve`), which makes dossiers once, when it starts (`preview_digest`).
    preview: bool = False
    #: The text of each page both searches index alike, as the site rendered it, by Markdown path (`search_document`).
    _rendered_texts: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def load(cls, root: Path, entries_dir: Path, lang: str, about: list[str], *, preview: bool = False) -> LanguageSite:
        """Read the entries, glossary and baseline for one language; `root` is the folder of the site's
        configuration (for the build date and node_modules). An invalid file stops the build, but in a `preview`
        it is left out and its problems are shown on every page."""
        root = root.resolve()
        result = load_entries(entries_dir)
        if result.problems and not preview:
            raise SiteError("invalid entries, nothing was built:\n" + "\n".join(str(p) for p in result.problems))
        entries = [item.entry for item in result.entries]
        try:
            glossary = load_glossary()
        except EntryErrors as err:
            raise SiteError("invalid glossary, nothing was built:\n" + str(err)) from None
        try:
            modules = browser_index.node_modules(root)
        except browser_index.SearchUnavailable as err:
            raise SiteError(str(err)) from None
        baselines = load_baselines()
        atlas = Atlas(entries, lang, today=build_date(root), glossary=glossary,
                      baseline_codes=frozenset(baseline_codes(entries, baselines)), organisations=result.organisations,
                      cases=result.cases)
        untranslated = [entry.id for entry in entries if lang in entry.missing_languages()]
        try:
            key = signing.release_key()
        except signing.SigningError as err:
            raise SiteError(str(err)) from None
        guides = GuidePages(atlas, result.guides, result.templates)
        documents = DocumentPages(atlas, result.templates, result.guides)
        cases = CasePages(atlas, result.cases)
        return cls(lang, atlas, World(atlas, baselines), guides, documents, cases, modules, list(about), key,
                   result.releases, untranslated, [str(p) for p in result.problems], preview)

    # -- Pages and navigation ----------------------------------------------------------------------------------

    @cached_property
    def pages(self) -> list[Page]:
        """Every page generated from the entries and the baseline, with its path, title and kind."""
        return (self.atlas.pages() + self.world.pages() + self.guides.pages() + self.documents.pages()
                + self.cases.pages() + [changes_page(self.atlas, self.releases)])

    @cached_property
    def _by_path(self) -> dict[str, Page]:
        return {page.path: page for page in self.pages}

    def generated(self, path: str) -> Page | None:
        """The generated page at this Markdown path, or None for a hand-written page."""
        return self._by_path.get(path)

    def nav(self) -> list[object]:
        compare = [(page.title, page.path) for page in self.pages if page.kind == "compare"]
        return self.atlas.nav(self.about, compare)

    def page_meta(self, path: str) -> dict[str, Any]:
        """What a generated page tells the theme: its title (HTML-escaped, because themes print the title
        unescaped), the scripts only its kind needs, and for a dossier no second table of contents (it opens
        with its own; the theme's would list every heading of every entry)."""
        page = self.generated(path)
        if page is None:
            return {}
        meta: dict[str, Any] = {"title": html.escape(page.title), "kb_scripts": list(PAGE_SCRIPTS.get(page.kind, ()))}
        if page.kind == "dossier":
            meta["hide"] = ["toc"]
        return meta

    def page_markdown(self, path: str, markdown: str) -> str:
        """A hand-written page's Markdown as the site shows it: the release's facts in place of their tokens
        (`{{ release_key }}`, `{{ release_key_id }}`, `{{ version }}`); the home page starts with the situations,
        right under its title, and ends with the atlas's overview."""
        for token, value in (("{{ release_key }}", self.key.line), ("{{ release_key_id }}", self.key.id_hex),
                             ("{{ version }}", release_version())):
            markdown = markdown.replace(token, value)
        return self.problems_notice + self._dossier_notice(path) + self._with_home(path, markdown)

    def preview_digest(self, page: Page) -> str:
        """In a live preview, what decides whether a generated page is rendered again after a save: its Markdown
        and the problems notice. A dossier repeats every entry of its country (or every guide, or every form) for
        printing and takes the longest to render, so a preview renders it when it starts and again only when the
        problems notice changes; the dossier says so at its top (`_dossier_notice`)."""
        markdown = "" if page.kind == "dossier" else page.markdown
        return hashlib.sha256((markdown + "\0" + self.problems_notice).encode("utf-8")).hexdigest()

    def _dossier_notice(self, path: str) -> str:
        page = self.generated(path)
        if not self.preview or page is None or page.kind != "dossier":
            return ""
        return str(fragments.render("preview_dossier.html", text=label("preview_dossier", self.lang))) + "\n\n"

    @cached_property
    def problems_notice(self) -> str:
        """In a live preview with invalid files: their problems, at the top of the page (nothing otherwise)."""
        if not self.problems:
            return ""
        return str(fragments.render("preview_problems.html", title=label("preview_problems", self.lang),
                                    problems=self.problems)) + "\n\n"

    def _with_home(self, path: str, markdown: str) -> str:
        if path != HOME_PAGE:
            return markdown
        situations = self.guides.home_fragment(path)
        head, _, rest = markdown.partition("\n")
        if situations and head.startswith("# "):
            markdown = head + "\n\n" + situations + rest
        return markdown.rstrip() + "\n" + self.atlas.home_fragment()

    # -- Settings -----------------------------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        """The site-wide settings in this language: the site's name (short enough for a phone's header; it also
        ends every page title), the footer line, the heading anchors' tooltip, and what the theme overrides
        read (the copy's build date and age notice, the language switch)."""
        today = self.atlas.day(self.atlas.today)
        built_on = f"{label('built_on', self.lang)} {today}"
        return {
            "site_name": label("site_name", self.lang),
            "copyright": html.escape(f"{sentence(built_on)} {label('notice_short', self.lang)}"),
            "permalink_title": label("permalink", self.lang),
            "extra": {
                "kb_language": self.lang,
                "kb_languages": [{"lang": lang, "name": LANGUAGE_NAMES[lang]} for lang in LANGUAGES],
                "kb_built_iso": self.atlas.today.isoformat(),
                "kb_copy_built": label("copy_built", self.lang, date=today, version=release_version(), key_id=self.key.id_hex),
                "kb_stale_changes": label("stale_changes", self.lang),
                "kb_stale_title": label("stale_title", self.lang),
                "kb_stale": label("stale", self.lang),
                # No theme credit line in the footer.
                "generator": False,
                # Truthy so that the theme's header shows its language switch (theme/partials/alternate.html),
                # but not a list, so that the theme adds no <link rel=alternate> whose sitemap its script would
                # try to fetch.
                "alternate": True,
            },
            "extra_css": [SITE_STYLE],
            "extra_javascript": [SITE_SCRIPT],
        }

    # -- Assets -------------------------------------------------------------------------------------------------

    def assets(self) -> dict[str, str]:
        """The atlas's own scripts and styles, with their interface labels in this language."""
        lang = self.lang

        def read(name: str) -> str:
            return (browser_index.ASSETS / name).read_text(encoding="utf-8")

        def labels(variable: str, keys: dict[str, str], counts: dict[str, str] | None = None) -> str:
            words: dict[str, object] = {name: label(key, lang) for name, key in keys.items()}
            words.update({name: count_forms(noun, lang) for name, noun in (counts or {}).items()})
            return f"window.{variable} = {json.dumps({lang: words}, ensure_ascii=False, sort_keys=True)};\n"

        tablesort = self.modules / "tablesort" / "dist"
        return {
            SITE_SCRIPT: browser_index.COMPILE_EAGERLY
            + labels("__kbSearchLabels", {k: f"search_{k}" for k in browser_index.LABELS}, {"results": "results"})
            + labels("__kbPrintLabels", {"printed": "printed_on"})
            + labels("__kbTableLabels", {"scroll": "table_scroll", "region": "table_region"})
            + read("kb-search.js")
            + read("kb-print.js")
            + read("kb-tables.js")
            + read("kb-age.js"),
            COMPARE_SCRIPT: labels("__kbCompareLabels", {"filter": "filter"})
            + (tablesort / "tablesort.min.js").read_text(encoding="utf-8")
            + "\n;\n"
            + (tablesort / "sorts" / "tablesort.number.min.js").read_text(encoding="utf-8")
            + "\n;\n"
            + read("kb-compare.js"),
            FORM_SCRIPT: labels("__kbFormLabels", {"print": "print_document", "choose": "choose"}) + read("kb-form.js"),
            CASES_SCRIPT: f"window.__kbCases = {json.dumps({lang: self.case_filters()}, ensure_ascii=False, sort_keys=True)};\n"
            + read("kb-cases.js"),
            QUIZ_SCRIPT: f"window.__kbQuiz = {json.dumps({lang: self.quiz_questions()}, ensure_ascii=False, sort_keys=True)};\n"
            + read("kb-quiz.js"),
            SITE_STYLE: "\n".join(read(name) for name in ("kb-theme.css", "kb-search.css", "kb-print.css")),
        }

    def quiz_questions(self) -> dict[str, object]:
        """The questions of "what applies to me", each with its answers, and the words of the page's script."""
        return {
            "questions": [
                {"name": name, "label": label(key, self.lang),
                 "answers": [{"value": value, "label": label(f"{prefix}:{value}", self.lang)} for value in values]}
                for name, key, prefix, values in QUESTIONS
            ],
            "any": label("quiz_any", self.lang),
            "reset": label("quiz_reset", self.lang),
            "count": count_forms("guides", self.lang),
        }

    def case_filters(self) -> dict[str, object]:
        """The filters of the table of decisions, each with the names of its values, and the words of its script."""
        return {
            "filters": [{"name": name, "label": label(key, self.lang)} for name, key in
                        (("court", "case_court"), ("year", "case_year"), ("status", "case_profile"),
                         ("outcome", "case_outcome"), ("point", "case_points"))],
            "values": {name: {value: label(f"{prefix}:{value}", self.lang) for value in values}
                       for name, prefix, values in (("status", "case_status", CASE_STATUSES),
                                                    ("outcome", "case_outcome", OUTCOMES),
                                                    ("point", "case_point", LEGAL_POINTS))},
            "any": label("cases_any", self.lang),
            "shown": label("cases_shown", self.lang),
        }

    @staticmethod
    def unused_theme_file(path: str) -> bool:
        return any(fnmatch.fnmatch(path, pattern) for pattern in UNUSED_THEME_FILES)

    # -- Each page's HTML and its search document ---------------------------------------------------------------

    def finish_html(self, path: str, html_text: str) -> str:
        """A page's HTML as the site shows it: generated pages sanitised (entries can never inject code) with
        bare addresses marked, and every table in a container that scrolls sideways."""
        if self.generated(path) is not None:
            html_text = _URL_LINK.sub(r'<a class="kb-url" href="\g<url>"\g<rest>>\g<url></a>', sanitize_html(html_text))
        return wrap_tables(html_text, label("table_region", self.lang))

    def search_document(self, path: str, url: str, html_text: str, title: str) -> browser_index.SearchDocument | None:
        """What the browser's search knows of a page, from its finished HTML; None for a dossier (it repeats its
        entries for printing, and search finds the entries themselves) and for an entry, a guide, a form or a
        decision, whose text is kept for the fields `kb search` indexes too (`indexed_pages`), so that both rank
        them alike and `search_index` adds them. `path` is the page's Markdown path, `url` its HTML path, `title`
        the title the renderer gave it (for hand-written pages)."""
        generated = self.generated(path)
        if generated is not None and generated.kind == "dossier":
            return None
        body = search_documents.html_text(html_text)
        if generated is not None and generated.kind in search_documents.INDEXED_KINDS:
            self._rendered_texts[path] = body
            return None
        title = generated.title if generated is not None else title
        bridge = search_documents.glossary_bridge(body, self.atlas.glossary)
        weight = browser_index.LISTING_WEIGHT if generated is not None else 1.0
        return browser_index.SearchDocument(
            url=url, title=title, meta="", snippet=browser_index.shorten(body),
            fields={"title": title, "glossary": bridge, "body": body}, weight=weight,
        )

    @cached_property
    def indexed_pages(self) -> list[search_documents.Indexed]:
        """The pages both searches index alike (entries, guides, forms, decisions), in the order of their
        addresses (as the browser numbers them), with the texts of those the site has rendered (`search_document`;
        the others are rendered here). Asked once the site's pages are rendered."""
        return search_documents.indexed_pages(self.atlas, self.guides, self.documents, self.cases, self._rendered_texts)

    def search_index(self, documents: list[browser_index.SearchDocument]) -> dict[str, str]:
        """The browser's index of these pages and of the pages both searches index alike (`indexed_pages`), as
        scripts named by their path inside the site."""
        documents = documents + [dataclasses.replace(page.document, snippet=browser_index.shorten(page.document.snippet))
                                 for page in self.indexed_pages]
        try:
            return browser_index.build_index(sorted(documents, key=lambda d: d.url), self.lang, self.modules)
        except browser_index.SearchUnavailable as err:
            raise SiteError(str(err)) from None
