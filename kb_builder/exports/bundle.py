"""The download bundle: a reproducible zip of the site with a README.txt, and SHA256SUMS for it and the PDFs."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from importlib.metadata import version
from pathlib import Path

from kb_builder.build_info import build_timestamp

PROJECT = "rights-atlas"

README_TXT = """\
Conscription & Asylum Rights Atlas / Атлас прав: призыв и убежище
Version {version}, built {date}.

HOW TO OPEN
1. Unzip this file (keep the folder structure).
2. Open index.html in a web browser (double-click it). No internet connection is needed:
   the site, its search and its pages work entirely from the unzipped folder and make no network requests.

HOW TO VERIFY THE DOWNLOAD
Compare the SHA-256 checksum of the zip with the one published in SHA256SUMS next to it:
  Linux:   sha256sum -c SHA256SUMS
  macOS:   shasum -a 256 -c SHA256SUMS
  Windows: certutil -hashfile {zip_name} SHA256

This is legal information, not legal advice. Every page says when it was last reviewed.

КАК ОТКРЫТЬ
1. Распакуйте архив (сохраняя папки).
2. Откройте index.html в браузере. Интернет не нужен: сайт и поиск работают из распакованной папки
   и не делают сетевых запросов.

КАК ПРОВЕРИТЬ
Сравните контрольную сумму SHA-256 архива с указанной в файле SHA256SUMS (команды выше).

Это правовая информация, а не юридическая консультация. На каждой странице указана дата последней проверки.
"""


def bundle_name() -> str:
    return f"{PROJECT}-{version(PROJECT)}"


def _zip_time(timestamp: int) -> tuple[int, int, int, int, int, int]:
    moment = dt.datetime.fromtimestamp(max(timestamp, 315532800), dt.timezone.utc)  # zip cannot go before 1980
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)


def _add(archive: zipfile.ZipFile, name: str, data: bytes, when: tuple[int, int, int, int, int, int]) -> None:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    archive.writestr(info, data, compresslevel=9)


def write_zip(site_dir: Path, dist_dir: Path, repo: Path) -> Path:
    """Write dist/<project>-<version>.zip: the site under one folder, with README.txt first."""
    name = bundle_name()
    when = _zip_time(build_timestamp(repo))
    dist_dir.mkdir(parents=True, exist_ok=True)
    zip_path = dist_dir / f"{name}.zip"
    partial = zip_path.with_suffix(".zip.partial")
    # In order of their names in the zip: as text "a-b" sorts before "a/x", where a Path puts the folder "a" first.
    files = sorted((p for p in site_dir.rglob("*") if p.is_file()), key=lambda p: p.relative_to(site_dir).as_posix())
    with zipfile.ZipFile(partial, "w") as archive:
        readme = README_TXT.format(
            version=version(PROJECT),
            date=dt.datetime.fromtimestamp(build_timestamp(repo), dt.timezone.utc).date().isoformat(),
            zip_name=zip_path.name,
        )
        _add(archive, f"{name}/README.txt", readme.encode("utf-8"), when)
        for path in files:
            _add(archive, f"{name}/{path.relative_to(site_dir).as_posix()}", path.read_bytes(), when)
    os.replace(partial, zip_path)
    return zip_path


def write_checksums(dist_dir: Path, files: list[Path]) -> Path:
    """dist/SHA256SUMS for `files`, by their paths relative to dist (checked with `sha256sum -c`)."""
    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(dist_dir).as_posix()}\n"
        for path in sorted(files)
    ]
    sums = dist_dir / "SHA256SUMS"
    sums.write_text("".join(lines), encoding="utf-8")
    return sums
