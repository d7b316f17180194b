"""Trusted releases: a build signed with a throwaway key and checked with Debian's minisign and `kb verify`, a
tampered copy caught by both, the key on every page and PDF, the change history, the torrent and the Kiwix
library, and no secret key in the repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from helpers import REPO, article, entry_text, kiwix_server, run_kb, text_of, write
from kb_builder.signing import read_public


@pytest.fixture(scope="module")
def throwaway_key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A key pair made by Debian's minisign (unencrypted), never the atlas's own."""
    folder = tmp_path_factory.mktemp("key")
    subprocess.run(["minisign", "-G", "-W", "-p", str(folder / "test.pub"), "-s", str(folder / "test.sec")],
                   check=True, capture_output=True)
    return folder / "test.sec", folder / "test.pub"


@pytest.fixture(scope="module")
def released(atlas_site: Path, throwaway_key: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundle, signed with the throwaway key by `kb release`."""
    dist = tmp_path_factory.mktemp("release") / "dist"
    shutil.copytree(atlas_site / "dist", dist)
    secret, public = throwaway_key
    result = run_kb("release", "--dist", str(dist), "--secret-key-file", str(secret), env={"KB_PUBLIC_KEY_FILE": str(public)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("magnet:?xt=urn:btih:"), result.stdout
    return dist


def minisign_verify(path: Path, public: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["minisign", "-Vm", str(path), "-P", read_public(public.read_text()).line],
                          capture_output=True, text=True)


def test_minisign_and_kb_verify_accept_the_release_and_catch_a_changed_byte(
    released: Path, throwaway_key: tuple[Path, Path], tmp_path: Path
) -> None:
    _, public = throwaway_key
    assert minisign_verify(released / "SHA256SUMS", public).returncode == 0
    [archive] = released.glob("rights-atlas-*.zip")
    assert minisign_verify(archive, public).returncode == 0
    assert all((released / (p.name + ".minisig")).is_file() for p in released.glob("*.zim"))
    ok = run_kb("verify", str(released), "--public-key", str(public))
    assert ok.returncode == 0 and ok.stdout.startswith("OK:"), ok.stderr
    # The atlas's own key did not sign this copy, and kb verify says so.
    other = run_kb("verify", str(released))
    assert other.returncode == 1 and "was signed with another key" in other.stderr

    copy = tmp_path / "copy"
    shutil.copytree(released, copy)
    changed = copy / archive.name
    data = bytearray(changed.read_bytes())
    data[len(data) // 2] ^= 0x01
    changed.write_bytes(bytes(data))
    bad = run_kb("verify", str(copy), "--public-key", str(public))
    assert bad.returncode == 1
    assert f"{archive.name} has been changed since the release was signed: do not use it" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert minisign_verify(changed, public).returncode != 0
    one = run_kb("verify", str(changed), "--public-key", str(public))
    assert one.returncode == 1 and "has been changed since it was signed" in one.stderr
    (copy / "library.xml").unlink()
    gone = run_kb("verify", str(copy), "--public-key", str(public))
    assert "library.xml is missing (it is part of the release)" in gone.stderr


def test_every_page_and_pdf_shows_the_version_date_and_key(atlas_site: Path) -> None:
    key = read_public((REPO / "kb_builder" / "data" / "release-key.pub").read_text()).id_hex
    version = re.search(r'^version = "([^"]+)"', (REPO / "pyproject.toml").read_text(), re.M).group(1)
    for lang, words in (("en", f"version {version}, was built on"), ("ru", f"версия {version}, собрана")):
        pages = sorted((atlas_site / "site" / lang).rglob("*.html"))
        lines = [re.search(r'<p class="kb-copy"[^>]*>(.*?)</p>', p.read_text(encoding="utf-8")) for p in pages]
        assert all(lines), [p for p, m in zip(pages, lines) if not m][:3]
        assert all(words in m.group(1) and key in m.group(1) for m in lines)
        for pdf in (atlas_site / "dist" / "pdf" / lang).glob("*.pdf"):
            cover = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
            assert key in " ".join(cover.split()) and version in cover, pdf.name
        check = text_of(article(atlas_site / "site" / lang / "verify.html"))
        assert read_public((REPO / "kb_builder" / "data" / "release-key.pub").read_text()).line in check
        assert "minisign -Vm" in check


def test_the_torrent_lists_exactly_the_files_of_the_release(released: Path) -> None:
    [torrent] = released.glob("*.torrent")
    shown = subprocess.run(["transmission-show", str(torrent)], capture_output=True, text=True, check=True).stdout
    listed = sorted(re.findall(r"^\s+rights-atlas-[^/]+/(.+?) \([\d.]+ [kMG]?B\)$", shown, re.M))
    files = sorted(p.relative_to(released).as_posix() for p in released.rglob("*")
                   if p.is_file() and not p.name.endswith((".torrent", ".torrent.minisig")))
    assert listed == files


def test_kiwix_serve_serves_both_languages_from_the_library(atlas_site: Path) -> None:
    library = atlas_site / "dist" / "library.xml"
    assert 'path="rights-atlas-en-' in library.read_text(encoding="utf-8")
    with kiwix_server("--library", str(library)) as base:
        for lang, word in (("en", "Rights Atlas"), ("ru", "Атлас прав")):
            [zim] = (atlas_site / "dist").glob(f"rights-atlas-{lang}-*.zim")
            page = urllib.request.urlopen(f"{base}/{zim.stem}/index.html", timeout=30).read().decode()
            assert word in page


def test_what_changed_lists_a_change_from_the_second_commit(tmp_path: Path) -> None:
    """A two-commit repository: the second commit records a correction in the entry; the built pages list it on
    the entry's page and under its release on "What changed", in both languages."""
    repo = tmp_path / "atlas"
    write(repo, "entries/ru/appeal.yaml", entry_text())
    write(repo, "releases.yaml", "- version: 1.0.0\n  date: 2026-11-01\n  summary: {en: First., ru: Первый.}\n"
                                 "- version: 1.1.0\n  date: 2026-11-25\n  summary: {en: Second., ru: Второй.}\n")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first"], check=True, env={**os.environ, "GIT_COMMITTER_DATE": "2026-11-01T12:00:00"})
    change = ("changes:\n  - date: 2026-11-21\n    kind: corrected\n    what:\n"
              "      en: The time limit is three months, not one.\n      ru: Срок — три месяца, а не один.\n")
    path = repo / "entries" / "ru" / "appeal.yaml"
    path.write_text(path.read_text(encoding="utf-8") + change, encoding="utf-8")
    subprocess.run([*git, "commit", "-q", "-am", "second"], check=True)
    built = run_kb("build", "--entries", str(repo / "entries"), "--site-dir", str(tmp_path / "site"), "--no-bundle")
    assert built.returncode == 0, built.stderr
    for lang, heading, corrected, what in (
        ("en", "Version 1.1.0, 25 November 2026", "Corrected", "The time limit is three months, not one."),
        ("ru", "Версия 1.1.0, 25 ноября 2026", "Исправлено", "Срок — три месяца, а не один."),
    ):
        page = text_of(article(tmp_path / "site" / lang / "changes.html"))
        assert heading in page and corrected in page
        after = page[page.index(heading):]
        assert what in after and after.index(what) < after.index("1.0.0")
        entry = text_of(article(tmp_path / "site" / lang / "ru" / "ru-appeal.html"))
        assert what in entry and ("Changes" if lang == "en" else "Изменения") in entry


def test_no_secret_key_is_in_the_repository() -> None:
    tracked = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, text=True, check=True)
    # minisign's secret keys start "Ed" then a KDF id then "B2": in base64 "RWQAAEIy" (unencrypted) or "RWRTY0Iy"
    # (encrypted with scrypt).
    secret = re.compile(r"RW(QAAEIy|RTY0Iy)[A-Za-z0-9+/]{100,}")
    found = []
    for name in filter(None, tracked.stdout.split("\0")):
        path = REPO / name
        if path.is_file() and path.stat().st_size < 2_000_000:
            text = path.read_bytes().decode("utf-8", errors="ignore")
            if secret.search(text) or "secret key" in text and "untrusted comment" in text and path.suffix in (".sec", ".key"):
                found.append(name)
    assert found == []
    # The check finds a key: one written the way `kb keygen` writes it.
    from kb_builder.signing import generate

    assert secret.search(generate().file_text())
