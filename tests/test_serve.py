"""`kb serve`: the authors' live preview, a real server on this machine, edited while it runs."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from helpers import KB, REPO, entry_text, free_port, position, write


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, condition, limit: float = 60.0) -> str:  # type: ignore[no-untyped-def]
    """The page once `condition` holds for it (the test fails if it never does within `limit` seconds)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and condition(page):
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed what was expected")


def test_a_saved_entry_shows_in_the_preview_and_a_broken_one_shows_its_problem(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    path = write(entries, "ru/appeal.yaml", entry_text(id="ru-appeal"))
    port = free_port()
    server = subprocess.Popen([*KB, "serve", "--entries", str(entries), "--lang", "ru", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1795219200"}, start_new_session=True)
    try:
        page = f"http://127.0.0.1:{port}/ru/ru-appeal.html"  # one language, at the root
        wait_for(page, lambda html: "Обжалование решения призывной комиссии" in html)
        # The country's dossier is made when the preview starts, and says that it is not made again on a save.
        dossier = f"http://127.0.0.1:{port}/ru/dossier.html"
        assert "Обжалование решения призывной комиссии" in wait_for(dossier, lambda html: "kb-preview-dossier" in html)
        # An edit shows on the page once saved (the server watches the entries folder).
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("ru: Обжалование решения призывной комиссии", "ru: Жалоба на решение призывной комиссии"),
                        encoding="utf-8")
        wait_for(page, lambda html: "Жалоба на решение призывной комиссии" in html)
        made = fetch(dossier)
        assert made is not None and "Обжалование решения призывной комиссии" in made, "the dossier was made again"
        # A broken entry does not stop the server: its problem is on every page, at its line and column.
        broken = text.replace("last_reviewed: 2026-11-21", "last_reviewed: 2026-13-40")
        path.write_text(broken, encoding="utf-8")
        line, col = position(broken, "2026-13-40")
        home = wait_for(f"http://127.0.0.1:{port}/index.html", lambda html: "kb-preview-problems" in html)
        assert re.search(rf"appeal\.yaml:{line}:{col}: last_reviewed: ", home), home[:2000]
        # Fixed again, the notice goes and the entry is back.
        path.write_text(text, encoding="utf-8")
        wait_for(page, lambda html: "kb-preview-problems" not in html and "Обжалование решения" in html)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            _, errors = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            _, errors = server.communicate()
    assert f"appeal.yaml:{line}:{col}: last_reviewed" in errors
    assert "Traceback" not in errors
