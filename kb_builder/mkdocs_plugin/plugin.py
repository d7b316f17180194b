"""The thin mkdocs layer: entries in, virtual pages out (`plugins: [kb]`).

Every decision lives in `kb_builder.site.language.LanguageSite` (and the layers below it); the hooks, in the
order mkdocs calls them, only hand its pages, settings, assets, finished HTML and search index to mkdocs.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from kb_builder.mkdocs_plugin.config import KbConfig
from kb_builder.search.browser_index import SearchDocument
from kb_builder.site.language import DATA_DIR, SERVER_TEMPLATES, THEME_DIR, WATCHED, LanguageSite, SiteError

log = get_plugin_logger(__name__)

#: In a live preview, the digest of each generated page as last built (`LanguageSite.preview_digest`; plugins are made
#: anew for every rebuild), so that a rebuild renders only the pages that changed.
_PREVIEW_DIGESTS: dict[str, str] = {}

#: The theme marks its toggle checkboxes autocomplete="off", which HTML allows only on text-like inputs.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input[^>]*\btype="checkbox"[^>]*?) autocomplete="off"')


class KbPlugin(BasePlugin[KbConfig]):
    def __init__(self) -> None:
        self.site: LanguageSite | None = None
        self.search_documents: list[SearchDocument] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_DIR))
        try:
            self.site = LanguageSite.load(root, root / self.config.entries, self.config.language, list(self.config.about),
                                          preview=self.config.preview)
        except SiteError as err:
            raise PluginError(str(err)) from None
        for problem in self.site.problems:
            log.error("%s", problem)
        for entry_id in self.site.untranslated:
            log.warning("entry %s has no '%s' text yet; the page shows the English text with a notice",
                        entry_id, self.config.language)
        settings = self.site.settings()
        config.site_name = settings["site_name"]
        config.copyright = settings["copyright"]
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = settings["permalink_title"]
        config.extra.update(settings["extra"])
        config.extra_css += settings["extra_css"]
        config.extra_javascript += settings["extra_javascript"]
        # A site opened from disk has no server to serve a 404 page or to fetch a sitemap from.
        for name in SERVER_TEMPLATES:
            config.theme.static_templates.discard(name)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None
        for file in list(files):
            if not file.generated_by and self.site.unused_theme_file(file.src_uri):
                files.remove(file)
        if self.config.preview:
            for file in files.documentation_pages():
                file.is_modified = lambda: True  # type: ignore[method-assign]  # a problems notice may come or go
        for page in self.site.pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"docs/{page.path} clashes with a page generated from the entries (rename it)")
            file = File.generated(config, page.path, content=page.markdown)
            if self.config.preview:
                digest = self.site.preview_digest(page)
                changed = _PREVIEW_DIGESTS.get(page.path) != digest or not Path(file.abs_dest_path).is_file()
                _PREVIEW_DIGESTS[page.path] = digest
                file.is_modified = lambda changed=changed: changed  # type: ignore[method-assign]
            files.append(file)
        missing = [p for p in self.config.about if files.get_file_from_path(p) is None]
        if missing:
            raise PluginError(f"plugins.kb.about names pages that are not in {config.docs_dir}: {', '.join(missing)}")
        config.nav = self.site.nav()
        for path, content in self.site.assets().items():
            files.append(File.generated(config, path, content=content))
        self.search_documents = []
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        page.meta.update(self.site.page_meta(page.file.src_uri))
        return self.site.page_markdown(page.file.src_uri, markdown)

    def on_page_content(self, html_text: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        src = page.file.src_uri
        html_text = self.site.finish_html(src, html_text)
        if self.config.preview:  # a preview has no search index: it is rebuilt on every save
            return html_text
        document = self.site.search_document(src, page.file.dest_uri, html_text, html.unescape(page.title or ""))
        if document is not None:
            self.search_documents.append(document)
        return html_text

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        """A live preview rebuilds when any file the atlas is written in changes, not only the docs."""
        root = Path(config.config_file_path).parent
        entries = root / self.config.entries
        for path in (entries, *(entries.parent / name for name in WATCHED), DATA_DIR):
            if path.exists():
                server.watch(str(path))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.site is not None
        if self.config.preview:
            return
        try:
            scripts = self.site.search_index(self.search_documents)
        except SiteError as err:
            raise PluginError(str(err)) from None
        size = 0
        for path, script in scripts.items():
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            size += target.write_bytes(script.encode("utf-8"))
        log.info("search index: %d pages, %d files, %d bytes", len(self.search_documents), len(scripts), size)
