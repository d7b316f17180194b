"""The download bundle: verifiable checksums, a README, and byte-identical rebuilds."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from helpers import REPO


def test_sha256sums_verify_and_zip_opens_at_index(atlas_site: Path) -> None:
    dist = atlas_site / "dist"
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    [zip_path] = dist.glob("rights-atlas-*.zip")
    assert zip_path.name in (dist / "SHA256SUMS").read_text()
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        top = zip_path.stem + "/"
        assert names[0] == top + "README.txt" and names[1:] == sorted(names[1:])
        assert top + "index.html" in names and top + "README.txt" in names
        assert top + "en/index.html" in names and top + "ru/index.html" in names
        readme = archive.read(top + "README.txt").decode("utf-8")
        assert "index.html" in readme and "sha256sum -c SHA256SUMS" in readme
        assert not [n for n in names if n.endswith((".map", "sitemap.xml", "sitemap.xml.gz"))]
        for name in names:
            data = archive.read(name)
            assert str(atlas_site).encode() not in data, name
            assert str(REPO).encode() not in data, name


def test_two_builds_give_identical_zips(atlas_site: Path, second_build: Path) -> None:
    first = (atlas_site / "dist" / "SHA256SUMS").read_text()
    second = (second_build / "dist" / "SHA256SUMS").read_text()
    assert first == second
