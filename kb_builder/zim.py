"""The atlas as ZIM files for the Kiwix reader: one per language, with a full-text index.

Each language tree of the built site becomes one ZIM (`libzim`): every page and asset, the home page
as main page, metadata, a 48x48 illustration and a full-text index in the language. Links that lead
out of the tree (the language switch) are removed, since the other language is another file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import mimetypes
import re
import struct
import zlib
from pathlib import Path

from libzim.writer import Creator, Hint, Item, StringProvider

from kb_builder.labels import label

PROJECT_NAME = "rights-atlas"
_INDEX_LANGUAGE = {"en": "eng", "ru": "rus"}
_TITLE = {"en": "Conscription & Asylum Rights Atlas", "ru": "Атлас прав: призыв и убежище"}
_DESCRIPTION = {
    "en": "Conscription, objection, penalties, leaving and asylum: legal information",
    "ru": "Призыв, АГС, ответственность, выезд и убежище: правовая информация",
}
_XAPIAN_MAGIC = b"\x0f\rXapian Glass"
_TITLE_TAG = re.compile(r"<title>(.*?)</title>", re.S)
_LANGUAGE_LINK = re.compile(r'<a href="[^"]*"( hreflang="[a-z]+" lang="[a-z]+" class="md-select__link kb-language")')


def _png(size: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain square PNG: the illustration Kiwix shows in its library."""
    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


class _SiteFile(Item):
    def __init__(self, path: str, title: str, mimetype: str, content: bytes, front: bool):
        super().__init__()
        self._path, self._title, self._mimetype, self._content, self._front = path, title, mimetype, content, front

    def get_path(self) -> str:
        return self._path

    def get_title(self) -> str:
        return self._title

    def get_mimetype(self) -> str:
        return self._mimetype

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self._content)

    def get_hints(self) -> dict:
        return {Hint.FRONT_ARTICLE: self._front, Hint.COMPRESS: not self._mimetype.startswith("image/")}


def _item(tree: Path, path: Path) -> _SiteFile:
    rel = path.relative_to(tree).as_posix()
    mimetype = mimetypes.guess_type(rel)[0] or "application/octet-stream"
    content = path.read_bytes()
    title = rel
    if mimetype == "text/html":
        text = content.decode("utf-8")
        found = _TITLE_TAG.search(text)
        title = html.unescape(found.group(1)).strip() if found else rel
        text = _LANGUAGE_LINK.sub(r"<a\1", text)  # the other language is another ZIM
        content = text.encode("utf-8")
        return _SiteFile(rel, title, "text/html", content, front=True)
    return _SiteFile(rel, title, mimetype, content, front=False)


def _deterministic(zim: Path, seed: bytes) -> None:
    """Give the file a UUID derived from its content instead of a random one, and fix its checksum: the
    same site then gives the same ZIM."""
    data = bytearray(zim.read_bytes())
    # The full-text and title indexes are Xapian databases, stored uncompressed, each with its own random
    # UUID right after its version: derive those from the seed too.
    for number, found in enumerate(re.finditer(re.escape(_XAPIAN_MAGIC), bytes(data))):
        start = found.end() + 2
        data[start : start + 16] = hashlib.md5(seed + b"xapian" + bytes([number])).digest()
    uuid = hashlib.md5(seed + bytes(data[24:-16])).digest()  # the header after the UUID, and the body
    data[8:24] = uuid  # after the magic number (4 bytes) and the major and minor versions (2 + 2)
    data[-16:] = hashlib.md5(bytes(data[:-16])).digest()
    zim.write_bytes(bytes(data))


def write_zim(tree: Path, out: Path, lang: str, built: dt.date) -> Path:
    """Write the ZIM of one language tree of the site to `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".zim.partial")
    partial.unlink(missing_ok=True)
    creator = Creator(str(partial)).config_indexing(True, _INDEX_LANGUAGE[lang]).config_nbworkers(1)
    with creator:
        creator.set_mainpath("index.html")
        creator.add_illustration(48, _png(48, (63, 81, 181)))
        metadata = {
            "Name": f"{PROJECT_NAME}_{lang}",
            "Title": _TITLE[lang],
            "Description": _DESCRIPTION[lang],
            "LongDescription": label("notice_short", lang),
            "Language": _INDEX_LANGUAGE[lang],
            "Creator": "Conscription & Asylum Rights Atlas",
            "Publisher": "Conscription & Asylum Rights Atlas",
            "Date": built.isoformat(),
            "Tags": "_category:other;law;asylum;conscription",
            "Flavour": "full",
            "Scraper": "kb_builder",
        }
        for key, value in metadata.items():
            creator.add_metadata(key, value)
        for path in sorted(p for p in tree.rglob("*") if p.is_file()):
            creator.add_item(_item(tree, path))
    _deterministic(partial, built.isoformat().encode())
    partial.replace(out)
    return out
