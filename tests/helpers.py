"""What the tests share: a valid entry to vary, files on disk, `kb` as a command, built pages read back as HTML,
and the project's headless Chromium. Test modules import from here only, never from each other."""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page

from kb_builder.exports.chromium import chromium

REPO = Path(__file__).resolve().parent.parent
# The quality gates and the relevance measure are scripts (scripts/quality.py, scripts/relevance.py) the tests import.
sys.path.insert(0, str(REPO / "scripts"))
KB = [str(Path(sys.executable).parent / "kb")]

VALID_ENTRY = """\
# yaml-language-server: $schema=../../schema/entry.schema.json
id: {id}
jurisdiction: {jurisdiction}
topic: appeal-grounds
title:
  en: Appealing a draft-board decision {id}
  ru: Обжалование решения призывной комиссии {id}
summary:
  en: A decision of the draft board can be appealed to the regional board or to a court.
  ru: Решение призывной комиссии можно обжаловать в региональную комиссию или в суд.
body:
  en: |
    ## What to do

    Write to the regional draft board within three months.
  ru: |
    ## Что делать

    Напишите в призывную комиссию субъекта в течение трёх месяцев.
audience: [conscripts, lawyers]
key_facts:
  - label: {{en: Time limit to appeal, ru: Срок обжалования}}
    value: {{en: Three months from the decision, ru: Три месяца со дня решения}}
    as_of: 2026-11-01
    kind: deadline
    rests_on: [53-fz]
  - label: {{en: Suspension, ru: Приостановление}}
    value: {{en: Automatic while the court case runs, ru: Автоматически на время суда}}
    as_of: 2026-03-10
    kind: {suspension_kind}
    rests_on: [{suspension_rests_on}]
    caveat: {{en: The court practice was seen in one report., ru: Судебная практика известна из одного сообщения.}}
deadlines:
  - what: {{en: Appeal to the regional draft board, ru: Жалоба в комиссию субъекта}}
    time_limit: {{en: Three months, ru: Три месяца}}
    legal_basis: {{en: "53-FZ, Art. 28(7)", ru: "53-ФЗ, ст. 28 п. 7"}}
    rests_on: [53-fz, prosecutor]
legal_basis:
  - id: 53-fz
    short: {{en: 53-FZ, ru: 53-ФЗ}}
    instrument:
      en: Federal Law No. 53-FZ "On Military Duty and Military Service"
      ru: Федеральный закон № 53-ФЗ «О воинской обязанности и военной службе»
    article: {{en: "Art. 28(7)", ru: "ст. 28 п. 7"}}
    date: 1998-03-28
    url: http://pravo.gov.ru/proxy/ips/?docbody=&nd=102052265
sources:
  - id: prosecutor
    title: How to appeal a draft-board decision
    publisher: Prosecutor General's Office
    url: https://epp.genproc.gov.ru/web/source-{id}
    accessed: 2026-11-20
    kind: primary
  - id: newspaper
    title: Courts on draft-board appeals
    publisher: Vedomosti
    url: https://www.vedomosti.ru/source-{id}
    accessed: 2026-11-20
    kind: secondary
last_reviewed: 2026-11-21
related: {related}
"""


def entry_text(id: str = "ru-appeal", jurisdiction: str = "RU", related: str = "[]", *, warned: bool = False) -> str:
    """A valid entry; `warned` makes a fact a reader acts on (a deadline) rest on a newspaper only, so that the
    page warns about it; otherwise that fact is a rule resting on the same newspaper."""
    return VALID_ENTRY.format(
        id=id, jurisdiction=jurisdiction, related=related,
        suspension_kind="deadline" if warned else "rule", suspension_rests_on="newspaper",
    )


VALID_GUIDE = """\
# yaml-language-server: $schema=../schema/guide.schema.json
id: {id}
title:
  en: A decision to appeal {id}
  ru: Нужно обжаловать решение {id}
situation:
  en: The draft board decided to call you up and you think it was wrong.
  ru: Призывная комиссия решила призвать вас, а вы считаете решение неправильным.
audience: [conscripts]
applies_when:
  where: [RU]
  stage: [{stage}]
  citizenship: [RU]
steps:
  - do:
      en: Write to the regional draft board.
      ru: Напишите в призывную комиссию субъекта.
    by_when:
      en: Within three months
      ru: В течение трёх месяцев
    backed_by: [{entry}#deadlines, {entry}#s1]
deadlines:
  - what: {{en: Appeal to the regional draft board, ru: Жалоба в комиссию субъекта}}
    time_limit: {{en: Three months, ru: Три месяца}}
    backed_by: [{entry}#key-facts]
keep:
  - {{en: The decision and its date., ru: Решение и его дата.}}
if_you_do_nothing:
  text: {{en: The decision stands., ru: Решение остаётся в силе.}}
  backed_by: [{entry}]
related_guides: {related}
help_in: [RU]
last_reviewed: 2026-11-21
"""

