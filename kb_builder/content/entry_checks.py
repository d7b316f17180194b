"""Checks on a valid entry as a whole: what its facts rest on, and whether its sources meet the source policy.

Each problem is reported at the line of the value that is wrong:

- ids of `legal_basis` and `sources` items are unique within the entry;
- every `rests_on` names one of them, and a legal basis a fact rests on has the `url` its text was read at;
- every address is on a domain the source policy lists and accepts; a `primary` source is on an official domain;
  state-controlled media are cited only for an official's own statement (`statement_by`);
- the texts of facts carry no editorial notes ("not verified", "reportedly"): doubts go to `caveat`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb_builder.content.authored_text import text_position
from kb_builder.content.problems import Problem
from kb_builder.content.schema import LANGUAGES, Entry, LegalBasis, LocalizedText, Source
from kb_builder.content.source_policy import NOT_ACCEPTED, OFFICIAL, POLICY_FILE, STATE_CONTROLLED, UNLISTED, Ruling, SourcePolicy
from kb_builder.content.yaml_source import Loc, YamlDocument, dotted

#: Words that say a fact is in doubt or second-hand: they belong in its caveat, not in what it states.
EDITORIAL_NOTES = re.compile(
    r"not (?:yet )?(?:been )?(?:verified|confirmed|checked|found|seen)|unverified|could not be (?:confirmed|verified)"
    r"|reportedly|reported as|\bcheck current\b|\(not \d"
    r"|не провер|не подтвержд|не найден|не изуч|по сообщениям|по данным сми|уточните актуальн",
    re.IGNORECASE,
)
_POLICY_NAME = "kb_builder/data/" + POLICY_FILE.name


def _texts(text: LocalizedText | None, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if text is not None:
        for lang in LANGUAGES:
            value = text.get(lang)
            if value is not None:
                yield loc + (lang,), value


class _Checker:
    def __init__(self, entry: Entry, doc: YamlDocument, display_path: str, policy: SourcePolicy):
        self.entry, self.doc, self.path, self.policy = entry, doc, display_path, policy
        self.problems: list[Problem] = []

    def problem(self, loc: Loc, message: str, *, at: tuple[int, int] | None = None) -> None:
        line, col = at or self.doc.position(loc)
        self.problems.append(Problem(self.path, line, col, f"{dotted(loc)}: {message}"))

    def ids(self) -> dict[str, Loc]:
        seen: dict[str, Loc] = {}
        for name, items in (("legal_basis", self.entry.legal_basis), ("sources", self.entry.sources)):
            for index, item in enumerate(items):
                loc = (name, index, "id")
                if item.id in seen:
                    line, col = self.doc.position(seen[item.id])
                    self.problem(loc, f"{item.id!r} is already the id of {dotted(seen[item.id][:2])} at line {line} column "
                                 f"{col} (expected an id used once in the entry)")
                else:
                    seen[item.id] = loc
        return seen

    def references(self, known: dict[str, Loc]) -> None:
        by_id = {item.id: item for item in [*self.entry.legal_basis, *self.entry.sources]}
        grounded: list[tuple[Loc, list[str]]] = [(("key_facts", i), f.rests_on) for i, f in enumerate(self.entry.key_facts)]
        grounded += [(("deadlines", i), d.rests_on) for i, d in enumerate(self.entry.deadlines)]
        grounded += [(tuple(where.split(".")), f.rests_on) for where, f in self.entry.structured_facts()]
        for loc, refs in grounded:
            for index, ref in enumerate(refs):
                at = loc + ("rests_on", index)
                item = by_id.get(ref)
                if item is None:
                    self.problem(at, f"no legal_basis or source of this entry has the id {ref!r} "
                                     f"(expected one of: {', '.join(known) or 'none yet; give each item an id'})")
                elif isinstance(item, LegalBasis) and item.url is None:
                    self.problem(at, f"{ref!r} is a legal basis without a url, so its text was not read "
                                     "(expected the url where its text was read, or a source that states the fact)")

    def addresses(self) -> None:
        for index, basis in enumerate(self.entry.legal_basis):
            if basis.url is not None:
                self.address(("legal_basis", index, "url"), basis.url, for_law=True)
        for loc, message in source_problems(self.policy, self.entry.sources):
            self.problem(loc, message)

    def address(self, loc: Loc, url: str, *, for_law: bool) -> Ruling | None:
        """The policy's ruling on an address, or None (and a problem) when it may not be cited there."""
        ruling, message = check_address(self.policy, url, for_law=for_law)
        if message is not None:
            self.problem(loc, message)
        return ruling

    def editorial_notes(self) -> None:
        texts: list[tuple[Loc, str]] = []
        for i, fact in enumerate(self.entry.key_facts):
            texts += _texts(fact.label, ("key_facts", i, "label"))
            texts += _texts(fact.value, ("key_facts", i, "value"))
        for i, item in enumerate(self.entry.deadlines):
            for name in ("what", "time_limit", "legal_basis"):
                texts += _texts(getattr(item, name), ("deadlines", i, name))
        for where, fact in self.entry.structured_facts():
            if isinstance(getattr(fact, "value", None), LocalizedText):
                texts += _texts(fact.value, (*where.split("."), "value"))
        for loc, text in texts:
            match = EDITORIAL_NOTES.search(text)
            if match:
                self.problem(loc, f"{match.group()!r} is an editorial note in what the fact states "
                                  "(expected the fact alone; put a doubt about it in caveat)",
                             at=text_position(self.doc, loc, text, match.start()))


