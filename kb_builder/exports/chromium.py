"""Headless Debian Chromium, driven by Playwright, with the flags a closed, sandboxed machine needs.

Used by the build (PDF dossiers) and by the browser tests. Playwright's own browser download is
never used: the project installs Debian's `chromium` (scripts/install-system-packages.sh).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--allow-file-access-from-files",
]


class ChromiumMissing(Exception):
    """No Chromium to run; the message says how to install it."""


def executable() -> str:
    path = os.environ.get("KB_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise ChromiumMissing(
            "Chromium is needed to print the PDF dossiers (expected `chromium` on PATH; "
            "run `sudo scripts/install-system-packages.sh`, or set KB_CHROMIUM)"
        )
    return path


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser (playwright.sync_api.Browser), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable(), headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()