CONTACTS = """\
country: RU
organisations:
  - id: ru-helpers
    name: {en: Helpers, ru: Помощники}
    helps_with: {en: Advice on call-up., ru: Консультации о призыве.}
    languages: [ru]
    channels:
      - {kind: website, value: "https://www.connection-ev.org/"}
      - {kind: phone, value: "+7 (900) 000-00-00"}
    sources:
      - id: own
        title: About us
        publisher: Helpers
        url: https://www.connection-ev.org/about
        accessed: 2026-11-20
        kind: secondary
    last_checked: 2026-11-20
"""


def guide_text(id: str = "appeal-now", entry: str = "ru-appeal", related: str = "[]", stage: str = "called-up") -> str:
    """A valid guide whose steps rest on the valid entry `entry`."""
    return VALID_GUIDE.format(id=id, entry=entry, related=related, stage=stage)


def pdf_text(path: Path) -> str:
    """The text of a PDF as pdftotext reads it, laid out."""
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, col


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run_kb(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": "1795219200", **(env or {})}  # 2026-11-21
    return subprocess.run([*KB, *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=600)


class TextAndTags(HTMLParser):
    """Collects the article text, the tags and the attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> TextAndTags:
    parser = TextAndTags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def text_of(html: str) -> str:
    parser = TextAndTags()
    parser.feed(html)
    return " ".join(" ".join(parser.text).split())


def search_index_part(lang_site: Path, name: str) -> object:
    """The data of one part of a language's in-browser search index (assets/kb/search/<name>.js)."""
    script = (lang_site / "assets" / "kb" / "search" / f"{name}.js").read_text(encoding="utf-8")
    literal = script[script.index("JSON.parse(") + len("JSON.parse(") : script.rindex(");")]
    return json.loads(json.loads(literal))


from quality import PHONE, SEARCH_FINISHED  # noqa: E402 - PHONE: a cheap phone, 360x740


def file_url(path: Path, query: str | None = None) -> str:
    url = path.resolve().as_uri()
    return f"{url}?q={quote(query)}" if query is not None else url


def results(page: Page) -> list[str]:
    """The addresses of the search results a page shows, once its search for what is in the box has finished
    (not the search for a word typed before the last keystroke)."""
    page.wait_for_function(SEARCH_FINISHED, timeout=10_000)
    return page.eval_on_selector_all(".kb-search__list a.kb-search__title", "els => els.map(e => e.href)")


__all__ = ["PHONE", "chromium"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def kiwix_server(*args: str) -> Iterator[str]:
    """kiwix-serve on the loopback with `args` (ZIM files, or --library and a library file); its base URL once it
    answers."""
    port = free_port()
    server = subprocess.Popen(["kiwix-serve", "--address=127.0.0.1", f"--port={port}", *args],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/catalog/v2/entries", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


VALID_CASE = """\
# yaml-language-server: $schema=../../schema/case.schema.json
id: {id}
jurisdiction: {jurisdiction}
court:
  en: Court {court}
  ru: Суд {court}
court_short: {court}
decided: {decided}
number: {number}
name:
  en: {name} v State
  ru: {name} против государства
type: judgment
profile:
  origin: RU
  status: [{status}]
  summons: received
outcome: {outcome}
holding:
  en: The court held that punishing {name} for refusing to serve was persecution.
  ru: Суд решил, что наказание {name} за отказ от службы является преследованием.
points: [{points}]
supports: [{supports}]
sources:
  - title: Decision {number}
    publisher: Court {court}
    url: {url}
    accessed: 2026-11-30
    kind: primary
last_reviewed: 2026-11-30
"""


def case_text(id: str = "cjeu-c-1-20-alpha", jurisdiction: str = "EU", *, court: str = "CJEU", decided: str = "2020-01-01",
              number: str = "C-1/20", name: str = "Alpha", status: str = "evader", outcome: str = "granted",
              points: str = "prosecution-vs-persecution", supports: str = "ru-appeal",
              url: str = "https://curia.europa.eu/juris/liste.jsf?num=C-1/20") -> str:
    """A valid court decision that supports the entry `supports`."""
    return VALID_CASE.format(id=id, jurisdiction=jurisdiction, court=court, decided=decided, number=number, name=name,
                             status=status, outcome=outcome, points=points, supports=supports, url=url)
