"""The thin mkdocs layer: entries in, virtual pages out (`plugins: [kb]`).

All content decisions live in the renderer-independent packages (`content`, `pages`, `search`);
this plugin only adds their pages and assets to mkdocs with `File.generated`, sets the navigation,
sanitises the HTML of pages that carry authored text, keeps what is not used offline out of the
site, and writes the search index after the build.
"""

from __future__ import annotations

import fnmatch
import html
import json
import posixpath
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from kb_builder.search import browser_index
from kb_builder.content.baseline import load_baselines
from kb_builder.build_info import build_date
from kb_builder.content.glossary import load_glossary
from kb_builder.pages.labels import LANGUAGE_NAMES, count_forms, label, sentence
from kb_builder.content.loader import load_entries
from kb_builder.mkdocs_plugin.config import KbConfig
from kb_builder.pages import html as fragments
from kb_builder.pages.atlas import Atlas, Page
from kb_builder.pages.paths import HOME_PAGE
from kb_builder.content.problems import EntryErrors
from kb_builder.pages.sanitize import sanitize_html
from kb_builder.content.schema import LANGUAGES
from kb_builder.pages.world import World, baseline_codes

log = get_plugin_logger(__name__)

#: The atlas's overrides of the theme's templates, registered by the plugin (so that an installed package
#: works without a repository-relative custom_dir).
THEME_DIR = Path(__file__).resolve().parent / "theme"

#: Theme files the site never uses: the theme's scripts (pages load none of them, see
#: kb_builder/mkdocs_plugin/theme/main.html; the atlas has its own offline search), source maps, the colour palettes
#: (the atlas has one), and the sitemap and 404 page that need a server.
UNUSED_THEME_FILES = ("assets/javascripts/*", "*.map", "assets/stylesheets/palette.*", "sitemap.xml", "404.html")
#: The atlas's styles (theme touches, search box, print), as one stylesheet.
SITE_STYLE = "assets/kb/kb.css"
#: The atlas's script on every page: search, the printed-on date and the cue on wide tables, with their
#: labels (one file, so that a page waits for one script, not several).
SITE_SCRIPT = "assets/kb/kb.js"
SEARCH_ENGINE = "assets/kb/search-engine.js"
#: Sorting and filtering of comparison tables, only on the pages that have them.
COMPARE_SCRIPT = "assets/kb/kb-compare.js"
#: Scripts that only some kinds of page need, by the kind of page (set in page.meta["kb_scripts"] and
#: placed by kb_builder/mkdocs_plugin/theme/main.html).
PAGE_SCRIPTS = {"compare": (COMPARE_SCRIPT,)}
#: The theme marks its toggle checkboxes autocomplete="off", which HTML allows only on text-like inputs.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input[^>]*\btype="checkbox"[^>]*?) autocomplete="off"')
#: An address shown as its own link text (<https://...>) gets this class, so print does not repeat it.
_URL_LINK = re.compile(r'<a href="(?P<url>[^"]+)"(?P<rest>[^>]*)>(?P=url)</a>')
#: Every table, so that it can be wrapped in a container that scrolls sideways on a narrow screen.
_TABLE = re.compile(r"<table\b.*?</table>", re.S)


def wrap_tables(html_text: str, region_label: str) -> str:
    """Each table inside a container that scrolls sideways when the table is wider than the screen (the page
    itself never does), focusable and named so that a keyboard can scroll it too."""
    return _TABLE.sub(lambda m: fragments.render("table_region.html", label=region_label, table=Markup(m.group(0))), html_text)


