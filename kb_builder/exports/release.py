"""A release: every file of the bundle signed with the atlas's key, a torrent of the bundle and a Kiwix library,
and checking a downloaded copy (`kb verify`).

`sign_release` signs `SHA256SUMS` and every file it lists (`<file>.minisig` beside each), then writes the torrent
of the bundle folder (every file, signatures included, but not the torrent itself) and signs it too. `verify_copy`
checks a copy the way a reader's `minisign` would, and says in plain words what is wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from kb_builder import signing
from kb_builder.signing import PublicKey, SecretKey, SigningError

SUMS = "SHA256SUMS"


def listed(dist: Path) -> list[tuple[str, str]]:
    """(sha256, relative path) of every file SHA256SUMS lists."""
    found = []
    for line in (dist / SUMS).read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, _, name = line.partition("  ")
            found.append((digest.strip(), name.strip().lstrip("*")))
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def torrent_name(version: str) -> str:
    return f"rights-atlas-{version}.torrent"


def sign_release(dist: Path, secret: SecretKey, version: str, built: dt.date, *, web_seeds: tuple[str, ...] = (),
                 progress: Callable[[str], None] = lambda message: None) -> tuple[list[Path], str]:
    """Sign the bundle in `dist` and write its torrent; the signatures written and the torrent's magnet link."""
    if not (dist / SUMS).is_file():
        raise SigningError(f"{dist / SUMS} is missing (expected a bundle written by `kb build`)")
    names = [name for _, name in listed(dist)] + [SUMS]
    written = []
    for name in names:
        written.append(signing.sign(dist / name, secret, f"Rights Atlas {version}, built {built.isoformat()}: {name}"))
    progress(f"kb: signed {len(names)} files with key {secret.public.id_hex}")
    torrent, magnet = write_torrent(dist, version, built, web_seeds)
    written.append(signing.sign(torrent, secret, f"Rights Atlas {version}, built {built.isoformat()}: {torrent.name}"))
    progress(f"kb: wrote {torrent.name}; magnet link: {magnet}")
    return written, magnet


def write_torrent(dist: Path, version: str, built: dt.date, web_seeds: tuple[str, ...] = ()) -> tuple[Path, str]:
    """A torrent of every file of the bundle folder but the torrent itself; web seeds only when given."""
    import torf

    target = dist / torrent_name(version)
    for old in (target, target.with_name(target.name + signing.SIGNATURE_SUFFIX)):
        old.unlink(missing_ok=True)
    torrent = torf.Torrent(
        path=dist,
        name=f"rights-atlas-{version}",
        exclude_globs=["*.torrent", "*.torrent.minisig"],
        private=False,
        created_by="kb release",
        creation_date=dt.datetime.combine(built, dt.time(), dt.timezone.utc),
        comment=f"Conscription & Asylum Rights Atlas {version}",
        webseeds=list(web_seeds) or None,
    )
    torrent.generate()
    torrent.write(target, overwrite=True)
    return target, str(torrent.magnet())


def verify_copy(folder: Path, public: PublicKey) -> list[str]:
    """What is wrong with a downloaded copy, in plain words (nothing when every file is there, unchanged, and
    signed with `public`)."""
    if not (folder / SUMS).is_file():
        return [f"{SUMS} is missing from {folder}: it lists the files of the release and is signed; get the whole "
                "release folder"]
    try:
        signing.verify(folder / SUMS, public)
    except SigningError as err:
        return [str(err)]
    problems = []
    for digest, name in listed(folder):
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is missing (it is part of the release)")
            continue
        if _sha256(path) != digest:
            problems.append(f"{name} has been changed since the release was signed: do not use it")
            continue
        try:
            signing.verify(path, public)
        except SigningError as err:
            problems.append(str(err))
    return problems
