"""The loader reports every problem with its exact position and never drops an entry."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import entry_text, position, write
from kb_builder.content.loader import load_entries


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_entries(root).problems]


def only_problem(root: Path) -> tuple[str, int, int, str]:
    found = load_entries(root).problems
    assert len(found) == 1, [str(p) for p in found]
    p = found[0]
    return p.path, p.line, p.col, p.message


def test_valid_entry_loads(entries: Path) -> None:
    write(entries, "ru/appeal.yaml", entry_text())
    result = load_entries(entries)
    assert result.problems == []
    [item] = result.entries
    assert item.entry.id == "ru-appeal"
    assert item.entry.review_due.isoformat() == "2027-11-21"
    assert item.entry.key_facts[1].kind == "rule" and item.entry.key_facts[1].rests_on == ["newspaper"]


def change(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("topic: appeal-grounds", "topic: appeals", "appeals", "topic: 'appeals' is not allowed (expected 'conscription'"),
        ("jurisdiction: RU", "jurisdiction: XX", "XX", "jurisdiction: unknown jurisdiction 'XX'"),
        ("last_reviewed: 2026-11-21", "last_reviewed: 21.11.2026", "21.11.2026", "last_reviewed: '21.11.2026' is not a date"),
        ("as_of: 2026-11-01", "as_of: 2026-02-30", "2026-02-30", "key_facts[0].as_of: '2026-02-30' is not a real date"),
        ("url: http://pravo", "url: ftp://pravo", "ftp://", "legal_basis[0].url: 'ftp://pravo.gov.ru"),
        ("kind: primary", "kind: official", "official", "sources[0].kind: 'official' is not allowed"),
        ("kind: deadline", "kind: deadlines", "deadlines", "key_facts[0].kind: 'deadlines' is not allowed (expected 'deadline'"),
        ("rests_on: [53-fz]", "rests_on: []", "[]", "key_facts[0].rests_on: the list is empty (expected at least 1 item)"),
        ("  - id: 53-fz\n", "  - id: 53-fz\n    kind: statute\n", "statute", "legal_basis[0].kind: 'statute' is not allowed (expected 'law', 'court' or 'guidance')"),
        ("audience: [conscripts, lawyers]", "audience: [conscripts, soldiers]", "soldiers", "audience[1]: 'soldiers' is not allowed"),
        ("  en: Appealing", "  en: ''\n  xx: Appealing", "''", "title.en: the text is empty (expected some text)"),
        ("id: ru-appeal", "id: RU_Appeal", "RU_Appeal", "id: 'RU_Appeal' is not a valid id"),
        ("id: ru-appeal", "id: sources", "sources", "id: 'sources' is the name of a page the atlas makes for every jurisdiction"),
        ("title:\n  en: Appealing", "title:\n  en: 12\n  zz: Appealing", "12", "title.en: int 12 is the wrong kind of value (expected text)"),
    ],
)
def test_value_errors_point_at_the_value(entries: Path, old: str, new: str, needle: str, message: str) -> None:
    text = change(entry_text(), old, new)
    write(entries, "ru/appeal.yaml", text)
    found = [p for p in load_entries(entries).problems if message in p.message]
    assert found, problems(entries)
    assert (found[0].line, found[0].col) == position(text, needle)
    assert found[0].path.endswith("ru/appeal.yaml")
    assert "expected" in found[0].message


def test_unknown_field_points_at_the_key_and_lists_fields(entries: Path) -> None:
    text = change(entry_text(), "last_reviewed: 2026-11-21", "last_reviewed: 2026-11-21\nreviewer: anna")
    write(entries, "ru/appeal.yaml", text)
    _, line, col, message = only_problem(entries)
    assert (line, col) == position(text, "reviewer")
    assert message.startswith("reviewer: unknown field 'reviewer' (expected one of: id, jurisdiction, topic")


def test_unknown_language_in_text_map(entries: Path) -> None:
    text = change(entry_text(), "  ru: Обжалование", "  de: Anfechtung\n  ru: Обжалование")
    write(entries, "ru/appeal.yaml", text)
    _, line, col, message = only_problem(entries)
    assert (line, col) == position(text, "de:")
    assert message == "title.de: unknown field 'de' (expected one of: en, ru)"


def test_missing_field_points_at_its_mapping(entries: Path) -> None:
    text = change(entry_text(), "    kind: primary\n", "")
    write(entries, "ru/appeal.yaml", text)
    _, line, col, message = only_problem(entries)
    assert (line, col) == position(text, "id: prosecutor")
    assert message == "sources[0].kind: missing required field 'kind'"


def test_duplicate_key_is_an_error_not_silent_loss(entries: Path) -> None:
    text = change(entry_text(), "last_reviewed: 2026-11-21", "last_reviewed: 2026-11-21\nlast_reviewed: 2020-01-01")
    write(entries, "ru/appeal.yaml", text)
    result = load_entries(entries)
    [p] = result.problems
    assert (p.line, p.col) == position(text, "last_reviewed", nth=1)
    first = position(text, "last_reviewed")
    assert f"duplicate key 'last_reviewed', first given at line {first[0]} column {first[1]}" in p.message
    assert result.entries == []


def test_yaml_syntax_error_has_position(entries: Path) -> None:
    text = change(entry_text(), "audience: [conscripts, lawyers]", "audience: [conscripts, lawyers")
    write(entries, "ru/appeal.yaml", text)
    _, line, col, message = only_problem(entries)
    assert message.startswith("YAML syntax error:")
    assert line == position(text, "key_facts:")[0]


def test_tab_indentation(entries: Path) -> None:
    text = change(entry_text(), "  en: Appealing", "\ten: Appealing")
    write(entries, "ru/appeal.yaml", text)
    _, line, col, message = only_problem(entries)
    assert (line, col) == position(text, "\ten")
    assert "tabs cannot indent YAML" in message


def test_duplicate_id_across_files_and_missing_related(entries: Path) -> None:
    write(entries, "ru/a.yaml", entry_text(id="ru-same"))
    text = entry_text(id="ru-same", related="[ru-missing]")
    write(entries, "ru/b.yaml", text)
    found = load_entries(entries).problems
    messages = {(Path(p.path).name, p.line, p.col, p.message) for p in found}
    id_line, id_col = position(text, "ru-same")
    assert any(
        name == "b.yaml" and (line, col) == (id_line, id_col) and "is already used by" in msg and "a.yaml:2:5" in msg
        for name, line, col, msg in messages
    ), messages
    rel_line, rel_col = position(text, "ru-missing")
    assert ("b.yaml", rel_line, rel_col, "related[0]: no entry has the id 'ru-missing' (expected the id of an existing entry)") in messages
    assert len(found) == 2


def test_links_to_entries_by_id_are_checked_at_their_place(entries: Path) -> None:
    """A body may link to another entry by its id; an unknown id, or such a link outside the body (whose texts
    the pages do not resolve), is reported where it is written."""
    write(entries, "ru/a.yaml", entry_text(id="ru-target"))
    ok = change(entry_text(id="ru-from"), "в течение трёх месяцев.", "в течение трёх месяцев (см. [статью](entry:ru-target)).")
    write(entries, "ru/b.yaml", ok)
    assert problems(entries) == []
    broken = change(ok, "(entry:ru-target)", "(entry:ru-targe)")
    write(entries, "ru/b.yaml", broken)
    line, col = position(broken, "ru-targe)")
    assert only_problem(entries) == (
        str(entries / "ru/b.yaml"), line, col,
        "body.ru: no entry has the id 'ru-targe' (expected the id of an existing entry after entry:)",
    )
    # Wrapped text: the link's words run over a line break.
    wrapped = change(ok, "(см. [статью](entry:ru-target))", "(см. [эту\n    статью](entry:ru-targe))")
    write(entries, "ru/b.yaml", wrapped)
    line, col = position(wrapped, "ru-targe)")
    assert only_problem(entries) == (
        str(entries / "ru/b.yaml"), line, col,
        "body.ru: no entry has the id 'ru-targe' (expected the id of an existing entry after entry:)",
    )
    # A reference-style link to an entry is not one the page resolves.
    reference = change(ok, "(см. [статью](entry:ru-target)).", "(см. [статью]).\n\n    [статью]: entry:ru-target")
    write(entries, "ru/b.yaml", reference)
    line, col = position(reference, "entry:ru-target")
    assert only_problem(entries) == (
        str(entries / "ru/b.yaml"), line, col,
        "body.ru: a link to 'entry' is not allowed (expected a link starting with http:, https:, mailto:, "
        "or [text](entry:<id>) in the body)",
    )
    outside = change(entry_text(id="ru-from"), "или в суд.", "или в суд ([статья](entry:ru-target)).")
    write(entries, "ru/b.yaml", outside)
    line, col = position(outside, "entry:ru-target")
    assert only_problem(entries) == (
        str(entries / "ru/b.yaml"), line, col,
        "summary.ru: a link to 'entry' is not allowed (expected a link starting with http:, https:, mailto:, "
        "or [text](entry:<id>) in the body)",
    )


def test_a_problem_in_a_folded_text_points_at_the_line_as_written(entries: Path) -> None:
    """YAML joins the lines of a folded text (`>-`) into one; the position is counted back through them."""
    text = change(
        entry_text(),
        "  en: A decision of the draft board can be appealed to the regional board or to a court.",
        "  en: >-\n    A decision of the draft board can be appealed\n    to the regional board<br> or to a court.",
    )
    write(entries, "ru/appeal.yaml", text)
    line, col = position(text, "<br>")
    path, found_line, found_col, message = only_problem(entries)
    assert (found_line, found_col) == (line, col) and message.startswith("summary.en: raw HTML '<br>'"), message


def test_folder_must_match_jurisdiction(entries: Path) -> None:
    text = entry_text(jurisdiction="DE", id="de-x")
    write(entries, "ru/x.yaml", text)
    _, line, col, message = only_problem(entries)
    assert (line, col) == position(text, "DE")
    assert "does not match the folder 'ru'" in message


def test_norway_stays_a_country_code(entries: Path) -> None:
    write(entries, "no/x.yaml", entry_text(jurisdiction="NO", id="no-x"))
    assert problems(entries) == []


def test_every_problem_in_every_file_in_one_run(entries: Path) -> None:
    write(entries, "ru/one.yaml", change(entry_text(id="ru-one"), "topic: appeal-grounds", "topic: x"))
    write(entries, "ru/two.yaml", change(entry_text(id="ru-two"), "kind: primary", "kind: y"))
    write(entries, "ru/three.yaml", "id: [unclosed\n")
    write(entries, "ru/fine.yaml", entry_text(id="ru-fine"))
    result = load_entries(entries)
    assert {Path(p.path).name for p in result.problems} == {"one.yaml", "two.yaml", "three.yaml"}
    assert len(result.files) == 4 and [e.entry.id for e in result.entries] == ["ru-fine"]


@pytest.mark.parametrize(
    ("content", "message", "where"),
    [
        (b"", "the file is empty", (1, 1)),
        (b"- id: x\n- id: y\n", "the file is a list (expected a mapping", (1, 1)),
        (b"\xef\xbb\xbfid: x\n", "byte-order mark", (1, 1)),
        (b"id: x\ntitle:\n  en: caf\xe9\n", "byte 0xe9 is not valid UTF-8", (3, 10)),
        (b"\xff\xfei\x00d\x00", "UTF-16", (1, 1)),
        (b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "anchors and aliases are not allowed", (2, 8)),
        (b"id: !!python/object:os.system x\n", "the tag 'tag:yaml.org,2002:python/object:os.system' is not allowed", (1, 5)),
        (b"---\nid: a\n---\nid: b\n", "YAML syntax error: expected a single document", (3, 1)),
    ],
)
def test_hostile_files(entries: Path, content: bytes, message: str, where: tuple[int, int]) -> None:
    write(entries, "ru/bad.yaml", content)
    result = load_entries(entries)
    assert result.entries == [] and result.files, "a bad file is never an entry and never dropped"
    matching = [p for p in result.problems if message in p.message]
    assert matching, [str(p) for p in result.problems]
    assert (matching[0].line, matching[0].col) == where
    assert "expected" in matching[0].message


def test_very_large_file(entries: Path) -> None:
    write(entries, "ru/big.yaml", entry_text() + "#" * (1024 * 1024))
    _, line, col, text = only_problem(entries)
    assert "bytes (expected at most 1,048,576 bytes)" in text


def test_deep_nesting(entries: Path) -> None:
    write(entries, "ru/deep.yaml", "id: " + "[" * 5000 + "]" * 5000 + "\n")
    _, _, _, text = only_problem(entries)
    assert "nested" in text


def test_files_outside_jurisdiction_folders_and_yml(entries: Path) -> None:
    write(entries, "loose.yaml", entry_text())
    write(entries, "ru/other.yml", entry_text(id="ru-other"))
    names = {Path(p.path).name: p.message for p in load_entries(entries).problems}
    assert "not in a jurisdiction folder" in names["loose.yaml"]
    assert "end in .yaml" in names["other.yml"]


def test_review_due_before_last_reviewed(entries: Path) -> None:
    text = change(entry_text(), "last_reviewed: 2026-11-21", "last_reviewed: 2026-11-21\nreview_due: 2020-01-01")
    write(entries, "ru/appeal.yaml", text)
    _, _, _, message = only_problem(entries)
    assert "review_due is before last_reviewed" in message


MUTATION_TEXT = st.text(
    alphabet=st.sampled_from(list("abcя:-#&*!|>'\"[]{}\t\n ,.%@`<>0123456789ё\\\ufeff\x00")), max_size=20
)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mutated_entries_are_accepted_or_reported_never_crash(data: st.DataObject) -> None:
    text = entry_text()
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        where = data.draw(st.integers(0, len(text)), label="at")
        kind = data.draw(st.sampled_from(["insert", "delete", "replace", "duplicate-line"]), label="kind")
        if kind == "insert":
            text = text[:where] + data.draw(MUTATION_TEXT, label="text") + text[where:]
        elif kind == "delete":
            text = text[:where] + text[where + data.draw(st.integers(1, 40), label="length") :]
        elif kind == "replace":
            text = text[:where] + data.draw(MUTATION_TEXT, label="text") + text[where + 5 :]
        else:
            lines = text.splitlines(keepends=True)
            i = min(where % max(len(lines), 1), len(lines) - 1)
            text = "".join(lines[: i + 1] + [lines[i]] + lines[i + 1 :])
    raw = text.encode("utf-8", errors="surrogatepass") if data.draw(st.booleans(), label="utf8") else text.encode("latin-1", "replace")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "entries"
        write(root, "ru/mutant.yaml", raw)
        result = load_entries(root)
    assert len(result.files) == 1
    if result.problems:
        assert result.entries == []
        for problem in result.problems:
            assert problem.path.endswith("mutant.yaml") and problem.line >= 1 and problem.col >= 1
            assert problem.message and "Traceback" not in problem.message
    else:
        assert len(result.entries) == 1


# -- What facts rest on, and the source policy (kb_builder/content/entry_checks.py, kb_builder/data/source-policy.yaml) ---------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        # A source on a domain the policy does not accept: a forum.
        ("url: https://www.vedomosti.ru/source-ru-appeal", "url: https://www.9111.ru/questions/1", "https://www.9111.ru",
         "sources[1].url: 9111.ru is not accepted as a source: a legal Q&A forum (expected an official or reputable source"),
        # A pirate library, through a subdomain of a listed domain.
        ("url: https://www.vedomosti.ru/source-ru-appeal", "url: https://user.bibliboba.online/b/1", "https://user.bibliboba",
         "sources[1].url: bibliboba.online is not accepted as a source: a pirate e-book library"),
        # A domain nobody has classified yet.
        ("url: https://www.vedomosti.ru/source-ru-appeal", "url: https://unknown-blog.example/x", "https://unknown-blog",
         "sources[1].url: the source policy does not list 'unknown-blog.example' (expected a domain that kb_builder/data/source-policy.yaml lists"),
        # A newspaper marked as a primary source.
        ("    kind: secondary", "    kind: primary", "primary\nlast_reviewed",
         "sources[1].kind: primary, but vedomosti.ru is not an official domain (Vedomosti, Russian business daily) "
         "(expected kind: secondary"),
        # A fact resting on an id the entry does not have.
        ("rests_on: [53-fz]", "rests_on: [53-fz, nowhere]", "nowhere",
         "key_facts[0].rests_on[1]: no legal_basis or source of this entry has the id 'nowhere' (expected one of: 53-fz, prosecutor, newspaper)"),
        ("rests_on: [53-fz, prosecutor]", "rests_on: [53-fz, prosecuter]", "prosecuter",
         "deadlines[0].rests_on[1]: no legal_basis or source of this entry has the id 'prosecuter'"),
        # A legal basis whose text was never read cannot carry a fact.
        ("    url: http://pravo.gov.ru/proxy/ips/?docbody=&nd=102052265\n", "", "53-fz]",
         "key_facts[0].rests_on[0]: '53-fz' is a legal basis without a url, so its text was not read"),
        # Two items with one id.
        ("  - id: newspaper", "  - id: prosecutor", "prosecutor\n    title: Courts",
         "sources[1].id: 'prosecutor' is already the id of sources[0]"),
        # State-controlled media without the statement it is cited for.
        ("url: https://www.vedomosti.ru/source-ru-appeal", "url: https://tass.ru/politika/1", "https://tass.ru",
         "sources[1].url: tass.ru is state-controlled media (TASS, Russian state news agency), which may be cited only for an "
         "official's own statement (expected statement_by: naming who made it)"),
        # State-controlled media are never where a law's text is read.
        ("url: http://pravo.gov.ru/proxy/ips/?docbody=&nd=102052265", "url: https://ria.ru/law/53", "https://ria.ru",
         "legal_basis[0].url: ria.ru is state-controlled media"),
        # An editorial note in what a fact states; the doubt belongs in its caveat.
        ("Three months from the decision,", "Three months from the decision (not verified),", "not verified),",
         "key_facts[0].value.en: 'not verified' is an editorial note in what the fact states (expected the fact alone; put a doubt about it in caveat)"),
        ("ru: Три месяца}", "ru: Три месяца (по сообщениям)}", "по сообщениям)",
         "deadlines[0].time_limit.ru: 'по сообщениям' is an editorial note"),
        # The flags that provenance replaced are gone, with a message that says what fields there are.
        ("    kind: deadline\n", "    kind: deadline\n    verified: false\n", "verified: false",
         "key_facts[0].verified: unknown field 'verified' (expected one of: rests_on, caveat, label, value, as_of, kind)"),
    ],
)
def test_provenance_and_source_policy_problems_point_at_their_line(
    entries: Path, old: str, new: str, needle: str, message: str
) -> None:
    text = change(entry_text(), old, new)
    write(entries, "ru/appeal.yaml", text)
    found = load_entries(entries)
    assert found.entries == [], "an entry with a policy or provenance problem is not built"
    matching = [p for p in found.problems if p.message.startswith(message)]
    assert matching, [str(p) for p in found.problems]
    assert (matching[0].line, matching[0].col) == position(text, needle)
    assert matching[0].path.endswith("ru/appeal.yaml")


def test_state_controlled_media_may_be_cited_for_an_officials_statement(entries: Path) -> None:
    text = change(entry_text(), "url: https://www.vedomosti.ru/source-ru-appeal",
                  "url: https://tass.ru/politika/1\n    statement_by: Dmitry Peskov, Kremlin spokesman")
    write(entries, "ru/appeal.yaml", text)
    assert problems(entries) == []


def test_the_source_policy_classifies_by_the_most_specific_domain() -> None:
    from kb_builder.content.source_policy import load_policy

    policy = load_policy()
    assert policy.ruling("https://epp.genproc.gov.ru/web/x").cls == "official"
    assert policy.ruling("http://www.kremlin.ru/acts/bank/1").cls == "official"
    assert policy.ruling("https://boe.es./buscar/act.php").cls == "official"
    assert policy.ruling("https://www.uscis.gov/x").domain == "gov"
    assert policy.ruling("https://otvet.mail.ru/question/1").cls == "not-accepted"
    assert policy.ruling("https://news.mail.ru/society/1").cls == "state-controlled"
    assert policy.ruling("https://help.unhcr.org/armenia").cls == "reputable"
    assert policy.ruling("https://nowhere.example").cls == "unlisted"


def test_a_broken_source_policy_is_reported_with_positions(tmp_path: Path) -> None:
    from kb_builder.content.problems import EntryErrors
    from kb_builder.content.source_policy import load_policy

    text = "official:\n  gov.ru: Russian state bodies\nreputable:\n  gov.ru: twice\n  WWW.X.ORG: shouting\ntrusted:\n  a.org: x\n"
    path = write(tmp_path, "policy.yaml", text)
    with pytest.raises(EntryErrors) as err:
        load_policy(path)
    shown = [(p.line, p.col, p.message) for p in err.value.problems]
    assert (4, 3, "'gov.ru' is already in the class 'official' (expected each domain once)") in shown
    assert any(line == 5 and "is not a bare domain" in message for line, _, message in shown)
    assert (6, 1, "unknown class 'trusted' (expected one of: official, reputable, state-controlled, not-accepted)") in shown


def test_one_entry_per_jurisdiction_gives_its_world_table_row(entries: Path) -> None:
    facts = "conscription_facts:\n  in_force: {value: true, as_of: 2026-11-01, rests_on: [53-fz]}\n"
    write(entries, "ru/a.yaml", entry_text(id="ru-a").replace("topic: appeal-grounds", "topic: conscription") + facts)
    text = entry_text(id="ru-b").replace("topic: appeal-grounds", "topic: conscription") + facts
    write(entries, "ru/b.yaml", text)
    found = [p for p in load_entries(entries).problems if "conscription_facts" in p.message]
    assert len(found) == 1 and found[0].path.endswith("b.yaml"), found
    assert (found[0].line, found[0].col) == position(text, "conscription_facts")
    assert "a.yaml" in found[0].message and "expected one entry per jurisdiction" in found[0].message