def check_address(policy: SourcePolicy, url: str, *, for_law: bool = False) -> tuple[Ruling | None, str | None]:
    """The policy's ruling on an address, or None and what is wrong when it may not be cited there (`for_law`: as
    where the text of a law was read)."""
    ruling = policy.ruling(url)
    if ruling.cls == UNLISTED:
        return None, (f"the source policy does not list {ruling.domain!r} (expected a domain that "
                      f"{_POLICY_NAME} lists as official or reputable; add it there once checked)")
    if ruling.cls == NOT_ACCEPTED:
        return None, (f"{ruling.domain} is not accepted as a source: {ruling.who} (expected an official or "
                      f"reputable source; see {_POLICY_NAME})")
    if for_law and ruling.cls == STATE_CONTROLLED:
        return None, (f"{ruling.domain} is state-controlled media ({ruling.who}) (expected where the text of "
                      "the law was read: an official portal or a legal database)")
    return ruling, None


def source_problems(policy: SourcePolicy, sources: list[Source], at: Loc = ("sources",)) -> list[tuple[Loc, str]]:
    """What is wrong with a list of sources under the policy, each with where it is (`at` is the list's place):
    an address the policy does not accept, a `primary` source not on an official domain, state-controlled media
    without the official whose statement it reports."""
    found: list[tuple[Loc, str]] = []
    for index, source in enumerate(sources):
        ruling, message = check_address(policy, source.url)
        if ruling is None:
            found.append(((*at, index, "url"), message or ""))
            continue
        if source.kind == "primary" and ruling.cls != OFFICIAL:
            found.append(((*at, index, "kind"),
                          f"primary, but {ruling.domain} is not an official domain ({ruling.who or 'not listed'}) "
                          "(expected kind: secondary, or the official body's own publication on its own domain)"))
        if ruling.cls == STATE_CONTROLLED and source.statement_by is None:
            found.append(((*at, index, "url"),
                          f"{ruling.domain} is state-controlled media ({ruling.who}), which may be cited only for an "
                          "official's own statement (expected statement_by: naming who made it)"))
    return found


def entry_problems(entry: Entry, doc: YamlDocument, display_path: str, policy: SourcePolicy) -> list[Problem]:
    checker = _Checker(entry, doc, display_path, policy)
    checker.references(checker.ids())
    checker.addresses()
    checker.editorial_notes()
    return checker.problems
