"""The thin mkdocs layer: entries in, virtual pages out (`plugins: [kb]`).

All content decisions live in the renderer-independent modules (`loader`, `pages`); this plugin only
adds their pages to mkdocs with `File.generated`, sets the navigation, and sanitises the HTML of
pages that carry authored text.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from kb_builder.build_info import build_date
from kb_builder.loader import load_entries
from kb_builder.mkdocs_config import KbConfig
from kb_builder.pages import HOME_PAGE, Atlas
from kb_builder.sanitize import sanitize_html

log = get_plugin_logger(__name__)


class KbPlugin(BasePlugin[KbConfig]):
    def __init__(self) -> None:
        self.atlas: Atlas | None = None
        self.generated: dict[str, str] = {}  # src path -> page title

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        result = load_entries(root / self.config.entries)
        if result.problems:
            raise PluginError(
                "invalid entries, nothing was built:\n" + "\n".join(str(p) for p in result.problems)
            )
        entries = [item.entry for item in result.entries]
        lang = self.config.language
        for entry in entries:
            if lang in entry.missing_languages():
                log.warning("entry %s has no '%s' text yet; the page shows the English text with a notice", entry.id, lang)
        self.atlas = Atlas(entries, lang, today=build_date(root))
        config.extra["kb_language"] = lang
        config.extra["kb_built_on"] = self.atlas.day(self.atlas.today)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.atlas is not None
        self.generated = {}
        for page in self.atlas.pages():
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"docs/{page.path} clashes with a page generated from the entries (rename it)")
            files.append(File.generated(config, page.path, content=page.markdown))
            self.generated[page.path] = page.title
        missing = [p for p in self.config.about if files.get_file_from_path(p) is None]
        if missing:
            raise PluginError(f"plugins.kb.about names pages that are not in {config.docs_dir}: {', '.join(missing)}")
        config.nav = self.atlas.nav(list(self.config.about))
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        assert self.atlas is not None
        if page.file.src_uri in self.generated:
            # Themes print the title unescaped (and material's `striptags` unescapes it again), so the
            # title an author wrote is handed over HTML-escaped; `meta.title` takes precedence everywhere.
            page.meta["title"] = html.escape(self.generated[page.file.src_uri])
        if page.file.src_uri == HOME_PAGE:
            return markdown.rstrip() + "\n" + self.atlas.home_fragment()
        return markdown

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.generated:
            return sanitize_html(html)
        return html
