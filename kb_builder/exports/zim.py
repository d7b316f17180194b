"""The atlas as ZIM files for the Kiwix reader: one per language, with a full-text index.

Each language tree of the built site becomes one ZIM (`libzim`): every page and asset, the home page
as main page, metadata, a 48x48 illustration and a full-text index in the language. The language switch
is left out, since the other language is another file. Titles are the pages' own, in the file's language,
and the full-text index holds each page's article text only (not its header, navigation or footer), so
that Kiwix's search snippets quote the passage that matched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import mimetypes
import re
import shutil
import subprocess
import struct
import zlib
from pathlib import Path

from markupsafe import Markup
from libzim.writer import Creator, Hint, IndexData, Item, StringProvider

from kb_builder.pages import html as fragments
from kb_builder.search.documents import html_text
from kb_builder.pages.labels import label

PROJECT_NAME = "rights-atlas"
_INDEX_LANGUAGE = {"en": "eng", "ru": "rus"}
_DESCRIPTION = {
    "en": "Conscription, objection, penalties, leaving and asylum: legal information",
    "ru": "Призыв, АГС, ответственность, выезд и убежище: правовая информация",
}
_XAPIAN_MAGIC = b"\x0f\rXapian Glass"
_TITLE_TAG = re.compile(r"<title>(.*?)</title>", re.S)
#: The site's header (with its language switch: the other language is another file) and footer: Kiwix shows its
#: own toolbar with search, home and back, so a page in a ZIM starts and ends with its own content.
_HEADER = re.compile(r'<header class="md-header.*?</header>', re.S)
_FOOTER = re.compile(r'<footer class="md-footer">.*?</footer>', re.S)
#: An entry's answer in short, repeated at the end of its page: Kiwix quotes the end of a page in its search
#: results when it cannot find the words searched for (as with Russian word forms), so that is what it quotes.
_SUMMARY = re.compile(r'<p class="kb-in-short">(.*?)</p>', re.S)
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
#: Parts of the article that are about the copy, not the page: left out of the full-text index.
_NOT_INDEXED = re.compile(
    r'<p class="kb-copy"[^>]*>.*?</p>|<div class="admonition warning kb-stale"[^>]*>.*?</div>|<details class="kb-toc.*?</details>'
    r'|<a class="headerlink"[^>]*>.*?</a>',
    re.S,
)
#: Catalogue tags: what the file holds (Kiwix reads the _ftindex flag to offer full-text search).
TAGS = "_category:other;law;asylum;conscription;_ftindex:yes;_pictures:no;_videos:no;_details:yes"


class _ArticleText(IndexData):
    """What the full-text index holds for a page: its title and its article's text."""

    def __init__(self, title: str, content: str):
        super().__init__()
        self._title, self._content = title, content

    def has_indexdata(self) -> bool:
        return bool(self._content)

    def get_title(self) -> str:
        return self._title

    def get_content(self) -> str:
        return self._content

    def get_keywords(self) -> str:
        return ""

    def get_wordcount(self) -> int:
        return len(self._content.split())

    def get_geoposition(self) -> None:
        return None


def _png(size: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain square PNG: the illustration Kiwix shows in its library."""
    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


class _SiteFile(Item):
    def __init__(self, path: str, title: str, mimetype: str, content: bytes, front: bool, text: str = ""):
        super().__init__()
        self._path, self._title, self._mimetype, self._content, self._front = path, title, mimetype, content, front
        self._text = text

    def get_indexdata(self) -> _ArticleText | None:
        return _ArticleText(self._title, self._text) if self._front else None

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


def _item(tree: Path, path: Path, site_name: str) -> _SiteFile:
    rel = path.relative_to(tree).as_posix()
    mimetype = mimetypes.guess_type(rel)[0] or "application/octet-stream"
    content = path.read_bytes()
    title = rel
    if mimetype == "text/html":
        page = content.decode("utf-8")
        found = _TITLE_TAG.search(page)
        title = html.unescape(found.group(1)).strip() if found else rel
        title = title.removesuffix(f" - {site_name}")  # the file itself is the atlas
        page = _FOOTER.sub("", _HEADER.sub("", page))
        summaries = _SUMMARY.findall(page)
        if len(summaries) == 1:
            recap = fragments.render("recap.html", summary=Markup(_first_sentences(summaries[0])))
            page = page.replace("</article>", recap + Markup("</article>"), 1)
        article = _ARTICLE.search(page)
        text = html_text(_NOT_INDEXED.sub(" ", article.group(1))) if article else ""
        return _SiteFile(rel, title, "text/html", page.encode("utf-8"), front=True, text=text)
    return _SiteFile(rel, title, mimetype, content, front=False)


def _first_sentences(summary_html: str, limit: int = 220) -> str:
    """The first sentences of an entry's summary, up to `limit` characters of text: Kiwix quotes about 500 bytes
    of a page's end (some 250 Cyrillic letters), and the start of a summary is its gist."""
    sentences = re.split(r"(?<=[.!?])\s+", summary_html.strip())
    kept = sentences[:1]
    for sentence in sentences[1:]:
        if len(html_text(" ".join(kept + [sentence]))) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)


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
            "Title": label("site_name_long", lang),
            "Description": _DESCRIPTION[lang],
            "LongDescription": label("notice_short", lang),
            "Language": _INDEX_LANGUAGE[lang],
            "Creator": label("site_name_long", lang),
            "Publisher": label("site_name_long", lang),
            "Date": built.isoformat(),
            "Tags": TAGS,
            "Flavour": "full",
            "Scraper": "kb_builder",
        }
        for key, value in metadata.items():
            creator.add_metadata(key, value)
        for path in sorted(p for p in tree.rglob("*") if p.is_file()):
            creator.add_item(_item(tree, path, label("site_name", lang)))
    _deterministic(partial, built.isoformat().encode())
    partial.replace(out)
    return out


LIBRARY = "library.xml"


def write_library(folder: Path, zims: list[Path]) -> Path:
    """A Kiwix library of the ZIM files beside it (`kiwix-serve --library library.xml` serves every language at
    once), written by kiwix-manage with paths relative to the folder."""
    manage = shutil.which("kiwix-manage")
    if manage is None:
        raise RuntimeError("kiwix-manage is needed for the Kiwix library (Debian package kiwix-tools; run `make site`)")
    target = folder / LIBRARY
    target.unlink(missing_ok=True)
    subprocess.run([manage, LIBRARY, "add", *[zim.name for zim in sorted(zims)]], cwd=folder, check=True,
                   capture_output=True, text=True)
    return target
