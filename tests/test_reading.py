"""What a reader sees in every built page: lists shown as lists, the Russian tree in Russian, clean punctuation."""

from __future__ import annotations

import html as html_module
import re
from html.parser import HTMLParser
from pathlib import Path

from helpers import article, entry_text, run_kb, text_of, write

#: A list item run into a paragraph: "... categories: - A fit", "... served, - refused".
RUN_ON_LIST = re.compile(r"[,:;]\s+[-*+]\s+\S")
#: Words of the interface that may stay in Latin letters on Russian pages: the other language's name in the
#: language switch.
LATIN_ALLOWED = {"English"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
DOUBLED_STOP = re.compile(r"(?<![.])\.\.(?![./])")
URL = re.compile(r"\S*(?:https?://|www\.|\.html|\.\./)\S*")


class Paragraphs(HTMLParser):
    """The text of each <p> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "p":
            self.depth += 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found[-1] += data


class Chrome(HTMLParser):
    """What a page says besides its content: the text of its header, menu and footer (not of its article, nor of
    the table of contents, which repeats the article's headings), and the labels (aria-label, title, placeholder,
    alt) of every element."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.stack: list[bool] = []  # for each open element: is its text content rather than interface?

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder", "alt") and value:
                self.texts.append(value)
        if tag in self.VOID:
            return
        classes = dict(attrs).get("class") or ""
        # Content repeated outside the article: the page's title in the header, its headings in the tables of
        # contents (beside the article, and inside the menu for pages the menu lists).
        content = tag in ("article", "script", "style", "title") or any(
            c in classes for c in ("md-sidebar--secondary", "md-nav--secondary", "md-header__topic")
        )
        self.stack.append(content or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip() and not (self.stack and self.stack[-1]):
            self.texts.append(data)


def test_no_paragraph_runs_a_list_into_its_text(atlas_site: Path) -> None:
    found = []
    for path in sorted((atlas_site / "site").rglob("*.html")):
        parser = Paragraphs()
        parser.feed(path.read_text(encoding="utf-8"))
        found += [(path.name, p[:80]) for p in parser.found if RUN_ON_LIST.search(" ".join(p.split()))]
    assert found == [], found[:10]


def test_a_list_under_a_line_of_text_is_a_list_and_validate_warns(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    text = entry_text().replace(
        "    Write to the regional draft board within three months.",
        "    The board can decide:\n    - to call you up;\n    - to grant a deferment.",
    )
    path = write(entries, "ru/appeal.yaml", text)
    checked = run_kb("validate", "--entries", str(entries))
    assert checked.returncode == 0, checked.stderr
    line = text.splitlines().index("    - to call you up;") + 1
    assert f"{path}:{line}:5: warning: body.en: a list starts right under a line of text" in checked.stderr
    assert "1 warning(s)" in checked.stdout
    built = run_kb("build", "--entries", str(entries), "--site-dir", str(tmp_path / "site"), "--no-bundle")
    assert built.returncode == 0, built.stderr
    page = article(tmp_path / "site" / "en" / "ru" / "ru-appeal.html")
    assert "<li>to call you up;</li>" in page and "<li>to grant a deferment.</li>" in page


def test_russian_pages_speak_russian_and_stop_once(atlas_site: Path) -> None:
    latin: dict[str, set[str]] = {}
    doubled = []
    titles = []
    for path in sorted((atlas_site / "site" / "ru").rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        parser = Chrome()
        parser.feed(page)
        for text in parser.texts:
            for word in LATIN_WORD.findall(URL.sub(" ", html_module.unescape(text))):
                if word not in LATIN_ALLOWED:
                    latin.setdefault(word, set()).add(path.name)
        title = html_module.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
        if not title.endswith(" - Атлас прав") and title != "Атлас прав":
            titles.append((path.name, title))
        visible = URL.sub(" ", text_of(re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)))
        doubled += [(path.name, visible[max(m.start() - 30, 0):m.end() + 10]) for m in DOUBLED_STOP.finditer(visible)]
    assert latin == {}, {w: sorted(p)[:3] for w, p in latin.items()}
    assert titles == [], titles[:5]
    assert doubled == [], doubled[:10]
