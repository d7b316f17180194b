"""One search policy: `kb search` and the in-browser search read the same values (kb_builder/search/policy.json),
make the same terms of the same text, weigh every term of every entry alike and so rank the same entries first."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from helpers import REPO, file_url, results, search_index_part
from kb_builder.build_info import build_date
from kb_builder.content.glossary import load_glossary
from kb_builder.content.loader import load_entries
from kb_builder.content.schema import LANGUAGES
from kb_builder.pages.atlas import Atlas
from kb_builder.pages.markdown import EXTENSIONS
from kb_builder.search import analysis, browser_index, ranking
from kb_builder.search.documents import entry_fields
from kb_builder.search.matching import GlossaryForms, Vocabulary, edit_distance
from kb_builder.search.policy import POLICY_FILE, PolicyError, policy
from kb_builder.search.terminal import WEIGHTS, Searcher, field
from relevance import browser_results, cli_rankings, load_queries

SHARED_QUERIES = REPO / "tests" / "search" / "shared_queries.yaml"
#: Words on which stemmers often disagree (-y endings, doubled consonants, short words), besides the atlas's own.
TRICKY_WORDS = (
    "days say sky cry by try yes added admitted beginning troubled hopping filing conditional relational "
    "generalization electricity happiness agreed feed ponies caresses ties cats dying lying sly yield "
    "призывник призывников призывом отсрочкой отсрочки военкоматом повесток ёлка Ёжик объявлений изъят"
)


def entry_ids() -> set[str]:
    return {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in (REPO / "entries").rglob("*.yaml")}


def indexed_ids() -> set[str]:
    """The pages both searches index alike: entries, situation guides, forms and court decisions."""
    folders = ("entries", "guides", "templates", "cases")
    return {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for f in folders for p in (REPO / f).rglob("*.yaml")}


def indexed_rankings(site: Path, queries: list[dict], browser: Browser) -> list[list[str]]:
    """The ids of the pages each query shows in the in-browser search, best first, leaving out the listing and
    hand-written pages that only the browser indexes (`kb search` has the others)."""
    ids = indexed_ids()
    return [[Path(h).stem for h in hrefs if Path(h).stem in ids] for hrefs in browser_results(site, queries, browser)]


def test_shared_queries_cover_both_languages_typos_and_the_glossary() -> None:
    queries = load_queries(SHARED_QUERIES)
    assert len(queries) >= 30
    assert {q["lang"] for q in queries} == set(LANGUAGES)
    assert {analysis.CYRILLIC.search(q["q"]) is not None for q in queries} == {True, False}, "English and Russian words"
    kinds = [q["kind"] for q in queries]
    assert kinds.count("typo") >= 5 and kinds.count("glossary") >= 5 and set(kinds) == {"words", "typo", "glossary"}
    # A glossary query is in the other language than the search it runs in.
    assert all((analysis.CYRILLIC.search(q["q"]) is not None) == (q["lang"] == "en") for q in queries if q["kind"] == "glossary")


def test_both_searches_rank_the_same_first_three_entries(atlas_site: Path, browser: Browser) -> None:
    """Every shared query, through `kb search` and through the browser's search from file://: the same pages
    (entries, guides, forms, decisions) in the same order. The browser also finds listing and hand-written pages
    (ranked below what they list by the policy's listing weight), which `kb search` does not index: they are left
    out of the comparison."""
    queries = load_queries(SHARED_QUERIES)
    site = atlas_site / "site"
    terminal = cli_rankings(site / "cli-index", queries)
    in_browser = indexed_rankings(site, queries, browser)
    differ = [
        f"{q['q']!r} ({q['lang']}): kb search {cli[:3]}, browser {web[:3]}"
        for q, cli, web in zip(queries, terminal, in_browser)
        if cli[:3] != web[:3]
    ]
    assert differ == []
    assert all(len(cli) >= 3 for cli in terminal), "every shared query finds at least three pages"


def test_a_russian_query_finds_russias_page_first_unless_it_names_another_country(
    atlas_site: Path, browser: Browser
) -> None:
    """«я уклоняюсь от призыва» fits Russia's penalties as well as Spain's and Belarus's pages on evaders: the
    policy's `home` weight puts Russia's first in the Russian search; a query that names Belarus still finds
    Belarus's page first. In both searches (the page weight is one number that both indexes are made with)."""
    queries = [{"q": "я уклоняюсь от призыва"}, {"q": "уклонение от призыва в Беларуси"}]
    site = atlas_site / "site"
    for ranking in (cli_rankings(site / "cli-index", queries), indexed_rankings(site, queries, browser)):
        assert [found[0] for found in ranking] == ["ru-penalties", "by-conscription-and-objection"], ranking
    assert policy().home_weight("ru", "RU") > 1
    assert policy().home_weight("en", "RU") == policy().home_weight("ru", "BY") == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_browser_searches_with_the_policy_and_glossary_of_the_package(
    atlas_site: Path, browser: Browser, lang: str
) -> None:
    page = browser.new_page()
    page.goto(file_url(atlas_site / "site" / lang / "index.html", "asylum"))
    assert results(page)
    loaded = page.evaluate("window.__kbSearch.index")
    page.close()
    assert loaded["policy"] == policy().raw == json.loads(POLICY_FILE.read_text(encoding="utf-8"))
    # The glossary as the terms of each form of each term, made as `kb search` makes them.
    expected = [GlossaryForms.of(t.en, t.ru) for t in load_glossary()]
    assert loaded["glossary"] == [{"forms": [list(f) for f in g.every], "expand": [list(f) for f in g.by_lang[lang]]}
                                  for g in expected]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_both_searches_weigh_every_term_of_every_page_alike(atlas_site: Path, lang: str) -> None:
    """The BM25F weight of each term in each page that both searches index (entries, guides with the questions
    they answer, forms, decisions), as the browser's index stores it and as `kb search` computes it from its
    index, and the number of entries with the term that its idf comes from."""
    site = atlas_site / "site"
    contents = search_index_part(site / lang, "index")
    pages = [page for k in range(-(-contents["n"] // contents["pagesPerPart"]))
             for page in search_index_part(site / lang, f"p{k}")]
    searcher = Searcher(site / "cli-index")
    try:
        stored = [searcher.reader.stored_fields(doc) for doc in range(searcher.reader.doc_count_all())]
        indexed = {fields["path"] for fields in stored if fields["lang"] == lang}
        ids = entry_ids()
        both = {number: f"{lang}/{page[1]}" for number, page in enumerate(pages) if f"{lang}/{page[1]}" in indexed}
        assert sorted(both.values()) == sorted(indexed), "the browser indexes every page that `kb search` does"
        assert any(Path(path).parent.name == "guides" for path in indexed)
        in_browser: dict[str, tuple[int, dict[str, float]]] = {}
        for k in range(len(contents["first"])):
            part = search_index_part(site / lang, f"t{k}")
            for term, postings, df in zip(part["terms"], part["postings"], part["df"]):
                weights, doc = {}, 0
                for pair in postings.split(" "):
                    delta, weight = pair.split(".")
                    doc += int(delta, 36)
                    if doc in both:
                        weights[both[doc]] = int(weight, 36) / contents["policy"]["weight_scale"]
                if weights:
                    in_browser[term] = (df, weights)

        collection = searcher._collection(lang)
        paths = {doc: fields["path"] for doc, fields in enumerate(stored)}
        entry_paths = {doc: paths[doc] for doc in collection.documents}
        assert contents["entries"] == len(collection.documents) == sum(Path(p).stem in ids for p in both.values())
        assert sorted(entry_paths.values()) == [entry_paths[doc] for doc in sorted(entry_paths)], \
            "entries are numbered in address order"
        known = searcher._vocabulary(lang)
        assert sorted(term for term in known.terms if term in known.in_entries) == \
            sorted(term for term, (df, _) in in_browser.items() if df)
        in_terminal = {}
        for term in known.terms:
            weights = ranking.term_weights(searcher.reader, field(WEIGHTS, lang), term)
            in_terminal[term] = (sum(1 for doc in weights if doc in entry_paths),
                                 {paths[doc]: weight for doc, weight in weights.items()})
        assert sorted(in_terminal) == sorted(in_browser)
        assert [term for term in in_terminal if in_terminal[term] != in_browser[term]] == []
    finally:
        searcher.close()


def node_terms(texts: list[str]) -> list[list[str]]:
    """The terms that the browser's engine, the very script the site ships (lunr's parts, its Russian stemmer and
    assets/kb-pipeline.js, run under Node as a page runs it), makes of each text."""
    node = shutil.which("node")
    assert node, "Node.js is needed (it builds the site's search index)"
    script = (
        "const vm = require('vm'); let input = ''; process.stdin.on('data', c => input += c);"
        "process.stdin.on('end', () => { const { engine, tokens, texts } = JSON.parse(input);"
        " const page = vm.createContext({}); vm.runInContext(engine, page);"
        " const pipeline = page.kbPipeline(tokens);"
        " process.stdout.write(JSON.stringify(texts.map(pipeline.terms))); });"
    )
    engine = browser_index.engine_script(REPO / "node_modules")
    result = subprocess.run(
        [node, "-e", script], input=json.dumps({"engine": engine, "tokens": policy().raw["tokens"], "texts": texts}),
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_python_and_the_browser_make_the_same_terms_of_every_text_of_the_atlas() -> None:
    """Every field of every entry in both languages (as both searches index them), every query of the shared and
    relevance sets, the glossary's forms and words on which stemmers often disagree."""
    entries = [item.entry for item in load_entries(REPO / "entries").entries]
    texts = [
        text
        for lang in LANGUAGES
        for entry in entries
        for text in entry_fields(Atlas(entries, lang, today=build_date(), glossary=load_glossary()), entry).values()
    ]
    texts += [q["q"] for q in load_queries(SHARED_QUERIES) + load_queries()]
    texts += [form for term in load_glossary() for form in term.en + term.ru] + TRICKY_WORDS.split()
    differ = [(text[:80], mine, theirs) for text, mine, theirs in zip(texts, map(analysis.terms, texts), node_terms(texts))
              if mine != theirs]
    assert differ == []


def test_the_forms_of_a_word_whose_stem_the_policy_mends_make_one_term_in_both_searches() -> None:
    """Snowball cuts «призыв» to "приз" (its "-ыв" read as a verb's ending) and «Казахстан» to "казахста", but
    «призыва» and «в Казахстане» to "призыв" and "казахстан": the policy's `stems` joins them, in Python and in
    the browser's pipeline alike, so a query in one form finds pages with another."""
    groups = [
        "призыв призыва призыву призывом призывы",
        "Казахстан Казахстана Казахстане Казахстану Казахстаном",
        "Кыргызстан Кыргызстана Кыргызстане",
        "Узбекистан Узбекистана Узбекистане",
        "Таджикистан Таджикистане",
        "Беларусь Беларуси",
        "Ереван Еревана Ереване",
        "Астана Астаны Астане",
        "россиянин россиянину россияне россиян россиянам",
        "беженец беженца беженцы беженцев",
        "иностранец иностранца иностранцы",
        "гражданин гражданина граждане граждан",
        "ребёнок ребёнка ребёнку",
        "отец отца отцу",
        "мать матери",
        "отсрочка отсрочки отсрочек",
        "повестка повестки повесток",
        "дезертир дезертиры дезертиров дезертирство дезертирства",
        "уклонение уклонения уклоняться уклоняюсь уклоняющихся уклонист уклонистов",
        "весна весной весенний весеннего",
        "служу служит служат служил служить",
    ]
    for made in (list(map(analysis.terms, groups)), node_terms(groups)):
        assert [len(set(terms)) for terms in made] == [1] * len(groups), made


def test_an_entry_is_indexed_without_the_lists_of_other_pages_on_it() -> None:
    """Its page lists related entries and more from its country; their titles are not its words (they made
    "дезертирство" a word of 61 of the 63 entries, 45 without them, so that it weighed almost nothing in either
    search)."""
    entries = [item.entry for item in load_entries(REPO / "entries").entries]
    atlas = Atlas(entries, "ru", today=build_date(), glossary=load_glossary())
    entry = next(e for e in entries if e.id == "ru-call-up")
    # The related entries of other countries: their titles are nowhere else on the page.
    listed = [atlas.text(other.title) for other in atlas.related[entry.id] if other.jurisdiction != entry.jurisdiction]
    assert listed
    page = atlas.entry_page(entry).markdown
    assert all(title in page for title in listed)  # the page shows them
    body = entry_fields(atlas, entry)["body"]
    assert not any(title in body for title in listed)  # the search does not count them
    assert atlas.text(entry.summary).split(":")[0] in body  # its own text is there


def test_the_page_text_is_rendered_with_the_sites_markdown_extensions() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    listed = config[config.index("markdown_extensions:") :].split("\n\n")[0]
    names = [line.strip()[2:].rstrip(":") for line in listed.splitlines()[1:] if line.startswith("  - ")]
    assert tuple(names) == EXTENSIONS


def test_query_words_match_by_the_policys_prefix_and_typo_rules() -> None:
    rules = policy()
    typos = rules.typos
    vocabulary = Vocabulary(["abcdefghij", "asylum", "defer", "desert", "deserteur", "desertin", "dublin", "servic"])
    assert vocabulary.matches("desert") == [("desert", 1.0), ("deserteur", rules.prefix_weight), ("desertin", rules.prefix_weight)]
    # A word that no entry has, as a term or a beginning: typos. "desertoin" is one edit from "desertin" and begins
    # as "desert" (its ending three letters longer); "defer" is too much shorter.
    assert dict(vocabulary.matches("desertoin")) == {"desertin": typos.weights[0], "desert": typos.ending_weights[0]}
    # One typo from four letters, two from seven (a swap of two letters is two); the first letter must be right.
    assert [typos.max_edits(n) for n in (3, 4, 6, 7, 12)] == [0, 1, 1, 2, 2]
    assert vocabulary.matches("asylym") == [("asylum", typos.weights[0])]
    assert vocabulary.matches("dublni") == [] and vocabulary.matches("esylum") == []
    assert vocabulary.matches("servise") == [("servic", typos.weights[1])]
    assert vocabulary.matches("ab") == [] and vocabulary.matches("abc") == [("abcdefghij", rules.prefix_weight)]
    assert edit_distance("servise", "servic", 2) == 2 and edit_distance("a", "abcd", 2) == 3


def test_an_unreadable_policy_names_the_place(tmp_path: Path) -> None:
    broken = tmp_path / "policy.json"
    broken.write_text('{"fields": {"title": 10,,}}', encoding="utf-8")
    with pytest.raises(PolicyError, match=r"policy\.json:1:25: "):
        policy(broken)
    wrong = json.loads((REPO / "kb_builder" / "search" / "policy.json").read_text(encoding="utf-8"))
    wrong["bm25"]["average_length"] = "median"
    (tmp_path / "wrong.json").write_text(json.dumps(wrong), encoding="utf-8")
    with pytest.raises(PolicyError, match="average_length"):
        policy(tmp_path / "wrong.json")


def test_the_terminal_index_numbers_entries_in_the_order_of_their_pages(atlas_site: Path) -> None:
    searcher = Searcher(atlas_site / "site" / "cli-index")
    try:
        for lang in LANGUAGES:
            documents = searcher._collection(lang).documents
            paths = [searcher.reader.stored_fields(int(d))["path"] for d in documents]
            assert paths == sorted(paths) and all(p.startswith(f"{lang}/") for p in paths)
    finally:
        searcher.close()


def test_the_engine_ships_lunrs_stemmers_without_its_index_and_says_when_lunr_is_not_the_expected_one(
        tmp_path: Path) -> None:
    engine = browser_index.engine_script(REPO / "node_modules")
    whole = (REPO / "node_modules" / "lunr" / "lunr.min.js").read_text(encoding="utf-8")
    assert "e.stemmer=function" in engine and "e.Index=function" in whole and "e.Index=function" not in engine
    assert len(engine) < len(whole)
    other = tmp_path / "node_modules"
    (other / "lunr").mkdir(parents=True)
    (other / "lunr" / "lunr.min.js").write_text("!function(){var e={};e.version='3.0'}();\n", encoding="utf-8")
    with pytest.raises(browser_index.SearchUnavailable) as caught:
        browser_index.engine_script(other)
    message = str(caught.value)
    assert message.startswith(f"{other / 'lunr' / 'lunr.min.js'}: ") and "npm ci" in message
