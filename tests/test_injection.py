"""Authored text never runs as code: the validator rejects markup at its line, and the sanitiser
neutralises whatever Markdown could still produce."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from helpers import REPO, entry_text, position, run_kb, write
from kb_builder.pages.sanitize import sanitize_html

PAYLOADS = {
    "script": "<script>alert('kb-xss-1')</script>",
    "handler": '<img src="x" onerror="alert(\'kb-xss-2\')">',
    "javascript": "[click](javascript:alert('kb-xss-3'))",
    "entity-javascript": "[click](javascript&#58;alert('kb-xss-4'))",
    "data": "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "svg": "<svg><script>alert('kb-xss-5')</script><animate onbegin=\"alert('kb-xss-6')\"/></svg>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style": "<div style=\"background:url(javascript:alert('kb-xss-7'))\">x</div>",
    "mermaid": '<pre class="mermaid md-typeset">graph TD; A-->B</pre>',
    "image": "![pixel](https://tracker.example/pixel.png)",
    "reference": "[ref]\n\n[ref]: vbscript:msgbox(1)",
}


def test_validator_rejects_each_payload_at_its_line(entries: Path) -> None:
    body = "\n\n".join(PAYLOADS.values())
    text = entry_text(id="ru-inject").replace(
        "    Write to the regional draft board within three months.", "    " + body.replace("\n", "\n    ")
    )
    write(entries, "ru/inject.yaml", text)
    result = run_kb("validate", "--entries", str(entries))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for name, payload in PAYLOADS.items():
        first_line = payload.splitlines()[-1] if name == "reference" else payload.splitlines()[0]
        line_no = position(text, first_line)[0]
        assert any(l.startswith(f"{entries / 'ru' / 'inject.yaml'}:{line_no}:") or f"inject.yaml:{line_no}:" in l for l in lines), (
            name,
            result.stderr,
        )


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_sanitiser_leaves_no_live_markup(name: str) -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    html = sanitize_html(markdown.markdown(PAYLOADS[name], extensions=extensions))
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "svg", "animate", "img", "style", "object", "embed"), (name, html)
        for attr, value in attrs.items():
            assert not attr.startswith("on") and attr != "style", (name, html)
            assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.I), (name, html)
            assert not (attr == "class" and "mermaid" in (value or "")), (name, html)


def test_built_atlas_has_no_script_in_its_content(atlas_site: Path) -> None:
    for page in (atlas_site / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        content = html[html.index("<article") : html.index("</article>")]
        parser = Tags()
        parser.feed(content)
        for tag, attrs in parser.tags:
            assert tag not in ("script", "iframe", "object", "embed", "img"), (page, tag)
            assert not any(a.startswith("on") for a in attrs), (page, tag, attrs)
