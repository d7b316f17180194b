"""The skeleton that `kb new` writes: a valid entry whose every text says what to write there."""

from __future__ import annotations

import datetime as dt

from kb_builder.jurisdictions import jurisdiction_slug

_TEMPLATE = """\
# yaml-language-server: $schema=../../schema/entry.schema.json
id: {id}
jurisdiction: {jurisdiction}
topic: {topic}
title:
  en: "TODO: a one-line title"
  ru: "TODO: заголовок в одну строку"
summary:
  en: "TODO: the answer in two or three sentences."
  ru: "TODO: ответ в двух-трёх предложениях."
body:
  en: |
    ## What the rule is

    TODO

    ## What to do

    TODO
  ru: |
    ## В чём правило

    TODO

    ## Что делать

    TODO
audience: [counsellors]
key_facts:
  - label: {{en: "TODO: fact", ru: "TODO: факт"}}
    value: {{en: "TODO", ru: "TODO"}}
    as_of: {today}
    verified: false
deadlines: []
legal_basis:
  - instrument:
      en: "TODO: law or decree, with its number"
      ru: "TODO: закон или указ с номером"
    article: {{en: "TODO: Art.", ru: "TODO: ст."}}
    date: {today}
sources:
  - title: "TODO: title of the source"
    publisher: "TODO: publisher"
    url: https://example.org/TODO
    accessed: {today}
    kind: primary
last_reviewed: {today}
verified: false
related: []
"""


def render(*, jurisdiction: str, topic: str, slug: str, today: dt.date) -> str:
    prefix = jurisdiction_slug(jurisdiction) + "-"
    entry_id = slug if slug.startswith(prefix) else prefix + slug
    return _TEMPLATE.format(id=entry_id, jurisdiction=jurisdiction, topic=topic, today=today.isoformat())