class KbPlugin(BasePlugin[KbConfig]):
    def __init__(self) -> None:
        self.atlas: Atlas | None = None
        self.generated: dict[str, Page] = {}  # src path -> the page made from the entries (title, kind)
        self.search_documents: list[browser_index.SearchDocument] = []
        self.root = Path(".")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_DIR))
        result = load_entries(self.root / self.config.entries)
        if result.problems:
            raise PluginError("invalid entries, nothing was built:\n" + "\n".join(str(p) for p in result.problems))
        entries = [item.entry for item in result.entries]
        lang = self.config.language
        for entry in entries:
            if lang in entry.missing_languages():
                log.warning("entry %s has no '%s' text yet; the page shows the English text with a notice", entry.id, lang)
        try:
            glossary = load_glossary()
        except EntryErrors as err:
            raise PluginError("invalid glossary, nothing was built:\n" + str(err)) from None
        baselines = load_baselines()
        self.atlas = Atlas(
            entries, lang, today=build_date(self.root), glossary=glossary,
            baseline_codes=frozenset(baseline_codes(entries, baselines)),
        )
        self.world = World(self.atlas, baselines)
        config.extra["kb_language"] = lang
        # Every page says when this copy was built; its script compares that with the reader's clock.
        config.extra["kb_built_iso"] = self.atlas.today.isoformat()
        config.extra["kb_copy_built"] = label("copy_built", lang, date=self.atlas.day(self.atlas.today))
        config.extra["kb_stale_title"] = label("stale_title", lang)
        config.extra["kb_stale"] = label("stale", lang)
        # A site opened from disk has no server to serve a 404 page or to fetch a sitemap from.
        config.theme.static_templates.discard("sitemap.xml")
        config.theme.static_templates.discard("404.html")
        built_on = f"{label('built_on', lang)} {self.atlas.day(self.atlas.today)}"
        config.copyright = html.escape(f"{sentence(built_on)} {label('notice_short', lang)}")
        # The interface in the page's language: a site name short enough for a phone's header (it also ends
        # every page title), the heading anchors' tooltip, and no theme credit line in the footer.
        config.site_name = label("site_name", lang)
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = label("permalink", lang)
        config.extra["generator"] = False
        # Truthy so that the theme's header shows its language switch (partials/alternate.html, overridden
        # in kb_builder/mkdocs_plugin/theme), but not a list, so that the theme adds no <link rel=alternate> whose
        # sitemap its script would try to fetch.
        config.extra["alternate"] = True
        config.extra_css += [SITE_STYLE]
        config.extra_javascript += [SITE_SCRIPT]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.atlas is not None
        for file in list(files):
            if not file.generated_by and any(fnmatch.fnmatch(file.src_uri, p) for p in UNUSED_THEME_FILES):
                files.remove(file)
        self.generated = {}
        pages = self.atlas.pages() + self.world.pages()
        for page in pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"docs/{page.path} clashes with a page generated from the entries (rename it)")
            files.append(File.generated(config, page.path, content=page.markdown))
            self.generated[page.path] = page
        missing = [p for p in self.config.about if files.get_file_from_path(p) is None]
        if missing:
            raise PluginError(f"plugins.kb.about names pages that are not in {config.docs_dir}: {', '.join(missing)}")
        compare = [(page.title, page.path) for page in pages if page.kind == "compare"]
        config.nav = self.atlas.nav(list(self.config.about), compare)

        lang = self.config.language
        try:
            modules = browser_index.node_modules(self.root)
        except browser_index.SearchUnavailable as err:
            raise PluginError(str(err)) from None
        for path, content in self._assets(modules, lang).items():
            files.append(File.generated(config, path, content=content))
        self.modules = modules
        self.search_documents = []
        return files

    def _assets(self, modules: Path, lang: str) -> dict[str, str]:
        """The atlas's own scripts and styles, with their interface labels in this language."""

        def read(name: str) -> str:
            return (browser_index.ASSETS / name).read_text(encoding="utf-8")

        def labels(variable: str, keys: dict[str, str], counts: dict[str, str] | None = None) -> str:
            words: dict[str, object] = {name: label(key, lang) for name, key in keys.items()}
            words.update({name: count_forms(noun, lang) for name, noun in (counts or {}).items()})
            return f"window.{variable} = {json.dumps({lang: words}, ensure_ascii=False, sort_keys=True)};\n"

        tablesort = modules / "tablesort" / "dist"
        return {
            SITE_SCRIPT: labels("__kbSearchLabels", {k: f"search_{k}" for k in browser_index.LABELS}, {"results": "results"})
            + labels("__kbPrintLabels", {"printed": "printed_on"})
            + labels("__kbTableLabels", {"scroll": "table_scroll"})
            + read("kb-search.js")
            + read("kb-print.js")
            + read("kb-tables.js")
            + read("kb-age.js"),
            SEARCH_ENGINE: browser_index.engine_script(modules),
            COMPARE_SCRIPT: labels("__kbCompareLabels", {"filter": "filter"})
            + (tablesort / "tablesort.min.js").read_text(encoding="utf-8")
            + "\n;\n"
            + (tablesort / "sorts" / "tablesort.number.min.js").read_text(encoding="utf-8")
            + "\n;\n"
            + read("kb-compare.js"),
            SITE_STYLE: "\n".join(read(name) for name in ("kb-theme.css", "kb-search.css", "kb-print.css")),
        }

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        assert self.atlas is not None
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            # Themes print the title unescaped (and material's `striptags` unescapes it again), so the
            # title an author wrote is handed over HTML-escaped; `meta.title` takes precedence everywhere.
            page.meta["title"] = html.escape(generated.title)
            page.meta["kb_scripts"] = PAGE_SCRIPTS.get(generated.kind, ())
            if generated.kind == "dossier":
                # A dossier opens with its own table of contents; the theme's, beside it, would list every
                # heading of every entry and make the theme lay out the whole page to follow the reader.
                page.meta["hide"] = ["toc"]
        if page.file.src_uri == HOME_PAGE:
            return markdown.rstrip() + "\n" + self.atlas.home_fragment()
        return markdown

    def on_page_content(self, html_text: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        assert self.atlas is not None
        src = page.file.src_uri
        generated = self.generated.get(src)
        if generated is not None:
            html_text = _URL_LINK.sub(r'<a class="kb-url" href="\g<url>"\g<rest>>\g<url></a>', sanitize_html(html_text))
        html_text = wrap_tables(html_text, label("table_region", self.config.language))
        if generated is not None and generated.kind == "dossier":
            # Dossiers repeat their entries for printing; search finds the entries themselves.
            return html_text
        body = browser_index.html_text(html_text)
        entry = self.atlas.entry_at(src)
        title = generated.title if generated is not None else html.unescape(page.title or "")
        bridge = browser_index.glossary_bridge(body, self.atlas.glossary)
        weight = 1.0
        if entry is not None:
            fields = {**self.atlas.search_fields(entry), "glossary": bridge, "body": body}
            meta, snippet = self.atlas.search_meta(entry), self.atlas.text(entry.summary)
        else:
            fields, meta, snippet = {"title": title, "glossary": bridge, "body": body}, "", body
            if generated is not None:
                weight = browser_index.LISTING_WEIGHT
        self.search_documents.append(
            browser_index.SearchDocument(
                url=page.file.dest_uri,
                title=title,
                meta=meta,
                snippet=browser_index.shorten(snippet),
                fields=fields,
                weight=weight,
            )
        )
        return html_text

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)

    def on_page_context(self, context: dict, *, page: MkPage, config: MkDocsConfig, nav: object) -> dict:
        here = page.file.dest_uri
        context["kb_alternates"] = [
            {
                "lang": lang,
                "name": LANGUAGE_NAMES[lang],
                "current": lang == self.config.language,
                "href": posixpath.relpath(f"../{lang}/{here}", posixpath.dirname(here) or "."),
            }
            for lang in LANGUAGES
        ]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        documents = sorted(self.search_documents, key=lambda d: d.url)
        try:
            scripts = browser_index.build_index(documents, self.config.language, self.modules)
        except browser_index.SearchUnavailable as err:
            raise PluginError(str(err)) from None
        size = 0
        for path, script in scripts.items():
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            size += target.write_bytes(script.encode("utf-8"))
        log.info("search index: %d pages, %d files, %d bytes", len(documents), len(scripts), size)
