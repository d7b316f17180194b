"""The parts of whoosh the command-line search uses, imported without two modules whoosh imports and never uses.

Whatever one imports of whoosh-reloaded 2.7, its `compat` module imports `urllib.request` (for `urlretrieve`, which
nothing in whoosh calls) and its `reading` module imports the `cached_property` package, which imports `asyncio`
(used only when a cached property is a coroutine, and none of whoosh's is). Loading ssl, http, email, sockets and
the event loop for nothing was about a quarter of a `kb search` command's start-up. So while whoosh is first
imported here, `urllib.request` is a stand-in whose `urlretrieve` imports the real one when called, and
`cached_property` is the standard library's `functools.cached_property` (the same behaviour for a plain method).
Both stand-ins leave `sys.modules` once whoosh is loaded, so any other code in the process imports the real
modules. In a process that has already imported them (a build), whoosh is imported as it is.

Every other module of kb_builder takes whoosh's names from here.
"""

from __future__ import annotations

import functools
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager


def _urlretrieve(*args: object, **kwargs: object) -> object:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


@contextmanager
def _stand_ins() -> Iterator[None]:
    """`urllib.request` and `cached_property` stood in for while whoosh is imported, unless already imported."""
    placed = []
    for name, attributes in (
        ("urllib.request", {"urlretrieve": _urlretrieve}),
        ("cached_property", {"cached_property": functools.cached_property}),
    ):
        if name not in sys.modules:
            stand_in = types.ModuleType(name, "Stands in while whoosh is imported (kb_builder.search.engine).")
            stand_in.__dict__.update(attributes)
            sys.modules[name] = stand_in
            placed.append((name, stand_in))
    try:
        yield
    finally:
        for name, stand_in in placed:
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


with _stand_ins():
    from whoosh import highlight
    from whoosh import index
    from whoosh.analysis import Filter, RegexTokenizer, Token, Tokenizer
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.fields import ID, STORED, TEXT, Schema
    from whoosh.reading import IndexReader, SegmentReader, TermNotFound

__all__ = [
    "ID", "STORED", "TEXT", "Filter", "IndexReader", "RegexTokenizer", "Schema", "SegmentReader", "TermNotFound",
    "Token", "Tokenizer", "W3Codec", "highlight", "index",
]
