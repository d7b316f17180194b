"""Rendering one language of the site with mkdocs and mkdocs-material: the one place that runs them.

`render_language` reads mkdocs.yml for its plain settings, points it at one language's docs and output, gives
the `kb` plugin the language and the entries, and builds. A renderer other than mkdocs replaces this module and
the plugin beside it; the rest of the atlas does not change.
"""

from __future__ import annotations

import copy
import logging
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from kb_builder.search.documents import Indexed
from kb_builder.site.settings import read_settings


class RenderError(Exception):
    """A language did not build; the message says why."""


def _configure_logging() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_kb", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._kb = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def language_overrides(config_file: Path, lang: str, entries_dir: Path, out_dir: Path | None,
                       preview: bool = False) -> dict[str, Any]:
    """The settings that make mkdocs.yml build one language: docs, output (None: mkdocs chooses, as `serve`
    does), theme and kb (`preview` for a live preview)."""
    raw = read_settings(config_file)
    theme = copy.deepcopy(raw.get("theme", {}))
    theme["language"] = lang
    plugins = []
    for item in copy.deepcopy(raw.get("plugins", [])):
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        options = dict(options or {})
        if name == "kb":
            options["language"] = lang
            options["entries"] = str(entries_dir.resolve())
            options["preview"] = preview
        plugins.append({name: options})
    docs_root = config_file.parent / Path(raw.get("docs_dir", "docs")).parent
    overrides = {"docs_dir": str((docs_root / lang).resolve()), "theme": theme, "plugins": plugins}
    if out_dir is not None:
        overrides["site_dir"] = str(out_dir.resolve())
    return overrides


def _stop_on_terminate() -> None:
    """SIGTERM (a process manager, or a script that started the preview) stops it as Ctrl+C does: the server shuts
    down and its temporary folder goes. (A shell that starts a program in the background makes it ignore Ctrl+C's
    SIGINT.)"""
    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def serve_language(config_file: Path, lang: str, entries_dir: Path, address: str) -> None:
    """A live preview of one language at `address` (host:port) with mkdocs' own reloading server: rebuilt, and
    reloaded in the browser, when an entry, guide, template, decision, the directory, the atlas's data or a page
    changes; files with problems are left out and their problems shown in the terminal and at the top of every page.
    A rebuild renders only the pages whose Markdown changed, and a preview has no search index.
    (mkdocs' `serve` command reuses one set of settings for every rebuild, which its plugin validation changes.)"""
    from mkdocs.livereload import LiveReloadServer

    from kb_builder.content.yaml_source import remember_parsed

    _configure_logging()
    _stop_on_terminate()
    remember_parsed()  # a rebuild parses only the files saved since the last one
    # The navigation is the same on every page, so mkdocs' warning about dirty builds does not apply.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    host, _, port = address.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="kb-serve-"))

    def config() -> Any:
        settings = load_config(str(config_file), **language_overrides(config_file, lang, entries_dir, site_dir,
                                                                      preview=True))
        settings.site_url = f"http://{address}/"
        return settings

    def builder(settings: Any = None) -> None:
        # After the first build, only the pages whose Markdown changed are rendered again (`dirty`).
        mkdocs_build(settings or config(), serve_url=f"http://{address}/", dirty=settings is None)

    first = config()
    # The folders are looked at five times a second (mkdocs' default is twice), so that a save is seen sooner.
    server = LiveReloadServer(builder=builder, host=host or "127.0.0.1", port=int(port), root=str(site_dir),
                              polling_interval=0.2)
    try:
        builder(first)
        server.watch(first.docs_dir)
        server.watch(str(config_file))
        first.plugins.on_serve(server, config=first, builder=builder)
        server.serve()
    except (Abort, MkDocsException) as err:
        raise RenderError(f"the {lang} preview stopped: {err}") from None
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def render_language(config_file: Path, lang: str, entries_dir: Path, out_dir: Path, *, strict: bool) -> list[Indexed]:
    """Build one language of the site into `out_dir`; returns the pages both searches index alike, as the site
    made them (so that `kb search`'s index need not make them again)."""
    _configure_logging()
    overrides = language_overrides(config_file, lang, entries_dir, out_dir)
    config = load_config(str(config_file), strict=strict, **overrides)
    try:
        mkdocs_build(config)
    except (Abort, MkDocsException) as err:
        raise RenderError(f"the {lang} site did not build: {err}") from None
    return config.plugins["kb"].site.indexed_pages
