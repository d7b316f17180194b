"""Printable PDF dossiers: every entry of a jurisdiction, one file per language (`pdf/<lang>/<code>.pdf`), and every
situation guide as a checklist (`pdf/<lang>/guides.pdf`), every form blank (`forms.pdf`) and every court decision
with its citation (`cases.pdf`).

Each language's dossier page is printed by headless Chromium with the print stylesheet (A4), tagged for
screen readers, with its language (/Lang), title and dates set (from the build date, so that the same
commit gives the same PDFs) with pikepdf (qpdf). A reader gets a file that starts and stays in their language.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pikepdf

from kb_builder.exports.chromium import chromium
from kb_builder.pages import paths
from kb_builder.pages.paths import page_url
from kb_builder.content.jurisdictions import jurisdiction_name
from kb_builder.pages.labels import label
from kb_builder.content.schema import LANGUAGES

DOSSIER = page_url(paths.DOSSIER)


def _pdf_date(moment: dt.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _without_local_links(pdf: pikepdf.Pdf) -> None:
    """Make links to file:// addresses inert: on paper they lead nowhere, and they would carry the build's paths.
    Their action is removed from the annotation itself, which a tagged PDF's structure tree also refers to."""
    for pdf_page in pdf.pages:
        for link in pdf_page.get("/Annots", ()):
            action = link.get("/A")
            if action is not None and str(action.get("/URI", "")).startswith("file:"):
                del link["/A"]


def _stable_node_ids(pdf: pikepdf.Pdf) -> None:
    """Chromium names the elements of a tagged PDF that others refer to (table headers) after its internal DOM
    node numbers, which differ from one run to the next, and not always in the same order (a page painted before
    it had finished loading numbers some nodes first). Name them by their order in the structure tree instead, in
    the elements, in the table cells that refer to them and in the tree of ids (sorted again by name), so that
    the same page gives the same file."""
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return
    elements = []
    waiting = [tree]
    while waiting:  # depth first, in the order of the document
        element = waiting.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue
        elements.append(element)
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            waiting.extend(reversed(list(kids)))
        elif isinstance(kids, pikepdf.Dictionary):
            waiting.append(kids)
    names: dict[bytes, pikepdf.String] = {}
    for element in elements:
        if "/ID" in element:
            names.setdefault(bytes(element.ID), pikepdf.String(b"node%08d" % len(names)))
    for element in elements:
        if "/ID" in element:
            element.ID = names[bytes(element.ID)]
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                attribute.Headers = pikepdf.Array([names.get(bytes(h), h) for h in attribute.Headers])
    if "/IDTree" in tree:
        pairs = []
        nodes = [tree.IDTree]
        while nodes:
            node = nodes.pop()
            nodes.extend(node.get("/Kids", ()))
            listed = list(node.get("/Names", ()))
            pairs += [(names.get(bytes(key), key), value) for key, value in zip(listed[::2], listed[1::2])]
        pairs.sort(key=lambda pair: bytes(pair[0]))
        tree.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array([item for pair in pairs for item in pair])))


def _title(folder: str, lang: str) -> str:
    if folder == paths.GUIDES_FOLDER:
        return label("guides_dossier_title", lang)
    if folder == paths.TEMPLATES_FOLDER:
        return label("templates_dossier_title", lang)
    if folder == paths.CASES_FOLDER:
        return label("cases_dossier_title", lang)
    return label("dossier_title", lang, name=jurisdiction_name(folder.upper(), lang))


def _finished(data: bytes, title: str, lang: str, built: dt.datetime) -> bytes:
    """Chromium's PDF with its metadata and language set, its local links inert and its node ids stable; its
    document id is made from its content (qpdf's deterministic id)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _without_local_links(pdf)
        _stable_node_ids(pdf)
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary({
            "/Title": pikepdf.String(title),
            "/Producer": pikepdf.String(label("site_name_long", lang)),
            "/Creator": pikepdf.String("kb build"),
            "/CreationDate": pikepdf.String(_pdf_date(built)),
            "/ModDate": pikepdf.String(_pdf_date(built)),
        }))
        pdf.Root.Lang = pikepdf.String(lang)
        finished = io.BytesIO()
        pdf.save(finished, deterministic_id=True)
    return finished.getvalue()


def write_pdfs(site_dir: Path, out_dir: Path, built: dt.datetime) -> list[Path]:
    """Write out_dir/<lang>/<jurisdiction>.pdf for every language and jurisdiction with a dossier; returns the
    paths."""
    folders = sorted(p.parent.name for p in (site_dir / LANGUAGES[0]).glob(f"*/{DOSSIER}"))
    written: list[Path] = []
    with chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.emulate_media(media="print")
        for code in folders:
            print(f"kb: printing the {code if code in (paths.GUIDES_FOLDER, paths.TEMPLATES_FOLDER, paths.CASES_FOLDER) else code.upper() + ' dossier'}",
                  file=sys.stderr, flush=True)
            for lang in LANGUAGES:
                url = (site_dir / lang / code / DOSSIER).resolve().as_uri() + f"?printed={built.date().isoformat()}"
                page.goto(url, wait_until="load")
                data = page.pdf(format="A4", print_background=False, prefer_css_page_size=False, outline=True, tagged=True)
                target = out_dir / lang / f"{code}.pdf"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(_finished(data, _title(code, lang), lang, built))
                written.append(target)
    return written
