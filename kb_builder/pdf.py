"""Printable PDF dossiers: every entry of a jurisdiction, in English then Russian, one file each.

Each language's dossier page is printed by headless Chromium with the print stylesheet (A4), the
two are joined with pypdf, and the document dates are set from the build date, so that the same
commit gives the same PDFs.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from kb_builder.chromium import chromium
from kb_builder.jurisdictions import jurisdiction_name
from kb_builder.labels import label
from kb_builder.schema import LANGUAGES

DOSSIER = "dossier.html"


def _pdf_date(moment: dt.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _without_local_links(reader: PdfReader) -> PdfReader:
    """Drop links to file:// addresses: on paper they lead nowhere, and they would carry the build's paths."""
    for pdf_page in reader.pages:
        annotations = pdf_page.get("/Annots")
        if not annotations:
            continue
        kept = ArrayObject(
            a for a in annotations if not str(a.get_object().get("/A", {}).get("/URI", "")).startswith("file:")
        )
        pdf_page[NameObject("/Annots")] = kept
    return reader


def write_pdfs(site_dir: Path, out_dir: Path, built: dt.datetime) -> list[Path]:
    """Write out_dir/<jurisdiction>.pdf for every jurisdiction with a dossier; returns the paths."""
    first = LANGUAGES[0]
    codes = sorted(p.parent.name for p in (site_dir / first).glob(f"*/{DOSSIER}"))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.emulate_media(media="print")
        for code in codes:
            print(f"kb: printing the {code.upper()} dossier", file=sys.stderr, flush=True)
            writer = PdfWriter()
            for lang in LANGUAGES:
                url = (site_dir / lang / code / DOSSIER).resolve().as_uri() + f"?printed={built.date().isoformat()}"
                page.goto(url, wait_until="load")
                data = page.pdf(format="A4", print_background=False, prefer_css_page_size=False, outline=True)
                writer.append(_without_local_links(PdfReader(io.BytesIO(data))))
            name = jurisdiction_name(code.upper(), first)
            writer.add_metadata(
                {
                    "/Title": label("dossier_title", first, name=name),
                    "/Producer": "Conscription & Asylum Rights Atlas",
                    "/Creator": "kb build",
                    "/CreationDate": _pdf_date(built),
                    "/ModDate": _pdf_date(built),
                }
            )
            buffer = io.BytesIO()
            writer.write(buffer)
            target = out_dir / f"{code}.pdf"
            target.write_bytes(buffer.getvalue())
            written.append(target)
    return written
