"""Jurisdiction codes and their names, from pycountry (codes) and babel (localised names)."""

from __future__ import annotations

from functools import lru_cache

import pycountry
from babel import Locale

#: Codes that are not ISO 3166-1 countries but are jurisdictions of the atlas.
#: XK (Kosovo) is the user-assigned code in common use, as in the factbook data.
SUPRANATIONAL: tuple[str, ...] = ("EU", "INT")
USER_ASSIGNED: tuple[str, ...] = ("XK",)

JURISDICTION_CODES: frozenset[str] = frozenset(
    [country.alpha_2 for country in pycountry.countries] + list(SUPRANATIONAL) + list(USER_ASSIGNED)
)

# babel has no territory for international law; "001" is its code for "World".
_BABEL_TERRITORY = {"INT": "001"}
_INT_NAMES = {"en": "International law", "ru": "Международное право"}


@lru_cache(maxsize=None)
def jurisdiction_name(code: str, lang: str) -> str:
    """The name of a jurisdiction in a language, such as 'Russia' / 'Россия'."""
    if code == "INT":
        return _INT_NAMES.get(lang, _INT_NAMES["en"])
    name = Locale.parse(lang).territories.get(_BABEL_TERRITORY.get(code, code))
    if name:
        return name
    country = pycountry.countries.get(alpha_2=code)
    return country.name if country else code


def jurisdiction_slug(code: str) -> str:
    """The folder name of a jurisdiction, for entry files and for site paths."""
    return code.lower()


def sort_key(code: str, lang: str) -> tuple[int, str]:
    """Supranational jurisdictions first, then countries by their localised name."""
    return (0 if code in SUPRANATIONAL else 1, jurisdiction_name(code, lang))
