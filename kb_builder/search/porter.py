"""The English stemmer of the in-browser search (lunr's Porter stemmer), for `kb search`.

A line-by-line port of `lunr.stemmer` (node_modules/lunr/lunr.js), with its regular expressions as they are,
so that a word reduces to the same term in the terminal and in the browser; the tests run both over every word
of the atlas. Other Python Porter stemmers differ from lunr's on words such as "days" or "added".
"""

from __future__ import annotations

import re

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate",
    "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive",
    "biliti": "ble", "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"  # consonant
_v = "[aeiouy]"  # vowel
_C = _c + "[^aeiouy]*"  # consonant sequence
_V = _v + "[aeiou]*"  # vowel sequence

_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)  # [C]VC... is m>0
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")  # [C]VC[V] is m=1
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)  # [C]VCVC... is m>1
_S_V = re.compile("^(" + _C + ")?" + _v)  # vowel in stem

_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A_2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B_2 = re.compile(r"^(.+?)(ed|ing)$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_1B_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile("^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile("^(.+?)(" + "|".join(_STEP3) + ")$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4_2 = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_LL = re.compile(r"ll$")
_5_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")


def stem(word: str) -> str:
    """The stem of a lower-case word, as lunr's stemmer gives it."""
    if len(word) < 3:
        return word
    first = word[0]
    if first == "y":
        word = "Y" + word[1:]

    if m := _1A.match(word):
        word = m.group(1) + m.group(2)
    elif m := _1A_2.match(word):
        word = m.group(1) + m.group(2)

    if m := _1B.match(word):
        if _MGR0.search(m.group(1)):
            word = word[:-1]
    elif m := _1B_2.match(word):
        if _S_V.search(m.group(1)):
            word = m.group(1)
            if _1B_AT.search(word):
                word += "e"
            elif _1B_DOUBLE.search(word):
                word = word[:-1]
            elif _1B_CVC.search(word):
                word += "e"

    if m := _1C.match(word):
        word = m.group(1) + "i"

    if (m := _2.match(word)) and _MGR0.search(m.group(1)):
        word = m.group(1) + _STEP2[m.group(2)]

    if (m := _3.match(word)) and _MGR0.search(m.group(1)):
        word = m.group(1) + _STEP3[m.group(2)]

    if m := _4.match(word):
        if _MGR1.search(m.group(1)):
            word = m.group(1)
    elif m := _4_2.match(word):
        if _MGR1.search(m.group(1) + m.group(2)):
            word = m.group(1) + m.group(2)

    if m := _5.match(word):
        base = m.group(1)
        if _MGR1.search(base) or (_MEQ1.search(base) and not _5_CVC.search(base)):
            word = base

    if _5_LL.search(word) and _MGR1.search(word):
        word = word[:-1]

    if first == "y":
        word = "y" + word[1:]
    return word
