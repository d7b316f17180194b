"""Writes a synthetic atlas of N valid entries, for benchmarks: `python scripts/synthetic_atlas.py N DIR`.

Texts are drawn, with a fixed seed, from the words of the real entries, so that stemming, index
size and page weight behave as they would on real content. Entries are spread over every
jurisdiction code.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kb_builder.content.entry_checks import EDITORIAL_NOTES  # noqa: E402
from kb_builder.content.jurisdictions import JURISDICTION_CODES, jurisdiction_slug  # noqa: E402
from kb_builder.content.schema import TOPICS  # noqa: E402


def vocabulary(lang: str) -> list[str]:
    words: list[str] = []
    for path in sorted((REPO / "entries").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        words += re.findall(r"[^\W\d_]{3,}", data["body"].get(lang, ""))
    return words


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    """Words drawn at random, redrawn if they happen to read as an editorial note ("not verified"), which facts
    may not hold."""
    while True:
        text = " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."
        if not EDITORIAL_NOTES.search(text):
            return text


def paragraph(rng: random.Random, words: list[str], sentences: int) -> str:
    return " ".join(sentence(rng, words, rng.randint(8, 18)) for _ in range(sentences))


def entry(i: int, code: str, rng: random.Random, vocab: dict[str, list[str]]) -> dict:
    text = lambda n: {lang: sentence(rng, vocab[lang], n) for lang in ("en", "ru")}  # noqa: E731
    body = {
        lang: "\n\n".join(
            f"## {sentence(rng, vocab[lang], 3)[:-1]}\n\n{paragraph(rng, vocab[lang], 4)}" for _ in range(3)
        )
        for lang in ("en", "ru")
    }
    return {
        "id": f"{jurisdiction_slug(code)}-synthetic-{i}",
        "jurisdiction": code,
        "topic": TOPICS[i % len(TOPICS)],
        "title": {lang: t[:-1] for lang, t in text(6).items()},
        "summary": text(30),
        "body": body,
        "audience": ["counsellors"],
        "key_facts": [
            {"label": {k: v[:-1] for k, v in text(3).items()}, "value": text(8), "as_of": "2026-11-01",
             "kind": "rule", "rests_on": ["law"]}
            for _ in range(4)
        ],
        "deadlines": [{"what": text(5), "time_limit": text(3), "legal_basis": text(3), "rests_on": ["law", "source"]}],
        # Addresses on domains the source policy lists, as every real entry's must be.
        "legal_basis": [{"id": "law", "instrument": text(6), "article": {"en": "Art. 1", "ru": "ст. 1"},
                         "date": "2020-01-01", "url": f"http://pravo.gov.ru/synthetic/{i}"}],
        "sources": [{"id": "source", "title": f"Synthetic source {i}", "publisher": "Benchmark",
                     "url": f"https://epp.genproc.gov.ru/synthetic/{i}", "accessed": "2026-11-20", "kind": "primary"}],
        "last_reviewed": "2026-11-21",
    }


def write_atlas(count: int, out: Path, seed: int = 20261121) -> Path:
    rng = random.Random(seed)
    vocab = {lang: vocabulary(lang) for lang in ("en", "ru")}
    codes = sorted(JURISDICTION_CODES)
    for i in range(count):
        code = codes[i % len(codes)]
        data = entry(i, code, rng, vocab)
        path = out / jurisdiction_slug(code) / f"{data['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


if __name__ == "__main__":
    write_atlas(int(sys.argv[1]), Path(sys.argv[2]))
