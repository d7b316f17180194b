"""Printable PDF dossiers: every entry of a jurisdiction, one file per language (`pdf/<lang>/<code>.pdf`), and every
situation guide as a checklist (`pdf/<lang>/guides.pdf`), every form blank (`forms.pdf`) and every court decision
with its citation (`cases.pdf`).

Each language's dossier page is printed by headless Chromium with the print stylesheet (A4), tagged for
screen readers, with its language (/Lang), title and dates set (from the build date, so that the same
commit gives the same PDFs) with pypdf. A reader gets a file that starts and stays in their language.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from kb_builder.exports.chromium import chromium
from kb_builder.pages import paths
from kb_builder.pages.paths import page_url
from kb_builder.content.jurisdictions import jurisdiction_name
from kb_builder.pages.labels import label
from kb_builder.content.schema import LANGUAGES

DOSSIER = page_url(paths.DOSSIER)


def _pdf_date(moment: dt.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _without_local_links(reader: PdfReader) -> PdfReader:
    """Make links to file:// addresses inert: on paper they lead nowhere, and they would carry the build's paths.
    Their action is removed from the annotation itself, which a tagged PDF's structure tree also refers to."""
    for pdf_page in reader.pages:
        for annotation in pdf_page.get("/Annots") or []:
            link = annotation.get_object()
            if str(link.get("/A", {}).get("/URI", "")).startswith("file:"):
                del link[NameObject("/A")]
    return reader


_NODE_ID = re.compile(rb"node(\d{8})")


def _stable_node_ids(data: bytes) -> bytes:
    """Chromium names the elements of a tagged PDF after its internal DOM node numbers, which differ from one
    run to the next; number them by their order instead, with as many digits, so that the same page gives the
    same file (and no byte offset moves)."""
    numbers = sorted({int(m.group(1)) for m in _NODE_ID.finditer(data)})
    rank = {n: i for i, n in enumerate(numbers)}
    return _NODE_ID.sub(lambda m: b"node%08d" % rank[int(m.group(1))], data)


def _title(folder: str, lang: str) -> str:
    if folder == paths.GUIDES_FOLDER:
        return label("guides_dossier_title", lang)
    if folder == paths.TEMPLATES_FOLDER:
        return label("templates_dossier_title", lang)
    if folder == paths.CASES_FOLDER:
        return label("cases_dossier_title", lang)
    return label("dossier_title", lang, name=jurisdiction_name(folder.upper(), lang))


def _finished(data: bytes, title: str, lang: str, built: dt.datetime) -> bytes:
    """Chromium's PDF with its metadata and language set, its local links inert and its node ids stable."""
    writer = PdfWriter(clone_from=_without_local_links(PdfReader(io.BytesIO(data))))
    writer.add_metadata(
        {
            "/Title": title,
            "/Producer": label("site_name_long", lang),
            "/Creator": "kb build",
            "/CreationDate": _pdf_date(built),
            "/ModDate": _pdf_date(built),
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    buffer = io.BytesIO()
    writer.write(buffer)
    return _stable_node_ids(buffer.getvalue())


def write_pdfs(site_dir: Path, out_dir: Path, built: dt.datetime) -> list[Path]:
    """Write out_dir/<lang>/<jurisdiction>.pdf for every language and jurisdiction with a dossier; returns the
    paths.

    Chromium prints one page while the PDF it printed before is finished (pypdf) in a thread beside it: the two
    take about as long as each other, and Chromium works in a process of its own."""
    folders = sorted(p.parent.name for p in (site_dir / LANGUAGES[0]).glob(f"*/{DOSSIER}"))
    written: list[Path] = []
    pending: list[tuple[Path, Future[bytes]]] = []
    with chromium() as browser, ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf") as finishing:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.emulate_media(media="print")
        for code in folders:
            print(f"kb: printing the {code if code in (paths.GUIDES_FOLDER, paths.TEMPLATES_FOLDER, paths.CASES_FOLDER) else code.upper() + ' dossier'}",
                  file=sys.stderr, flush=True)
            for lang in LANGUAGES:
                url = (site_dir / lang / code / DOSSIER).resolve().as_uri() + f"?printed={built.date().isoformat()}"
                page.goto(url, wait_until="load")
                data = page.pdf(format="A4", print_background=False, prefer_css_page_size=False, outline=True, tagged=True)
                pending.append((out_dir / lang / f"{code}.pdf", finishing.submit(_finished, data, _title(code, lang), lang, built)))
        for target, done in pending:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(done.result())
            written.append(target)
    return written
