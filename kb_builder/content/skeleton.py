"""The skeleton that `kb new` writes: an entry whose every text says what to write there.

It is valid but for one thing `kb validate` then points at: its source is on no domain the source policy lists,
because only the author can say where the rule is written."""

from __future__ import annotations

import datetime as dt

from kb_builder.content.jurisdictions import jurisdiction_slug

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
    kind: rule  # or deadline, penalty, stay, age, fee, context
    rests_on: [todo-source]  # ids of the legal_basis items and sources that state it
deadlines: []
legal_basis:
  - id: todo-law
    kind: law  # or court, guidance
    instrument:
      en: "TODO: law or decree, with its number"
      ru: "TODO: закон или указ с номером"
    article: {{en: "TODO: Art.", ru: "TODO: ст."}}
    date: {today}
sources:
  - id: todo-source
    title: "TODO: title of the source"
    publisher: "TODO: publisher"
    url: https://example.org/TODO
    accessed: {today}
    kind: primary
last_reviewed: {today}
related: []
"""


def render(*, jurisdiction: str, topic: str, slug: str, today: dt.date) -> str:
    prefix = jurisdiction_slug(jurisdiction) + "-"
    entry_id = slug if slug.startswith(prefix) else prefix + slug
    return _TEMPLATE.format(id=entry_id, jurisdiction=jurisdiction, topic=topic, today=today.isoformat())
