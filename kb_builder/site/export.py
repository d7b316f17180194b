"""`kb export DIR`: the whole atlas as plain docs trees that a stock renderer builds without the kb plugin.

For each language, `DIR/<lang>/` holds `docs/` (the hand-written pages, every page generated from the entries
as a Markdown file with its front matter, the atlas's scripts and styles, and the browser's search index),
`overrides/` (the theme overrides) and `mkdocs.yml` (navigation, settings and the Markdown extensions, with no
`kb` plugin). `mkdocs build -f DIR/<lang>/mkdocs.yml` makes the same pages as `kb build` does into
`DIR/<lang>/site/`. What only the plugin does there: it sanitises the HTML of generated pages (the entries'
text is validated to hold no HTML, so this is a second guard), puts tables in scrolling containers and marks bare
addresses before the page is served (the atlas's script does both in the browser for an exported page), and
leaves out the theme's unused scripts, sitemap and 404 page.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from kb_builder.content.schema import LANGUAGES
from kb_builder.pages.markdown import to_html
from kb_builder.pages.paths import page_url
from kb_builder.site.language import THEME_DIR, LanguageSite
from kb_builder.site.settings import dump_settings, plugin_options, read_settings

#: A Markdown file's front matter (which the renderer reads as the page's meta).
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$", re.M)
#: Settings of the source configuration that the exported one does not carry over as they are.
#: The file that marks a folder as an export, which a later export may replace.
MARKER = ".kb-export"
_REPLACED = ("docs_dir", "site_dir", "theme", "plugins", "markdown_extensions", "nav", "extra", "extra_css",
             "extra_javascript", "site_name", "copyright")


class ExportError(Exception):
    """The export could not be written; the message says why."""


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n" if meta else ""


def _nav_titles(nav: list[object]) -> dict[str, str]:
    """Page path -> the title the navigation gives it."""
    found: dict[str, str] = {}
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    found[value] = title
                elif isinstance(value, list):
                    found.update(_nav_titles(value))
    return found


def _extensions(settings: dict[str, Any], permalink_title: str) -> list[object]:
    """The source configuration's Markdown extensions, with the heading anchors' tooltip in this language."""
    extensions = []
    for item in copy.deepcopy(settings.get("markdown_extensions", [])):
        if isinstance(item, dict) and "toc" in item:
            item["toc"] = {**(item["toc"] or {}), "permalink_title": permalink_title}
        elif item == "toc":
            item = {"toc": {"permalink_title": permalink_title}}
        extensions.append(item)
    return extensions


def export_language(site: LanguageSite, settings: dict[str, Any], docs_source: Path, target: Path) -> int:
    """Write one language's tree into `target`; the number of pages."""
    docs = target / "docs"
    shutil.copytree(docs_source, docs)
    for page in docs.rglob("*.md"):
        rel = page.relative_to(docs).as_posix()
        page.write_text(site.page_markdown(rel, page.read_text(encoding="utf-8")), encoding="utf-8")
    for page in site.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_front_matter(site.page_meta(page.path)) + page.markdown, encoding="utf-8")
    for name, content in site.assets().items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")

    nav = site.nav()
    titles = _nav_titles(nav)
    documents = []
    markdown_files = sorted(docs.rglob("*.md"))
    for file in markdown_files:
        rel = file.relative_to(docs).as_posix()
        text = _FRONT_MATTER.sub("", file.read_text(encoding="utf-8"))
        heading = _FIRST_HEADING.search(text)
        title = titles.get(rel) or (heading.group(1) if heading else file.stem)
        document = site.search_document(rel, page_url(rel), site.finish_html(rel, to_html(text)), title)
        if document is not None:
            documents.append(document)
    for name, script in site.search_index(documents).items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(script, encoding="utf-8")

    shutil.copytree(THEME_DIR, target / "overrides")
    values = site.settings()
    theme = {**copy.deepcopy(settings.get("theme", {})), "language": site.lang, "custom_dir": "overrides"}
    plugins = [item for item in copy.deepcopy(settings.get("plugins", []) or [])
               if (item if isinstance(item, str) else next(iter(item))) != "kb"]
    config = {
        "site_name": values["site_name"],
        **{key: value for key, value in settings.items() if key not in _REPLACED},
        "copyright": values["copyright"],
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "plugins": plugins,
        "markdown_extensions": _extensions(settings, values["permalink_title"]),
        "extra": values["extra"],
        "extra_css": values["extra_css"],
        "extra_javascript": values["extra_javascript"],
        "nav": nav,
    }
    header = (f"# The {site.lang} pages of the atlas, exported by `kb export`: build with `mkdocs build -f "
              f"{site.lang}/mkdocs.yml` (no kb plugin needed).\n")
    (target / "mkdocs.yml").write_text(header + dump_settings(config), encoding="utf-8")
    return len(markdown_files)


def export_tree(*, config_file: Path, entries_dir: Path, out_dir: Path,
                progress: Callable[[str], None] = lambda message: None) -> dict[str, int]:
    """Export every language into `out_dir/<lang>/`, replacing what was there; pages per language."""
    settings = read_settings(config_file)
    about = list(plugin_options(settings, "kb").get("about", []))
    docs_root = config_file.parent / Path(settings.get("docs_dir", "docs")).parent
    out_dir = out_dir.resolve()
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise ExportError(f"{out_dir} is not empty and not an earlier export (expected an empty or new folder)")
    staging = out_dir.with_name(f".{out_dir.name}.exporting")
    shutil.rmtree(staging, ignore_errors=True)
    counts = {}
    try:
        for lang in LANGUAGES:
            progress(f"kb: exporting the {lang} pages")
            site = LanguageSite.load(config_file.parent, entries_dir, lang, about)
            counts[lang] = export_language(site, settings, docs_root / lang, staging / lang)
        (staging / MARKER).write_text("Exported by `kb export`; `kb export` replaces this folder.\n", encoding="utf-8")
        shutil.rmtree(out_dir, ignore_errors=True)
        staging.rename(out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts
