"""The search policy: how both searches, `kb search` and the in-browser search, turn text into terms and rank
pages. The values are in `policy.json` beside this module, read here for Python and handed as they are to the
browser inside the index (`browser_index.build_index`), so that the two searches rank alike.

What the keys of policy.json mean:

- `fields`: the text fields of a page and their boosts (title above summary above the labels of an entry's key
  facts, which name what people ask about, "Призывной возраст", above key facts with their values above the
  glossary's words above the page text). A situation guide's `questions`, what readers ask in their own words
  («Как получить статус беженца?»), weigh above titles: they are the words a frightened reader types, and a
  guide lists few of them. The `glossary` field holds both languages' words for each glossary
  term the page uses, repeated as often as the page uses the term, up to `glossary.repeat` times.
- `glossary`: besides that field, where a query's words hold a glossary term (any of its forms, in either
  language), each of those words also matches the term's forms in the page's language, at
  `glossary.weight`: a query in one language finds the pages about it written in the other.
- `bm25`: `k1` and `b` of BM25F, and `average_length`, how a field's average length is taken:
  over the `documents-with-field` (entries whose field is not empty) or over `all-documents`; a field that no
  entry has (a guide's `questions`), over the pages that have it.
  A term's weight in a page is the page's weight times the sum over the fields of
  boost * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average)), rounded to 1/`weight_scale`
  (the browser's index stores it so); its score is that weight times
  idf = ln(1 + (N - df + 0.5) / (df + 0.5)). N, df and the average lengths are counted over the entries,
  which both searches index, so an entry scores the same in both whatever else the site has.
- `listing_weight`: the page weight of pages that list other pages (jurisdiction, topic, sources pages),
  so that they rank below what they list; entries and guides weigh 1.
- `form_weight`: the page weight of a template of an application, which ranks below the entry that explains its
  rule (its title often repeats the entry's words).
- `case_weight`: the page weight of a court decision, which ranks below the entries and guides that say what
  the rule is and what to do: a decision's short title and facts often hold a query's everyday words ("призывной
  возраст" is in a Syrian conscript's case, "получил повестку" in every summoned applicant's), while a lawyer
  finds it first by its number, and by its party's name first or right after the entry that explains it.
- `home`: by language, the jurisdiction whose pages (entries and court decisions) weigh `weight` times as much
  in that language's search, and why: most people who search the atlas in Russian are Russian citizens, so
  where a Russian query fits a page on Russia about as well as one on another country («я уклоняюсь от
  призыва» fits Russia's penalties and Spain's asylum cases for evaders, «сознательный отказчик» Russia's
  alternative service and Ukraine's conscientious objection), Russia's comes first. It is kept
  small, so that a query naming another country («уклонение от призыва в Беларуси») still finds that country.
- `prefix`: a query word of at least `min_length` letters also matches the terms it begins, at `weight`,
  the first `max_terms` of them in sorted order.
- `typos`: a query word that no entry has, as a term or as the beginning of one, matches terms within
  k edits (Levenshtein) when it has at least `min_length[k-1]` letters, at `weights[k-1]`; with
  `same_first_letter`, only terms that begin with its first letter. `ending`: a term of at least
  `min_length` letters, and at most `max_cut` letters shorter than the word, that the word begins with,
  give or take an edit ("desertoin" begins as "desert"), matches at `weights[edits]`.
- `coordination`: a query word counts once per page, by its best match there (a match scores its terms'
  scores times how much it counts; a glossary match is a form's terms together). A page's score, the
  sum over the query's words, is multiplied by the share of the words it matches raised to this power,
  so that pages with more of the words rank higher. Pages of equal score are ordered by their address.
- `tokens`: text is split into runs of letters and digits, lower-cased, with the `fold` characters
  replaced; words shorter than `min_length` or in `stop_words` (both languages, already folded) are dropped;
  the rest are stemmed, with the Russian Snowball stemmer if they have Cyrillic letters and with lunr's
  Porter stemmer otherwise. `stems` replaces a stem the stemmer cuts too short in some forms of a word by
  the stem of its other forms: Snowball reads the "-ыв" of «призыв» as a verb's ending and cuts it to
  "приз" while «призыва», «призыву» stay "призыв", and cuts «Казахстан», «Казахстана» to "казахста" but
  «в Казахстане» to "казахстан", so that a query in one form did not find pages with the other.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

POLICY_FILE = Path(__file__).resolve().parent / "policy.json"
AVERAGE_LENGTHS = ("documents-with-field", "all-documents")


class PolicyError(Exception):
    """policy.json cannot be read; the message says where and why."""


class Typos(NamedTuple):
    min_length: tuple[int, ...]
    weights: tuple[float, ...]
    same_first_letter: bool
    ending_min_length: int
    ending_max_cut: int
    ending_weights: tuple[float, ...]

    def max_edits(self, length: int) -> int:
        """How many typos a word of `length` letters may have."""
        return sum(length >= least for least in self.min_length)


class Policy(NamedTuple):
    raw: dict
    fields: dict[str, float]
    k1: float
    b: float
    average_length: str
    weight_scale: int
    coordination: float
    listing_weight: float
    form_weight: float
    case_weight: float
    home: dict[str, tuple[str, float]]
    glossary_repeat: int
    glossary_weight: float
    prefix_min_length: int
    prefix_weight: float
    prefix_max_terms: int
    typos: Typos
    fold: dict[str, str]
    stems: dict[str, str]
    min_length: int
    stop_words: frozenset[str]

    def home_weight(self, lang: str, jurisdiction: str) -> float:
        """How much more a page on `jurisdiction` weighs in the search of `lang` (`home`), 1 for most."""
        home, weight = self.home.get(lang, ("", 1.0))
        return weight if jurisdiction == home else 1.0


@cache
def policy(path: Path = POLICY_FILE) -> Policy:
    """The policy in `path` (policy.json by default), read once."""
    text = path.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise PolicyError(f"{path}:{err.lineno}:{err.colno}: {err.msg}") from None
    try:
        bm25, prefix, typos, tokens = raw["bm25"], raw["prefix"], raw["typos"], raw["tokens"]
        found = Policy(
            raw=raw,
            fields={name: float(boost) for name, boost in raw["fields"].items()},
            k1=float(bm25["k1"]),
            b=float(bm25["b"]),
            average_length=bm25["average_length"],
            weight_scale=int(raw["weight_scale"]),
            coordination=float(raw["coordination"]),
            listing_weight=float(raw["listing_weight"]),
            form_weight=float(raw["form_weight"]),
            case_weight=float(raw["case_weight"]),
            home={lang: (str(rule["jurisdiction"]), float(rule["weight"])) for lang, rule in raw["home"].items()},
            glossary_repeat=int(raw["glossary"]["repeat"]),
            glossary_weight=float(raw["glossary"]["weight"]),
            prefix_min_length=int(prefix["min_length"]),
            prefix_weight=float(prefix["weight"]),
            prefix_max_terms=int(prefix["max_terms"]),
            typos=Typos(
                min_length=tuple(int(n) for n in typos["min_length"]),
                weights=tuple(float(w) for w in typos["weights"]),
                same_first_letter=bool(typos["same_first_letter"]),
                ending_min_length=int(typos["ending"]["min_length"]),
                ending_max_cut=int(typos["ending"]["max_cut"]),
                ending_weights=tuple(float(w) for w in typos["ending"]["weights"]),
            ),
            fold=dict(tokens["fold"]),
            stems=dict(tokens["stems"]),
            min_length=int(tokens["min_length"]),
            stop_words=frozenset(tokens["stop_words"]),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise PolicyError(f"{path}: missing or malformed value: {err}") from None
    if found.average_length not in AVERAGE_LENGTHS:
        raise PolicyError(f"{path}: bm25.average_length is {found.average_length!r} (expected one of {AVERAGE_LENGTHS})")
    if len(found.typos.weights) != len(found.typos.min_length):
        raise PolicyError(f"{path}: typos.weights needs one weight per typos.min_length")
    if "body" not in found.fields or "glossary" not in found.fields:
        raise PolicyError(f"{path}: fields must include 'glossary' and 'body'")
    return found
